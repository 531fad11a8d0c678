//! Cached metrics: a font's ASCII advances and ASCII kerning pairs in plain tables.
//!
//! [`Font`] looks every advance and kerning pair up in the baked file (two binary searches
//! per character). That is fine for a window title but not for a browser measuring every
//! word of a long page, especially under an interpreter. [`Metrics`] reads the file once:
//! the advances of the 128 ASCII characters and the kerning between every pair of them go
//! into arrays; any other character falls back to the font itself. Every answer equals the
//! font's own ([`Font::advance64`], [`Font::kern64`], [`Font::step64`], [`Font::measure`]),
//! so text measured either way lines up.

use super::Font;
use alloc::vec;
use alloc::vec::Vec;

/// Characters below this have table entries.
const ASCII: usize = 128;

/// A font with its ASCII advances and kerning in tables.
#[derive(Clone, Debug)]
pub struct Metrics<'a> {
    font: Font<'a>,
    /// Advance of each ASCII character, 1/64 px.
    advance: [u32; ASCII],
    /// Kerning of each ASCII pair, `left * 128 + right`, 1/64 px.
    kern: Vec<i16>,
    /// Tab stop distance, 1/64 px.
    tab: u32,
}

impl<'a> Metrics<'a> {
    /// Reads `font`'s ASCII advances and kerning pairs into tables.
    pub fn new(font: Font<'a>) -> Metrics<'a> {
        let mut advance = [0; ASCII];
        for (code, slot) in advance.iter_mut().enumerate() {
            *slot = char::from_u32(code as u32).map_or(0, |ch| font.advance64(ch));
        }
        let mut kern = vec![0i16; ASCII * ASCII];
        for (left, right, adjust) in font.atlas().kern_pairs() {
            let (l, r) = (left as usize, right as usize);
            if l < ASCII && r < ASCII {
                kern[l * ASCII + r] = adjust;
            }
        }
        Metrics {
            font,
            advance,
            kern,
            tab: font.tab64(),
        }
    }

    /// The font the tables came from.
    pub fn font(&self) -> Font<'a> {
        self.font
    }

    /// As [`Font::ascent`].
    pub fn ascent(&self) -> i32 {
        self.font.ascent()
    }

    /// As [`Font::line_height`].
    pub fn line_height(&self) -> i32 {
        self.font.line_height()
    }

    /// As [`Font::advance64`].
    pub fn advance64(&self, ch: char) -> u32 {
        match self.advance.get(ch as usize) {
            Some(&a) => a,
            None => self.font.advance64(ch),
        }
    }

    /// As [`Font::kern64`].
    pub fn kern64(&self, left: char, right: char) -> i32 {
        let (l, r) = (left as usize, right as usize);
        if l < ASCII && r < ASCII {
            self.kern.get(l * ASCII + r).map_or(0, |&k| k as i32)
        } else {
            self.font.kern64(left, right)
        }
    }

    /// As [`Font::step64`].
    pub fn step64(&self, pen: u32, ch: char) -> u32 {
        if ch == '\t' {
            self.tab_stop(pen)
        } else {
            pen.saturating_add(self.advance64(ch))
        }
    }

    /// Moves the pen past ASCII byte `b`.
    #[inline]
    fn step_ascii(&self, pen: u32, b: u8) -> u32 {
        if b == b'\t' {
            self.tab_stop(pen)
        } else {
            pen.saturating_add(self.advance[usize::from(b) & (ASCII - 1)])
        }
    }

    /// The next tab stop after `pen` (kept out of line: tabs are rare).
    #[inline(never)]
    fn tab_stop(&self, pen: u32) -> u32 {
        (pen / self.tab).saturating_add(1).saturating_mul(self.tab)
    }

    /// Moves a pen (1/64 px from where the text started) whose last character was `prev`
    /// past `text`, kerning included: the steps of [`Font::pens`], so text measured piece
    /// by piece ends where it ends measured whole.
    pub fn extend64(
        &self,
        mut pen: u32,
        mut prev: Option<char>,
        text: &str,
    ) -> (u32, Option<char>) {
        let bytes = text.as_bytes();
        if let (Some(&first), true) = (bytes.first(), text.is_ascii()) {
            // ASCII: table lookups only, no decoding. The first character may kern with a
            // non-ASCII one before it; after that both sides are always in the table.
            if let Some(p) = prev {
                pen = pen.saturating_add_signed(self.kern64(p, char::from(first)));
            }
            pen = self.step_ascii(pen, first);
            let mut last = usize::from(first) & (ASCII - 1);
            for &b in &bytes[1..] {
                let b = usize::from(b) & (ASCII - 1);
                let kern = self.kern.get(last * ASCII + b).copied().unwrap_or(0);
                pen = self.step_ascii(pen.saturating_add_signed(kern.into()), b as u8);
                last = b;
            }
            return (pen, Some(char::from(last as u8)));
        }
        for ch in text.chars() {
            if let Some(p) = prev {
                pen = pen.saturating_add_signed(self.kern64(p, ch));
            }
            pen = self.step64(pen, ch);
            prev = Some(ch);
        }
        (pen, prev)
    }

    /// Where the pen ends after `text`, in 1/64 px.
    pub fn measure64(&self, text: &str) -> u32 {
        self.extend64(0, None, text).0
    }

    /// As [`Font::measure`]: the width in whole pixels, rounded up.
    pub fn measure(&self, text: &str) -> i32 {
        self.measure64(text).div_ceil(64) as i32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_answer_as_the_font_does() {
        let texts = [
            "",
            "To AV Wa",
            "The quick brown fox jumps over the lazy dog.",
            "tab\tstops\t\tx",
            "ctrl\u{1}\u{7f}chars",
            "Ünïcödé Ωmega — “quotes” 中",
            "LT'Y\"y,.",
        ];
        for font in [
            Font::sans(12),
            Font::sans(16),
            Font::bold_20(),
            Font::mono(14),
            Font::empty(16),
        ] {
            let m = Metrics::new(font);
            for text in texts {
                assert_eq!(m.measure(text), font.measure(text), "{text:?}");
                let end = font.pens(text).last().map_or(0, |p| p.end64);
                assert_eq!(m.measure64(text), end, "{text:?}");
            }
            for a in (0u8..128).map(char::from).chain(['é', 'Ω']) {
                assert_eq!(m.advance64(a), font.advance64(a));
                for b in (0u8..128).map(char::from).chain(['é']) {
                    assert_eq!(m.kern64(a, b), font.kern64(a, b), "{a:?}{b:?}");
                }
            }
        }
        // Kerned pairs are in the table.
        assert!(Metrics::new(Font::sans(16)).kern64('T', 'o') < 0);
    }

    #[test]
    fn text_measured_in_pieces_ends_where_it_ends_whole() {
        let m = Metrics::new(Font::sans(16));
        let (pen, prev) = m.extend64(0, None, "AV");
        let (pen, _) = m.extend64(pen, prev, "To Wa");
        assert_eq!(pen, m.measure64("AVTo Wa"));
    }
}
