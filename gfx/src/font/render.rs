//! Drawing one glyph: decoding its run-length coded coverage straight onto a surface.
//!
//! The coverage stream (format in `atlas.rs`) is decoded one row at a time into a small
//! buffer by [`Rows`]. Each row is then clipped once against the surface's clip and painted:
//! empty pixels are skipped, full pixels of an opaque colour are plain stores, and the rest
//! are blended with the colour's alpha scaled by the coverage. A truncated stream simply
//! ends the glyph early: nothing can read or write out of bounds.

use super::atlas::Glyph;
use crate::color::{blend, div255, Color};
use crate::geom::Rect;
use crate::surface::Surface;

/// Glyphs are at most 255 pixels wide (the record stores the width in a byte).
const MAX_WIDTH: usize = 255;

/// Decodes a glyph's coverage stream row by row.
struct Rows<'a> {
    coded: &'a [u8],
    at: usize,
    /// A run in progress: its value (0 or 255) and how many bytes are left.
    run_value: u8,
    run_left: usize,
    /// Literal bytes in progress: how many are left (they are read from `coded` at `at`).
    literal_left: usize,
}

impl<'a> Rows<'a> {
    fn new(coded: &'a [u8]) -> Rows<'a> {
        Rows {
            coded,
            at: 0,
            run_value: 0,
            run_left: 0,
            literal_left: 0,
        }
    }

    /// Fills `out` with the next `out.len()` coverage values; false if the stream ended.
    fn next_row(&mut self, out: &mut [u8]) -> bool {
        let mut i = 0;
        while i < out.len() {
            if self.run_left > 0 {
                let n = self.run_left.min(out.len() - i);
                out[i..i + n].fill(self.run_value);
                self.run_left -= n;
                i += n;
            } else if self.literal_left > 0 {
                let n = self.literal_left.min(out.len() - i);
                let Some(bytes) = self.coded.get(self.at..self.at + n) else {
                    return false;
                };
                out[i..i + n].copy_from_slice(bytes);
                self.at += n;
                self.literal_left -= n;
                i += n;
            } else {
                let Some(&control) = self.coded.get(self.at) else {
                    return false;
                };
                self.at += 1;
                match control {
                    0x00..=0x3f => (self.run_value, self.run_left) = (0, control as usize + 1),
                    0x40..=0x7f => {
                        (self.run_value, self.run_left) = (255, (control - 0x40) as usize + 1)
                    }
                    _ => self.literal_left = (control - 0x80) as usize + 1,
                }
            }
        }
        true
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
    let mut rows = Rows::new(glyph.coded);
    let mut row = [0u8; MAX_WIDTH];
    let rgb = color.0 & 0x00ff_ffff;
    let opaque = color.a() == 255;
    for gy in 0..h {
        if !rows.next_row(&mut row[..w as usize]) {
            return;
        }
        let py = by + gy;
        if py < area.y {
            continue;
        }
        if py >= area.bottom() {
            return;
        }
        let start = py as usize * stride + area.x as usize;
        let Some(dst) = pixels.get_mut(start..start + (c1 - c0)) else {
            return;
        };
        for (d, &coverage) in dst.iter_mut().zip(&row[c0..c1]) {
            match coverage {
                0 => {}
                255 if opaque => *d = color.0,
                c => {
                    let alpha = if opaque {
                        c as u32
                    } else {
                        div255(color.a() as u32 * c as u32)
                    };
                    *d = blend(*d, rgb | alpha << 24);
                }
            }
        }
    }
}
