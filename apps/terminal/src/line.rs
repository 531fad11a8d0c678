//! The line being typed at a prompt: its text and a cursor, and the editing keys.
//!
//! The cursor is a byte offset into the UTF-8 text, always on a character boundary, so every
//! edit keeps the text valid whatever is typed or pasted. Positions shown on screen are
//! counted in characters ([`LineEditor::cursor_chars`]), one character per grid cell.

use std::string::String;

/// The input line and where the cursor stands in it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineEditor {
    text: String,
    /// Byte offset, on a character boundary, `0..=text.len()`.
    cursor: usize,
}

impl LineEditor {
    pub fn new() -> LineEditor {
        LineEditor::default()
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The cursor as a byte offset.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// The cursor as a character index (its column after the prompt).
    pub fn cursor_chars(&self) -> usize {
        self.text[..self.cursor].chars().count()
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Inserts `s` at the cursor (control characters are dropped) and moves past it.
    pub fn insert(&mut self, s: &str) {
        let clean: String = s.chars().filter(|c| !c.is_control()).collect();
        self.text.insert_str(self.cursor, &clean);
        self.cursor += clean.len();
    }

    /// Replaces the whole line (history recall); the cursor goes to the end.
    pub fn set(&mut self, s: &str) {
        self.text.clear();
        self.cursor = 0;
        self.insert(s);
    }

    /// Empties the line and returns what it held.
    pub fn take(&mut self) -> String {
        self.cursor = 0;
        core::mem::take(&mut self.text)
    }

    pub fn left(&mut self) {
        if let Some(c) = self.text[..self.cursor].chars().next_back() {
            self.cursor -= c.len_utf8();
        }
    }

    pub fn right(&mut self) {
        if let Some(c) = self.text[self.cursor..].chars().next() {
            self.cursor += c.len_utf8();
        }
    }

    pub fn home(&mut self) {
        self.cursor = 0;
    }

    pub fn end(&mut self) {
        self.cursor = self.text.len();
    }

    /// Deletes the character before the cursor.
    pub fn backspace(&mut self) {
        if let Some(c) = self.text[..self.cursor].chars().next_back() {
            self.cursor -= c.len_utf8();
            self.text.remove(self.cursor);
        }
    }

    /// Deletes the character under the cursor.
    pub fn delete(&mut self) {
        if self.cursor < self.text.len() {
            self.text.remove(self.cursor);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_text_goes_in_at_the_cursor() {
        let mut e = LineEditor::new();
        e.insert("prnt(1)");
        e.home();
        e.right();
        e.right();
        e.insert("i");
        assert_eq!(e.text(), "print(1)");
        assert_eq!(e.cursor_chars(), 3);
        e.end();
        e.backspace();
        e.home();
        e.delete();
        assert_eq!(e.text(), "rint(1");
        assert_eq!(e.cursor(), 0);
    }

    #[test]
    fn edits_keep_multibyte_text_valid() {
        let mut e = LineEditor::new();
        e.insert("aé€😀b");
        e.left();
        e.left();
        assert_eq!(e.cursor_chars(), 3);
        e.backspace();
        assert_eq!(e.text(), "aé😀b");
        e.delete();
        assert_eq!(e.text(), "aéb");
        e.left();
        e.left();
        e.left();
        e.backspace();
        assert_eq!(e.cursor(), 0);
        e.end();
        e.right();
        assert_eq!(e.cursor(), e.text().len());
    }

    #[test]
    fn control_characters_are_not_inserted() {
        let mut e = LineEditor::new();
        e.insert("a\tb\u{7}c\n");
        assert_eq!(e.text(), "abc");
        assert_eq!(e.take(), "abc");
        assert!(e.is_empty());
    }
}
