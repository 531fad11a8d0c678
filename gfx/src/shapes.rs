//! Rectangles, rounded rectangles, circles, rings and arcs.
//!
//! Straight edges are pixel-aligned and exact; curved edges are anti-aliased by coverage: a
//! pixel's coverage is how far its centre lies inside the shape's outline, clamped to one
//! pixel (`clamp(0.5 - distance, 0, 1)`), which is cheap and looks right for the radii a UI
//! uses. Only the pixels near a curve pay for a square root; the rest are span fills (the row
//! intervals of circles, rings and rounded corners are worked out in `ring.rs`).
//!
//! Angles (for arcs and ring sectors) are in radians, 0 pointing right (3 o'clock), growing
//! clockwise on screen because y grows downward.

use crate::color::Color;
use crate::geom::Rect;
use crate::ring::Ring;
use crate::surface::Surface;
use core::f32::consts::{PI, TAU};
use libm::fmodf;

/// Coverage 0..=255 of a pixel whose centre is `d` pixels outside an edge (negative = inside).
#[inline]
pub(crate) fn coverage(d: f32) -> u8 {
    let c = 0.5 - d;
    if c <= 0.0 {
        0
    } else if c >= 1.0 {
        255
    } else {
        (c * 255.0 + 0.5) as u8
    }
}

/// True when `angle` lies on the clockwise sweep from `start` through `sweep` radians.
pub(crate) fn in_sweep(angle: f32, start: f32, sweep: f32) -> bool {
    if sweep >= TAU {
        return true;
    }
    let mut a = fmodf(angle - start, TAU);
    if a < 0.0 {
        a += TAU;
    }
    a <= sweep
}

impl Surface<'_> {
    /// Draws the outline of `rect`, `thickness` pixels wide, inside the rectangle.
    pub fn stroke_rect(&mut self, rect: Rect, thickness: i32, color: Color) {
        let rect = rect.limited();
        let t = thickness.max(1).min((rect.w.min(rect.h) + 1) / 2);
        if rect.is_empty() {
            return;
        }
        self.fill_rect(Rect::new(rect.x, rect.y, rect.w, t), color);
        self.fill_rect(Rect::new(rect.x, rect.bottom() - t, rect.w, t), color);
        let inner_h = rect.h - 2 * t;
        self.fill_rect(Rect::new(rect.x, rect.y + t, t, inner_h), color);
        self.fill_rect(Rect::new(rect.right() - t, rect.y + t, t, inner_h), color);
    }

    /// A horizontal line of one pixel from `x0` to `x1` (inclusive) at row `y`.
    pub fn hline(&mut self, x0: i32, x1: i32, y: i32, color: Color) {
        let (a, b) = (x0.min(x1), x0.max(x1));
        self.fill_rect(Rect::new(a, y, b - a + 1, 1), color);
    }

    /// A vertical line of one pixel from `y0` to `y1` (inclusive) at column `x`.
    pub fn vline(&mut self, x: i32, y0: i32, y1: i32, color: Color) {
        let (a, b) = (y0.min(y1), y0.max(y1));
        self.fill_rect(Rect::new(x, a, 1, b - a + 1), color);
    }

    /// Fills `rect` with corners rounded to `radius` (anti-aliased).
    pub fn fill_rounded_rect(&mut self, rect: Rect, radius: i32, color: Color) {
        self.rounded(rect, radius, None, color);
    }

    /// Outlines `rect` with rounded corners; the stroke lies inside the rectangle.
    pub fn stroke_rounded_rect(&mut self, rect: Rect, radius: i32, thickness: i32, color: Color) {
        self.rounded(rect, radius, Some(thickness.max(1)), color);
    }

    /// Shared body of the rounded rectangle: `stroke` = None fills.
    fn rounded(&mut self, rect: Rect, radius: i32, stroke: Option<i32>, color: Color) {
        let rect = rect.limited();
        if rect.is_empty() {
            return;
        }
        let r = radius.clamp(0, rect.w.min(rect.h) / 2);
        if r == 0 {
            match stroke {
                None => self.fill_rect(rect, color),
                Some(t) => self.stroke_rect(rect, t, color),
            }
            return;
        }
        // Straight parts.
        match stroke {
            None => {
                self.fill_rect(Rect::new(rect.x, rect.y + r, rect.w, rect.h - 2 * r), color);
                self.fill_rect(Rect::new(rect.x + r, rect.y, rect.w - 2 * r, r), color);
                self.fill_rect(
                    Rect::new(rect.x + r, rect.bottom() - r, rect.w - 2 * r, r),
                    color,
                );
            }
            Some(t) => {
                let t = t.min((rect.w.min(rect.h) + 1) / 2);
                self.fill_rect(Rect::new(rect.x + r, rect.y, rect.w - 2 * r, t), color);
                self.fill_rect(
                    Rect::new(rect.x + r, rect.bottom() - t, rect.w - 2 * r, t),
                    color,
                );
                self.fill_rect(Rect::new(rect.x, rect.y + r, t, rect.h - 2 * r), color);
                self.fill_rect(
                    Rect::new(rect.right() - t, rect.y + r, t, rect.h - 2 * r),
                    color,
                );
            }
        }
        // Corners: each an r x r square around a quarter circle centred at (cx, cy).
        let rf = r as f32;
        let corners = [
            (rect.x, rect.y, (rect.x + r) as f32, (rect.y + r) as f32),
            (
                rect.right() - r,
                rect.y,
                (rect.right() - r) as f32,
                (rect.y + r) as f32,
            ),
            (
                rect.x,
                rect.bottom() - r,
                (rect.x + r) as f32,
                (rect.bottom() - r) as f32,
            ),
            (
                rect.right() - r,
                rect.bottom() - r,
                (rect.right() - r) as f32,
                (rect.bottom() - r) as f32,
            ),
        ];
        let clip = self.clip_rect();
        let inner = stroke.map(|t| rf - t as f32);
        for (x0, y0, cx, cy) in corners {
            // Only the corner square's band along the curve costs square roots.
            let square = Rect::new(x0, y0, r, r).intersect(&clip);
            let ring = Ring::new(cx, cy, inner, rf, None);
            for y in square.y..square.bottom() {
                ring.paint_row(self, y, square.x, square.right(), color);
            }
        }
    }

    /// Fills a circle (anti-aliased) centred at `(cx, cy)`; pixel centres sit at `.5`.
    pub fn fill_circle(&mut self, cx: f32, cy: f32, radius: f32, color: Color) {
        self.ring_sector(cx, cy, 0.0, radius, 0.0, TAU, color);
    }

    /// Outlines a circle with a ring `thickness` wide, inside `radius`.
    pub fn stroke_circle(&mut self, cx: f32, cy: f32, radius: f32, thickness: f32, color: Color) {
        self.ring_sector(cx, cy, radius - thickness, radius, 0.0, TAU, color);
    }

    /// An arc of the circle of `radius`, `thickness` wide (inside `radius`), from angle
    /// `start` sweeping clockwise by `sweep` radians.
    #[allow(clippy::too_many_arguments)]
    pub fn stroke_arc(
        &mut self,
        cx: f32,
        cy: f32,
        radius: f32,
        thickness: f32,
        start: f32,
        sweep: f32,
        color: Color,
    ) {
        self.ring_sector(cx, cy, radius - thickness, radius, start, sweep, color);
    }

    /// Fills the part of the ring between radii `inner` and `outer` that lies on the sweep
    /// from `start` (clockwise, radians). With `inner` = 0 this is a pie slice; the pie menu
    /// draws its segments with it. Curved edges are anti-aliased, the straight cuts are not.
    #[allow(clippy::too_many_arguments)]
    pub fn ring_sector(
        &mut self,
        cx: f32,
        cy: f32,
        inner: f32,
        outer: f32,
        start: f32,
        sweep: f32,
        color: Color,
    ) {
        let drawable = outer > 0.0 && sweep > 0.0 && cx.is_finite() && cy.is_finite();
        if !drawable {
            return;
        }
        let clip = self.clip_rect();
        let x0 = ((cx - outer - 1.0) as i32).max(clip.x);
        let x1 = ((cx + outer + 1.0) as i32)
            .saturating_add(1)
            .min(clip.right());
        let y0 = ((cy - outer - 1.0) as i32).max(clip.y);
        let y1 = ((cy + outer + 1.0) as i32)
            .saturating_add(1)
            .min(clip.bottom());
        let inner = (inner > 0.0).then_some(inner);
        let cut = (sweep < TAU).then(|| (fmodf(start, TAU), sweep));
        let ring = Ring::new(cx, cy, inner, outer, cut);
        for y in y0..y1 {
            ring.paint_row(self, y, x0, x1, color);
        }
    }
}

/// Degrees to radians, for callers who think in degrees.
pub fn radians(degrees: f32) -> f32 {
    degrees * PI / 180.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::surface::Bitmap;

    #[test]
    fn coverage_ramp() {
        assert_eq!(coverage(-1.0), 255);
        assert_eq!(coverage(1.0), 0);
        assert_eq!(coverage(0.0), 128);
    }

    #[test]
    fn sweep_wraps_around() {
        assert!(in_sweep(0.1, -0.2, 0.5));
        assert!(in_sweep(-3.0, 3.0, 1.0));
        assert!(!in_sweep(1.0, 0.0, 0.5));
    }

    #[test]
    fn circle_is_symmetric_and_clipped() {
        let mut bmp = Bitmap::new(21, 21, Color::BLACK);
        bmp.surface().fill_circle(10.5, 10.5, 8.0, Color::WHITE);
        for y in 0..21 {
            for x in 0..21 {
                assert_eq!(bmp.pixel(x, y), bmp.pixel(20 - x, y));
                assert_eq!(bmp.pixel(x, y), bmp.pixel(y, x));
            }
        }
        assert_eq!(bmp.pixel(10, 10), Some(Color::WHITE));
        assert_eq!(bmp.pixel(0, 0), Some(Color::BLACK));
        // Far outside: nothing happens, nothing panics.
        bmp.surface().fill_circle(-1e9, 5.0, 3.0, Color::RED);
        bmp.surface().fill_circle(f32::NAN, 5.0, 3.0, Color::RED);
    }

    #[test]
    fn rounded_rect_keeps_corners_clear() {
        let mut bmp = Bitmap::new(20, 20, Color::BLACK);
        bmp.surface()
            .fill_rounded_rect(Rect::new(0, 0, 20, 20), 6, Color::WHITE);
        assert_eq!(bmp.pixel(0, 0), Some(Color::BLACK));
        assert_eq!(bmp.pixel(10, 0), Some(Color::WHITE));
        assert_eq!(bmp.pixel(10, 10), Some(Color::WHITE));
    }
}
