//! The fonts of one layout, each read into lookup tables the first time a style needs it
//! ([`gfx::font::Metrics`]), so measuring a word costs a table lookup per character rather
//! than two binary searches in the font file.

use crate::style::{Style, FONT_COUNT};
use core::cell::OnceCell;
use gfx::font::Metrics;

/// Metrics of the embedded fonts, built on first use.
#[derive(Default)]
pub(super) struct Fonts {
    cache: [OnceCell<Metrics<'static>>; FONT_COUNT],
}

impl Fonts {
    /// The metrics of `style`'s font.
    pub fn get(&self, style: &Style) -> &Metrics<'static> {
        let cell = &self.cache[style.font_index().min(FONT_COUNT - 1)];
        cell.get_or_init(|| Metrics::new(style.font()))
    }
}
