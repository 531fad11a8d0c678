//! Inline content as atoms: words, collapsed spaces, forced breaks and images.
//!
//! Text is cut into atoms as it arrives (CSS Text §4.1.1, "Phase I: collapsing"): every run
//! of spaces, tabs and newlines becomes one [`Atom::Space`], dropped at the start of a block
//! and after a forced break, and never doubled across element boundaries ("a <b> b</b>" has
//! one space). In `pre` text nothing collapses: each source line is one unbreakable word and
//! each newline a forced break. Breaking the atoms into lines is `lines.rs`.
//!
//! The words' text is kept in one buffer per block (atoms hold byte ranges into it) and
//! each word is measured once, here: its width in 1/64 px and its end characters let the
//! line builder join words into runs without measuring them again.

use super::fonts::Fonts;
use super::Style;
use core::ops::Range;

/// One piece of inline content.
#[derive(Clone, Debug)]
pub(super) enum Atom {
    Word {
        /// Byte range in [`Inline::text`].
        text: Range<u32>,
        style: Style,
        /// Width in whole pixels (rounded up) and in 1/64 px.
        width: i32,
        width64: u32,
        /// The first and last characters (for kerning against neighbours).
        ends: (char, char),
        /// No break opportunity before this word.
        glued: bool,
    },
    Space(Style),
    Break(Style),
    Image {
        width: i32,
        height: i32,
        alt: String,
        style: Style,
        glued: bool,
    },
}

/// Whitespace in the sense of CSS Text §4.1 ("document white space characters").
fn is_space_byte(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// The atoms of one block's inline content.
#[derive(Default)]
pub(super) struct Inline {
    atoms: Vec<Atom>,
    /// The words' text, one after the other.
    text: String,
    /// Widest unbreakable piece seen (for table column sizing).
    pub widest: i32,
}

impl Inline {
    /// True when there is nothing to lay out (only collapsible spaces, or nothing).
    pub fn is_blank(&self) -> bool {
        !self.atoms.iter().any(|a| !matches!(a, Atom::Space(_)))
    }

    pub fn clear(&mut self) {
        self.atoms.clear();
        self.text.clear();
    }

    pub fn atoms(&self) -> &[Atom] {
        &self.atoms
    }

    /// The buffer the words' ranges point into.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// True when a space may be added (not at the start, not after a space or a break).
    fn space_allowed(&self) -> bool {
        matches!(
            self.atoms.last(),
            Some(Atom::Word { .. }) | Some(Atom::Image { .. })
        )
    }

    /// True when a new word touches the previous atom.
    fn touches(&self) -> bool {
        self.space_allowed()
    }

    /// Adds a text node's text in `style`.
    pub fn add_text(&mut self, text: &str, style: &Style, fonts: &Fonts) {
        if style.pre {
            self.add_pre(text, style, fonts);
            return;
        }
        // The spaces are ASCII, so the text can be cut by bytes: a UTF-8 sequence never
        // holds an ASCII byte, and every cut falls on a character boundary.
        let bytes = text.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            let start = at;
            while at < bytes.len() && is_space_byte(bytes[at]) {
                at += 1;
            }
            if at > start {
                if self.space_allowed() {
                    self.atoms.push(Atom::Space(*style));
                }
                continue;
            }
            while at < bytes.len() && !is_space_byte(bytes[at]) {
                at += 1;
            }
            if let Some(word) = text.get(start..at) {
                self.push_word(word, style, fonts, self.touches());
            }
        }
    }

    fn push_word(&mut self, word: &str, style: &Style, fonts: &Fonts, glued: bool) {
        let (Some(first), Some(last)) = (word.chars().next(), word.chars().next_back()) else {
            return;
        };
        let width64 = fonts.get(style).measure64(word);
        let width = width64.div_ceil(64) as i32;
        self.widest = self.widest.max(width);
        // Byte offsets fit in u32: a text node is far smaller than 4 GiB.
        let start = self.text.len() as u32;
        self.text.push_str(word);
        self.atoms.push(Atom::Word {
            text: start..self.text.len() as u32,
            style: *style,
            width,
            width64,
            ends: (first, last),
            glued,
        });
    }

    /// Preformatted text: lines are unbreakable words, newlines forced breaks.
    fn add_pre(&mut self, text: &str, style: &Style, fonts: &Fonts) {
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                self.atoms.push(Atom::Break(*style));
            }
            let line = line.strip_suffix('\r').unwrap_or(line);
            if !line.is_empty() {
                // Tabs jump to stops counted from the run's start; expand them here so a
                // line split across styles keeps its columns.
                let expanded = expand_tabs(line);
                self.push_word(&expanded, style, fonts, true);
            }
        }
    }

    pub fn add_break(&mut self, style: &Style) {
        self.atoms.push(Atom::Break(*style));
    }

    pub fn add_image(&mut self, width: i32, height: i32, alt: &str, style: &Style) {
        self.widest = self.widest.max(width);
        let glued = self.touches();
        self.atoms.push(Atom::Image {
            width,
            height,
            alt: alt.to_string(),
            style: *style,
            glued,
        });
    }
}

/// Replaces tabs with spaces up to the next multiple of 8 columns.
fn expand_tabs(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut column = 0;
    for c in line.chars() {
        if c == '\t' {
            let n = 8 - column % 8;
            out.extend(core::iter::repeat_n(' ', n));
            column += n;
        } else {
            out.push(c);
            column += 1;
        }
    }
    out
}
