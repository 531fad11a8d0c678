//! The scrollback: everything the session printed, as lines, and the rows a window shows.
//!
//! Output arrives as text with newlines (prompts, echoed input, `print`, tracebacks). The
//! screen keeps completed lines (at most [`MAX_LINES`], the oldest dropped) plus the
//! unfinished last line, which the prompt and the line being typed continue. Tabs expand to
//! the next multiple of 8 columns and other control characters are dropped, so one character
//! is one grid cell.
//!
//! A window of `columns` x `rows` cells shows the logical lines wrapped at `columns`,
//! bottom-aligned; `scroll` counts rows above the bottom (0 follows new output). Only the
//! lines needed to fill the view are wrapped, so a frame costs the same with a long history.
//!
//! For copying, the screen remembers where the output of the last command began
//! ([`Screen::begin_block`]); [`Screen::last_block`] returns that output.

use std::collections::VecDeque;
use std::string::String;
use std::vec::Vec;

/// Lines kept in the scrollback.
pub const MAX_LINES: usize = 5000;
/// Longer lines are broken (a `print("x" * 10**7)` must not make every frame slow).
pub const MAX_LINE_CHARS: usize = 4000;
const TAB_WIDTH: usize = 8;

/// One row of the window: its text and, if the cursor is on it, the cursor's column.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Row {
    pub text: String,
    pub cursor: Option<usize>,
}

#[derive(Clone, Debug, Default)]
pub struct Screen {
    lines: VecDeque<String>,
    /// The unfinished last line.
    partial: String,
    /// Its length in characters.
    partial_chars: usize,
    /// Lines dropped from the front so far (absolute line numbers stay valid).
    dropped: u64,
    /// Absolute numbers of the first line of the last command's output and of the line
    /// after it (`None` while the command runs).
    block_start: u64,
    block_end: Option<u64>,
    /// Rows scrolled up from the bottom.
    pub scroll: usize,
}

impl Screen {
    pub fn new() -> Screen {
        Screen::default()
    }

    /// Appends output; the view goes back to the bottom.
    pub fn write(&mut self, text: &str) {
        for c in text.chars() {
            match c {
                '\n' => self.newline(),
                '\t' => {
                    let spaces = TAB_WIDTH - self.partial_chars % TAB_WIDTH;
                    for _ in 0..spaces {
                        self.push_char(' ');
                    }
                }
                c if c.is_control() => {}
                c => self.push_char(c),
            }
        }
        self.scroll = 0;
    }

    fn push_char(&mut self, c: char) {
        if self.partial_chars >= MAX_LINE_CHARS {
            self.newline();
        }
        self.partial.push(c);
        self.partial_chars += 1;
    }

    fn newline(&mut self) {
        self.partial_chars = 0;
        self.lines.push_back(core::mem::take(&mut self.partial));
        if self.lines.len() > MAX_LINES {
            self.lines.pop_front();
            self.dropped += 1;
        }
    }

    /// The unfinished last line (a prompt `input()` printed, `print(..., end="")`).
    pub fn partial(&self) -> &str {
        &self.partial
    }

    /// Ends the unfinished line, if any, so the next prompt starts at column 0 (CPython
    /// leaves `print(1, end="")` and the prompt on one line; we do not).
    pub fn finish_line(&mut self) {
        if !self.partial.is_empty() {
            self.newline();
        }
    }

    /// Forgets the scrollback (Ctrl+L); the unfinished line stays.
    pub fn clear(&mut self) {
        self.dropped += self.lines.len() as u64;
        self.lines.clear();
        self.scroll = 0;
    }

    /// Completed lines in the scrollback.
    pub fn line_count(&self) -> usize {
        self.lines.len()
    }

    /// The last `n` completed lines, oldest first (for tests and logs).
    pub fn tail(&self, n: usize) -> Vec<&str> {
        let skip = self.lines.len().saturating_sub(n);
        self.lines.iter().skip(skip).map(String::as_str).collect()
    }

    /// Marks the start of a command's output (call after echoing the command).
    pub fn begin_block(&mut self) {
        self.block_start = self.dropped + self.lines.len() as u64;
        self.block_end = None;
    }

    /// Marks the end of a command's output (an unfinished last line is ended first).
    pub fn end_block(&mut self) {
        self.finish_line();
        self.block_end = Some(self.dropped + self.lines.len() as u64);
    }

    /// The output of the last command, lines joined with `\n` (without the next prompt).
    pub fn last_block(&self) -> String {
        let first = self.block_start.saturating_sub(self.dropped) as usize;
        let end = self.block_end.map_or(self.lines.len(), |e| {
            e.saturating_sub(self.dropped) as usize
        });
        let lines: Vec<&str> = self
            .lines
            .iter()
            .take(end)
            .skip(first)
            .map(String::as_str)
            .collect();
        lines.join("\n")
    }

    /// Scrolls by `rows` (positive: back into the history).
    pub fn scroll_by(&mut self, rows: i32) {
        let up = self.scroll as i64 + rows as i64;
        self.scroll = up.clamp(0, u32::MAX as i64) as usize;
    }

    /// The `rows` rows a window of `columns` shows, top first. `tail` continues the
    /// unfinished line (prompt and input), `cursor` is a character index into `partial +
    /// tail`. Clamps `scroll` to the history there is.
    pub fn view(
        &mut self,
        columns: usize,
        rows: usize,
        tail: &str,
        cursor: Option<usize>,
    ) -> Vec<Row> {
        let columns = columns.max(1);
        let want = rows + self.scroll;
        let mut out: Vec<Row> = Vec::with_capacity(want);
        let mut last = String::with_capacity(self.partial.len() + tail.len());
        last.push_str(&self.partial);
        last.push_str(tail);
        wrap_into(&last, columns, cursor, &mut out);
        for line in self.lines.iter().rev() {
            if out.len() >= want {
                break;
            }
            wrap_into(line, columns, None, &mut out);
        }
        // `out` is bottom first. Clamp the scroll to what exists.
        let max_scroll = out.len().saturating_sub(rows);
        self.scroll = self.scroll.min(max_scroll);
        let end = (self.scroll + rows).min(out.len());
        let mut view: Vec<Row> = out.drain(self.scroll..end).collect();
        view.reverse();
        view
    }
}

/// Pushes the rows of `line` wrapped at `columns`, last row first (the caller builds the
/// view from the bottom up).
fn wrap_into(line: &str, columns: usize, cursor: Option<usize>, out: &mut Vec<Row>) {
    let chars: Vec<char> = line.chars().collect();
    let needed = cursor.map_or(chars.len(), |c| chars.len().max(c + 1));
    let count = needed.div_ceil(columns).max(1);
    for row in (0..count).rev() {
        let start = row * columns;
        let end = (start + columns).min(chars.len());
        let text: String = chars.get(start..end).unwrap_or(&[]).iter().collect();
        let cursor = cursor
            .filter(|c| (start..start + columns).contains(c))
            .map(|c| c - start);
        out.push(Row { text, cursor });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(rows: &[Row]) -> Vec<&str> {
        rows.iter().map(|r| r.text.as_str()).collect()
    }

    #[test]
    fn output_is_split_into_lines_and_tabs_expand() {
        let mut s = Screen::new();
        s.write("a\tb\nsecond\x07 line\npart");
        assert_eq!(s.tail(5), vec!["a       b", "second line"]);
        assert_eq!(s.partial(), "part");
    }

    #[test]
    fn the_view_is_bottom_aligned_with_the_prompt_and_cursor() {
        let mut s = Screen::new();
        s.write("one\ntwo\n");
        let rows = s.view(20, 4, ">>> x", Some(5));
        assert_eq!(texts(&rows), vec!["one", "two", ">>> x"]);
        assert_eq!(rows[2].cursor, Some(5));
        assert_eq!(rows[0].cursor, None);
    }

    #[test]
    fn long_lines_wrap_and_the_cursor_may_start_a_new_row() {
        let mut s = Screen::new();
        s.write("abcdefghij\n");
        let rows = s.view(4, 10, ">>> ", Some(4));
        assert_eq!(texts(&rows), vec!["abcd", "efgh", "ij", ">>> ", ""]);
        assert_eq!(rows[4].cursor, Some(0));
    }

    #[test]
    fn scrolling_is_clamped_to_the_history() {
        let mut s = Screen::new();
        for i in 0..10 {
            s.write(&format!("line {i}\n"));
        }
        s.scroll_by(3);
        let rows = s.view(20, 4, ">>> ", None);
        assert_eq!(texts(&rows), vec!["line 4", "line 5", "line 6", "line 7"]);
        s.scroll_by(100);
        let rows = s.view(20, 4, ">>> ", None);
        assert_eq!(texts(&rows)[0], "line 0");
        assert_eq!(s.scroll, 7);
        s.write("new\n");
        assert_eq!(s.scroll, 0, "new output brings the view back down");
        s.scroll_by(-5);
        assert_eq!(s.scroll, 0);
    }

    #[test]
    fn the_last_block_is_the_output_of_the_last_command() {
        let mut s = Screen::new();
        s.write(">>> print(1); print(2)\n");
        s.begin_block();
        s.write("1\n2");
        assert_eq!(s.last_block(), "1");
        s.end_block();
        s.write(">>> \n>>> ");
        assert_eq!(s.last_block(), "1\n2");
    }

    #[test]
    fn very_long_lines_are_broken() {
        let mut s = Screen::new();
        s.write(&"x".repeat(MAX_LINE_CHARS * 2 + 3));
        assert_eq!(s.line_count(), 2);
        assert_eq!(s.partial(), "xxx");
    }

    #[test]
    fn old_lines_are_dropped_past_the_limit() {
        let mut s = Screen::new();
        for i in 0..MAX_LINES + 5 {
            s.write(&format!("{i}\n"));
        }
        assert_eq!(s.line_count(), MAX_LINES);
        assert_eq!(s.tail(1), vec![(MAX_LINES + 4).to_string().as_str()]);
        s.begin_block();
        s.write("x\n");
        s.write(&"y\n".repeat(10));
        assert!(s.last_block().starts_with("x\ny"));
    }
}
