//! Hostile inputs: absurd coordinates, damaged font files. Nothing may panic or hang.

use gfx::text::{draw_block, TextStyle};
use gfx::{Bitmap, Color, Font, Rect, Vertex};

const EXTREMES: [i32; 7] = [
    i32::MIN,
    i32::MIN / 2,
    -100_000,
    0,
    100_000,
    i32::MAX / 2,
    i32::MAX,
];

#[test]
fn absurd_coordinates_are_clipped_away() {
    let mut bmp = Bitmap::new(32, 32, Color::BLACK);
    let font = Font::sans(14);
    let mut s = bmp.surface();
    for &x in &EXTREMES {
        for &y in &EXTREMES {
            for &w in &[i32::MIN, -1, 0, 5, i32::MAX] {
                let r = Rect::new(x, y, w, w);
                s.fill_rect(r, Color::WHITE);
                s.blend_rect(r, Color::rgba(1, 2, 3, 4));
                s.stroke_rect(r, 3, Color::RED);
                s.fill_rounded_rect(r, 8, Color::RED);
                s.stroke_rounded_rect(r, 8, 2, Color::RED);
                let mut sub = s.sub(r);
                sub.fill_rect(Rect::new(0, 0, 10, 10), Color::GREEN);
                sub.fill_rect(Rect::new(x, y, w, w), Color::GREEN);
                font.draw_text(&mut sub, x, y, "clip", Color::WHITE);
            }
            font.draw_text(&mut s, x, y, "Hello", Color::WHITE);
            let tile = Bitmap::new(4, 4, Color::BLUE);
            s.blit(&tile.view(), x, y);
            s.blit_alpha(&tile.view(), x, y);
            s.blit_scaled(&tile.view(), Rect::new(x, y, 1000, 1000));
            s.set_pixel(x, y, Color::WHITE);
            s.blend_pixel(x, y, Color::WHITE, 128);
            let style = TextStyle::new(font, Color::WHITE);
            draw_block(
                &mut s,
                Rect::new(x, y, 100, 100),
                "wrapped text here",
                &style,
                Some(0..4),
            );
            let (fx, fy) = (x as f32, y as f32);
            s.draw_line(fx, fy, -fx, -fy, Color::WHITE);
            s.fill_circle(fx, fy, 10.0, Color::WHITE);
            s.fill_triangle([
                Vertex::new(fx, fy, Color::RED),
                Vertex::new(-fx, fy, Color::GREEN),
                Vertex::new(0.0, -fy, Color::BLUE),
            ]);
        }
    }
}

#[test]
fn damaged_font_files_never_panic() {
    // Flip bytes of a real font file with a simple generator and draw with whatever parses.
    let original = include_bytes!("../../fonts/sans-12.gfxfont");
    let mut bmp = Bitmap::new(200, 40, Color::BLACK);
    let mut state: u64 = 0x1234_5678;
    let mut parsed = 0;
    for round in 0..200 {
        let mut bytes = original.to_vec();
        for _ in 0..(1 + round % 50) {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let at = (state >> 33) as usize % bytes.len().min(20_000);
            bytes[at] = (state >> 20) as u8;
        }
        if round % 7 == 0 {
            bytes.truncate((state >> 40) as usize % bytes.len());
        }
        if let Ok(font) = Font::parse(&bytes) {
            parsed += 1;
            font.draw_text(&mut bmp.surface(), 0, 0, "Any text: Ωж→┼ ok", Color::WHITE);
            let _ = font.measure("measure me");
        }
    }
    assert!(parsed > 0);
}

#[test]
fn widgets_and_chrome_survive_absurd_rectangles() {
    use gfx::desktop::{
        draw_top_bar, draw_window, DesktopTheme, NetIndicator, TopBarInfo, WindowLook,
    };
    use gfx::uitk::{GraphKind, Id, Input, Memory, ScrollView, Stylesheet, TextBox, TileCache, Ui};
    let sheet = Stylesheet::light();
    let theme = DesktopTheme::DEFAULT;
    let mut bmp = Bitmap::new(64, 64, Color::BLACK);
    let mut s = bmp.surface();
    let sizes = [i32::MIN, -1, 0, 3, 100, i32::MAX];
    for &x in &EXTREMES {
        for &w in &sizes {
            let r = Rect::new(x, x, w, w);
            let input = Input {
                wheel: 3,
                text: "abc".into(),
                ..Input::click(gfx::Point::new(x, x))
            };
            let mut memory = Memory::default();
            let mut tb = TextBox::new(Id::from("t"), "text", true);
            let mut sv = ScrollView::new(Id::from("s"));
            let mut cache = TileCache::new(32, 4, Color::WHITE);
            let mut ui = Ui::new(&mut s, &input, &mut memory, &sheet);
            ui.button(r, Id::from("b"), "Button");
            ui.label(r, "label");
            ui.text_box(r, &mut tb);
            ui.progress(r, f32::NAN, Some("x"));
            ui.progress(r, 2.0, Some("x"));
            ui.graph(
                r,
                &[1.0, f32::INFINITY, -3.0, f32::NAN],
                GraphKind::Line,
                None,
                Some("g"),
            );
            ui.graph(r, &[1.0, 2.0], GraphKind::Bars, Some(f32::NAN), None);
            ui.tooltip(r, Id::from("tip"), "tip");
            ui.tooltip_now("tip");
            ui.section(r, "section");
            ui.scroll_area(r, &mut sv, (w, w), |c, v| c.fill_rect(v, Color::RED));
            ui.tiled_scroll_area(
                r,
                &mut sv,
                &mut cache,
                (w.clamp(0, 4096), 300),
                |_| 1,
                |c, t| c.fill_rect(t, Color::RED),
            );
            ui.finish();
            draw_window(&mut s, r, "title", WindowLook::default(), &theme);
        }
    }
    let info = TopBarInfo {
        clock: "",
        fps: f32::NAN,
        net: NetIndicator {
            up: false,
            label: "",
            rx_per_s: u64::MAX,
            tx_per_s: 0,
        },
        mem_used: u64::MAX,
        mem_total: 0,
        focused: "",
        launcher_hovered: false,
    };
    draw_top_bar(&mut s, &info, &theme);
}
