//! The text buffer: UTF-8 bytes in a gap buffer, with an index of where each line starts.
//!
//! A gap buffer keeps the text in one array with a hole (the gap) at the place being edited:
//! `[text before | gap | text after]`. Typing fills the gap from its left edge, Backspace
//! widens it, and only moving the edit point elsewhere costs a copy (of the text between
//! the old and the new place). Editors edit where they edited last, so most keystrokes cost
//! O(1) whatever the document's size; that is what keeps a 1 MB document responsive.
//!
//! Positions are byte offsets into the text as if the gap were not there, and every public
//! position is kept on a character boundary: [`Buffer::insert`] takes `&str`, and
//! [`Buffer::delete`] snaps its range outwards to boundaries, so the bytes always form valid
//! UTF-8 (the invariant every `from_utf8` below relies on; a failure there would be a bug in
//! this file, and it degrades to an empty string rather than a panic).
//!
//! The line index lists the offset at which each line begins (the first is always 0; a line
//! begins after each `\n`). Lookups ("which line is offset N on?") are binary searches; an
//! edit shifts the starts after it, which costs one pass over the lines below the edit.

use std::ops::Range;
use std::string::String;
use std::vec::Vec;

/// Bytes added to the gap whenever it fills up (besides doubling).
const MIN_GAP: usize = 4096;

/// A UTF-8 text being edited.
#[derive(Clone, Debug)]
pub struct Buffer {
    bytes: Vec<u8>,
    gap_start: usize,
    gap_end: usize,
    /// Offset of the first byte of each line; never empty, `line_starts[0] == 0`.
    line_starts: Vec<usize>,
}

impl Default for Buffer {
    fn default() -> Buffer {
        Buffer::new()
    }
}

impl Buffer {
    /// An empty buffer.
    pub fn new() -> Buffer {
        Buffer {
            bytes: vec![0; MIN_GAP],
            gap_start: 0,
            gap_end: MIN_GAP,
            line_starts: vec![0],
        }
    }

    /// A buffer holding `text`.
    pub fn from_text(text: &str) -> Buffer {
        let mut buffer = Buffer::new();
        buffer.insert(0, text);
        buffer
    }

    /// Length of the text in bytes.
    pub fn len(&self) -> usize {
        self.bytes.len() - (self.gap_end - self.gap_start)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Number of lines (an empty text has one, empty, line).
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The byte at text offset `at`, if inside.
    pub fn byte(&self, at: usize) -> Option<u8> {
        if at < self.gap_start {
            self.bytes.get(at).copied()
        } else {
            self.bytes
                .get(at + (self.gap_end - self.gap_start))
                .copied()
        }
    }

    /// True when `at` is a character boundary (the ends count).
    pub fn is_boundary(&self, at: usize) -> bool {
        at == 0 || at >= self.len() || self.byte(at).is_some_and(|b| b & 0xC0 != 0x80)
    }

    /// The boundary at or before `at` (clamped to the text).
    pub fn floor(&self, at: usize) -> usize {
        let mut at = at.min(self.len());
        while !self.is_boundary(at) {
            at -= 1;
        }
        at
    }

    /// The boundary at or after `at` (clamped to the text).
    pub fn ceil(&self, at: usize) -> usize {
        let mut at = at.min(self.len());
        while !self.is_boundary(at) {
            at += 1;
        }
        at
    }

    /// The start of the character after the one at `at` (or the end).
    pub fn next_char(&self, at: usize) -> usize {
        if at >= self.len() {
            return self.len();
        }
        self.ceil(at + 1)
    }

    /// The start of the character before `at` (or 0).
    pub fn prev_char(&self, at: usize) -> usize {
        if at == 0 {
            return 0;
        }
        self.floor(at.min(self.len()) - 1)
    }

    /// The character that starts at `at`.
    pub fn char_at(&self, at: usize) -> Option<char> {
        if at >= self.len() || !self.is_boundary(at) {
            return None;
        }
        let end = self.next_char(at);
        let mut utf8 = [0u8; 4];
        for (slot, i) in utf8.iter_mut().zip(at..end) {
            *slot = self.byte(i).unwrap_or(0);
        }
        core::str::from_utf8(&utf8[..end - at])
            .ok()
            .and_then(|s| s.chars().next())
    }

    /// The character that ends at `at`.
    pub fn char_before(&self, at: usize) -> Option<char> {
        if at == 0 {
            return None;
        }
        self.char_at(self.prev_char(at))
    }

    /// The two byte slices (before and after the gap) that make up `range`.
    fn parts(&self, range: Range<usize>) -> (&[u8], &[u8]) {
        let (start, end) = (range.start.min(self.len()), range.end.min(self.len()));
        let end = end.max(start);
        let gap = self.gap_end - self.gap_start;
        let first = &self.bytes[start.min(self.gap_start)..end.min(self.gap_start)];
        let second_start = start.max(self.gap_start) + gap;
        let second_end = end.max(self.gap_start) + gap;
        (first, &self.bytes[second_start..second_end])
    }

    /// Number of characters in `range` (counting the bytes that start one).
    pub fn char_count(&self, range: Range<usize>) -> usize {
        let (a, b) = self.parts(range);
        let starts = |bytes: &[u8]| bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count();
        starts(a) + starts(b)
    }

    /// The offset `n` characters after `at`, stopping at `limit`.
    pub fn advance_chars(&self, at: usize, n: usize, limit: usize) -> usize {
        let limit = limit.min(self.len());
        let (a, b) = self.parts(at..limit);
        let mut left = n;
        for (offset, &byte) in (at..).zip(a.iter().chain(b.iter())) {
            if byte & 0xC0 != 0x80 {
                if left == 0 {
                    return offset;
                }
                left -= 1;
            }
        }
        limit
    }

    /// Appends the text of `range` (snapped to boundaries) to `out`.
    pub fn read_into(&self, range: Range<usize>, out: &mut String) {
        let range = self.floor(range.start)..self.ceil(range.end);
        let (a, b) = self.parts(range);
        out.push_str(core::str::from_utf8(a).unwrap_or(""));
        out.push_str(core::str::from_utf8(b).unwrap_or(""));
    }

    /// The text of `range` as a new string.
    pub fn slice(&self, range: Range<usize>) -> String {
        let mut out = String::new();
        self.read_into(range, &mut out);
        out
    }

    /// The whole text.
    pub fn text(&self) -> String {
        self.slice(0..self.len())
    }

    /// The whole text as one contiguous slice (moves the gap to the end first).
    pub fn contiguous(&mut self) -> &str {
        let len = self.len();
        self.move_gap(len);
        core::str::from_utf8(&self.bytes[..len]).unwrap_or("")
    }

    /// Offset where line `line` starts (the end of the text past the last line).
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts.get(line).copied().unwrap_or(self.len())
    }

    /// Offset of the end of line `line`, before its `\n`.
    pub fn line_end(&self, line: usize) -> usize {
        match self.line_starts.get(line + 1) {
            Some(next) => next - 1,
            None => self.len(),
        }
    }

    /// The line that offset `at` lies on.
    pub fn line_of(&self, at: usize) -> usize {
        match self.line_starts.binary_search(&at) {
            Ok(line) => line,
            Err(next) => next.saturating_sub(1),
        }
    }

    /// Moves the gap so that it starts at text offset `at`.
    fn move_gap(&mut self, at: usize) {
        let at = at.min(self.len());
        let gap = self.gap_end - self.gap_start;
        if at < self.gap_start {
            // Text [at, gap_start) moves right, to end at gap_end.
            self.bytes.copy_within(at..self.gap_start, at + gap);
        } else if at > self.gap_start {
            // Text [gap_end, at + gap) moves left, to start at gap_start.
            self.bytes
                .copy_within(self.gap_end..at + gap, self.gap_start);
        }
        self.gap_start = at;
        self.gap_end = at + gap;
    }

    /// Makes the gap at least `needed` bytes wide.
    fn reserve(&mut self, needed: usize) {
        let gap = self.gap_end - self.gap_start;
        if gap >= needed {
            return;
        }
        let grow = needed.max(self.bytes.len()).max(MIN_GAP);
        let after = self.bytes.len() - self.gap_end;
        self.bytes.resize(self.bytes.len() + grow, 0);
        let new_end = self.bytes.len() - after;
        self.bytes
            .copy_within(self.gap_end..self.gap_end + after, new_end);
        self.gap_end = new_end;
    }

    /// Inserts `text` at `at` (snapped down to a boundary); returns where it went.
    pub fn insert(&mut self, at: usize, text: &str) -> usize {
        let at = self.floor(at);
        if text.is_empty() {
            return at;
        }
        self.reserve(text.len());
        self.move_gap(at);
        self.bytes[at..at + text.len()].copy_from_slice(text.as_bytes());
        self.gap_start += text.len();
        // Line index: shift the starts after `at`, then add the new lines' starts.
        let line = self.line_of(at);
        for start in &mut self.line_starts[line + 1..] {
            *start += text.len();
        }
        let tail = self.line_starts.split_off(line + 1);
        for (i, &b) in text.as_bytes().iter().enumerate() {
            if b == b'\n' {
                self.line_starts.push(at + i + 1);
            }
        }
        self.line_starts.extend(tail);
        at
    }

    /// Removes `range` (snapped outwards to boundaries) and returns the removed text.
    pub fn delete(&mut self, range: Range<usize>) -> String {
        let start = self.floor(range.start);
        let end = self.ceil(range.end.max(start));
        if start == end {
            return String::new();
        }
        let removed = self.slice(start..end);
        self.move_gap(start);
        self.gap_end += end - start;
        let first = self.line_of(start) + 1;
        let last = self.line_starts.partition_point(|&s| s <= end);
        self.line_starts.drain(first..last.max(first));
        for s in &mut self.line_starts[first..] {
            *s -= end - start;
        }
        removed
    }

    /// Replaces the whole text.
    pub fn set_text(&mut self, text: &str) {
        *self = Buffer::from_text(text);
    }
}
