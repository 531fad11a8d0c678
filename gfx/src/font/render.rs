//! Drawing one glyph: decoding its run-length coded coverage straight onto a surface.
//!
//! The coverage stream (format in `atlas.rs`) is walked once, pixel by pixel in row order,
//! with a column and row counter. Zero runs are skipped without touching memory, full runs of
//! an opaque colour are plain stores, and everything else is blended with the colour's alpha
//! scaled by the coverage. Each pixel is checked against the surface's clip before it is
//! written, and a truncated stream simply stops the glyph early: nothing can read or write
//! out of bounds.

use super::atlas::Glyph;
use crate::color::{blend, div255, Color};
use crate::geom::Rect;
use crate::surface::Surface;

/// Where the glyph lands in the buffer and what may be written.
struct Target<'p> {
    pixels: &'p mut [u32],
    stride: usize,
    clip: Rect,
    /// Buffer position of the glyph's top-left pixel.
    x: i32,
    y: i32,
    width: i32,
    color: Color,
}

impl Target<'_> {
    /// Paints glyph pixel `(col, row)` at `coverage`.
    #[inline]
    fn put(&mut self, col: i32, row: i32, coverage: u8) {
        let (px, py) = (self.x + col, self.y + row);
        if px < self.clip.x
            || px >= self.clip.right()
            || py < self.clip.y
            || py >= self.clip.bottom()
        {
            return;
        }
        let Some(p) = self.pixels.get_mut(py as usize * self.stride + px as usize) else {
            return;
        };
        let alpha = div255(self.color.a() as u32 * coverage as u32);
        if alpha == 255 {
            *p = self.color.0;
        } else {
            *p = blend(*p, self.color.0 & 0x00ff_ffff | alpha << 24);
        }
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
    let (bx, by) = (x + origin.x, y + origin.y);
    if !clip.intersects(&Rect::new(bx, by, w, h)) {
        return;
    }
    let (pixels, stride) = surface.raw_mut();
    let mut t = Target {
        pixels,
        stride,
        clip,
        x: bx,
        y: by,
        width: w,
        color,
    };
    let coded = glyph.coded;
    let (mut col, mut row) = (0i32, 0i32);
    let mut at = 0usize;
    while row < h {
        let Some(&control) = coded.get(at) else {
            return;
        };
        at += 1;
        match control {
            0x00..=0x3f => {
                // Skip a run of empty pixels.
                let n = control as i32 + 1;
                col += n;
                row += col / t.width;
                col %= t.width;
            }
            0x40..=0x7f => {
                for _ in 0..(control - 0x40) as i32 + 1 {
                    if row >= h {
                        return;
                    }
                    t.put(col, row, 255);
                    col += 1;
                    if col == t.width {
                        col = 0;
                        row += 1;
                    }
                }
            }
            _ => {
                let n = (control - 0x80) as usize + 1;
                let Some(bytes) = coded.get(at..at + n) else {
                    return;
                };
                at += n;
                for &coverage in bytes {
                    if row >= h {
                        return;
                    }
                    t.put(col, row, coverage);
                    col += 1;
                    if col == t.width {
                        col = 0;
                        row += 1;
                    }
                }
            }
        }
    }
}
