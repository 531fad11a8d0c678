//! The radial (pie) menu: items arranged around a ring, chosen by direction.
//!
//! Item 0 is centred at 12 o'clock and the others follow clockwise, each taking an equal
//! slice of the ring. Choosing depends only on the pointer's angle once it has left the
//! small dead zone in the middle, which is what makes pie menus fast: a flick in a direction
//! picks an item without aiming at it. [`pie_hit`] and [`draw_pie_menu`] share the geometry.

use super::DesktopTheme;
use crate::color::Color;
use crate::font::Font;
use crate::geom::Point;
use crate::surface::Surface;
use core::f32::consts::{FRAC_PI_2, TAU};
use libm::{atan2f, cosf, fmodf, sinf, sqrtf};

/// Sizes of a pie menu, in pixels.
#[derive(Clone, Copy, PartialEq, Debug)]
pub struct PieSize {
    /// Radius of the dead zone (and of the hole in the ring).
    pub inner: f32,
    pub outer: f32,
}

impl Default for PieSize {
    fn default() -> PieSize {
        PieSize {
            inner: 36.0,
            outer: 120.0,
        }
    }
}

/// Start angle and sweep of item `i` of `n` (radians, clockwise from 3 o'clock).
fn slice(i: usize, n: usize) -> (f32, f32) {
    let sweep = TAU / n as f32;
    (-FRAC_PI_2 - sweep / 2.0 + sweep * i as f32, sweep)
}

/// Which of `n` items the pointer at `p` selects in a menu centred at `center`: `None` in
/// the dead zone. The ring's outer edge does not limit it (a long flick still counts).
pub fn pie_hit(center: Point, p: Point, n: usize, size: PieSize) -> Option<usize> {
    if n == 0 {
        return None;
    }
    let (dx, dy) = ((p.x - center.x) as f32, (p.y - center.y) as f32);
    if sqrtf(dx * dx + dy * dy) < size.inner {
        return None;
    }
    // Angle measured clockwise from the start of item 0.
    let (start, sweep) = slice(0, n);
    let mut a = atan2f(dy, dx) - start;
    a = fmodf(a, TAU);
    if a < 0.0 {
        a += TAU;
    }
    Some(((a / sweep) as usize).min(n - 1))
}

/// Draws a pie menu of `labels` around `center`, highlighting `hovered`.
pub fn draw_pie_menu(
    surface: &mut Surface,
    center: Point,
    labels: &[&str],
    hovered: Option<usize>,
    size: PieSize,
    theme: &DesktopTheme,
) {
    let n = labels.len();
    if n == 0 {
        return;
    }
    let (cx, cy) = (center.x as f32 + 0.5, center.y as f32 + 0.5);
    let shadow = Color::rgba(0, 0, 0, 60);
    surface.ring_sector(
        cx + 1.0,
        cy + 3.0,
        size.inner,
        size.outer + 2.0,
        0.0,
        TAU,
        shadow,
    );
    let gap = 0.02;
    let font = Font::sans(14);
    for (i, label) in labels.iter().enumerate() {
        let (start, sweep) = slice(i, n);
        let color = if Some(i) == hovered {
            theme.accent
        } else {
            theme.title_active
        };
        surface.ring_sector(
            cx,
            cy,
            size.inner,
            size.outer,
            start + gap,
            sweep - 2.0 * gap,
            color,
        );
        let mid = start + sweep / 2.0;
        let r = (size.inner + size.outer) / 2.0;
        let (lx, ly) = (cx + r * cosf(mid), cy + r * sinf(mid));
        let w = font.measure(label);
        let x = lx as i32 - w / 2;
        let y = ly as i32 - font.line_height() / 2;
        font.draw_text(surface, x, y, label, theme.title_text);
    }
    surface.stroke_circle(cx, cy, size.inner - 4.0, 2.0, theme.title_inactive);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directions_pick_items() {
        let c = Point::new(100, 100);
        let s = PieSize::default();
        assert_eq!(pie_hit(c, Point::new(100, 100), 4, s), None);
        assert_eq!(pie_hit(c, Point::new(100, 10), 4, s), Some(0)); // up
        assert_eq!(pie_hit(c, Point::new(190, 100), 4, s), Some(1)); // right
        assert_eq!(pie_hit(c, Point::new(100, 190), 4, s), Some(2)); // down
        assert_eq!(pie_hit(c, Point::new(10, 100), 4, s), Some(3)); // left
        assert_eq!(pie_hit(c, Point::new(1000, 1000), 8, s), Some(3)); // far down-right
        assert_eq!(pie_hit(c, Point::new(0, 0), 0, s), None);
    }
}
