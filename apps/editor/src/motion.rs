//! Where the cursor goes: characters, words, lines, pages, columns.
//!
//! Word motion follows the usual editor convention: characters fall in three classes
//! (word characters — letters, digits and `_` in any script —, white space, and other
//! punctuation). Ctrl+Right skips white space, then a run of one class; Ctrl+Left does the
//! same backwards, so the cursor lands at the start of words. A double click selects the run
//! of one class around the clicked character.
//!
//! Columns count characters (`char`s), not bytes, so a line of `é` or `日本` moves one
//! column per character; the monospace view draws one character per cell.

use crate::buffer::Buffer;

/// The class of a character, for word motion.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Class {
    Word,
    Space,
    Punctuation,
}

/// The class `c` belongs to.
pub fn class(c: char) -> Class {
    if c.is_alphanumeric() || c == '_' {
        Class::Word
    } else if c.is_whitespace() {
        Class::Space
    } else {
        Class::Punctuation
    }
}

/// The start of the next word after `at` (or the end of the text).
pub fn word_right(buffer: &Buffer, at: usize) -> usize {
    let mut at = at;
    let Some(first) = buffer.char_at(at) else {
        return buffer.len();
    };
    let start_class = class(first);
    while let Some(c) = buffer.char_at(at) {
        if class(c) != start_class {
            break;
        }
        at = buffer.next_char(at);
    }
    while let Some(c) = buffer.char_at(at) {
        if class(c) != Class::Space || c == '\n' && start_class != Class::Space {
            break;
        }
        at = buffer.next_char(at);
    }
    at
}

/// The start of the word before `at` (or 0).
pub fn word_left(buffer: &Buffer, at: usize) -> usize {
    let mut at = at;
    while let Some(c) = buffer.char_before(at) {
        if class(c) != Class::Space {
            break;
        }
        at = buffer.prev_char(at);
    }
    let Some(last) = buffer.char_before(at) else {
        return at;
    };
    let run = class(last);
    while let Some(c) = buffer.char_before(at) {
        if class(c) != run {
            break;
        }
        at = buffer.prev_char(at);
    }
    at
}

/// The run of one class around `at` (a double-click's word); empty at the end of the text.
pub fn word_around(buffer: &Buffer, at: usize) -> (usize, usize) {
    let Some(c) = buffer.char_at(at).filter(|&c| c != '\n') else {
        return (at, at);
    };
    let run = class(c);
    let (mut start, mut end) = (at, at);
    while let Some(c) = buffer.char_before(start) {
        if class(c) != run || c == '\n' {
            break;
        }
        start = buffer.prev_char(start);
    }
    while let Some(c) = buffer.char_at(end) {
        if class(c) != run || c == '\n' {
            break;
        }
        end = buffer.next_char(end);
    }
    (start, end)
}

/// The column (in characters) of offset `at` within its line.
pub fn column_of(buffer: &Buffer, at: usize) -> usize {
    let start = buffer.line_start(buffer.line_of(at));
    buffer.char_count(start..at)
}

/// The offset of `column` on `line`, clamped to the line's end.
pub fn offset_at(buffer: &Buffer, line: usize, column: usize) -> usize {
    let end = buffer.line_end(line);
    buffer.advance_chars(buffer.line_start(line), column, end)
}

/// The offset `lines` lines above (negative) or below (positive) `at`, at `column` (the
/// column the cursor wants to keep while moving vertically).
pub fn vertical(buffer: &Buffer, at: usize, lines: isize, column: usize) -> usize {
    let line = buffer.line_of(at) as isize + lines;
    if line < 0 {
        return 0;
    }
    let line = line as usize;
    if line >= buffer.line_count() {
        return buffer.len();
    }
    offset_at(buffer, line, column)
}

/// The first non-blank character of the line (Home toggles between it and column 0).
pub fn smart_home(buffer: &Buffer, at: usize) -> usize {
    let start = buffer.line_start(buffer.line_of(at));
    let end = buffer.line_end(buffer.line_of(at));
    let mut indent = start;
    while indent < end && matches!(buffer.char_at(indent), Some(' ') | Some('\t')) {
        indent = buffer.next_char(indent);
    }
    if at == indent {
        start
    } else {
        indent
    }
}
