//! Drawing the window: the scrollback's visible rows on a monospace grid, and a status bar.
//!
//! ```text
//! +--------------------------------------------+
//! | Python 3.11-compatible Tessera Python ...  |  rows of text, bottom-aligned,
//! | >>> print(f(21))                           |  one character per cell
//! | 42                                         |
//! | >>> _                                      |  the cursor: a block that blinks
//! +--------------------------------------------+
//! | running 2.4 s  |  Ctrl+C interrupts      / |  status bar (spinner while code runs)
//! +--------------------------------------------+
//! ```
//!
//! Under the interpreter every pixel costs, so the renderer keeps a signature (FNV-1a hash)
//! of each row and of the status bar as last drawn, and repaints only what changed; the
//! damage it returns is the union of the repainted rectangles. A blink or a typed character
//! repaints one row; new output that scrolls the view repaints the text area.

use crate::screen::Row;
use crate::terminal::{Mode, View};
use gfx::text::{cell_size, draw_mono};
use gfx::{Color, Font, Rect, Surface};
use std::string::String;
use std::vec::Vec;

const TEXT_PX: u16 = 16;
const PAD: i32 = 6;
pub const STATUS_HEIGHT: i32 = 22;
/// Half a blink period of the cursor.
const BLINK_US: u64 = 530_000;

const BACKGROUND: Color = Color::rgb(24, 26, 32);
const TEXT: Color = Color::rgb(220, 223, 228);
const CURSOR: Color = Color::rgb(120, 200, 140);
const STATUS_BACKGROUND: Color = Color::rgb(44, 48, 58);
const STATUS_TEXT: Color = Color::rgb(170, 176, 188);
const STATUS_BUSY: Color = Color::rgb(240, 190, 90);

/// Where the parts of the window go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Layout {
    pub text: Rect,
    pub status: Rect,
    pub cell: (i32, i32),
    pub columns: usize,
    pub rows: usize,
}

impl Layout {
    pub fn new(bounds: Rect) -> Layout {
        let cell = cell_size(&font());
        let status_h = STATUS_HEIGHT.min(bounds.h);
        let status = Rect::new(bounds.x, bounds.bottom() - status_h, bounds.w, status_h);
        let text = Rect::new(
            bounds.x + PAD,
            bounds.y + PAD,
            (bounds.w - 2 * PAD).max(0),
            (status.y - bounds.y - 2 * PAD).max(0),
        );
        Layout {
            text,
            status,
            cell,
            columns: (text.w / cell.0).max(1) as usize,
            rows: (text.h / cell.1).max(1) as usize,
        }
    }

    /// The rectangle of visible row `i`.
    pub fn row(&self, i: usize) -> Rect {
        let (_, h) = self.cell;
        Rect::new(self.text.x, self.text.y + i as i32 * h, self.text.w, h)
    }
}

pub fn font() -> Font<'static> {
    Font::mono(TEXT_PX)
}

/// A 64-bit FNV-1a hash.
fn signature(parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for &b in *part {
            h ^= b as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        h ^= 0xff;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// What was drawn last.
#[derive(Default)]
pub struct Renderer {
    layout: Option<Layout>,
    rows: Vec<u64>,
    status: Option<u64>,
    /// Rows repainted by the last draw (for tests).
    pub rows_redrawn: usize,
}

impl Renderer {
    pub fn new() -> Renderer {
        Renderer::default()
    }

    /// Forgets what was drawn: the next draw repaints the window.
    pub fn invalidate(&mut self) {
        self.layout = None;
    }

    /// Rows in a page (PageUp, PageDown) of a window of `bounds`.
    pub fn page_rows(&self, bounds: Rect) -> i32 {
        (Layout::new(bounds).rows as i32 - 1).max(1)
    }

    /// Draws what changed; returns the damaged rectangle.
    pub fn draw(&mut self, surface: &mut Surface, bounds: Rect, view: View, now_us: u64) -> Rect {
        let layout = Layout::new(bounds);
        let mut damage = Rect::default();
        if self.layout != Some(layout) {
            self.layout = Some(layout);
            self.rows.clear();
            self.status = None;
            surface.fill_rect(bounds, BACKGROUND);
            damage = bounds;
        }
        let blink_on = (now_us / BLINK_US).is_multiple_of(2);
        let cursor = view.cursor.filter(|_| blink_on);
        let rows = view
            .screen
            .view(layout.columns, layout.rows, view.tail, cursor);
        self.rows.resize(layout.rows, 0);
        self.rows_redrawn = 0;
        let font = font();
        for i in 0..layout.rows {
            let blank = Row::default();
            let row = rows.get(i).unwrap_or(&blank);
            let cursor = row.cursor.map_or(u64::MAX, |c| c as u64).to_le_bytes();
            let sig = signature(&[row.text.as_bytes(), &cursor]);
            if self.rows[i] == sig {
                continue;
            }
            self.rows[i] = sig;
            self.rows_redrawn += 1;
            let rect = layout.row(i);
            draw_row(surface, &font, &layout, rect, row);
            damage = damage.union(&rect);
        }
        let text = status_text(&view, now_us, layout.columns);
        let busy = [(view.mode == Mode::Running) as u8];
        let sig = signature(&[text.as_bytes(), &busy]);
        if self.status != Some(sig) {
            self.status = Some(sig);
            surface.fill_rect(layout.status, STATUS_BACKGROUND);
            let color = if busy[0] == 1 {
                STATUS_BUSY
            } else {
                STATUS_TEXT
            };
            let y = layout.status.y + (layout.status.h - layout.cell.1) / 2;
            draw_mono(surface, &font, layout.status.x + PAD, y, &text, color);
            damage = damage.union(&layout.status);
        }
        damage
    }
}

/// One row: background, text, and the block cursor (the character under it inverted).
fn draw_row(surface: &mut Surface, font: &Font, layout: &Layout, rect: Rect, row: &Row) {
    surface.fill_rect(rect, BACKGROUND);
    draw_mono(surface, font, rect.x, rect.y, &row.text, TEXT);
    if let Some(column) = row.cursor {
        let (cw, ch) = layout.cell;
        let cell = Rect::new(rect.x + column as i32 * cw, rect.y, cw, ch);
        surface.fill_rect(cell, CURSOR);
        if let Some(c) = row.text.chars().nth(column) {
            let mut text = String::new();
            text.push(c);
            draw_mono(surface, font, cell.x, cell.y, &text, BACKGROUND);
        }
    }
}

/// The status bar's text: what the session is doing and the keys that matter now.
pub fn status_text(view: &View, now_us: u64, columns: usize) -> String {
    let mut text = match view.mode {
        Mode::Running => {
            let tenths = now_us.saturating_sub(view.run_started_us) / 100_000;
            let spinner = ['|', '/', '-', '\\'][(tenths % 4) as usize];
            format!(
                "{spinner} running {}.{} s   Ctrl+C interrupts",
                tenths / 10,
                tenths % 10
            )
        }
        Mode::Input => String::from("input() is waiting for a line   Ctrl+D: end of input"),
        Mode::Prompt => {
            String::from("Python   Ctrl+Shift+C copy   Ctrl+V paste   PgUp/PgDn scroll")
        }
    };
    if view.screen.scroll > 0 {
        text.push_str(&format!("   [{} rows up]", view.screen.scroll));
    }
    text.chars().take(columns).collect()
}
