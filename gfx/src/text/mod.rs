//! Text layout and drawing: paragraphs, alignment, selection, and the monospace grid.
//!
//! Single-line drawing lives on [`Font`] itself (`draw_text`, `measure`).
//! This module adds what a block of text needs:
//!
//! * [`wrap()`]: line breaking at newlines and, within a width, between words;
//! * [`draw_block`]: draws wrapped lines in a rectangle with left, centred or right
//!   alignment, a line height, clipping to the rectangle, and an optional highlighted
//!   selection (a byte range) painted behind the glyphs;
//! * [`grid`]: the monospace path for the terminal and the editor.
//!
//! Positions inside text are byte offsets into the UTF-8 string, always on character
//! boundaries; helpers never slice in the middle of a character.

pub mod grid;
pub mod wrap;

pub use grid::{cell_size, draw_grid, draw_mono, Cell};
pub use wrap::{index_at, wrap, x_of, Line};

use crate::color::Color;
use crate::font::Font;
use crate::geom::Rect;
use crate::surface::Surface;
use core::ops::Range;

/// Horizontal placement of each line within the block's rectangle.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum Align {
    #[default]
    Left,
    Center,
    Right,
}

/// How a block of text looks.
#[derive(Clone, Copy, Debug)]
pub struct TextStyle<'f> {
    pub font: Font<'f>,
    pub color: Color,
    pub align: Align,
    /// Distance between baselines; `None` uses the font's.
    pub line_height: Option<i32>,
    /// Wrap to the rectangle's width (otherwise lines only break at `\n`).
    pub wrap: bool,
    /// Background of selected text.
    pub selection: Color,
    /// Colour of selected text.
    pub selected_color: Color,
}

impl<'f> TextStyle<'f> {
    pub fn new(font: Font<'f>, color: Color) -> TextStyle<'f> {
        TextStyle {
            font,
            color,
            align: Align::Left,
            line_height: None,
            wrap: true,
            selection: Color::rgb(51, 110, 220),
            selected_color: Color::WHITE,
        }
    }

    pub fn line_height(&self) -> i32 {
        self.line_height.unwrap_or(self.font.line_height()).max(1)
    }

    /// Lines of `text` laid out for a rectangle `width` pixels wide.
    pub fn layout(&self, text: &str, width: i32) -> alloc::vec::Vec<Line> {
        wrap(&self.font, text, if self.wrap { Some(width) } else { None })
    }

    /// The x of a line's start within a rectangle `width` wide.
    pub fn line_x(&self, line: &Line, width: i32) -> i32 {
        match self.align {
            Align::Left => 0,
            Align::Center => (width - line.width) / 2,
            Align::Right => width - line.width,
        }
    }

    /// Size (width of the widest line, total height) of `text` laid out in `width`.
    pub fn measure(&self, text: &str, width: i32) -> (i32, i32) {
        let lines = self.layout(text, width);
        let w = lines.iter().map(|l| l.width).max().unwrap_or(0);
        (w, lines.len() as i32 * self.line_height())
    }
}

/// Draws `text` inside `rect` (clipped to it) and returns the height it took.
/// `selection` is a byte range to highlight.
pub fn draw_block(
    surface: &mut Surface,
    rect: Rect,
    text: &str,
    style: &TextStyle,
    selection: Option<Range<usize>>,
) -> i32 {
    let rect = rect.limited();
    let lines = style.layout(text, rect.w);
    let lh = style.line_height();
    let mut view = surface.sub(rect);
    // Centre the glyphs vertically in a taller (or shorter) line box.
    let pad = (lh - style.font.line_height()) / 2;
    for (i, line) in lines.iter().enumerate() {
        let y = i as i32 * lh;
        if y >= rect.h {
            break;
        }
        let x = style.line_x(line, rect.w);
        let segment = &text[line.start..line.end];
        let Some(sel) = selection.clone().filter(|s| s.start < s.end) else {
            style
                .font
                .draw_text(&mut view, x, y + pad, segment, style.color);
            continue;
        };
        // Highlight the selected part of this line; a selected newline shows as a sliver.
        let (a, b) = (sel.start.max(line.start), sel.end.min(line.end));
        let newline_selected = sel.start <= line.end && sel.end > line.end;
        if a < b || newline_selected {
            let xa = x + x_of(&style.font, text, line, a.min(line.end));
            let xb = x + x_of(&style.font, text, line, b.max(a).min(line.end));
            let extra = if newline_selected {
                style.font.px() as i32 / 3
            } else {
                0
            };
            view.fill_rect(Rect::new(xa, y, xb - xa + extra, lh), style.selection);
        }
        // Glyphs: each in the colour of its state.
        for p in style.font.pens(segment) {
            let at = line.start + p.index;
            let color = if at >= sel.start && at < sel.end {
                style.selected_color
            } else {
                style.color
            };
            let baseline = y + pad + style.font.ascent();
            style
                .font
                .draw_char(&mut view, x + p.x(), baseline, p.ch, color);
        }
    }
    lines.len() as i32 * lh
}
