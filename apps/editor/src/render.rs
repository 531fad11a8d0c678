//! Drawing only what changed.
//!
//! Under the interpreter every pixel costs, so the renderer remembers a *signature* (a
//! 64-bit FNV-1a hash) of everything it last drew: one per visible text row (the line's
//! bytes in view, its number, the selection and cursor on it, the horizontal scroll) and one
//! per bar (tabs, find bar, status line, scrollbar). Each frame it recomputes them and
//! redraws only the parts whose signature changed, returning the union of their rectangles
//! as the frame's damage. Typing a character therefore repaints one row and the status line.
//!
//! When the view scrolls, every row changes; then the text area goes through the toolkit's
//! [`TileCache`]: the document is a tall canvas cut in tiles whose content id hashes the rows
//! they cover, so rows already drawn at another scroll position are copied instead of being
//! drawn again, and only newly exposed tiles are rendered. A resize, or a change of layout
//! (the gutter grows a digit, the find bar opens), redraws everything.

use crate::document::Document;
use crate::editor::Editor;
use crate::view::{self, Colors, Layout, RowState};
use gfx::uitk::{Palette, TileCache};
use gfx::{Point, Rect, Surface};
use std::string::String;
use std::vec::Vec;

const TILE_SIZE: i32 = 256;

/// A 64-bit FNV-1a hash, fed piece by piece.
#[derive(Clone, Copy, Debug)]
pub struct Signature(u64);

impl Default for Signature {
    fn default() -> Signature {
        Signature(0xcbf2_9ce4_8422_2325)
    }
}

impl Signature {
    pub fn byte(&mut self, b: u8) {
        self.0 ^= b as u64;
        self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
    }
    pub fn bytes(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.byte(b);
        }
    }
    pub fn number(&mut self, n: u64) {
        self.bytes(&n.to_le_bytes());
    }
    pub fn finish(self) -> u64 {
        self.0
    }
}

/// The signature of a row: everything [`view::draw_row`] reads.
fn row_signature(doc: &Document, layout: &Layout, state: &RowState) -> u64 {
    let mut s = Signature::default();
    let Some(line) = state.line else {
        return 1;
    };
    s.number(line as u64);
    s.number(doc.left_column as u64);
    if let Some((a, b, newline)) = state.selection {
        s.number(a as u64);
        s.number(b as u64);
        s.byte(newline as u8);
    }
    s.number(state.cursor.map_or(u64::MAX, |c| c as u64));
    // The bytes that can show: at most 4 per visible column.
    let start = doc.buffer.line_start(line);
    let cap = (doc.left_column + layout.columns + 2) * 4;
    let end = doc.buffer.line_end(line).min(start + cap);
    for i in start..end {
        s.byte(doc.buffer.byte(i).unwrap_or(0));
    }
    s.finish()
}

/// What was drawn last, to compare against.
pub struct Renderer {
    layout: Option<Layout>,
    colors: Colors,
    tiles: TileCache,
    /// Signature of each visible row, top first.
    rows: Vec<u64>,
    /// (top line, left column) when the text area was last drawn whole.
    scroll: Option<(usize, usize)>,
    tabs: Option<u64>,
    find: Option<u64>,
    status: Option<u64>,
    scrollbar: Option<u64>,
    status_text: String,
    /// Tiles drawn and reused by the last whole-area draw (for tests and logs).
    pub tiles_redrawn: usize,
    pub tiles_reused: usize,
    /// Rows repainted in place by the last draw (0 when the tile cache drew the area).
    pub rows_redrawn: usize,
}

impl Renderer {
    pub fn new(palette: &Palette) -> Renderer {
        let colors = Colors::from_palette(palette);
        Renderer {
            layout: None,
            colors,
            tiles: TileCache::new(TILE_SIZE, 64, colors.background),
            rows: Vec::new(),
            scroll: None,
            tabs: None,
            find: None,
            status: None,
            scrollbar: None,
            status_text: String::new(),
            tiles_redrawn: 0,
            tiles_reused: 0,
            rows_redrawn: 0,
        }
    }

    /// Forgets everything drawn (the next draw repaints the whole window).
    pub fn invalidate(&mut self) {
        self.layout = None;
    }

    /// Draws what changed of `editor` into `surface` (the window, `bounds`); returns the
    /// damaged rectangle (empty when nothing changed).
    pub fn draw(&mut self, surface: &mut Surface, bounds: Rect, editor: &Editor) -> Rect {
        let layout = Layout::new(bounds, editor);
        let mut damage = Rect::default();
        if self.layout != Some(layout) {
            self.layout = Some(layout);
            self.rows.clear();
            self.scroll = None;
            self.tabs = None;
            self.find = None;
            self.status = None;
            self.scrollbar = None;
            self.tiles = TileCache::new(TILE_SIZE, tile_capacity(&layout), self.colors.background);
            surface.fill_rect(bounds, self.colors.bar);
            damage = bounds;
        }
        let colors = self.colors;
        let doc = editor.document();
        let tabs = tabs_signature(editor);
        if self.tabs != Some(tabs) {
            self.tabs = Some(tabs);
            view::draw_tabs(surface, &layout, editor, &colors);
            damage = damage.union(&layout.tabs);
        }
        damage = damage.union(&self.draw_text(surface, &layout, doc));
        let bar = {
            let mut s = Signature::default();
            s.number(doc.buffer.line_count() as u64);
            s.number(doc.top_line as u64);
            s.finish()
        };
        if self.scrollbar != Some(bar) {
            self.scrollbar = Some(bar);
            view::draw_scrollbar(surface, &layout, doc, &colors);
            damage = damage.union(&layout.scrollbar);
        }
        let find = {
            let mut s = Signature::default();
            s.byte(editor.find.open as u8);
            s.byte(editor.find.missing as u8);
            s.bytes(editor.find.query.as_bytes());
            s.finish()
        };
        if self.find != Some(find) && !layout.find.is_empty() {
            self.find = Some(find);
            view::draw_find(surface, &layout, editor, &colors);
            damage = damage.union(&layout.find);
        }
        let status = status_signature(editor);
        if self.status != Some(status) {
            self.status = Some(status);
            status_text(editor, &mut self.status_text);
            view::draw_status(surface, &layout, &self.status_text, &colors);
            damage = damage.union(&layout.status);
        }
        damage
    }

    /// Draws the rows that changed; through the tile cache when the view scrolled.
    fn draw_text(&mut self, surface: &mut Surface, layout: &Layout, doc: &Document) -> Rect {
        let (_, lh) = layout.cell;
        let visible = ((layout.text.h + lh - 1) / lh).max(0) as usize;
        let scroll = (doc.top_line, doc.left_column);
        let colors = self.colors;
        let cursor = view::cursor_position(doc);
        let mut area = surface.sub(layout.text);
        if self.scroll != Some(scroll) || self.rows.len() != visible {
            self.scroll = Some(scroll);
            let lines = doc.buffer.line_count() + visible;
            let content = (layout.text.w, (lines as i32).saturating_mul(lh));
            let at = Point::new(0, (doc.top_line as i32).saturating_mul(lh));
            self.tiles.draw(
                &mut area,
                at,
                content,
                |rect| {
                    let mut s = Signature::default();
                    for row in rect.y / lh..=(rect.bottom() - 1) / lh {
                        let state = view::row_state(doc, row as usize, cursor);
                        s.number(row_signature(doc, layout, &state));
                    }
                    s.finish()
                },
                |tile, rect| {
                    for row in rect.y / lh..=(rect.bottom() - 1) / lh {
                        let state = view::row_state(doc, row as usize, cursor);
                        view::draw_row(tile, layout, doc, &state, row * lh, &colors);
                    }
                },
            );
            self.tiles_redrawn = self.tiles.redrawn;
            self.tiles_reused = self.tiles.reused;
            self.rows_redrawn = 0;
            self.rows.clear();
            for row in 0..visible {
                let state = view::row_state(doc, doc.top_line + row, cursor);
                self.rows.push(row_signature(doc, layout, &state));
            }
            return layout.text;
        }
        let mut damage = Rect::default();
        self.rows_redrawn = 0;
        for (row, drawn) in self.rows.iter_mut().enumerate() {
            let state = view::row_state(doc, doc.top_line + row, cursor);
            let signature = row_signature(doc, layout, &state);
            if *drawn != signature {
                *drawn = signature;
                self.rows_redrawn += 1;
                let top = row as i32 * lh;
                view::draw_row(&mut area, layout, doc, &state, top, &colors);
                let rect = Rect::new(layout.text.x, layout.text.y + top, layout.text.w, lh);
                damage = damage.union(&rect.intersect(&layout.text));
            }
        }
        damage
    }
}

/// Enough tiles for two screens of the text area.
fn tile_capacity(layout: &Layout) -> usize {
    let across = (layout.text.w / TILE_SIZE + 2) as usize;
    let down = (layout.text.h / TILE_SIZE + 2) as usize;
    (across * down * 2).max(8)
}

fn tabs_signature(editor: &Editor) -> u64 {
    let mut s = Signature::default();
    s.number(editor.active as u64);
    for doc in &editor.documents {
        s.bytes(doc.name.as_bytes());
        s.byte(0);
    }
    s.finish()
}

fn status_signature(editor: &Editor) -> u64 {
    let doc = editor.document();
    let mut s = Signature::default();
    s.number(doc.cursor as u64);
    s.number(doc.anchor as u64);
    s.number(doc.revision);
    s.number(doc.buffer.len() as u64);
    s.number(editor.active as u64);
    s.number(editor.documents.len() as u64);
    s.finish()
}

/// The status line: position, selection, size.
pub fn status_text(editor: &Editor, out: &mut String) {
    use core::fmt::Write;
    let doc = editor.document();
    let (line, column) = doc.line_column();
    out.clear();
    let _ = write!(
        out,
        "Ln {line}, Col {column}    {} lines    {} bytes",
        doc.buffer.line_count(),
        doc.buffer.len()
    );
    if doc.has_selection() {
        let _ = write!(out, "    {} selected", doc.selection().len());
    }
    let _ = write!(
        out,
        "    tab {} of {}",
        editor.active + 1,
        editor.documents.len()
    );
}
