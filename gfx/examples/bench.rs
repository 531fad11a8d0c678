//! Host benchmarks for gfx: glyph throughput, fill rates, and composing a full desktop.
//!
//! Run with `cargo run --release -p gfx --example bench`. Each figure is the best of a few
//! timed rounds, so a busy machine disturbs it less.

use gfx::desktop::{
    draw_cursor, draw_resize_grip, draw_top_bar, draw_wallpaper, draw_window, CursorKind,
    DesktopTheme, NetIndicator, TopBarInfo, WindowLook,
};
use gfx::text::{draw_block, draw_grid, Cell, TextStyle};
use gfx::uitk::{GraphKind, Id, Input, Memory, Stylesheet, Ui};
use gfx::{Bitmap, Color, Font, Point, Rect, Surface, Vertex};
use std::time::Instant;

const W: u32 = 1920;
const H: u32 = 1080;

/// Runs `f` `rounds` times and returns the fastest time in seconds.
fn best_of(rounds: usize, mut f: impl FnMut()) -> f64 {
    (0..rounds)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}

fn glyphs(bmp: &mut Bitmap) {
    let text =
        "The quick brown fox jumps over the lazy dog. Съешь же ещё этих мягких булок 0123456789";
    let count = text.chars().count() * 60;
    for (name, font) in [
        ("sans 14", Font::sans(14)),
        ("sans 24", Font::sans(24)),
        ("mono 16", Font::mono(16)),
    ] {
        let secs = best_of(5, || {
            let mut s = bmp.surface();
            for line in 0..60 {
                font.draw_text(&mut s, 0, line * 17 % 1000, text, Color::BLACK);
            }
        });
        println!("glyphs {name}: {:.2} M glyphs/s", count as f64 / secs / 1e6);
    }
}

fn fills(bmp: &mut Bitmap) {
    let pixels = (W * H) as f64;
    let full = Rect::new(0, 0, W as i32, H as i32);
    let secs = best_of(10, || bmp.surface().fill_rect(full, Color::rgb(10, 20, 30)));
    println!("fill opaque: {:.0} Mpixel/s", pixels / secs / 1e6);
    let secs = best_of(10, || {
        bmp.surface().fill_rect(full, Color::rgba(10, 20, 30, 100))
    });
    println!("fill blended: {:.0} Mpixel/s", pixels / secs / 1e6);
    let secs = best_of(5, || {
        bmp.surface()
            .fill_rounded_rect(full, 40, Color::rgb(200, 20, 30))
    });
    println!("rounded rect: {:.0} Mpixel/s", pixels / secs / 1e6);
    let src = Bitmap::new(W, H, Color::rgba(200, 100, 0, 128));
    let secs = best_of(10, || bmp.surface().blit(&src.view(), 0, 0));
    println!("blit copy: {:.0} Mpixel/s", pixels / secs / 1e6);
    let secs = best_of(10, || bmp.surface().blit_alpha(&src.view(), 0, 0));
    println!("blit alpha: {:.0} Mpixel/s", pixels / secs / 1e6);
    let (a, b, c) = (Color::RED, Color::GREEN, Color::BLUE);
    let tri = [
        Vertex::new(0.0, 0.0, a),
        Vertex::new(W as f32, 0.0, b),
        Vertex::new(0.0, H as f32 * 2.0, c),
    ];
    let secs = best_of(5, || bmp.surface().fill_triangle(tri));
    println!(
        "triangle (gouraud): {:.0} Mpixel/s",
        pixels / 2.0 / secs / 1e6 * 2.0
    );
    let flat = [
        Vertex::new(0.0, 0.0, a),
        Vertex::new(W as f32, 0.0, a),
        Vertex::new(0.0, H as f32 * 2.0, a),
    ];
    let secs = best_of(5, || bmp.surface().fill_triangle(flat));
    println!("triangle (flat): {:.0} Mpixel/s", pixels / secs / 1e6);
}

/// Draws one window with some content, as the desktop would.
fn window(s: &mut Surface, i: usize, theme: &DesktopTheme, sheet: &Stylesheet) {
    let outer = Rect::new(80 + i as i32 * 300, 90 + i as i32 * 140, 760, 520);
    let look = WindowLook {
        focused: i == 4,
        close_hovered: false,
    };
    let f = draw_window(s, outer, &format!("Window {i}"), look, theme);
    {
        let mut content = s.sub(f.content);
        let area = content.bounds();
        content.fill_rect(area, sheet.palette.window);
        if i.is_multiple_of(2) {
            let font = Font::mono(14);
            let cols = 80;
            let cells: Vec<Cell> = (0..cols * 28)
                .map(|k| {
                    Cell::new(
                        char::from(b'!' + (k % 90) as u8),
                        Color::rgb(200, 220, 200),
                        Color::TRANSPARENT,
                    )
                })
                .collect();
            content.fill_rect(area, Color::rgb(16, 18, 24));
            draw_grid(&mut content, &font, 6, 4, cols, &cells);
        } else {
            let input = Input::at(Point::new(-1, -1));
            let mut memory = Memory::default();
            let mut ui = Ui::new(&mut content, &input, &mut memory, sheet);
            for b in 0..4 {
                ui.button(
                    Rect::new(10 + b * 110, 10, 100, 30),
                    Id::from("b").child(b as u64),
                    "Button",
                );
            }
            let values: Vec<f32> = (0..60).map(|v| (v * 7 % 13) as f32).collect();
            ui.graph(
                Rect::new(10, 50, 360, 150),
                &values,
                GraphKind::Line,
                None,
                Some("frame ms"),
            );
            ui.graph(
                Rect::new(380, 50, 360, 150),
                &values,
                GraphKind::Bars,
                None,
                Some("fps"),
            );
            ui.progress(Rect::new(10, 210, 730, 18), 0.7, Some("70%"));
            ui.finish();
            let style = TextStyle::new(Font::sans(14), sheet.palette.text);
            let text = "Immediate-mode toolkits redraw everything each frame. ".repeat(12);
            draw_block(
                &mut content,
                Rect::new(10, 240, 730, 240),
                &text,
                &style,
                Some(20..80),
            );
        }
    }
    draw_resize_grip(s, &f, theme);
}

/// Composes the desktop; saves a PPM screenshot to `screenshot` when given.
fn desktop(bmp: &mut Bitmap, screenshot: Option<String>) {
    let theme = DesktopTheme::DEFAULT;
    let sheet = Stylesheet::light();
    let info = TopBarInfo {
        clock: "14:05:09",
        fps: 60.0,
        net: NetIndicator {
            up: true,
            label: "10.0.2.15",
            rx_per_s: 1000,
            tx_per_s: 100,
        },
        mem_used: 100 << 20,
        mem_total: 512 << 20,
        focused: "Window 4",
        launcher_hovered: false,
    };
    let secs = best_of(10, || {
        let mut s = bmp.surface();
        let screen = s.bounds();
        draw_wallpaper(&mut s, screen, &theme);
        draw_top_bar(&mut s, &info, &theme);
        for i in 0..5 {
            window(&mut s, i, &theme, &sheet);
        }
        draw_cursor(&mut s, CursorKind::Arrow, 900, 500);
    });
    println!(
        "desktop 1920x1080, 5 windows: {:.2} ms per frame",
        secs * 1e3
    );
    if let Some(path) = screenshot {
        let bytes: Vec<u8> = bmp
            .pixels
            .iter()
            .flat_map(|&p| {
                let c = Color(p);
                [c.r(), c.g(), c.b()]
            })
            .collect();
        let mut out = format!("P6\n{W} {H}\n255\n").into_bytes();
        out.extend_from_slice(&bytes);
        std::fs::write(&path, out).expect("write screenshot");
        println!("wrote {path}");
    }
}

fn main() {
    let mut bmp = Bitmap::new(W, H, Color::WHITE);
    // `bench desktop` composes the desktop only, for profiling.
    if std::env::args().nth(1).as_deref() == Some("desktop") {
        for _ in 0..20 {
            desktop(&mut bmp, None);
        }
        return;
    }
    glyphs(&mut bmp);
    fills(&mut bmp);
    desktop(&mut bmp, std::env::args().nth(1));
}
