//! Golden images of text layout: wrapping, alignment, tabs, line height, selection, the
//! monospace grid and clipping.

mod common;

use gfx::text::{draw_block, draw_grid, draw_mono, Align, Cell, TextStyle};
use gfx::{Bitmap, Color, Font, Rect};

const PARAGRAPH: &str = "Immediate-mode toolkits redraw everything each frame, \
which keeps their state small and their code short.\nTabs:\tone\ttwo\tthree";

#[test]
fn paragraphs_aligned_wrapped_and_selected() {
    let mut bmp = Bitmap::new(600, 200, Color::WHITE);
    let mut s = bmp.surface();
    let aligns = [Align::Left, Align::Center, Align::Right];
    for (i, align) in aligns.into_iter().enumerate() {
        let rect = Rect::new(5 + i as i32 * 198, 5, 190, 190);
        s.stroke_rect(rect, 1, Color::rgb(200, 200, 210));
        let mut style = TextStyle::new(Font::sans(14), Color::rgb(30, 30, 30));
        style.align = align;
        if i == 1 {
            style.line_height = Some(24);
        }
        let selection = if i == 0 { Some(10..60) } else { None };
        draw_block(&mut s, rect.inset(4), PARAGRAPH, &style, selection);
    }
    common::check("text_paragraphs", &bmp);
}

#[test]
fn mono_grid_and_clipped_block() {
    let font = Font::mono(16);
    let mut bmp = Bitmap::new(360, 140, Color::rgb(16, 18, 24));
    let mut s = bmp.surface();
    let fg = Color::rgb(200, 210, 200);
    draw_mono(&mut s, &font, 4, 2, "$ ls -l │ grep ┼ ░▒▓█", fg);
    let mut cells = Vec::new();
    for (i, ch) in "┌──────┐│ cell │└──────┘".chars().enumerate()
    {
        let bg = if i % 8 == 3 {
            Color::rgb(60, 60, 140)
        } else {
            Color::TRANSPARENT
        };
        cells.push(Cell::new(ch, Color::rgb(120, 220, 120), bg));
    }
    draw_grid(&mut s, &font, 4, 24, 8, &cells);
    let style = TextStyle::new(Font::sans(16), Color::rgb(250, 220, 120));
    // A block bigger than its rectangle: clipped on the right and at the bottom.
    draw_block(
        &mut s,
        Rect::new(150, 30, 120, 60),
        PARAGRAPH,
        &style,
        Some(0..200),
    );
    common::check("text_grid_clip", &bmp);
}
