//! Damage tracking: which parts of the screen changed since the last flush.
//!
//! The compositor adds a rectangle for everything it redraws (a window that moved, a window
//! whose app presented a frame, the top bar's clock); at flush time it takes the list and
//! transfers only those rectangles to the display. A frame where nothing changed has an
//! empty list and transfers nothing.
//!
//! The list stays short on purpose: overlapping or touching rectangles are merged as they
//! arrive, and past `max_rects` everything collapses into one bounding box, since many tiny
//! transfers cost more than one larger one.

use crate::geom::Rect;
use alloc::vec::Vec;

/// The changed areas of a screen.
#[derive(Clone, Debug)]
pub struct Damage {
    rects: Vec<Rect>,
    bounds: Rect,
    max_rects: usize,
}

impl Damage {
    /// Damage for a screen of `bounds`, keeping at most `max_rects` separate rectangles.
    pub fn new(bounds: Rect, max_rects: usize) -> Damage {
        Damage {
            rects: Vec::new(),
            bounds,
            max_rects: max_rects.max(1),
        }
    }

    /// Marks `rect` as changed (clipped to the screen; empty rectangles are ignored).
    pub fn add(&mut self, rect: Rect) {
        let mut r = rect.intersect(&self.bounds);
        if r.is_empty() {
            return;
        }
        // Merge with every rectangle it touches, repeatedly, since a merge can grow it into
        // another one.
        let mut i = 0;
        while i < self.rects.len() {
            if self.rects[i].inset(-1).intersects(&r) {
                r = r.union(&self.rects.swap_remove(i));
                i = 0;
            } else {
                i += 1;
            }
        }
        self.rects.push(r);
        if self.rects.len() > self.max_rects {
            let all = self
                .rects
                .iter()
                .fold(Rect::default(), |acc, r| acc.union(r));
            self.rects.clear();
            self.rects.push(all);
        }
    }

    /// Marks the whole screen as changed.
    pub fn add_all(&mut self) {
        self.rects.clear();
        self.rects.push(self.bounds);
    }

    pub fn is_empty(&self) -> bool {
        self.rects.is_empty()
    }

    /// The changed rectangles (disjoint and not touching).
    pub fn rects(&self) -> &[Rect] {
        &self.rects
    }

    /// Takes the changed rectangles, leaving the damage empty for the next frame.
    pub fn take(&mut self) -> Vec<Rect> {
        core::mem::take(&mut self.rects)
    }

    /// Total pixels to transfer.
    pub fn area(&self) -> u64 {
        self.rects.iter().map(Rect::area).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merges_touching_and_keeps_separate_ones() {
        let mut d = Damage::new(Rect::new(0, 0, 100, 100), 8);
        d.add(Rect::new(0, 0, 10, 10));
        d.add(Rect::new(10, 0, 10, 10)); // touches: merged
        d.add(Rect::new(50, 50, 5, 5)); // separate
        d.add(Rect::new(-20, -20, 5, 5)); // off-screen: ignored
        assert_eq!(d.rects().len(), 2);
        assert!(d.rects().contains(&Rect::new(0, 0, 20, 10)));
        assert_eq!(d.area(), 200 + 25);
        // A rectangle bridging both merges everything.
        d.add(Rect::new(15, 5, 40, 46));
        assert_eq!(d.rects(), &[Rect::new(0, 0, 55, 55)]);
        assert_eq!(d.take().len(), 1);
        assert!(d.is_empty());
    }

    #[test]
    fn too_many_rects_collapse_into_one() {
        let mut d = Damage::new(Rect::new(0, 0, 1000, 1000), 3);
        for i in 0..5 {
            d.add(Rect::new(i * 100, i * 100, 10, 10));
        }
        assert!(d.rects().len() <= 3);
        let all = d.rects().iter().fold(Rect::default(), |a, r| a.union(r));
        assert_eq!(all, Rect::new(0, 0, 410, 410));
    }
}
