//! Inline content as atoms: words, collapsed spaces, forced breaks and images.
//!
//! Text is cut into atoms as it arrives (CSS Text §4.1.1, "Phase I: collapsing"): every run
//! of spaces, tabs and newlines becomes one [`Atom::Space`], dropped at the start of a block
//! and after a forced break, and never doubled across element boundaries ("a <b> b</b>" has
//! one space). In `pre` text nothing collapses: each source line is one unbreakable word and
//! each newline a forced break. Breaking the atoms into lines is `lines.rs`.

use super::Style;
use gfx::Font;

/// One piece of inline content.
#[derive(Clone, Debug)]
pub(super) enum Atom {
    Word {
        text: String,
        style: Style,
        width: i32,
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
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c')
}

/// The atoms of one block's inline content.
#[derive(Default)]
pub(super) struct Inline {
    atoms: Vec<Atom>,
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
    }

    pub fn atoms(&self) -> &[Atom] {
        &self.atoms
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
    pub fn add_text(&mut self, text: &str, style: &Style) {
        if style.pre {
            self.add_pre(text, style);
            return;
        }
        let font = style.font();
        let mut rest = text;
        while !rest.is_empty() {
            let space_len = rest.len() - rest.trim_start_matches(is_space).len();
            if space_len > 0 {
                if self.space_allowed() {
                    self.atoms.push(Atom::Space(*style));
                }
                rest = &rest[space_len..];
                continue;
            }
            let word_len = rest.find(is_space).unwrap_or(rest.len());
            let word = &rest[..word_len];
            self.push_word(word, style, &font, self.touches());
            rest = &rest[word_len..];
        }
    }

    fn push_word(&mut self, word: &str, style: &Style, font: &Font, glued: bool) {
        let width = font.measure(word);
        self.widest = self.widest.max(width);
        self.atoms.push(Atom::Word {
            text: word.to_string(),
            style: *style,
            width,
            glued,
        });
    }

    /// Preformatted text: lines are unbreakable words, newlines forced breaks.
    fn add_pre(&mut self, text: &str, style: &Style) {
        let font = style.font();
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                self.atoms.push(Atom::Break(*style));
            }
            let line = line.strip_suffix('\r').unwrap_or(line);
            if !line.is_empty() {
                // Tabs jump to stops counted from the run's start; expand them here so a
                // line split across styles keeps its columns.
                let expanded = expand_tabs(line);
                self.push_word(&expanded, style, &font, true);
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
