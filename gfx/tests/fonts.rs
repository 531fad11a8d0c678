//! Golden images of text: a pangram in every face and size, in several scripts.

mod common;

use gfx::{Bitmap, Color, Font};

const PANGRAMS: &[&str] = &[
    "The quick brown fox jumps over the lazy dog 0123456789",
    "Zwölf Boxkämpfer jagen Viktor quer über den großen Sylter Deich.",
    "Żółć gęślą jaźń · Příliš žluťoučký kůň úpěl ďábelské ódy",
    "Ξεσκεπάζω την ψυχοφθόρα βδελυγμία · Съешь же ещё этих мягких французских булок",
    "Arrows ← ↑ → ↓ ⇐ ⇒  punctuation “quotes” – — … ‰ €  box ┌─┬─┐ │ ├─┼─┤ └─┴─┘ █▓▒░",
];

fn faces() -> Vec<(&'static str, Font<'static>)> {
    vec![
        ("sans12", Font::sans(12)),
        ("sans14", Font::sans(14)),
        ("sans16", Font::sans(16)),
        ("sans20", Font::sans(20)),
        ("sans24", Font::sans(24)),
        ("bold16", Font::bold(16)),
        ("mono14", Font::mono(14)),
        ("mono16", Font::mono(16)),
    ]
}

#[test]
fn pangrams_in_every_face() {
    for (name, font) in faces() {
        let lh = font.line_height();
        let height = lh * PANGRAMS.len() as i32 + 8;
        let mut bmp = Bitmap::new(1000, height as u32, Color::WHITE);
        let mut s = bmp.surface();
        for (i, line) in PANGRAMS.iter().enumerate() {
            font.draw_text(&mut s, 4, 4 + i as i32 * lh, line, Color::rgb(20, 20, 30));
        }
        common::check(&format!("font_{name}"), &bmp);
    }
}

#[test]
fn light_on_dark_and_missing_glyphs() {
    let font = Font::sans(16);
    let mut bmp = Bitmap::new(420, 50, Color::rgb(30, 34, 44));
    let mut s = bmp.surface();
    font.draw_text(
        &mut s,
        4,
        4,
        "Missing: 中文 😀 end",
        Color::rgb(230, 230, 240),
    );
    font.draw_text(
        &mut s,
        4,
        26,
        "Half-transparent text",
        Color::rgba(255, 200, 0, 128),
    );
    common::check("font_dark_missing", &bmp);
}

#[test]
fn text_clipped_at_surface_edges() {
    let font = Font::sans(20);
    let mut bmp = Bitmap::new(120, 40, Color::WHITE);
    let mut s = bmp.surface();
    font.draw_text(&mut s, -7, -6, "Clipped text here", Color::BLACK);
    font.draw_text(&mut s, 60, 25, "Edge", Color::BLUE);
    let mut sub = s.sub(gfx::Rect::new(10, 18, 40, 10));
    font.draw_text(&mut sub, 0, -4, "Subview", Color::RED);
    common::check("font_clipped", &bmp);
}
