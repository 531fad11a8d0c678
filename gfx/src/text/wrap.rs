//! Breaking text into lines and finding positions inside them.
//!
//! [`wrap`] splits UTF-8 text into [`Line`]s: at every `\n`, and (given a width) greedily
//! wherever the next word would not fit. Breaks fall after spaces; the spaces that end a
//! wrapped line are left out of its width so right-aligned and centred text lines up. A word
//! wider than the whole width is cut between characters rather than overflowing. Lines keep
//! byte ranges into the original string, so selections and cursors (byte offsets) map to
//! lines without copying text.
//!
//! [`x_of`] and [`index_at`] convert between a byte offset and a horizontal pixel position
//! within one line: the text box uses them to place its cursor and to hit-test clicks.

use crate::font::Font;
use alloc::vec::Vec;

/// One laid-out line: `text[start..end]`, `width` pixels wide.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Line {
    pub start: usize,
    pub end: usize,
    pub width: i32,
}

/// Splits `text` into lines no wider than `max_width` (when given).
pub fn wrap(font: &Font, text: &str, max_width: Option<i32>) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut start = 0;
    for para in text.split('\n') {
        wrap_paragraph(font, text, start, start + para.len(), max_width, &mut lines);
        start += para.len() + 1;
    }
    lines
}

/// Wraps `text[from..to]` (which has no newline) and appends its lines.
fn wrap_paragraph(
    font: &Font,
    text: &str,
    from: usize,
    to: usize,
    max_width: Option<i32>,
    lines: &mut Vec<Line>,
) {
    let limit64 = max_width.map(|w| w.max(1) as u32 * 64);
    let mut line_start = from;
    loop {
        let rest = &text[line_start..to];
        let Some(limit) = limit64 else {
            lines.push(Line {
                start: line_start,
                end: to,
                width: font.measure(rest),
            });
            return;
        };
        // Byte offset just after the last space run seen, and where that run began.
        let mut last_break: Option<(usize, usize)> = None;
        let mut cut: Option<(usize, usize)> = None; // (line end, next line start)
        let mut prev_space = false;
        let mut space_begin = 0;
        for p in font.pens(rest) {
            let at = line_start + p.index;
            if p.ch == ' ' {
                if !prev_space {
                    space_begin = at;
                }
                prev_space = true;
                continue;
            }
            if prev_space {
                last_break = Some((space_begin, at));
                prev_space = false;
            }
            if p.end64 > limit && at > line_start {
                cut = Some(last_break.unwrap_or((at, at)));
                break;
            }
        }
        match cut {
            None => {
                let end = trim_end_spaces(text, line_start, to);
                let width = font.measure(&text[line_start..end]);
                lines.push(Line {
                    start: line_start,
                    end: to,
                    width,
                });
                return;
            }
            Some((end, next)) => {
                let width = font.measure(&text[line_start..end]);
                lines.push(Line {
                    start: line_start,
                    end,
                    width,
                });
                line_start = next;
            }
        }
    }
}

/// The end of `text[from..to]` without its trailing spaces.
fn trim_end_spaces(text: &str, from: usize, to: usize) -> usize {
    from + text[from..to].trim_end_matches(' ').len()
}

/// The x offset (pixels from the line's start) of byte `index` within `line`: where the
/// character at `index` is drawn, or the line's end.
pub fn x_of(font: &Font, text: &str, line: &Line, index: usize) -> i32 {
    let slice = text.get(line.start..line.end).unwrap_or("");
    let mut end = 0u32;
    for p in font.pens(slice) {
        if line.start + p.index >= index {
            return p.x();
        }
        end = p.end64;
    }
    (end.saturating_add(32) / 64) as i32
}

/// The byte offset in `line` nearest to pixel `x` (relative to the line's start): clicking
/// on the left half of a character puts the cursor before it, the right half after it.
pub fn index_at(font: &Font, text: &str, line: &Line, x: i32) -> usize {
    let target = x.max(0) as u32 * 64;
    let slice = text.get(line.start..line.end).unwrap_or("");
    for p in font.pens(slice) {
        if target < (p.at64 + p.end64) / 2 {
            return line.start + p.index;
        }
    }
    line.end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'a>(text: &'a str, lines: &[Line]) -> Vec<&'a str> {
        lines.iter().map(|l| &text[l.start..l.end]).collect()
    }

    #[test]
    fn newlines_split_and_no_width_means_no_wrap() {
        let f = Font::sans(14);
        let t = "one\ntwo three\n\nfour";
        assert_eq!(
            texts(t, &wrap(&f, t, None)),
            ["one", "two three", "", "four"]
        );
    }

    #[test]
    fn wraps_at_spaces_and_cuts_long_words() {
        let f = Font::mono(14);
        let cw = f.measure("0123456789") / 10 + 1;
        let t = "hello world and more";
        let lines = wrap(&f, t, Some(cw * 11));
        assert_eq!(texts(t, &lines), ["hello world", "and more"]);
        let lines = wrap(&f, t, Some(cw * 8));
        assert_eq!(texts(t, &lines), ["hello", "world", "and more"]);
        for l in &lines {
            assert!(l.width <= cw * 8 + 1);
        }
        let long = "abcdefghijklmnop";
        assert_eq!(
            texts(long, &wrap(&f, long, Some(cw * 5))),
            ["abcde", "fghij", "klmno", "p"]
        );
        // A width smaller than one character still makes progress.
        assert_eq!(wrap(&f, "abc", Some(1)).len(), 3);
    }

    #[test]
    fn positions_round_trip() {
        let f = Font::sans(16);
        let t = "Wide and narrow: iiii";
        let line = wrap(&f, t, None)[0];
        for (i, _) in t.char_indices() {
            let x = x_of(&f, t, &line, i);
            assert_eq!(index_at(&f, t, &line, x), i, "index {i}");
        }
        assert_eq!(index_at(&f, t, &line, 10_000), t.len());
        assert_eq!(index_at(&f, t, &line, -5), 0);
    }
}
