//! Text boxes: single- and multi-line editing with a cursor, a selection and the clipboard.
//!
//! The program owns a [`TextBox`] (its text, cursor and selection anchor, both byte offsets on
//! character boundaries); `Ui::text_box` draws it and applies this frame's input when it has
//! the focus. Clicking focuses it and places the cursor; dragging selects; Shift with arrows,
//! Home or End extends the selection; Ctrl+A/C/X/V select all, copy, cut and paste through the
//! [`Clipboard`](super::Clipboard) hook. A single-line box scrolls sideways to keep the cursor
//! in view and reports Enter as `submitted`; a multi-line box wraps, inserts newlines, moves
//! between lines with Up and Down and scrolls vertically.

use super::{Element, Id, Key, KeyPress, Response, Ui};
use crate::geom::Rect;
use crate::text::{draw_block, index_at, x_of, Line, TextStyle};
use alloc::string::String;
use alloc::vec::Vec;
use core::ops::Range;

/// The state of one text box.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextBox {
    pub id: Id,
    pub text: String,
    /// Where typing goes (byte offset).
    pub cursor: usize,
    /// The other end of the selection (equal to `cursor` when nothing is selected).
    pub anchor: usize,
    pub multiline: bool,
    /// Scroll offsets of the text inside the box, in pixels.
    pub scroll_x: i32,
    pub scroll_y: i32,
}

impl TextBox {
    pub fn new(id: Id, text: &str, multiline: bool) -> TextBox {
        TextBox {
            id,
            text: String::from(text),
            cursor: text.len(),
            anchor: text.len(),
            multiline,
            scroll_x: 0,
            scroll_y: 0,
        }
    }

    /// The selected byte range (empty when nothing is selected).
    pub fn selection(&self) -> Range<usize> {
        self.cursor.min(self.anchor)..self.cursor.max(self.anchor)
    }

    pub fn selected_text(&self) -> &str {
        self.text.get(self.selection()).unwrap_or("")
    }

    /// Replaces the selection with `s` (newlines become spaces in a single-line box).
    pub fn insert(&mut self, s: &str) {
        let sel = self.selection();
        let clean: String = s
            .chars()
            .filter_map(|c| match c {
                '\n' if self.multiline => Some('\n'),
                '\n' | '\t' => Some(' '),
                c if (c as u32) < 0x20 || c == '\u{7f}' => None,
                c => Some(c),
            })
            .collect();
        self.text.replace_range(sel.clone(), &clean);
        self.cursor = sel.start + clean.len();
        self.anchor = self.cursor;
    }

    fn prev(&self, i: usize) -> usize {
        self.text[..i.min(self.text.len())]
            .char_indices()
            .next_back()
            .map_or(0, |(j, _)| j)
    }

    fn next(&self, i: usize) -> usize {
        let i = i.min(self.text.len());
        self.text[i..]
            .chars()
            .next()
            .map_or(i, |c| i + c.len_utf8())
    }

    fn move_to(&mut self, to: usize, extend: bool) {
        self.cursor = to.min(self.text.len());
        if !extend {
            self.anchor = self.cursor;
        }
    }

    /// Applies one key. Returns (changed, submitted).
    fn key(&mut self, press: KeyPress, lines: &[Line], style: &TextStyle) -> (bool, bool) {
        let sel = self.selection();
        let shift = press.shift;
        match press.key {
            Key::Left if !shift && !sel.is_empty() => self.move_to(sel.start, false),
            Key::Right if !shift && !sel.is_empty() => self.move_to(sel.end, false),
            Key::Left => self.move_to(self.prev(self.cursor), shift),
            Key::Right => self.move_to(self.next(self.cursor), shift),
            Key::Home => {
                let l = line_of(lines, self.cursor);
                self.move_to(lines.get(l).map_or(0, |l| l.start), shift)
            }
            Key::End => {
                let l = line_of(lines, self.cursor);
                self.move_to(lines.get(l).map_or(self.text.len(), |l| l.end), shift)
            }
            Key::Up | Key::Down => {
                let l = line_of(lines, self.cursor);
                let target = if press.key == Key::Up {
                    l.checked_sub(1)
                } else {
                    Some(l + 1)
                };
                match (lines.get(l), target.and_then(|t| lines.get(t))) {
                    (Some(cur), Some(dst)) => {
                        let x = x_of(&style.font, &self.text, cur, self.cursor);
                        self.move_to(index_at(&style.font, &self.text, dst, x), shift);
                    }
                    _ if press.key == Key::Up => self.move_to(0, shift),
                    _ => self.move_to(self.text.len(), shift),
                }
            }
            Key::Backspace | Key::Delete => {
                if sel.is_empty() {
                    let other = if press.key == Key::Backspace {
                        self.prev(self.cursor)
                    } else {
                        self.next(self.cursor)
                    };
                    self.anchor = other;
                }
                if self.selection().is_empty() {
                    return (false, false);
                }
                self.insert("");
                return (true, false);
            }
            Key::Enter if self.multiline => {
                self.insert("\n");
                return (true, false);
            }
            Key::Enter => return (false, true),
            Key::Ctrl('a') => {
                self.anchor = 0;
                self.cursor = self.text.len();
            }
            _ => {}
        }
        (false, false)
    }
}

/// The index of the line holding byte `at` (the last line that starts at or before it).
fn line_of(lines: &[Line], at: usize) -> usize {
    lines.iter().rposition(|l| l.start <= at).unwrap_or(0)
}

impl Ui<'_, '_> {
    /// Draws `tb` in `rect` and, when it has the focus, applies this frame's typing.
    pub fn text_box(&mut self, rect: Rect, tb: &mut TextBox) -> Response {
        let rect = rect.limited();
        let style = self.style_for(Element::TextBox);
        let mut ts = TextStyle::new(style.font(), style.foreground);
        ts.wrap = tb.multiline;
        ts.selection = style.accent;
        ts.selected_color = style.on_accent;
        let mut inner = rect.inset(style.padding);
        if !tb.multiline {
            // One line sits in the middle of the box.
            let lh = ts.line_height();
            inner = Rect::new(inner.x, rect.y + (rect.h - lh) / 2, inner.w, lh);
        }
        let mut r = self.interact(rect, tb.id);
        let lh = ts.line_height();

        let layout = |tb: &TextBox| -> Vec<Line> { ts.layout(&tb.text, inner.w) };
        let mut lines = layout(tb);
        // Pointer: click places the cursor (Shift-click extends), drag selects.
        let hit = |tb: &TextBox, lines: &[Line], ui: &Ui| -> usize {
            let m = ui.mouse();
            let row = ((m.y - inner.y + tb.scroll_y) / lh).clamp(0, lines.len() as i32 - 1);
            match lines.get(row as usize) {
                Some(line) => index_at(&ts.font, &tb.text, line, m.x - inner.x + tb.scroll_x),
                None => 0,
            }
        };
        if r.hovered && self.input.pressed && self.is_enabled() {
            self.focus(tb.id);
            let at = hit(tb, &lines, self);
            tb.move_to(at, false);
        } else if r.held && self.memory.active == Some(tb.id) {
            let at = hit(tb, &lines, self);
            tb.move_to(at, true);
        }

        if self.has_focus(tb.id) && self.is_enabled() {
            if !self.input.text.is_empty() {
                let typed = self.input.text.clone();
                tb.insert(&typed);
                r.changed = true;
                lines = layout(tb);
            }
            for &press in &self.input.keys {
                match press.key {
                    Key::Ctrl('c') | Key::Ctrl('x') => {
                        let selected = String::from(tb.selected_text());
                        if !selected.is_empty() {
                            if let Some(cb) = self.clipboard() {
                                cb.copy(&selected);
                            }
                            if press.key == Key::Ctrl('x') {
                                tb.insert("");
                                r.changed = true;
                            }
                        }
                    }
                    Key::Ctrl('v') => {
                        if let Some(text) = self.clipboard().and_then(|cb| cb.paste()) {
                            tb.insert(&text);
                            r.changed = true;
                        }
                    }
                    Key::Escape => self.memory.focus = None,
                    _ => {
                        let (changed, submitted) = tb.key(press, &lines, &ts);
                        r.changed |= changed;
                        r.submitted |= submitted;
                    }
                }
                lines = layout(tb);
            }
        }

        // Keep the cursor in view.
        let cl = line_of(&lines, tb.cursor);
        if let Some(line) = lines.get(cl) {
            let cx = x_of(&ts.font, &tb.text, line, tb.cursor);
            if cx - tb.scroll_x > inner.w - 2 {
                tb.scroll_x = cx - inner.w + 2;
            }
            if cx < tb.scroll_x {
                tb.scroll_x = cx;
            }
            let cy = cl as i32 * lh;
            if cy + lh - tb.scroll_y > inner.h {
                tb.scroll_y = cy + lh - inner.h;
            }
            if cy < tb.scroll_y {
                tb.scroll_y = cy;
            }
        }
        if !tb.multiline {
            tb.scroll_y = 0;
        }

        // Draw: box, text with selection, cursor.
        let focused = self.has_focus(tb.id);
        self.surface
            .fill_rounded_rect(rect, style.radius, style.background);
        let border = if focused { style.accent } else { style.border };
        self.surface
            .stroke_rounded_rect(rect, style.radius, if focused { 2 } else { 1 }, border);
        let mut view = self.surface.sub(inner);
        let area = Rect::new(
            -tb.scroll_x,
            -tb.scroll_y,
            if tb.multiline { inner.w } else { i32::MAX / 4 },
            i32::MAX / 4,
        );
        let sel = tb.selection();
        draw_block(
            &mut view,
            area,
            &tb.text,
            &ts,
            if sel.is_empty() { None } else { Some(sel) },
        );
        if focused {
            if let Some(line) = lines.get(cl) {
                let x = x_of(&ts.font, &tb.text, line, tb.cursor) - tb.scroll_x;
                let y = cl as i32 * lh - tb.scroll_y;
                view.fill_rect(Rect::new(x, y + 1, 2, lh - 2), style.accent);
            }
        }
        r
    }
}
