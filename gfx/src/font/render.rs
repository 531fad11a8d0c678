//! Drawing one glyph: its run-length coded coverage painted straight onto a surface.
//!
//! The coverage stream (format in `atlas.rs`) is a sequence of pieces: a run of empty
//! pixels, a run of full pixels, or literal coverage bytes. Runs may continue from one row
//! into the next, so [`Pieces`] hands them out cut at row ends. The glyph's rectangle is
//! clipped once against the surface's clip; then each piece is painted whole: an empty run is
//! skipped without touching its pixels, a full run of an opaque colour is a plain fill, and
//! only literal bytes are looked at one by one (blended with the colour's alpha scaled by
//! the coverage). Most of a glyph's pixels sit in runs, so text costs little more than its
//! visible ink. A truncated stream simply ends the glyph early: nothing can read or write out
//! of bounds.

use super::atlas::Glyph;
use crate::color::{blend, div255, Color};
use crate::geom::Rect;
use crate::surface::Surface;

/// One piece of a glyph row.
enum Piece<'a> {
    /// This many pixels of coverage 0.
    Empty(usize),
    /// This many pixels of coverage 255.
    Full(usize),
    /// Coverage bytes, one per pixel.
    Literal(&'a [u8]),
}

impl Piece<'_> {
    fn len(&self) -> usize {
        match self {
            Piece::Empty(n) | Piece::Full(n) => *n,
            Piece::Literal(bytes) => bytes.len(),
        }
    }
}

/// Reads a glyph's coverage stream piece by piece.
struct Pieces<'a> {
    coded: &'a [u8],
    at: usize,
    /// A run in progress: full (true) or empty, and how many pixels are left.
    run_full: bool,
    run_left: usize,
    /// Literal bytes in progress: how many are left (they are read from `coded` at `at`).
    literal_left: usize,
}

impl<'a> Pieces<'a> {
    fn new(coded: &'a [u8]) -> Pieces<'a> {
        Pieces {
            coded,
            at: 0,
            run_full: false,
            run_left: 0,
            literal_left: 0,
        }
    }

    /// The next piece, at most `max` pixels long (`max` > 0); `None` when the stream ended.
    fn next(&mut self, max: usize) -> Option<Piece<'a>> {
        while self.run_left == 0 && self.literal_left == 0 {
            let control = *self.coded.get(self.at)?;
            self.at += 1;
            match control {
                0x00..=0x3f => (self.run_full, self.run_left) = (false, control as usize + 1),
                0x40..=0x7f => {
                    (self.run_full, self.run_left) = (true, (control - 0x40) as usize + 1)
                }
                _ => self.literal_left = (control - 0x80) as usize + 1,
            }
        }
        if self.run_left > 0 {
            let n = self.run_left.min(max);
            self.run_left -= n;
            return Some(if self.run_full {
                Piece::Full(n)
            } else {
                Piece::Empty(n)
            });
        }
        let n = self.literal_left.min(max);
        let bytes = self.coded.get(self.at..self.at + n)?;
        self.at += n;
        self.literal_left -= n;
        Some(Piece::Literal(bytes))
    }
}

/// Draws `glyph` with its bitmap's top-left corner at local `(x, y)`.
pub fn draw_glyph(surface: &mut Surface, glyph: &Glyph, x: i32, y: i32, color: Color) {
    let (w, h) = (glyph.width as i32, glyph.height as i32);
    if w == 0 || h == 0 || color.a() == 0 {
        return;
    }
    let origin = surface.origin();
    let clip = surface.buffer_clip();
    let (bx, by) = (x.saturating_add(origin.x), y.saturating_add(origin.y));
    let area = Rect::new(bx, by, w, h).intersect(&clip);
    if area.is_empty() {
        return;
    }
    // Columns of the glyph that are inside the clip.
    let (c0, c1) = ((area.x - bx) as usize, (area.right() - bx) as usize);
    let (pixels, stride) = surface.raw_mut();
    let mut pieces = Pieces::new(glyph.coded);
    let ink = Ink::new(color);
    for py in by..area.bottom() {
        // Rows above the clip are read through but not painted.
        let mut row = if py >= area.y {
            let start = py as usize * stride + area.x as usize;
            pixels.get_mut(start..start + (c1 - c0))
        } else {
            None
        };
        let mut col = 0;
        while col < w as usize {
            let Some(piece) = pieces.next(w as usize - col) else {
                return;
            };
            let n = piece.len();
            // The part of the piece inside the visible columns.
            let (from, to) = (col.max(c0), (col + n).min(c1));
            if let (Some(dst), true) = (row.as_deref_mut(), from < to) {
                let dst = &mut dst[from - c0..to - c0];
                match piece {
                    Piece::Empty(_) => {}
                    Piece::Full(_) => ink.fill(dst),
                    Piece::Literal(bytes) => ink.paint(dst, &bytes[from - col..to - col]),
                }
            }
            col += n;
        }
    }
}

/// The colour a glyph is drawn in, split for the inner loops.
struct Ink {
    color: Color,
    rgb: u32,
    opaque: bool,
}

impl Ink {
    fn new(color: Color) -> Ink {
        Ink {
            color,
            rgb: color.0 & 0x00ff_ffff,
            opaque: color.a() == 255,
        }
    }

    /// Fully covered pixels.
    fn fill(&self, dst: &mut [u32]) {
        if self.opaque {
            dst.fill(self.color.0);
        } else {
            for d in dst {
                *d = blend(*d, self.color.0);
            }
        }
    }

    /// Pixels with their own coverage values.
    fn paint(&self, dst: &mut [u32], coverage: &[u8]) {
        for (d, &c) in dst.iter_mut().zip(coverage) {
            match c {
                0 => {}
                255 if self.opaque => *d = self.color.0,
                c => {
                    let alpha = if self.opaque {
                        c as u32
                    } else {
                        div255(self.color.a() as u32 * c as u32)
                    };
                    *d = blend(*d, self.rgb | alpha << 24);
                }
            }
        }
    }
}
