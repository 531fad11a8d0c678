//! Anti-aliased discs, rings and their sectors, painted one row at a time.
//!
//! A pixel's coverage by the ring between radii `inner` and `outer` is
//! `coverage(dist - outer) - coverage(dist - inner)` (see `shapes.rs`), where `dist` is the
//! distance from the centre to the pixel's centre. Only pixels within half a pixel of either
//! circle get a value strictly between 0 and 255, so a row splits into intervals:
//!
//! ```text
//!   outside | band | solid | band | hole | band | solid | band | outside
//! ```
//!
//! The interval ends come from one square root per circle per row (the half-width of the
//! circle of radius `r` on row `dy` is `sqrt(r² - dy²)`, worked out in `f64`), taken with a
//! safety margin of
//! [`MARGIN`] pixels so that rounding can never move a pixel into the wrong interval: solid
//! runs are filled like `fill_rect`, holes and the outside are skipped, and only the band
//! pixels pay for a square root, exactly as every pixel did before. The result is pixel for
//! pixel the same as testing every pixel of the bounding box.
//!
//! Sectors (a sweep of less than a full turn) keep the per-pixel angle test, but their solid
//! pixels still skip the square root. Shapes with coordinates beyond [`BANDED_LIMIT`], where
//! `f32` rounding grows past the margin, fall back to the per-pixel path.

use crate::color::{blend, Color};
use crate::math::{ceil_i32, floor_i32, sqrt, sqrtf};
use crate::shapes::{coverage, in_sweep};
use crate::surface::{paint_span, Surface};
use libm::atan2f;

/// How far (in pixels) interval ends are pulled in to absorb `f32` rounding; rounding errors
/// below [`BANDED_LIMIT`] are a few thousandths of a pixel.
const MARGIN: f64 = 0.05;
/// Centres and radii must be smaller than this for the row intervals to be used.
const BANDED_LIMIT: f32 = 65536.0;

/// Pixel columns `first..=last` of a row; empty when `first > last`.
#[derive(Clone, Copy)]
struct Span {
    first: i32,
    last: i32,
}

impl Span {
    const EMPTY: Span = Span { first: 1, last: 0 };

    fn contains(&self, x: i32) -> bool {
        self.first <= x && x <= self.last
    }
}

/// A ring (or disc, when `inner` is `None`), optionally cut to a sector.
pub(crate) struct Ring {
    cx: f32,
    cy: f32,
    /// Radius of the hole, subtracted as a second anti-aliased circle.
    inner: Option<f32>,
    outer: f32,
    /// The sector `(start, sweep)` in radians, or `None` for a full turn.
    cut: Option<(f32, f32)>,
    /// True when the row intervals are safe to use (see [`BANDED_LIMIT`]).
    banded: bool,
}

impl Ring {
    pub(crate) fn new(
        cx: f32,
        cy: f32,
        inner: Option<f32>,
        outer: f32,
        cut: Option<(f32, f32)>,
    ) -> Ring {
        let small = |v: f32| v.abs() < BANDED_LIMIT;
        let banded = small(cx) && small(cy) && small(outer) && inner.is_none_or(small);
        Ring {
            cx,
            cy,
            inner,
            outer,
            cut,
            banded,
        }
    }

    /// The exact coverage of the pixel whose centre is `(dx, dy)` from the ring's centre.
    fn coverage_at(&self, dx: f32, dy: f32) -> u8 {
        let dist = sqrtf(dx * dx + dy * dy);
        let cov = coverage(dist - self.outer);
        match self.inner {
            Some(inner) => cov.saturating_sub(coverage(dist - inner)),
            None => cov,
        }
    }

    /// True when the pixel at `(dx, dy)` lies on the sector's sweep.
    fn in_cut(&self, dx: f32, dy: f32) -> bool {
        match self.cut {
            None => true,
            Some((start, sweep)) => in_sweep(atan2f(dy, dx), start, sweep),
        }
    }

    /// Columns whose centres are surely within `r` of the centre on a row `dy2` = dy² away.
    fn surely_within(&self, r: f64, dy2: f64) -> Span {
        if r <= 0.0 || r * r <= dy2 {
            return Span::EMPTY;
        }
        let h = sqrt(r * r - dy2);
        let cx = self.cx as f64;
        Span {
            first: ceil_i32(cx - h - 0.5),
            last: floor_i32(cx + h - 0.5),
        }
    }

    /// Columns that may have their centres within `r`; `None` when no centre is.
    fn maybe_within(&self, r: f64, dy2: f64) -> Option<Span> {
        if r <= 0.0 || r * r <= dy2 {
            return None;
        }
        let h = sqrt(r * r - dy2);
        let cx = self.cx as f64;
        Some(Span {
            first: floor_i32(cx - h - 0.5),
            last: ceil_i32(cx + h - 0.5),
        })
    }

    /// Paints the ring's pixels in columns `x0..x1` of row `y` (local coordinates).
    pub(crate) fn paint_row(&self, surface: &mut Surface, y: i32, x0: i32, x1: i32, color: Color) {
        if x0 >= x1 {
            return;
        }
        let dy = y as f32 + 0.5 - self.cy;
        let (mut lo, mut hi) = (x0, x1 - 1);
        // Fully covered runs (at most two: left and right of the hole) and the hole.
        let mut solid = [Span::EMPTY; 2];
        let mut hole = Span::EMPTY;
        if self.banded {
            // In f64 the squares of f32 values are exact, so the half-widths carry no
            // cancellation error near the top and bottom of a circle.
            let dy2 = dy as f64 * dy as f64;
            let outer = self.outer as f64;
            let Some(reach) = self.maybe_within(outer + 0.5 + MARGIN, dy2) else {
                return;
            };
            lo = lo.max(reach.first);
            hi = hi.min(reach.last);
            let disc = self.surely_within(outer - 0.5 - MARGIN, dy2);
            solid[0] = disc;
            if let Some(inner) = self.inner.map(f64::from) {
                hole = self.surely_within(inner - 0.5 - MARGIN, dy2);
                if let Some(rim) = self.maybe_within(inner + 0.5 + MARGIN, dy2) {
                    solid[0].last = disc.last.min(rim.first - 1);
                    solid[1] = Span {
                        first: disc.first.max(rim.last + 1),
                        last: disc.last,
                    };
                }
            }
        }
        // The columns lie inside the clip (the callers clip them), so the row is indexed
        // directly from here on.
        let origin = surface.origin();
        let (bx0, bx1) = (x0.saturating_add(origin.x), x1.saturating_add(origin.x));
        let pixels = surface.span_mut(y.saturating_add(origin.y), bx0, bx1);
        let at = |x: i32| (x - x0) as usize;
        let mut x = lo;
        while x <= hi {
            if let Some(run) = solid.iter().find(|s| s.contains(x)) {
                let last = run.last.min(hi);
                let span = pixels.get_mut(at(x)..=at(last)).unwrap_or(&mut []);
                match self.cut {
                    None => paint_span(span, color),
                    Some(_) => {
                        for (px, column) in span.iter_mut().zip(x..) {
                            if self.in_cut(column as f32 + 0.5 - self.cx, dy) {
                                *px = blend(*px, color.0);
                            }
                        }
                    }
                }
                x = last + 1;
            } else if hole.contains(x) {
                x = hole.last + 1;
            } else {
                let dx = x as f32 + 0.5 - self.cx;
                let cov = self.coverage_at(dx, dy);
                if cov != 0 && self.in_cut(dx, dy) {
                    if let Some(px) = pixels.get_mut(at(x)) {
                        *px = blend(*px, color.scale_alpha(cov).0);
                    }
                }
                x += 1;
            }
        }
    }
}
