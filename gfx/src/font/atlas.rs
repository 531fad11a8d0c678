//! The baked font file: a typed view over the bytes `tools/fontbake` writes.
//!
//! Layout (little-endian; the baker's doc comment is the other half of this contract):
//!
//! ```text
//! "GFXFONT2", u16 note_len, note (which tool made the file, from which font),
//! u16 px, i16 ascent, i16 descent, u16 line_height, u16 flags (bit 0 = monospace),
//! u16 glyph_count, u32 data_len,
//! glyph_count records of 12 bytes sorted by code point:
//!     u16 code, u8 width, u8 height, i8 left, i8 top, u16 advance (1/64 px), u32 offset
//! data_len bytes of run-length coded 8-bit coverage
//! u32 kern_count, kern_count pairs of 6 bytes sorted by (left, right):
//!     u16 left, u16 right, i16 adjustment (1/64 px)
//! ```
//!
//! [`Atlas::parse`] checks the magic and every length once; afterwards lookups are a binary
//! search over the records and no accessor can read outside the slice. A glyph's coverage is
//! decoded while drawing (see `render.rs`), so the embedded data stays compressed in memory.

/// Why a font file was rejected.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum FontError {
    BadMagic,
    Truncated,
}

const MAGIC: &[u8; 8] = b"GFXFONT2";
const KERN_LEN: usize = 6;
const RECORD_LEN: usize = 12;

/// One glyph's metrics and its coded coverage bytes.
#[derive(Clone, Copy, Debug)]
pub struct Glyph<'a> {
    /// Bitmap size in pixels.
    pub width: u8,
    pub height: u8,
    /// Offset from the pen position to the bitmap's left column.
    pub left: i8,
    /// Offset from the baseline to the bitmap's top row (negative = above).
    pub top: i8,
    /// How far the pen moves, in 1/64 pixel.
    pub advance: u16,
    /// Run-length coded coverage, starting at this glyph (may run on into the next ones).
    pub coded: &'a [u8],
}

/// A parsed font file.
#[derive(Clone, Copy, Debug)]
pub struct Atlas<'a> {
    pub note: &'a [u8],
    pub px: u16,
    pub ascent: i16,
    pub descent: i16,
    pub line_height: u16,
    pub monospace: bool,
    pub(crate) records: &'a [u8],
    pub(crate) data: &'a [u8],
    pub(crate) kerns: &'a [u8],
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes([*b.get(at)?, *b.get(at + 1)?]))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes([
        *b.get(at)?,
        *b.get(at + 1)?,
        *b.get(at + 2)?,
        *b.get(at + 3)?,
    ]))
}

impl Atlas<'static> {
    /// A font file with no glyphs.
    pub const EMPTY: Atlas<'static> = Atlas {
        note: b"",
        px: 16,
        ascent: 12,
        descent: 4,
        line_height: 19,
        monospace: false,
        records: &[],
        data: &[],
        kerns: &[],
    };
}

impl<'a> Atlas<'a> {
    /// Checks the header and lengths of a font file.
    pub fn parse(bytes: &'a [u8]) -> Result<Atlas<'a>, FontError> {
        if bytes.get(..8) != Some(&MAGIC[..]) {
            return Err(FontError::BadMagic);
        }
        let note_len = u16_at(bytes, 8).ok_or(FontError::Truncated)? as usize;
        let note = bytes.get(10..10 + note_len).ok_or(FontError::Truncated)?;
        let h = 10 + note_len;
        let field = |at: usize| u16_at(bytes, h + at).ok_or(FontError::Truncated);
        let px = field(0)?;
        let ascent = field(2)? as i16;
        let descent = field(4)? as i16;
        let line_height = field(6)?;
        let flags = field(8)?;
        let count = field(10)? as usize;
        let data_len = u32_at(bytes, h + 12).ok_or(FontError::Truncated)? as usize;
        let records_at = h + 16;
        let data_at = records_at + count * RECORD_LEN;
        let records = bytes.get(records_at..data_at).ok_or(FontError::Truncated)?;
        let data_end = data_at.checked_add(data_len).ok_or(FontError::Truncated)?;
        let data = bytes.get(data_at..data_end).ok_or(FontError::Truncated)?;
        let kern_count = u32_at(bytes, data_end).ok_or(FontError::Truncated)? as usize;
        let kern_end = kern_count
            .checked_mul(KERN_LEN)
            .and_then(|n| n.checked_add(data_end + 4))
            .ok_or(FontError::Truncated)?;
        let kerns = bytes
            .get(data_end + 4..kern_end)
            .ok_or(FontError::Truncated)?;
        Ok(Atlas {
            note,
            px,
            ascent,
            descent,
            line_height,
            monospace: flags & 1 != 0,
            records,
            data,
            kerns,
        })
    }

    /// Number of glyphs in the file.
    pub fn glyph_count(&self) -> usize {
        self.records.len() / RECORD_LEN
    }

    /// The code point of record `i`.
    fn code_at(&self, i: usize) -> u16 {
        u16_at(self.records, i * RECORD_LEN).unwrap_or(0)
    }

    /// All code points the font covers, in order.
    pub fn code_points(&self) -> impl Iterator<Item = char> + '_ {
        (0..self.glyph_count()).filter_map(|i| char::from_u32(self.code_at(i) as u32))
    }

    /// The glyph for `ch`, or `None` when the font does not have it.
    pub fn glyph(&self, ch: char) -> Option<Glyph<'a>> {
        let code = u16::try_from(ch as u32).ok()?;
        // Fast path: the records are sorted and usually start with a gap-free ASCII run,
        // so a code point's record is often at `code - first code`. A miss falls back to
        // the search, so the answer is the same either way.
        if let Some(guess) = code.checked_sub(self.code_at(0)) {
            if self.code_at(guess as usize) == code {
                return self.record(guess as usize);
            }
        }
        let (mut lo, mut hi) = (0, self.glyph_count());
        while lo < hi {
            let mid = (lo + hi) / 2;
            let c = self.code_at(mid);
            if c == code {
                return self.record(mid);
            }
            if c < code {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        None
    }

    /// Number of kerning pairs.
    pub fn kern_count(&self) -> usize {
        self.kerns.len() / KERN_LEN
    }

    /// The kerning adjustment (1/64 px) between `left` and `right`, 0 for most pairs.
    pub fn kern(&self, left: char, right: char) -> i32 {
        let (Ok(l), Ok(r)) = (u16::try_from(left as u32), u16::try_from(right as u32)) else {
            return 0;
        };
        let key = (l as u32) << 16 | r as u32;
        let key_at = |i: usize| {
            let l = u16_at(self.kerns, i * KERN_LEN).unwrap_or(0) as u32;
            let r = u16_at(self.kerns, i * KERN_LEN + 2).unwrap_or(0) as u32;
            l << 16 | r
        };
        let (mut lo, mut hi) = (0, self.kern_count());
        while lo < hi {
            let mid = (lo + hi) / 2;
            let k = key_at(mid);
            if k == key {
                return u16_at(self.kerns, mid * KERN_LEN + 4).unwrap_or(0) as i16 as i32;
            }
            if k < key {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        0
    }

    /// Every kerning pair: left, right, adjustment (1/64 px).
    pub fn kern_pairs(&self) -> impl Iterator<Item = (u16, u16, i16)> + '_ {
        self.kerns.chunks_exact(KERN_LEN).map(|k| {
            (
                u16::from_le_bytes([k[0], k[1]]),
                u16::from_le_bytes([k[2], k[3]]),
                i16::from_le_bytes([k[4], k[5]]),
            )
        })
    }

    fn record(&self, i: usize) -> Option<Glyph<'a>> {
        let r = self.records.get(i * RECORD_LEN..(i + 1) * RECORD_LEN)?;
        let offset = u32_at(r, 8)? as usize;
        Some(Glyph {
            width: r[2],
            height: r[3],
            left: r[4] as i8,
            top: r[5] as i8,
            advance: u16_at(r, 6)?,
            coded: self.data.get(offset..).unwrap_or(&[]),
        })
    }
}
