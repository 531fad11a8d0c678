//! Points, sizes and rectangles in whole pixels.
//!
//! A `Rect` is half-open: it covers the pixels `x..x + w` and `y..y + h`. A rectangle with
//! `w <= 0` or `h <= 0` is empty, and every operation accepts empty rectangles (intersection
//! of disjoint rectangles is simply empty), so callers never need to special-case them.

/// Coordinates beyond +-LIMIT are far off any screen; drawing code clamps to it first so
/// that its arithmetic cannot overflow whatever a caller passes.
pub const LIMIT: i32 = 1 << 24;

/// `v` clamped to +-[`LIMIT`].
pub const fn limit(v: i32) -> i32 {
    if v > LIMIT {
        LIMIT
    } else if v < -LIMIT {
        -LIMIT
    } else {
        v
    }
}

/// A position in pixels; `y` grows downward.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default)]
pub struct Point {
    pub x: i32,
    pub y: i32,
}

impl Point {
    pub const fn new(x: i32, y: i32) -> Point {
        Point { x, y }
    }

    pub const fn offset(self, dx: i32, dy: i32) -> Point {
        Point::new(self.x.saturating_add(dx), self.y.saturating_add(dy))
    }
}

/// An axis-aligned rectangle, half-open.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default)]
pub struct Rect {
    pub x: i32,
    pub y: i32,
    pub w: i32,
    pub h: i32,
}

impl Rect {
    pub const fn new(x: i32, y: i32, w: i32, h: i32) -> Rect {
        Rect { x, y, w, h }
    }

    /// The rectangle between two corners (in any order); `b` is exclusive.
    pub fn from_corners(a: Point, b: Point) -> Rect {
        let (x0, x1) = (a.x.min(b.x), a.x.max(b.x));
        let (y0, y1) = (a.y.min(b.y), a.y.max(b.y));
        Rect::new(x0, y0, x1.saturating_sub(x0), y1.saturating_sub(y0))
    }

    /// One past the last column (saturating, so absurd rectangles cannot overflow).
    pub const fn right(&self) -> i32 {
        self.x.saturating_add(self.w)
    }
    /// One past the last row.
    pub const fn bottom(&self) -> i32 {
        self.y.saturating_add(self.h)
    }
    pub const fn origin(&self) -> Point {
        Point::new(self.x, self.y)
    }
    pub const fn center(&self) -> Point {
        Point::new(
            self.x.saturating_add(self.w / 2),
            self.y.saturating_add(self.h / 2),
        )
    }
    pub const fn is_empty(&self) -> bool {
        self.w <= 0 || self.h <= 0
    }
    /// Pixel count (0 when empty).
    pub fn area(&self) -> u64 {
        if self.is_empty() {
            0
        } else {
            self.w as u64 * self.h as u64
        }
    }

    pub const fn contains(&self, p: Point) -> bool {
        p.x >= self.x && p.x < self.right() && p.y >= self.y && p.y < self.bottom()
    }

    /// True when `other` lies entirely inside `self` (an empty `other` always does).
    pub fn contains_rect(&self, other: &Rect) -> bool {
        other.is_empty()
            || (other.x >= self.x
                && other.y >= self.y
                && other.right() <= self.right()
                && other.bottom() <= self.bottom())
    }

    /// The overlap of two rectangles; empty (w or h = 0) when they do not overlap.
    pub fn intersect(&self, other: &Rect) -> Rect {
        let x0 = self.x.max(other.x);
        let y0 = self.y.max(other.y);
        let x1 = self.right().min(other.right());
        let y1 = self.bottom().min(other.bottom());
        if x1 <= x0 || y1 <= y0 {
            Rect::new(x0, y0, 0, 0)
        } else {
            Rect::new(x0, y0, x1.saturating_sub(x0), y1.saturating_sub(y0))
        }
    }

    pub fn intersects(&self, other: &Rect) -> bool {
        !self.intersect(other).is_empty()
    }

    /// The smallest rectangle holding both (an empty side is ignored).
    pub fn union(&self, other: &Rect) -> Rect {
        if self.is_empty() {
            return *other;
        }
        if other.is_empty() {
            return *self;
        }
        let x0 = self.x.min(other.x);
        let y0 = self.y.min(other.y);
        let x1 = self.right().max(other.right());
        let y1 = self.bottom().max(other.bottom());
        Rect::new(x0, y0, x1.saturating_sub(x0), y1.saturating_sub(y0))
    }

    pub const fn offset(&self, dx: i32, dy: i32) -> Rect {
        Rect::new(
            self.x.saturating_add(dx),
            self.y.saturating_add(dy),
            self.w,
            self.h,
        )
    }

    /// Shrinks every side by `n` (grows when negative); never below zero size.
    pub fn inset(&self, n: i32) -> Rect {
        self.inset_xy(n, n)
    }

    pub fn inset_xy(&self, nx: i32, ny: i32) -> Rect {
        Rect::new(
            self.x.saturating_add(nx),
            self.y.saturating_add(ny),
            self.w.saturating_sub(nx.saturating_mul(2)).max(0),
            self.h.saturating_sub(ny.saturating_mul(2)).max(0),
        )
    }

    /// The rectangle with its corner clamped to +-[`LIMIT`] and its size to `0..=2 * LIMIT`.
    pub fn limited(&self) -> Rect {
        let size = |v: i32| v.clamp(0, 2 * LIMIT);
        Rect::new(limit(self.x), limit(self.y), size(self.w), size(self.h))
    }

    /// A rectangle of size `w` x `h` centred in `self`.
    pub fn centered(&self, w: i32, h: i32) -> Rect {
        let x = self.x.saturating_add(self.w.saturating_sub(w) / 2);
        let y = self.y.saturating_add(self.h.saturating_sub(h) / 2);
        Rect::new(x, y, w, h)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intersection_cases() {
        let a = Rect::new(0, 0, 10, 10);
        assert_eq!(a.intersect(&Rect::new(5, 5, 10, 10)), Rect::new(5, 5, 5, 5));
        assert!(a.intersect(&Rect::new(10, 0, 5, 5)).is_empty()); // touching edges
        assert!(a.intersect(&Rect::new(-20, -20, 5, 5)).is_empty());
        assert_eq!(a.intersect(&Rect::new(2, 3, 4, 5)), Rect::new(2, 3, 4, 5));
        assert!(a.intersect(&Rect::new(3, 3, 0, 5)).is_empty());
    }

    #[test]
    fn contains_is_half_open() {
        let a = Rect::new(1, 1, 2, 2);
        assert!(a.contains(Point::new(1, 1)));
        assert!(a.contains(Point::new(2, 2)));
        assert!(!a.contains(Point::new(3, 2)));
        assert!(a.contains_rect(&Rect::new(1, 1, 2, 2)));
        assert!(!a.contains_rect(&Rect::new(0, 1, 2, 2)));
    }

    #[test]
    fn union_and_inset() {
        let a = Rect::new(0, 0, 2, 2);
        let b = Rect::new(5, 5, 1, 1);
        assert_eq!(a.union(&b), Rect::new(0, 0, 6, 6));
        assert_eq!(a.union(&Rect::default()), a);
        assert_eq!(Rect::new(0, 0, 10, 4).inset(3), Rect::new(3, 3, 4, 0));
        assert_eq!(
            Rect::from_corners(Point::new(4, 4), Point::new(1, 2)),
            Rect::new(1, 2, 3, 2)
        );
    }
}
