//! The find bar: a query typed at the bottom of the window, and the search itself.
//!
//! Ctrl+F opens the bar and gives it the keyboard (the current selection, if it is short
//! and on one line, becomes the query). Each change to the query searches again from the
//! start of the selection, so the match grows as the user types; Enter or F3 finds the next
//! match, Shift+Enter or Shift+F3 the previous one, both wrapping around the document's
//! ends. A match is shown by selecting it. Escape closes the bar.
//!
//! Searching is an exact, case-sensitive byte search over the contiguous text (the buffer
//! moves its gap to the end first, one copy at most), so a match is always a run of whole
//! characters.

use crate::buffer::Buffer;
use std::ops::Range;
use std::string::String;

/// The find bar's state.
#[derive(Clone, Debug, Default)]
pub struct FindBar {
    pub open: bool,
    pub query: String,
    /// The last search found nothing.
    pub missing: bool,
}

/// The first match of `query` at or after `from`, wrapping to the start.
pub fn next(buffer: &mut Buffer, query: &str, from: usize) -> Option<Range<usize>> {
    if query.is_empty() {
        return None;
    }
    let text = buffer.contiguous();
    let from = from.min(text.len());
    let found = text
        .get(from..)
        .and_then(|rest| rest.find(query).map(|i| i + from))
        .or_else(|| text.find(query))?;
    Some(found..found + query.len())
}

/// The last match of `query` ending at or before `before`, wrapping to the end.
pub fn previous(buffer: &mut Buffer, query: &str, before: usize) -> Option<Range<usize>> {
    if query.is_empty() {
        return None;
    }
    let text = buffer.contiguous();
    let before = before.min(text.len());
    let found = text
        .get(..before)
        .and_then(|head| head.rfind(query))
        .or_else(|| text.rfind(query))?;
    Some(found..found + query.len())
}
