//! Golden image of a small desktop: wallpaper, top bar, windows with chrome, cursors.

mod common;

use gfx::desktop::{
    draw_cursor, draw_pie_menu, draw_resize_grip, draw_top_bar, draw_wallpaper, draw_window,
    pie_hit, CursorKind, DesktopTheme, NetIndicator, PieSize, TopBarInfo, WindowLook,
};
use gfx::text::{draw_grid, Cell};
use gfx::uitk::{Id, Input, Memory, Stylesheet, Ui};
use gfx::{Bitmap, Color, Font, Point, Rect};

#[test]
fn desktop_with_windows() {
    let theme = DesktopTheme::DEFAULT;
    let mut bmp = Bitmap::new(800, 500, Color::BLACK);
    let mut s = bmp.surface();
    let screen = s.bounds();
    draw_wallpaper(&mut s, screen, &theme);
    let info = TopBarInfo {
        clock: "14:05:09",
        fps: 59.9,
        net: NetIndicator {
            up: true,
            label: "10.0.2.15",
            rx_per_s: 12_800,
            tx_per_s: 640,
        },
        mem_used: 96 * 1024 * 1024,
        mem_total: 512 * 1024 * 1024,
        focused: "Terminal",
        launcher_hovered: true,
    };
    let bar = draw_top_bar(&mut s, &info, &theme);
    assert!(bar.launcher.contains(Point::new(20, 14)));

    // A window partly off the right edge, unfocused, with a UI inside.
    let f = draw_window(
        &mut s,
        Rect::new(520, 80, 330, 220),
        "Settings",
        WindowLook::default(),
        &theme,
    );
    let sheet = Stylesheet::light();
    {
        let mut content = s.sub(f.content);
        let area = content.bounds();
        content.fill_rect(area, sheet.palette.window);
        let input = Input::default();
        let mut memory = Memory::default();
        let mut ui = Ui::new(&mut content, &input, &mut memory, &sheet);
        ui.label(Rect::new(10, 10, 200, 20), "Resolution: 1920x1080");
        ui.button(Rect::new(10, 40, 100, 30), Id::from("apply"), "Apply");
        ui.progress(Rect::new(10, 80, 200, 16), 0.6, None);
        ui.finish();
    }

    // The focused terminal window, close button hovered.
    let look = WindowLook {
        focused: true,
        close_hovered: true,
    };
    let f = draw_window(
        &mut s,
        Rect::new(60, 70, 480, 300),
        "Terminal",
        look,
        &theme,
    );
    {
        let mut content = s.sub(f.content);
        let area = content.bounds();
        content.fill_rect(area, Color::rgb(16, 18, 24));
        let font = Font::mono(14);
        let lines = [
            "$ uname -a",
            "unikernel 0.1 x86_64 UEFI",
            "$ ls /apps",
            "browser  clock  cube  editor  terminal",
            "$ _",
        ];
        let cols = 48;
        let mut cells = Vec::new();
        for line in lines {
            let mut chars: Vec<char> = line.chars().collect();
            chars.resize(cols, ' ');
            for ch in chars {
                cells.push(Cell::new(ch, Color::rgb(190, 230, 190), Color::TRANSPARENT));
            }
        }
        draw_grid(&mut content, &font, 8, 6, cols, &cells);
    }
    draw_resize_grip(&mut s, &f, &theme);

    let pie = PieSize {
        inner: 30.0,
        outer: 90.0,
    };
    let center = Point::new(660, 395);
    let labels = ["Browser", "Editor", "Terminal", "Clock", "Cube"];
    let hovered = pie_hit(center, Point::new(740, 370), labels.len(), pie);
    assert_eq!(hovered, Some(1));
    draw_pie_menu(&mut s, center, &labels, hovered, pie, &theme);
    draw_cursor(&mut s, CursorKind::Arrow, 530, 78);
    draw_cursor(&mut s, CursorKind::Text, 300, 420);
    draw_cursor(&mut s, CursorKind::Resize, 380, 420);
    draw_cursor(&mut s, CursorKind::Hand, 440, 420);
    draw_cursor(&mut s, CursorKind::Arrow, 795, 495); // clipped at the corner
    common::check("desktop", &bmp);
}
