//! What the window looks like: where each part goes, and how each part is drawn.
//!
//! ```text
//! +-------------------------------------------+
//! | untitled 1 | notes x | +                  |  tab bar
//! +----+--------------------------------------+-+
//! |  1 | fn main() {                          |#|  gutter (line numbers), text, scrollbar
//! |  2 |     println!("hi");                  |#|
//! +----+--------------------------------------+-+
//! | Find: [query]              Enter / Esc    |  find bar (only while open)
//! | Ln 2, Col 5   2 lines   31 bytes          |  status line
//! +-------------------------------------------+
//! ```
//!
//! Text uses the monospace font on a grid (`gfx::text::grid`): each character takes one
//! cell, so a column is a character and a row a line. A *row* is drawn whole — gutter,
//! current-line tint, selection, glyphs, cursor — by [`draw_row`], in whatever surface it is
//! given; the renderer uses it both to paint a tile of the tile cache and to repaint one
//! changed row in place. The other parts (tabs, find bar, status line, scrollbar) are each
//! drawn by one function from plain values, so they can be redrawn alone.

use crate::document::Document;
use crate::editor::Editor;
use gfx::text::cell_size;
use gfx::uitk::Palette;
use gfx::{Color, Font, Rect, Surface};

/// Heights of the bars, width of the scrollbar.
pub const TAB_HEIGHT: i32 = 28;
pub const STATUS_HEIGHT: i32 = 24;
pub const FIND_HEIGHT: i32 = 28;
pub const SCROLLBAR_WIDTH: i32 = 12;
/// Width of one tab, and of the "+" button.
pub const TAB_WIDTH: i32 = 150;
pub const PLUS_WIDTH: i32 = 32;
/// The close box at the right of each tab.
pub const CLOSE_WIDTH: i32 = 20;
const GUTTER_PAD: i32 = 8;
const TEXT_PAD: i32 = 4;
const TEXT_PX: u16 = 16;
const UI_PX: u16 = 14;

/// The fonts: monospace for text, sans for the bars.
pub fn text_font() -> Font<'static> {
    Font::mono(TEXT_PX)
}

pub fn ui_font() -> Font<'static> {
    Font::sans(UI_PX)
}

/// Where each part of the window goes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Layout {
    pub tabs: Rect,
    /// Gutter and text, without the scrollbar.
    pub text: Rect,
    pub gutter_width: i32,
    pub scrollbar: Rect,
    /// Empty while the find bar is closed.
    pub find: Rect,
    pub status: Rect,
    /// Cell size.
    pub cell: (i32, i32),
    /// Whole rows and columns that fit.
    pub rows: usize,
    pub columns: usize,
}

impl Layout {
    /// The parts of a window of `bounds` showing `editor`.
    pub fn new(bounds: Rect, editor: &Editor) -> Layout {
        let cell = cell_size(&text_font());
        let digits = digit_count(editor.document().buffer.line_count()).max(3) as i32;
        let gutter_width = digits * cell.0 + 2 * GUTTER_PAD;
        let find_h = if editor.find.open { FIND_HEIGHT } else { 0 };
        let tabs = Rect::new(bounds.x, bounds.y, bounds.w, TAB_HEIGHT.min(bounds.h));
        let status = Rect::new(
            bounds.x,
            bounds.bottom() - STATUS_HEIGHT,
            bounds.w,
            STATUS_HEIGHT,
        );
        let find = Rect::new(bounds.x, status.y - find_h, bounds.w, find_h);
        let middle_h = (find.y - tabs.bottom()).max(0);
        let text = Rect::new(
            bounds.x,
            tabs.bottom(),
            (bounds.w - SCROLLBAR_WIDTH).max(0),
            middle_h,
        );
        let scrollbar = Rect::new(
            text.right(),
            text.y,
            SCROLLBAR_WIDTH.min(bounds.w),
            middle_h,
        );
        let text_columns = (text.w - gutter_width - TEXT_PAD).max(0) / cell.0;
        Layout {
            tabs,
            text,
            gutter_width,
            scrollbar,
            find,
            status,
            cell,
            rows: (text.h / cell.1).max(1) as usize,
            columns: text_columns.max(1) as usize,
        }
    }

    /// The x where text column 0 (after horizontal scrolling) starts, inside `text`.
    pub fn text_x(&self) -> i32 {
        self.gutter_width + TEXT_PAD
    }

    /// The rectangle of tab `i` in the tab bar, and of its close box.
    pub fn tab(&self, i: usize) -> (Rect, Rect) {
        let r = Rect::new(
            self.tabs.x + i as i32 * TAB_WIDTH,
            self.tabs.y,
            TAB_WIDTH,
            self.tabs.h,
        );
        let close = Rect::new(r.right() - CLOSE_WIDTH - 4, r.y + 4, CLOSE_WIDTH, r.h - 8);
        (r, close)
    }

    /// The "+" (new tab) button after `count` tabs.
    pub fn plus(&self, count: usize) -> Rect {
        Rect::new(
            self.tabs.x + count as i32 * TAB_WIDTH,
            self.tabs.y,
            PLUS_WIDTH,
            self.tabs.h,
        )
    }

    /// The scrollbar's thumb for a document of `lines` lines scrolled to `top`.
    pub fn thumb(&self, lines: usize, top: usize) -> Rect {
        let track = self.scrollbar;
        let total = (lines + self.rows.saturating_sub(1)).max(1) as i64;
        let h =
            ((track.h as i64 * self.rows as i64 / total) as i32).clamp(20.min(track.h), track.h);
        let y = (track.h - h) as i64 * top as i64 / (total - self.rows as i64).max(1);
        Rect::new(track.x + 2, track.y + y as i32, track.w - 4, h)
    }
}

/// The colours the editor draws with, from the desktop's palette.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Colors {
    pub background: Color,
    pub text: Color,
    pub gutter: Color,
    pub line_number: Color,
    pub current_line: Color,
    pub selection: Color,
    pub selected_text: Color,
    pub cursor: Color,
    pub bar: Color,
    pub border: Color,
    pub accent: Color,
    pub warning: Color,
}

/// Perceived brightness, 0..=255.
fn luma(c: Color) -> i32 {
    (c.r() as i32 * 299 + c.g() as i32 * 587 + c.b() as i32 * 114) / 1000
}

/// `fg` if it stands out on `bg`, else black or white (whichever does). A stylesheet may set
/// only some colours (light text for a dark background the app does not use): text must
/// stay readable anyway.
pub fn readable(fg: Color, bg: Color) -> Color {
    if (luma(fg) - luma(bg)).abs() >= 90 {
        fg.with_alpha(255)
    } else if luma(bg) > 128 {
        Color::rgb(28, 30, 36)
    } else {
        Color::rgb(232, 236, 244)
    }
}

impl Colors {
    pub fn from_palette(p: &Palette) -> Colors {
        let text = readable(p.text, p.surface);
        let muted = readable(p.muted, p.window);
        let selection = p.accent.lerp(p.surface, 90);
        Colors {
            background: p.surface,
            text,
            gutter: p.window,
            line_number: muted,
            current_line: p.surface.lerp(p.accent, 18),
            selection,
            selected_text: readable(p.on_accent, selection),
            cursor: text,
            bar: p.window,
            border: p.border,
            accent: p.accent,
            warning: Color::rgb(200, 60, 50),
        }
    }
}

/// What one row shows; the renderer hashes it to notice changes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RowState {
    /// The document line shown, if the row is not past the end.
    pub line: Option<usize>,
    /// The selected byte range within the line (relative to its start), plus whether the
    /// line break is selected.
    pub selection: Option<(usize, usize, bool)>,
    /// The cursor's column, when it is on this line.
    pub cursor: Option<usize>,
}

/// The cursor's line and column (computed once per frame: on a long line the column costs a
/// scan of the line).
pub fn cursor_position(doc: &Document) -> (usize, usize) {
    let line = doc.buffer.line_of(doc.cursor);
    (line, crate::motion::column_of(&doc.buffer, doc.cursor))
}

/// The state of the row showing `line` of `doc`, whose cursor is at `cursor` (line, column).
pub fn row_state(doc: &Document, line: usize, cursor: (usize, usize)) -> RowState {
    if line >= doc.buffer.line_count() {
        return RowState::default();
    }
    let (start, end) = (doc.buffer.line_start(line), doc.buffer.line_end(line));
    let sel = doc.selection();
    let selection = (sel.start < sel.end && sel.start <= end && sel.end > start).then(|| {
        let a = sel.start.max(start) - start;
        let b = sel.end.min(end) - start;
        (a, b, sel.end > end && end < doc.buffer.len())
    });
    let cursor = (cursor.0 == line).then_some(cursor.1);
    RowState {
        line: Some(line),
        selection,
        cursor,
    }
}

/// Draws one row at local y `top` of `surface`, whose x = 0 is the text area's left edge.
pub fn draw_row(
    surface: &mut Surface,
    layout: &Layout,
    doc: &Document,
    state: &RowState,
    top: i32,
    colors: &Colors,
) {
    let font = text_font();
    let (cw, lh) = layout.cell;
    let width = layout.text.w;
    let Some(line) = state.line else {
        surface.fill_rect(Rect::new(0, top, layout.gutter_width, lh), colors.gutter);
        surface.fill_rect(
            Rect::new(layout.gutter_width, top, width, lh),
            colors.background,
        );
        return;
    };
    let tint = if state.cursor.is_some() {
        colors.current_line
    } else {
        colors.background
    };
    surface.fill_rect(Rect::new(0, top, layout.gutter_width, lh), colors.gutter);
    surface.fill_rect(Rect::new(layout.gutter_width, top, width, lh), tint);
    // The line number, right-aligned in the gutter.
    let mut digits = [0u8; 20];
    let number = format_number(line + 1, &mut digits);
    let nx = layout.gutter_width - GUTTER_PAD - number.len() as i32 * cw;
    gfx::text::draw_mono(surface, &font, nx, top, number, colors.line_number);
    // Selection, glyphs and cursor, from the first visible column.
    let mut text_view = surface.sub(Rect::new(layout.text_x(), top, width - layout.text_x(), lh));
    let buffer = &doc.buffer;
    let start = buffer.line_start(line);
    let end = buffer.line_end(line);
    let mut at = buffer.advance_chars(start, doc.left_column, end);
    let mut column = doc.left_column.min(buffer.char_count(start..at));
    let baseline = font.ascent();
    let last = doc.left_column + layout.columns + 1;
    while at < end && column < last {
        let x = (column - doc.left_column) as i32 * cw;
        let next = buffer.next_char(at);
        let selected = state
            .selection
            .is_some_and(|(a, b, _)| at - start >= a && at - start < b);
        let ch = buffer.char_at(at).unwrap_or(' ');
        let color = if selected {
            text_view.fill_rect(Rect::new(x, 0, cw, lh), colors.selection);
            colors.selected_text
        } else {
            colors.text
        };
        if ch != ' ' && ch != '\t' {
            font.draw_char(&mut text_view, x, baseline, ch, color);
        }
        at = next;
        column += 1;
    }
    if let Some((_, _, true)) = state.selection {
        let x = (column.saturating_sub(doc.left_column)) as i32 * cw;
        text_view.fill_rect(Rect::new(x, 0, cw / 2, lh), colors.selection);
    }
    if let Some(col) = state.cursor.filter(|&c| c >= doc.left_column) {
        let x = (col - doc.left_column) as i32 * cw;
        text_view.fill_rect(Rect::new(x - 1, 0, 2, lh), colors.cursor);
    }
}

/// Decimal digits of `n`.
pub fn digit_count(mut n: usize) -> usize {
    let mut digits = 1;
    while n >= 10 {
        n /= 10;
        digits += 1;
    }
    digits
}

/// `n` in decimal, written into `buf` (no allocation).
pub fn format_number(mut n: usize, buf: &mut [u8; 20]) -> &str {
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 || i == 0 {
            break;
        }
    }
    core::str::from_utf8(&buf[i..]).unwrap_or("")
}

/// Draws the tab bar: one tab per document, the active one raised, then "+".
pub fn draw_tabs(surface: &mut Surface, layout: &Layout, editor: &Editor, colors: &Colors) {
    let font = ui_font();
    let bar = layout.tabs;
    surface.fill_rect(bar, colors.bar);
    surface.fill_rect(Rect::new(bar.x, bar.bottom() - 1, bar.w, 1), colors.border);
    let text_y = bar.y + (bar.h - font.line_height()) / 2;
    for (i, doc) in editor.documents.iter().enumerate() {
        let (tab, close) = layout.tab(i);
        if tab.x >= bar.right() {
            break;
        }
        let active = i == editor.active;
        let fill = if active {
            colors.background
        } else {
            colors.bar
        };
        surface.fill_rect(tab.inset_xy(1, 0), fill);
        surface.fill_rect(
            Rect::new(tab.right() - 1, tab.y + 4, 1, tab.h - 8),
            colors.border,
        );
        if active {
            surface.fill_rect(Rect::new(tab.x, tab.y, tab.w, 2), colors.accent);
        }
        let mut view = surface.sub(Rect::new(tab.x + 8, tab.y, close.x - tab.x - 10, tab.h));
        font.draw_text(&mut view, 0, text_y - tab.y, &doc.name, colors.text);
        font.draw_text(surface, close.x + 6, text_y, "x", colors.line_number);
    }
    let plus = layout.plus(editor.documents.len());
    font.draw_text(surface, plus.x + 12, text_y, "+", colors.text);
}

/// Draws the find bar with its query; red when nothing matched.
pub fn draw_find(surface: &mut Surface, layout: &Layout, editor: &Editor, colors: &Colors) {
    let r = layout.find;
    if r.is_empty() {
        return;
    }
    let font = ui_font();
    surface.fill_rect(r, colors.bar);
    surface.fill_rect(Rect::new(r.x, r.y, r.w, 1), colors.border);
    let y = r.y + (r.h - font.line_height()) / 2;
    let x = font.draw_text(surface, r.x + 8, y, "Find:", colors.text) + 8;
    let field = Rect::new(x, r.y + 4, (r.w / 2).max(100), r.h - 8);
    surface.fill_rect(field, colors.background);
    let edge = if editor.find.missing {
        colors.warning
    } else {
        colors.accent
    };
    surface.stroke_rect(field, 1, edge);
    let mut inside = surface.sub(field.inset_xy(6, 0));
    let end = font.draw_text(&mut inside, 0, y - field.y, &editor.find.query, colors.text);
    inside.fill_rect(Rect::new(end + 1, 3, 2, field.h - 6), colors.cursor);
    let hint = if editor.find.missing {
        "not found"
    } else {
        "Enter: next   Shift+Enter: previous   Esc: close"
    };
    font.draw_text(surface, field.right() + 12, y, hint, colors.line_number);
}

/// Draws the status line text.
pub fn draw_status(surface: &mut Surface, layout: &Layout, text: &str, colors: &Colors) {
    let r = layout.status;
    let font = ui_font();
    surface.fill_rect(r, colors.bar);
    surface.fill_rect(Rect::new(r.x, r.y, r.w, 1), colors.border);
    let y = r.y + (r.h - font.line_height()) / 2;
    font.draw_text(surface, r.x + 8, y, text, colors.text);
}

/// Draws the scrollbar's track and thumb.
pub fn draw_scrollbar(surface: &mut Surface, layout: &Layout, doc: &Document, colors: &Colors) {
    surface.fill_rect(layout.scrollbar, colors.bar);
    let thumb = layout.thumb(doc.buffer.line_count(), doc.top_line);
    surface.fill_rounded_rect(thumb, 3, colors.border);
}
