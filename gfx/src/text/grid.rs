//! The monospace path: text on a grid of equal cells, for the terminal and the editor.
//!
//! Every character takes exactly one cell `font.cell_width()` wide and `font.line_height()`
//! tall, whatever its glyph's own advance, so columns line up and a screen of text can be
//! addressed by (column, row). Each [`Cell`] carries its own foreground and background, which
//! is what a terminal's attributes and an editor's selection need. Cells are drawn back to
//! front: the background rectangle, then the glyph.

use crate::color::Color;
use crate::font::Font;
use crate::geom::Rect;
use crate::surface::Surface;

/// One character cell.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Cell {
    pub ch: char,
    pub fg: Color,
    pub bg: Color,
}

impl Cell {
    pub const fn new(ch: char, fg: Color, bg: Color) -> Cell {
        Cell { ch, fg, bg }
    }
}

/// Size of one cell of `font` in pixels (width, height).
pub fn cell_size(font: &Font) -> (i32, i32) {
    (font.cell_width().max(1), font.line_height().max(1))
}

/// Draws `text` one character per cell from local `(x, y)` (top of the line).
/// Returns the x after the last cell.
pub fn draw_mono(
    surface: &mut Surface,
    font: &Font,
    x: i32,
    y: i32,
    text: &str,
    color: Color,
) -> i32 {
    let (cw, _) = cell_size(font);
    let baseline = y + font.ascent();
    let mut cx = x;
    for ch in text.chars() {
        font.draw_char(surface, cx, baseline, ch, color);
        cx += cw;
    }
    cx
}

/// Draws `cells` as rows of `columns` cells starting at local `(x, y)`. Transparent
/// backgrounds are skipped, so a grid can sit on a picture.
pub fn draw_grid(
    surface: &mut Surface,
    font: &Font,
    x: i32,
    y: i32,
    columns: usize,
    cells: &[Cell],
) {
    if columns == 0 {
        return;
    }
    let (cw, ch) = cell_size(font);
    let clip = surface.clip_rect();
    for (row, line) in cells.chunks(columns).enumerate() {
        let top = y + row as i32 * ch;
        if top >= clip.bottom() {
            break;
        }
        if top + ch <= clip.y {
            continue;
        }
        for (col, cell) in line.iter().enumerate() {
            let left = x + col as i32 * cw;
            if cell.bg.a() != 0 {
                surface.fill_rect(Rect::new(left, top, cw, ch), cell.bg);
            }
            font.draw_char(surface, left, top + font.ascent(), cell.ch, cell.fg);
        }
    }
}
