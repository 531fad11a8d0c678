//! Rows and columns: splitting a rectangle among children by fixed sizes and weights.
//!
//! A layout here is a pure function from a rectangle to rectangles, recomputed every frame,
//! so it follows the window's size for free. Each child is a [`Track`]: a fixed number of
//! pixels, or a weight that shares whatever the fixed tracks and gaps leave over (weights 1
//! and 2 split it one third / two thirds). Rounding leftovers go to the last weighted track,
//! so children always tile the rectangle exactly.

use crate::geom::Rect;
use alloc::vec::Vec;

/// The size of one child along the layout's direction.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Track {
    /// Exactly this many pixels.
    Px(i32),
    /// A share of the remaining space.
    Weight(u32),
}

/// Splits `rect` left to right.
pub fn row(rect: Rect, tracks: &[Track], gap: i32) -> Vec<Rect> {
    split(rect.w, tracks, gap)
        .into_iter()
        .map(|(at, len)| Rect::new(rect.x + at, rect.y, len, rect.h))
        .collect()
}

/// Splits `rect` top to bottom.
pub fn column(rect: Rect, tracks: &[Track], gap: i32) -> Vec<Rect> {
    split(rect.h, tracks, gap)
        .into_iter()
        .map(|(at, len)| Rect::new(rect.x, rect.y + at, rect.w, len))
        .collect()
}

/// `(offset, length)` of each track along a line of `total` pixels.
fn split(total: i32, tracks: &[Track], gap: i32) -> Vec<(i32, i32)> {
    let gaps = gap * (tracks.len() as i32 - 1).max(0);
    let fixed: i32 = tracks
        .iter()
        .map(|t| match t {
            Track::Px(n) => (*n).max(0),
            Track::Weight(_) => 0,
        })
        .sum();
    let weights: u64 = tracks
        .iter()
        .map(|t| match t {
            Track::Weight(w) => *w as u64,
            Track::Px(_) => 0,
        })
        .sum();
    let free = (total - fixed - gaps).max(0);
    let last_weighted = tracks
        .iter()
        .rposition(|t| matches!(t, Track::Weight(w) if *w > 0));
    let mut out = Vec::with_capacity(tracks.len());
    let mut at = 0;
    let mut given = 0;
    for (i, t) in tracks.iter().enumerate() {
        let len = match *t {
            Track::Px(n) => n.max(0),
            Track::Weight(_) if Some(i) == last_weighted => free - given,
            Track::Weight(w) if weights > 0 => {
                let share = (free as u64 * w as u64 / weights) as i32;
                given += share;
                share
            }
            Track::Weight(_) => 0,
        };
        out.push((at, len));
        at += len + gap;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_share_what_is_left() {
        let r = Rect::new(10, 0, 310, 20);
        let cells = row(r, &[Track::Px(100), Track::Weight(1), Track::Weight(2)], 5);
        assert_eq!(cells[0], Rect::new(10, 0, 100, 20));
        assert_eq!(cells[1], Rect::new(115, 0, 66, 20));
        assert_eq!(cells[2], Rect::new(186, 0, 134, 20));
        assert_eq!(cells[2].right(), r.right());
    }

    #[test]
    fn layouts_follow_the_size_and_survive_tiny_rects() {
        for h in [0, 1, 7, 100, 1080] {
            let r = Rect::new(0, 0, 50, h);
            let cells = column(r, &[Track::Weight(1), Track::Px(3), Track::Weight(1)], 2);
            assert_eq!(cells.len(), 3);
            assert!(cells.iter().all(|c| c.h >= 0));
            if h >= 7 {
                assert_eq!(cells[2].bottom(), h);
            }
        }
    }
}
