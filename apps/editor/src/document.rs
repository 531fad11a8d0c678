//! One open document: its text, cursor, selection, history and scroll position.
//!
//! The cursor is a byte offset on a character boundary; the selection is the range between
//! the cursor and the *anchor* (equal to the cursor when nothing is selected). Motion with
//! Shift moves only the cursor, so the selection grows or shrinks from the anchor; motion
//! without Shift brings the anchor along. Vertical motion remembers the column the cursor
//! wants (`goal_column`), so moving through a short line and back keeps the column.
//!
//! Every change of the text goes through [`Document::replace`], which records it in the
//! [`History`] and bumps `revision` (the view and the store use it to notice changes).

use crate::buffer::Buffer;
use crate::motion;
use crate::undo::{Edit, History, Kind};
use std::ops::Range;
use std::string::String;

/// Where a motion command takes the cursor.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Motion {
    Left,
    Right,
    Up,
    Down,
    WordLeft,
    WordRight,
    LineStart,
    LineEnd,
    PageUp,
    PageDown,
    DocumentStart,
    DocumentEnd,
}

/// A document being edited.
#[derive(Clone, Debug, Default)]
pub struct Document {
    pub name: String,
    pub buffer: Buffer,
    pub cursor: usize,
    pub anchor: usize,
    pub history: History,
    /// Changes every time the text changes.
    pub revision: u64,
    /// The column vertical motion aims for.
    goal_column: Option<usize>,
    /// First line shown, and first column shown (the view keeps the cursor visible).
    pub top_line: usize,
    pub left_column: usize,
}

impl Document {
    pub fn new(name: &str, text: &str) -> Document {
        Document {
            name: String::from(name),
            buffer: Buffer::from_text(text),
            ..Document::default()
        }
    }

    /// The selected range (empty when nothing is selected).
    pub fn selection(&self) -> Range<usize> {
        self.cursor.min(self.anchor)..self.cursor.max(self.anchor)
    }

    pub fn has_selection(&self) -> bool {
        self.cursor != self.anchor
    }

    pub fn selected_text(&self) -> String {
        self.buffer.slice(self.selection())
    }

    /// 1-based line and column of the cursor, for the status line.
    pub fn line_column(&self) -> (usize, usize) {
        let line = self.buffer.line_of(self.cursor);
        (line + 1, motion::column_of(&self.buffer, self.cursor) + 1)
    }

    /// Puts the cursor at `at`; with `extend` the anchor stays (selecting).
    pub fn set_cursor(&mut self, at: usize, extend: bool) {
        self.cursor = self.buffer.floor(at);
        if !extend {
            self.anchor = self.cursor;
        }
        self.history.seal();
    }

    /// Selects `range` with the cursor at its end.
    pub fn select(&mut self, range: Range<usize>) {
        self.anchor = self.buffer.floor(range.start);
        self.cursor = self.buffer.ceil(range.end);
        self.goal_column = None;
        self.history.seal();
    }

    pub fn select_all(&mut self) {
        self.select(0..self.buffer.len());
    }

    /// Moves the cursor; `page` is the number of lines a page holds.
    pub fn move_cursor(&mut self, motion: Motion, extend: bool, page: usize) {
        let b = &self.buffer;
        let at = self.cursor;
        // Without Shift, Left/Right on a selection collapse it to that side.
        if !extend && self.has_selection() {
            match motion {
                Motion::Left => return self.collapse(self.selection().start),
                Motion::Right => return self.collapse(self.selection().end),
                _ => {}
            }
        }
        let goal = self.goal_column.unwrap_or_else(|| motion::column_of(b, at));
        let page = page.max(1) as isize;
        let target = match motion {
            Motion::Left => b.prev_char(at),
            Motion::Right => b.next_char(at),
            Motion::Up => motion::vertical(b, at, -1, goal),
            Motion::Down => motion::vertical(b, at, 1, goal),
            Motion::PageUp => motion::vertical(b, at, -page, goal),
            Motion::PageDown => motion::vertical(b, at, page, goal),
            Motion::WordLeft => motion::word_left(b, at),
            Motion::WordRight => motion::word_right(b, at),
            Motion::LineStart => motion::smart_home(b, at),
            Motion::LineEnd => b.line_end(b.line_of(at)),
            Motion::DocumentStart => 0,
            Motion::DocumentEnd => b.len(),
        };
        let vertical = matches!(
            motion,
            Motion::Up | Motion::Down | Motion::PageUp | Motion::PageDown
        );
        // Paging scrolls the view by a page too, so the cursor keeps its place on screen.
        if matches!(motion, Motion::PageUp | Motion::PageDown) {
            let step = if motion == Motion::PageUp {
                -page
            } else {
                page
            };
            let max_top = self.buffer.line_count().saturating_sub(1) as isize;
            self.top_line = (self.top_line as isize + step).clamp(0, max_top) as usize;
        }
        self.set_cursor(target, extend);
        self.goal_column = if vertical { Some(goal) } else { None };
    }

    fn collapse(&mut self, at: usize) {
        self.goal_column = None;
        self.set_cursor(at, false);
    }

    /// Replaces `range` by `text`, recording it for undo; the cursor goes after the text.
    pub fn replace(&mut self, range: Range<usize>, text: &str, kind: Kind) {
        let before = self.cursor;
        let removed = self.buffer.delete(range.clone());
        let start = self.buffer.floor(range.start);
        let at = self.buffer.insert(start, text);
        self.cursor = at + text.len();
        self.anchor = self.cursor;
        self.goal_column = None;
        self.revision += 1;
        let edit = Edit {
            at,
            removed,
            inserted: String::from(text),
        };
        self.history.record(edit, kind, before, self.cursor);
    }

    /// Types `text` over the selection (a run of typing joins one undo group).
    pub fn type_text(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        let kind = if self.has_selection() {
            Kind::Other
        } else {
            Kind::Typing
        };
        self.replace(self.selection(), text, kind);
    }

    /// Inserts `text` as one undoable step (paste).
    pub fn paste(&mut self, text: &str) {
        self.replace(self.selection(), text, Kind::Other);
    }

    /// Deletes the selection, or the character before the cursor.
    pub fn backspace(&mut self, word: bool) {
        if self.has_selection() {
            return self.replace(self.selection(), "", Kind::Other);
        }
        let start = if word {
            motion::word_left(&self.buffer, self.cursor)
        } else {
            self.buffer.prev_char(self.cursor)
        };
        if start < self.cursor {
            let kind = if word { Kind::Other } else { Kind::Deleting };
            self.replace(start..self.cursor, "", kind);
        }
    }

    /// Deletes the selection, or the character after the cursor.
    pub fn delete_forward(&mut self, word: bool) {
        if self.has_selection() {
            return self.replace(self.selection(), "", Kind::Other);
        }
        let end = if word {
            motion::word_right(&self.buffer, self.cursor)
        } else {
            self.buffer.next_char(self.cursor)
        };
        if end > self.cursor {
            let kind = if word { Kind::Other } else { Kind::Deleting };
            self.replace(self.cursor..end, "", kind);
        }
    }

    /// Removes the selection and returns it (cut); `None` when nothing is selected.
    pub fn cut(&mut self) -> Option<String> {
        if !self.has_selection() {
            return None;
        }
        let text = self.selected_text();
        self.replace(self.selection(), "", Kind::Other);
        Some(text)
    }

    /// A line break that keeps the current line's indentation.
    pub fn newline(&mut self) {
        let line = self.buffer.line_of(self.selection().start);
        let start = self.buffer.line_start(line);
        let mut indent = String::from("\n");
        let mut at = start;
        while at < self.selection().start {
            match self.buffer.char_at(at) {
                Some(c @ (' ' | '\t')) => indent.push(c),
                _ => break,
            }
            at += 1;
        }
        self.type_text(&indent);
    }

    /// Undoes the last group of edits; false when there was none.
    pub fn undo(&mut self) -> bool {
        let Some(group) = self.history.undo().cloned() else {
            return false;
        };
        for edit in group.edits.iter().rev() {
            self.buffer.delete(edit.at..edit.at + edit.inserted.len());
            self.buffer.insert(edit.at, &edit.removed);
        }
        self.cursor = self.buffer.floor(group.cursor_before);
        self.anchor = self.cursor;
        self.goal_column = None;
        self.revision += 1;
        true
    }

    /// Redoes the last undone group; false when there was none.
    pub fn redo(&mut self) -> bool {
        let Some(group) = self.history.redo().cloned() else {
            return false;
        };
        for edit in &group.edits {
            self.buffer.delete(edit.at..edit.at + edit.removed.len());
            self.buffer.insert(edit.at, &edit.inserted);
        }
        self.cursor = self.buffer.floor(group.cursor_after);
        self.anchor = self.cursor;
        self.goal_column = None;
        self.revision += 1;
        true
    }
}
