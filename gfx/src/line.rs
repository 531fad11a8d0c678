//! Anti-aliased lines.
//!
//! One-pixel lines use Xiaolin Wu's algorithm: step along the major axis one pixel at a time
//! and split each step's ink between the two pixels that straddle the ideal line, in
//! proportion to how close each is. Wider lines are drawn as capsules (a segment with round
//! ends): a pixel's coverage comes from its distance to the segment. Per row, only the pixels
//! within half a pixel of the outline compute that distance; the run inside is filled.
//! Endpoints are `f32` pixel coordinates; a pixel's centre is at `.5`.

use crate::color::{blend, Color};
use crate::math::{ceil_i32, floor_i32, floorf, sqrt, sqrtf};
use crate::shapes::coverage;
use crate::surface::{paint_span, Surface};
use libm::{fabs, fabsf};

/// Endpoints beyond this are clamped so that the stepping loops stay short.
const LIMIT: f32 = 32768.0;

fn clamp(v: f32) -> f32 {
    if v.is_nan() {
        0.0
    } else {
        v.clamp(-LIMIT, LIMIT)
    }
}

impl Surface<'_> {
    /// A one-pixel anti-aliased line from `(x0, y0)` to `(x1, y1)`.
    pub fn draw_line(&mut self, x0: f32, y0: f32, x1: f32, y1: f32, color: Color) {
        let (mut x0, mut y0, mut x1, mut y1) = (clamp(x0), clamp(y0), clamp(x1), clamp(y1));
        // Wu's algorithm works in pixel-centre coordinates.
        x0 -= 0.5;
        y0 -= 0.5;
        x1 -= 0.5;
        y1 -= 0.5;
        let steep = fabsf(y1 - y0) > fabsf(x1 - x0);
        if steep {
            core::mem::swap(&mut x0, &mut y0);
            core::mem::swap(&mut x1, &mut y1);
        }
        if x0 > x1 {
            core::mem::swap(&mut x0, &mut x1);
            core::mem::swap(&mut y0, &mut y1);
        }
        let dx = x1 - x0;
        let gradient = if dx < 1e-6 { 0.0 } else { (y1 - y0) / dx };
        // Clip the major axis to the visible area to avoid walking off-screen pixels.
        let clip = self.clip_rect();
        let (lo, hi) = if steep {
            (clip.y, clip.bottom())
        } else {
            (clip.x, clip.right())
        };
        let start = (floorf(x0 + 0.5) as i32).max(lo - 1);
        let end = (floorf(x1 + 0.5) as i32).min(hi);
        let alpha = color.a() as f32;
        for x in start..=end {
            let xf = x as f32;
            // End pixels get only the part of the pixel the segment covers.
            let mut weight = 1.0;
            if xf < x0 + 0.5 && xf > x0 - 0.5 {
                weight = 0.5 + (xf - x0);
                weight = weight.clamp(0.0, 1.0);
            }
            if xf > x1 - 0.5 && xf < x1 + 0.5 {
                weight = (0.5 - (xf - x1)).clamp(0.0, 1.0);
            }
            if xf < x0 - 0.5 || xf > x1 + 0.5 {
                continue;
            }
            let y = y0 + gradient * (xf - x0);
            let yi = floorf(y);
            let frac = y - yi;
            let a_low = ((1.0 - frac) * weight * alpha) as u8;
            let a_high = (frac * weight * alpha) as u8;
            let yi = yi as i32;
            if steep {
                self.blend_pixel(yi, x, color.with_alpha(a_low), 255);
                self.blend_pixel(yi + 1, x, color.with_alpha(a_high), 255);
            } else {
                self.blend_pixel(x, yi, color.with_alpha(a_low), 255);
                self.blend_pixel(x, yi + 1, color.with_alpha(a_high), 255);
            }
        }
    }

    /// A line `width` pixels wide with round ends (anti-aliased).
    #[allow(clippy::too_many_arguments)]
    pub fn draw_thick_line(
        &mut self,
        x0: f32,
        y0: f32,
        x1: f32,
        y1: f32,
        width: f32,
        color: Color,
    ) {
        let (x0, y0, x1, y1) = (clamp(x0), clamp(y0), clamp(x1), clamp(y1));
        let half = (width * 0.5).clamp(0.0, LIMIT);
        let clip = self.clip_rect();
        let bx0 = ((x0.min(x1) - half - 1.0) as i32).max(clip.x);
        let bx1 = ((x0.max(x1) + half + 1.0) as i32)
            .saturating_add(1)
            .min(clip.right());
        let by0 = ((y0.min(y1) - half - 1.0) as i32).max(clip.y);
        let by1 = ((y0.max(y1) + half + 1.0) as i32)
            .saturating_add(1)
            .min(clip.bottom());
        let (dx, dy) = (x1 - x0, y1 - y0);
        let len2 = dx * dx + dy * dy;
        // Within a row, only pixels near the line's band can be covered: the band
        // |cross(p - a, d)| <= reach * |d| is an x interval when the line is not horizontal.
        let reach = (half + 1.0) * sqrtf(len2);
        let capsule_len2 = dx as f64 * dx as f64 + dy as f64 * dy as f64;
        let capsule = Capsule {
            dx: dx as f64,
            dy: dy as f64,
            len2: capsule_len2,
            len: sqrt(capsule_len2),
        };
        // Very short segments are left to the per-pixel test (their body is ill-conditioned).
        let banded = capsule.len2 >= 1.0 || capsule.len2 == 0.0;
        for y in by0..by1 {
            let (mut xa, mut xb) = (bx0, bx1);
            if fabsf(dy) > 1e-3 {
                let py = y as f32 + 0.5 - y0;
                let (e0, e1) = ((py * dx - reach) / dy, (py * dx + reach) / dy);
                let (lo, hi) = (x0 + e0.min(e1) - 1.0, x0 + e0.max(e1) + 1.0);
                xa = xa.max(floorf(lo.max(-LIMIT)) as i32);
                xb = xb.min(floorf(hi.min(LIMIT)) as i32 + 1);
            }
            // Narrow the row to the pixels within half a pixel of the outline, and find the
            // run that is surely fully covered (see `Capsule`).
            let py = (y as f32 + 0.5 - y0) as f64;
            let mut solid = (1, 0);
            if banded {
                let Some(reach) = capsule.row(py, half as f64 + 0.5 + MARGIN) else {
                    continue;
                };
                xa = xa.max(floor_i32(x0 as f64 + reach.0 - 0.5));
                xb = xb.min(ceil_i32(x0 as f64 + reach.1 - 0.5).saturating_add(1));
                if let Some(core) = capsule.row(py, half as f64 - 0.5 - MARGIN) {
                    solid = (
                        ceil_i32(x0 as f64 + core.0 - 0.5),
                        floor_i32(x0 as f64 + core.1 - 0.5),
                    );
                }
            }
            if xa >= xb {
                continue;
            }
            // The columns lie inside the clip, so the row is indexed directly.
            let origin = self.origin();
            let row = self.span_mut(y + origin.y, xa + origin.x, xb + origin.x);
            let at = |x: i32| (x - xa) as usize;
            let mut x = xa;
            while x < xb {
                if solid.0 <= x && x <= solid.1 {
                    let last = solid.1.min(xb - 1);
                    paint_span(row.get_mut(at(x)..=at(last)).unwrap_or(&mut []), color);
                    x = last + 1;
                    continue;
                }
                let (px, py) = (x as f32 + 0.5 - x0, y as f32 + 0.5 - y0);
                let t = if len2 > 0.0 {
                    ((px * dx + py * dy) / len2).clamp(0.0, 1.0)
                } else {
                    0.0
                };
                let (ex, ey) = (px - t * dx, py - t * dy);
                let dist = sqrtf(ex * ex + ey * ey);
                let cov = coverage(dist - half);
                if let (Some(px), true) = (row.get_mut(at(x)), cov != 0) {
                    *px = blend(*px, color.scale_alpha(cov).0);
                }
                x += 1;
            }
        }
    }
}

/// Pixels are classified with this much room (in pixels) for the `f32` rounding of the
/// per-pixel distances, which stays below a hundredth of a pixel within [`LIMIT`].
const MARGIN: f64 = 0.05;

/// A segment from (0, 0) to (dx, dy) thickened by a radius: the shape of a thick line. A
/// pixel whose centre lies in the capsule of radius `half - 0.5` is fully covered and one
/// outside the capsule of radius `half + 0.5` not at all, so per row only the pixels between
/// the two need a distance. Worked out in `f64`, where the products of `f32` values are exact.
struct Capsule {
    dx: f64,
    dy: f64,
    len2: f64,
    len: f64,
}

impl Capsule {
    /// The x interval (relative to the segment's start) of the points of row `py` within `r`
    /// of the segment, or `None` when there are none.
    fn row(&self, py: f64, r: f64) -> Option<(f64, f64)> {
        if r <= 0.0 {
            return None;
        }
        let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
        // The two round ends.
        for (ex, ey) in [(0.0, 0.0), (self.dx, self.dy)] {
            let k = r * r - (py - ey) * (py - ey);
            if k > 0.0 {
                let h = sqrt(k);
                lo = lo.min(ex - h);
                hi = hi.max(ex + h);
            }
        }
        // The body: within `r` of the line (|cross(p, d)| <= r·|d|) and between the
        // perpendiculars through the ends (0 <= p·d <= |d|²).
        if self.len2 > 0.0 {
            let reach = r * self.len;
            let (mut a, mut b) = (f64::NEG_INFINITY, f64::INFINITY);
            let mut inside = true;
            if self.dy != 0.0 {
                let (e0, e1) = (
                    (py * self.dx - reach) / self.dy,
                    (py * self.dx + reach) / self.dy,
                );
                a = a.max(e0.min(e1));
                b = b.min(e0.max(e1));
            } else {
                inside &= fabs(py * self.dx) <= reach;
            }
            if self.dx != 0.0 {
                let along = py * self.dy;
                let (s0, s1) = (-along / self.dx, (self.len2 - along) / self.dx);
                a = a.max(s0.min(s1));
                b = b.min(s0.max(s1));
            } else {
                inside &= (0.0..=self.len2).contains(&(py * self.dy));
            }
            if inside && a <= b {
                lo = lo.min(a);
                hi = hi.max(b);
            }
        }
        (lo <= hi).then_some((lo, hi))
    }
}

#[cfg(test)]
mod tests {
    use crate::color::Color;
    use crate::surface::Bitmap;

    #[test]
    fn horizontal_line_is_crisp_on_pixel_centres() {
        let mut bmp = Bitmap::new(10, 3, Color::BLACK);
        bmp.surface().draw_line(0.5, 1.5, 9.5, 1.5, Color::WHITE);
        for x in 1..9 {
            assert_eq!(bmp.pixel(x, 1), Some(Color::WHITE), "x={x}");
            assert_eq!(bmp.pixel(x, 0), Some(Color::BLACK));
            assert_eq!(bmp.pixel(x, 2), Some(Color::BLACK));
        }
    }

    #[test]
    fn lines_far_off_screen_do_not_hang_or_panic() {
        let mut bmp = Bitmap::new(10, 10, Color::BLACK);
        let mut s = bmp.surface();
        s.draw_line(-1e30, -1e30, 1e30, 1e30, Color::WHITE);
        s.draw_line(f32::NAN, 0.0, 5.0, f32::INFINITY, Color::WHITE);
        s.draw_thick_line(-1e9, 5.0, 1e9, 5.0, 3.0, Color::WHITE);
        assert_eq!(bmp.pixel(5, 5), Some(Color::WHITE));
    }
}
