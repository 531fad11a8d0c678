//! Desktop icons: one per app in the catalogue, in a column on the left; a click opens the
//! app.

use alloc::string::String;
use alloc::vec::Vec;
use gfx::{Color, Font, Rect, Surface};

/// Size of an icon's clickable tile.
const TILE: (i32, i32) = (96, 92);
const TOP: i32 = 52;
const LEFT: i32 = 16;

/// An icon on the desktop.
pub struct Icon {
    pub app: String,
    pub rect: Rect,
}

/// Places icons for `names` in a column (wrapping to the next column when the screen is
/// short is not needed for a handful of apps).
pub fn layout(names: &[String]) -> Vec<Icon> {
    names
        .iter()
        .enumerate()
        .map(|(i, name)| Icon {
            app: name.clone(),
            rect: Rect::new(LEFT, TOP + i as i32 * (TILE.1 + 8), TILE.0, TILE.1),
        })
        .collect()
}

/// A colour per app, from its name, so each icon looks different.
fn accent(name: &str) -> Color {
    let hash = name
        .bytes()
        .fold(2166136261u32, |h, b| (h ^ b as u32).wrapping_mul(16777619));
    const PALETTE: [Color; 6] = [
        Color::rgb(0x4f, 0x9d, 0xf0),
        Color::rgb(0xf0, 0x8a, 0x4f),
        Color::rgb(0x5c, 0xc9, 0x8b),
        Color::rgb(0xc0, 0x6c, 0xe8),
        Color::rgb(0xe8, 0xc1, 0x4f),
        Color::rgb(0xe8, 0x5c, 0x7a),
    ];
    PALETTE[(hash % PALETTE.len() as u32) as usize]
}

/// Draws one icon: a coloured rounded square with the app's initial, and its name.
pub fn draw(surface: &mut Surface, icon: &Icon) {
    let r = icon.rect;
    let square = Rect::new(r.x + (r.w - 56) / 2, r.y + 4, 56, 56);
    surface.fill_rounded_rect(square.inset(-2).offset(0, 2), 14, Color::rgba(0, 0, 0, 70));
    surface.fill_rounded_rect(square, 12, accent(&icon.app));
    surface.fill_rounded_rect(
        Rect::new(square.x, square.y, square.w, square.h / 2),
        12,
        Color::rgba(255, 255, 255, 36),
    );
    let initial: String = icon
        .app
        .chars()
        .next()
        .map(|c| c.to_uppercase().collect())
        .unwrap_or_default();
    let big = Font::sans(24);
    let x = square.x + (square.w - big.measure(&initial)) / 2;
    let y = square.y + (square.h - big.line_height()) / 2;
    big.draw_text(surface, x, y, &initial, Color::WHITE);
    let label = Font::sans(14);
    let width = label.measure(&icon.app);
    let lx = r.x + (r.w - width) / 2;
    let ly = square.bottom() + 6;
    label.draw_text(
        surface,
        lx + 1,
        ly + 1,
        &icon.app,
        Color::rgba(0, 0, 0, 160),
    );
    label.draw_text(surface, lx, ly, &icon.app, Color::rgb(0xf0, 0xf2, 0xf8));
}
