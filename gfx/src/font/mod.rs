//! Bitmap fonts: the embedded faces and single-line text drawing.
//!
//! The faces are DejaVu Sans, DejaVu Sans Bold and DejaVu Sans Mono, pre-rendered by
//! `tools/fontbake` into anti-aliased 8-bit coverage atlases (`fonts/*.gfxfont`) and embedded
//! with `include_bytes!`, so the kernel and every app draw the same glyphs without a font
//! rasterizer. Sizes: sans 12, 14, 16, 20, 24 px; bold 16 px; mono 14, 16 px. Each covers
//! ASCII, Latin-1, Latin Extended-A, Greek, Cyrillic, general punctuation, arrows, box drawing,
//! block elements and geometric shapes. Bold also comes at 20 and 24 px, reached only
//! through [`Font::bold_20`] and [`Font::bold_24`] (the browser's headings).
//!
//! Each size is its own constructor ([`Font::sans_14`] ...); [`Font::sans`] and friends pick
//! the nearest size and are inlined, so an app that asks for constant sizes links only
//! those atlases (about 100-200 KB each) and the linker drops the rest.
//!
//! A [`Font`] is a cheap copyable view over those bytes. Text is UTF-8; each glyph moves the
//! pen by its own advance, kept in 1/64 pixel so that rounding does not add up along a line,
//! and the font's kerning pairs pull neighbours like "To" or "AV" together. [`Pens`] places
//! the characters of a line once for everyone (measuring, drawing, wrapping, hit-testing), so
//! they always agree.
//!
//! A character the font lacks draws a visible box (never a panic, never nothing), a tab jumps
//! to the next stop (every four space widths from where the text started), and other control
//! characters take no room. Multi-line layout (wrapping, alignment, selection) is in
//! `crate::text`.

mod atlas;
mod faces;
mod metrics;
mod render;

pub use atlas::{Atlas, FontError, Glyph};
pub use metrics::Metrics;

use crate::color::Color;
use crate::geom::{limit, Rect};
use crate::surface::Surface;

/// Tab stops are this many space widths apart.
pub const TAB_SPACES: u32 = 4;

/// A font face at one size.
#[derive(Clone, Copy, Debug)]
pub struct Font<'a> {
    atlas: Atlas<'a>,
}

impl<'a> Font<'a> {
    /// Reads a font file made by `tools/fontbake`.
    pub fn parse(bytes: &'a [u8]) -> Result<Font<'a>, FontError> {
        Ok(Font {
            atlas: Atlas::parse(bytes)?,
        })
    }

    /// A font without glyphs (every character draws as a box).
    pub fn empty(px: u16) -> Font<'static> {
        let px16 = px as i16;
        Font {
            atlas: Atlas {
                note: b"",
                px,
                ascent: px16 - px16 / 4,
                descent: px16 / 4,
                line_height: px + px / 6,
                monospace: false,
                ..Atlas::EMPTY
            },
        }
    }

    pub fn atlas(&self) -> &Atlas<'a> {
        &self.atlas
    }
    pub fn px(&self) -> u16 {
        self.atlas.px
    }
    /// Pixels from the top of a line box to the baseline.
    pub fn ascent(&self) -> i32 {
        self.atlas.ascent as i32
    }
    /// Pixels from the baseline to the bottom of the glyphs.
    pub fn descent(&self) -> i32 {
        self.atlas.descent as i32
    }
    /// Distance between consecutive baselines.
    pub fn line_height(&self) -> i32 {
        (self.atlas.line_height as i32).max(self.ascent() + self.descent())
    }
    pub fn is_monospace(&self) -> bool {
        self.atlas.monospace
    }

    /// True when the font has a glyph for `ch`.
    pub fn has_glyph(&self, ch: char) -> bool {
        self.atlas.glyph(ch).is_some()
    }

    /// Width of the box drawn for a missing character, in whole pixels.
    fn missing_width(&self) -> i32 {
        (self.px() as i32 / 2).max(4)
    }

    /// How far `ch` moves the pen, in 1/64 pixel (tabs are handled by the caller).
    pub fn advance64(&self, ch: char) -> u32 {
        if (ch as u32) < 0x20 || ch == '\u{7f}' {
            return 0;
        }
        match self.atlas.glyph(ch) {
            Some(g) => g.advance as u32,
            None => (self.missing_width() as u32 + 2) * 64,
        }
    }

    /// Distance between tab stops, in 1/64 pixel.
    pub fn tab64(&self) -> u32 {
        (self.advance64(' ') * TAB_SPACES).max(64)
    }

    /// Moves a pen (1/64 px, relative to where the text started) past `ch`.
    pub fn step64(&self, pen: u32, ch: char) -> u32 {
        if ch == '\t' {
            let tab = self.tab64();
            (pen / tab).saturating_add(1).saturating_mul(tab)
        } else {
            pen.saturating_add(self.advance64(ch))
        }
    }

    /// The kerning adjustment between two characters, in 1/64 pixel.
    pub fn kern64(&self, left: char, right: char) -> i32 {
        self.atlas.kern(left, right)
    }

    /// Walks `text` placing each character: see [`Pens`].
    pub fn pens<'t>(&self, text: &'t str) -> Pens<'a, 't> {
        Pens {
            font: *self,
            chars: text.char_indices(),
            pen: 0,
            prev: None,
        }
    }

    /// The width in pixels of one line of text (rounded up).
    pub fn measure(&self, text: &str) -> i32 {
        let end = self.pens(text).last().map_or(0, |p| p.end64);
        end.div_ceil(64) as i32
    }

    /// Width of one cell of a monospace font (the advance of `M`, rounded).
    pub fn cell_width(&self) -> i32 {
        ((self.advance64('M') + 32) / 64) as i32
    }

    /// Draws one character with its pen at local `x` and baseline at `baseline`.
    pub fn draw_char(&self, surface: &mut Surface, x: i32, baseline: i32, ch: char, color: Color) {
        if (ch as u32) < 0x20 || ch == '\u{7f}' || ch == ' ' {
            return;
        }
        match self.atlas.glyph(ch) {
            Some(g) => render::draw_glyph(
                surface,
                &g,
                x + g.left as i32,
                baseline + g.top as i32,
                color,
            ),
            None => self.draw_missing(surface, x, baseline, color),
        }
    }

    /// The box that stands in for a character the font lacks.
    fn draw_missing(&self, surface: &mut Surface, x: i32, baseline: i32, color: Color) {
        let h = (self.ascent() * 3 / 4).max(4);
        let r = Rect::new(x + 1, baseline - h, self.missing_width(), h);
        surface.fill_rect(Rect::new(r.x, r.y, r.w, 1), color);
        surface.fill_rect(Rect::new(r.x, r.bottom() - 1, r.w, 1), color);
        surface.fill_rect(Rect::new(r.x, r.y, 1, r.h), color);
        surface.fill_rect(Rect::new(r.right() - 1, r.y, 1, r.h), color);
    }

    /// Draws one line of text whose line box starts at local `(x, y)` (the baseline is
    /// `ascent` pixels lower). Returns the pen's x after the last character.
    pub fn draw_text(
        &self,
        surface: &mut Surface,
        x: i32,
        y: i32,
        text: &str,
        color: Color,
    ) -> i32 {
        let (x, y) = (limit(x), limit(y));
        let baseline = y + self.ascent();
        let mut end = 0u32;
        let clip = surface.clip_rect();
        for p in self.pens(text) {
            let gx = x + p.x();
            if gx > clip.right() {
                break; // the rest of the line is past the clip
            }
            self.draw_char(surface, gx, baseline, p.ch, color);
            end = p.end64;
        }
        x.saturating_add(end.div_ceil(64) as i32)
    }
}

/// One placed character: where its glyph goes and where the pen ends up after it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Placed {
    /// Byte offset of the character in the text.
    pub index: usize,
    pub ch: char,
    /// Pen position (1/64 px from the text's start) where the glyph is drawn, after kerning.
    pub at64: u32,
    /// Pen position after the character.
    pub end64: u32,
}

impl Placed {
    /// The glyph's x in whole pixels from the text's start (rounded).
    pub fn x(&self) -> i32 {
        (self.at64.saturating_add(32) / 64) as i32
    }
}

/// An iterator placing the characters of one line: advances, tab stops and kerning between
/// neighbours, applied the same way by measuring, drawing, wrapping and hit-testing.
pub struct Pens<'a, 't> {
    font: Font<'a>,
    chars: core::str::CharIndices<'t>,
    pen: u32,
    prev: Option<char>,
}

impl Iterator for Pens<'_, '_> {
    type Item = Placed;

    fn next(&mut self) -> Option<Placed> {
        let (index, ch) = self.chars.next()?;
        let kern = self.prev.map_or(0, |prev| self.font.kern64(prev, ch));
        let at64 = self.pen.saturating_add_signed(kern);
        self.pen = self.font.step64(at64, ch);
        self.prev = Some(ch);
        Some(Placed {
            index,
            ch,
            at64,
            end64: self.pen,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::faces::{SANS_12, SANS_16};
    use super::*;
    use crate::surface::Bitmap;

    #[test]
    fn embedded_faces_parse_and_cover_the_blocks() {
        for font in [
            Font::sans(12),
            Font::sans(24),
            Font::bold(16),
            Font::mono(14),
            Font::mono(16),
        ] {
            assert!(
                font.atlas().glyph_count() > 900,
                "{} glyphs",
                font.atlas().glyph_count()
            );
            for ch in ['A', 'é', 'Ł', 'Ω', 'Ж', '—', '→', '┼', '€'] {
                assert!(font.has_glyph(ch), "{ch} missing at {} px", font.px());
            }
            assert!(font.atlas().note.starts_with(b"baked by tools/fontbake"));
        }
    }

    #[test]
    fn kerning_tightens_known_pairs() {
        let f = Font::sans(16);
        assert!(f.atlas().kern_count() > 100);
        assert!(f.kern64('T', 'o') < 0);
        assert_eq!(f.kern64('o', 'o'), 0);
        assert!(f.measure("To") < f.measure("T") + f.measure("o"));
        // Monospace text is never kerned.
        let m = Font::mono(16);
        assert_eq!(m.atlas().kern_count(), 0);
        assert_eq!(m.measure("To"), m.measure("oo"));
    }

    #[test]
    fn sizes_pick_the_nearest() {
        // Nearest embedded size, ties to the smaller, as a table lookup would pick.
        let sans = [12u16, 14, 16, 20, 24];
        for px in 0..40u16 {
            let want = sans.iter().min_by_key(|s| (s.abs_diff(px), **s));
            assert_eq!(Some(&Font::sans(px).px()), want, "sans {px}");
            let want = if px <= 15 { 14 } else { 16 };
            assert_eq!(Font::mono(px).px(), want, "mono {px}");
            assert_eq!(Font::bold(px).px(), 16);
        }
        assert_eq!(Font::sans(11).px(), 12);
        assert_eq!(Font::sans(15).px(), 14);
        assert_eq!(Font::sans(18).px(), 16);
        assert_eq!(Font::sans(100).px(), 24);
        assert_eq!(Font::mono(12).px(), 14);
    }

    #[test]
    fn measure_and_tabs() {
        let f = Font::sans(16);
        assert_eq!(f.measure(""), 0);
        assert!(f.measure("WWW") > f.measure("iii"));
        let tab = f.tab64().div_ceil(64) as i32;
        assert_eq!(f.measure("\t"), tab);
        assert_eq!(f.measure("a\t"), tab);
        let mono = Font::mono(16);
        assert!(mono.is_monospace());
        assert_eq!(mono.measure("iiii"), mono.measure("WWWW"));
    }

    #[test]
    fn missing_glyph_draws_a_box_and_bad_files_are_rejected() {
        let f = Font::sans(16);
        assert!(!f.has_glyph('\u{4e2d}'));
        let mut bmp = Bitmap::new(40, 30, Color::BLACK);
        let end = f.draw_text(&mut bmp.surface(), 2, 2, "\u{4e2d}\u{1F600}", Color::WHITE);
        assert!(end > 2 + 2 * f.missing_width());
        assert!(bmp.pixels.contains(&Color::WHITE.0));
        assert_eq!(Font::parse(b"nope").err(), Some(FontError::BadMagic));
        let mut cut = SANS_12.to_vec();
        cut.truncate(200);
        assert_eq!(Font::parse(&cut).err(), Some(FontError::Truncated));
        // An empty font still draws boxes.
        let e = Font::empty(16);
        e.draw_text(&mut bmp.surface(), 0, 0, "abc", Color::RED);
        assert!(e.measure("abc") > 0);
    }

    #[test]
    fn truncated_glyph_data_never_panics() {
        // Keep the header and records but cut the coverage data short in a copy that still
        // claims its original length: parsing must refuse it.
        let mut bytes = SANS_16.to_vec();
        let len = bytes.len();
        bytes.truncate(len - 10);
        assert!(Font::parse(&bytes).is_err());
    }
}
