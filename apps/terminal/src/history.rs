//! Lines entered before, recalled with Up and Down as in CPython's REPL (readline).
//!
//! Up walks back through earlier entries, Down forward; past the newest entry Down gives back
//! the line that was being typed before the walk started (the draft). Blank lines and a line
//! equal to the previous entry are not stored twice.

use std::string::String;
use std::vec::Vec;

/// Most entries kept; the oldest go first.
pub const MAX_ENTRIES: usize = 500;

#[derive(Clone, Debug, Default)]
pub struct History {
    entries: Vec<String>,
    /// Index of the entry shown while walking; `entries.len()` means "the draft".
    position: usize,
    draft: String,
}

impl History {
    pub fn new() -> History {
        History::default()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Records an entered line and ends any walk.
    pub fn push(&mut self, line: &str) {
        let blank = line.trim().is_empty();
        if !blank && self.entries.last().map(String::as_str) != Some(line) {
            self.entries.push(String::from(line));
            if self.entries.len() > MAX_ENTRIES {
                self.entries.remove(0);
            }
        }
        self.position = self.entries.len();
        self.draft.clear();
    }

    /// The entry before the one shown; `current` is the line on screen (kept as the draft
    /// when the walk starts). `None` at the oldest entry.
    pub fn up(&mut self, current: &str) -> Option<&str> {
        if self.position == 0 {
            return None;
        }
        if self.position == self.entries.len() {
            self.draft = String::from(current);
        }
        self.position -= 1;
        self.entries.get(self.position).map(String::as_str)
    }

    /// The entry after the one shown, or the draft past the newest; `None` when not walking.
    pub fn down(&mut self) -> Option<&str> {
        if self.position >= self.entries.len() {
            return None;
        }
        self.position += 1;
        match self.entries.get(self.position) {
            Some(entry) => Some(entry),
            None => Some(&self.draft),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn up_and_down_walk_the_entries_and_restore_the_draft() {
        let mut h = History::new();
        h.push("a = 1");
        h.push("b = 2");
        assert_eq!(h.up("dra"), Some("b = 2"));
        assert_eq!(h.up("b = 2"), Some("a = 1"));
        assert_eq!(h.up("a = 1"), None);
        assert_eq!(h.down(), Some("b = 2"));
        assert_eq!(h.down(), Some("dra"));
        assert_eq!(h.down(), None);
    }

    #[test]
    fn blank_and_repeated_lines_are_stored_once() {
        let mut h = History::new();
        h.push("x");
        h.push("x");
        h.push("   ");
        h.push("y");
        assert_eq!(h.len(), 2);
    }

    #[test]
    fn the_oldest_entries_are_dropped_past_the_limit() {
        let mut h = History::new();
        for i in 0..MAX_ENTRIES + 10 {
            h.push(&i.to_string());
        }
        assert_eq!(h.len(), MAX_ENTRIES);
        let mut oldest = String::new();
        while let Some(e) = h.up("") {
            oldest = String::from(e);
        }
        assert_eq!(oldest, "10");
    }
}
