//! Painting: a laid-out [`Page`] to pixels.
//!
//! The display list is drawn in order onto a white page. Every primitive used here decides
//! each pixel from the item's position alone, never from what else was drawn in the same
//! call, so painting any clip rectangle gives exactly the pixels a full paint gives there:
//! the app can paint tiles separately (gfx::uitk::tiles) and cache them.
//!
//! Text effects the embedded faces lack are drawn here: underline and line-through are
//! one-pixel lines (CSS Text Decoration §2), and italic is a synthetic oblique: each glyph
//! is drawn into a small coverage mask, then copied row by row, each row shifted right by a
//! fifth of its height above the baseline (a shear of about 11°, like a browser's fallback
//! oblique).

use crate::layout::{Item, Page, TextRun};
use crate::style::PAGE_COLOR;
use gfx::{Bitmap, Color, Font, Rect, Surface};

/// Draws the part of the page whose top-left is (`scroll_x`, `scroll_y`) into `surface`,
/// limited to `clip` (surface coordinates). Exact for any clip, so tiles painted separately
/// equal one full paint.
pub fn paint(page: &Page, surface: &mut Surface, scroll_x: i32, scroll_y: i32, clip: Rect) {
    let mut s = surface.reborrow();
    s.clip_to(clip);
    let clip = s.clip_rect();
    if clip.is_empty() {
        return;
    }
    s.fill_rect(clip, PAGE_COLOR);
    // The part of the page that shows, in page coordinates.
    let visible = clip.offset(scroll_x, scroll_y);
    for item in page.items() {
        if !item.bounds().intersects(&visible) {
            continue;
        }
        match item {
            Item::Fill { rect, color } => s.fill_rect(rect.offset(-scroll_x, -scroll_y), *color),
            Item::Frame { rect, color } => {
                s.stroke_rect(rect.offset(-scroll_x, -scroll_y), 1, *color)
            }
            Item::Text(run) => text(&mut s, run, scroll_x, scroll_y),
        }
    }
}

/// One run of text with its decorations.
fn text(s: &mut Surface, run: &TextRun, scroll_x: i32, scroll_y: i32) {
    let font = run.style.font();
    let (x, y) = (run.x - scroll_x, run.y - scroll_y);
    let color = run.style.color;
    if run.style.italic {
        oblique(s, &font, x, y, &run.text, color);
    } else {
        font.draw_text(s, x, y, &run.text, color);
    }
    let baseline = y + font.ascent();
    if run.style.underline {
        let below = (font.descent() / 2).max(1);
        s.fill_rect(Rect::new(x, baseline + below, run.width, 1), color);
    }
    if run.style.strike {
        s.fill_rect(
            Rect::new(x, baseline - font.ascent() / 3, run.width, 1),
            color,
        );
    }
}

/// Draws `text` leaning right: a synthetic oblique.
fn oblique(s: &mut Surface, font: &Font, x: i32, y: i32, text: &str, color: Color) {
    let ascent = font.ascent();
    let height = font.line_height().max(1);
    for p in font.pens(text) {
        if p.ch == ' ' || (p.ch as u32) < 0x20 {
            continue;
        }
        // Draw the glyph white on black into a mask as tall as the line; the red channel
        // is then its coverage.
        let cell_w = (font.advance64(p.ch).div_ceil(64) as i32 + font.px() as i32).max(1);
        let pad = font.px() as i32 / 2;
        let mut mask = Bitmap::new(cell_w as u32 + pad as u32, height as u32, Color::BLACK);
        font.draw_char(&mut mask.surface(), pad, ascent, p.ch, Color::WHITE);
        let coverage: Vec<u8> = mask.pixels.iter().map(|px| (px >> 16) as u8).collect();
        let row_w = mask.width as usize;
        for (row, line) in coverage.chunks(row_w.max(1)).enumerate() {
            if line.iter().all(|&c| c == 0) {
                continue;
            }
            let shift = (ascent - row as i32).div_euclid(5);
            let gx = x + p.x() - pad + shift;
            s.draw_mask(line, row_w as u32, 1, gx, y + row as i32, color);
        }
    }
}
