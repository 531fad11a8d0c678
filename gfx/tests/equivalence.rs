//! The fast paths against the obvious ones.
//!
//! Triangles are filled span by span and circles, rings and rounded corners compute coverage
//! only in their anti-aliased band. Each test here draws many pseudo-random shapes both ways,
//! the fast way through the public API and the slow way with a per-pixel reference written
//! from the definitions (edge functions with the top-left rule; coverage of every pixel in
//! the bounding box), and requires identical pixels.

use gfx::shapes::radians;
use gfx::{Bitmap, Color, Rect, Vertex};

const W: i32 = 96;
const H: i32 = 80;

/// A small deterministic generator (xorshift), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u32 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 16) as u32
    }
    /// An integer in `0..n`.
    fn below(&mut self, n: u32) -> i32 {
        (self.next() % n) as i32
    }
    /// A float in `lo..hi`, on a 1/64 grid half the time (exact edges and centres happen).
    fn float(&mut self, lo: f32, hi: f32) -> f32 {
        let t = (self.next() % 10_000) as f32 / 10_000.0;
        let v = lo + (hi - lo) * t;
        if self.next().is_multiple_of(2) {
            (v * 64.0).round() / 64.0
        } else {
            v
        }
    }
    fn color(&mut self) -> Color {
        let alpha = [255, 255, 128, 30][self.next() as usize % 4];
        Color::rgba(
            self.next() as u8,
            self.next() as u8,
            self.next() as u8,
            alpha,
        )
    }
}

fn blend_pixel(bmp: &mut Bitmap, x: i32, y: i32, color: Color, coverage: u8) {
    if coverage == 0 || x < 0 || y < 0 || x >= W || y >= H {
        return;
    }
    let i = (y * W + x) as usize;
    bmp.pixels[i] = color.scale_alpha(coverage).over(Color(bmp.pixels[i])).0;
}

/// The per-pixel triangle: every pixel centre of the box tested against three edges.
fn reference_triangle(bmp: &mut Bitmap, v: [Vertex; 3]) {
    let fixed = |f: f32| (f * 16.0 + 0.5) as i64;
    let mut p = v.map(|q| (fixed(q.x), fixed(q.y)));
    let edge = |a: (i64, i64), b: (i64, i64), x: i64, y: i64| {
        (b.0 - a.0) * (y - a.1) - (b.1 - a.1) * (x - a.0)
    };
    let area = edge(p[0], p[1], p[2].0, p[2].1);
    if area == 0 {
        return;
    }
    if area < 0 {
        p.swap(1, 2);
    }
    let top_left = |a: (i64, i64), b: (i64, i64)| (b.1 == a.1 && b.0 > a.0) || b.1 < a.1;
    let pairs = [(p[1], p[2]), (p[2], p[0]), (p[0], p[1])];
    for y in 0..H {
        for x in 0..W {
            let (cx, cy) = (x as i64 * 16 + 8, y as i64 * 16 + 8);
            let inside = pairs.iter().all(|&(a, b)| {
                let e = edge(a, b, cx, cy);
                e > 0 || (e == 0 && top_left(a, b))
            });
            if inside {
                blend_pixel(bmp, x, y, v[0].color, 255);
            }
        }
    }
}

fn coverage(d: f32) -> u8 {
    let c = 0.5 - d;
    if c <= 0.0 {
        0
    } else if c >= 1.0 {
        255
    } else {
        (c * 255.0 + 0.5) as u8
    }
}

fn in_sweep(angle: f32, start: f32, sweep: f32) -> bool {
    use std::f32::consts::TAU;
    if sweep >= TAU {
        return true;
    }
    let mut a = libm::fmodf(angle - start, TAU);
    if a < 0.0 {
        a += TAU;
    }
    a <= sweep
}

/// The per-pixel ring sector: coverage of every pixel of the surface.
#[allow(clippy::too_many_arguments)]
fn reference_ring(
    bmp: &mut Bitmap,
    cx: f32,
    cy: f32,
    inner: f32,
    outer: f32,
    cut: (f32, f32),
    c: Color,
) {
    let start = libm::fmodf(cut.0, std::f32::consts::TAU);
    for y in 0..H {
        let dy = y as f32 + 0.5 - cy;
        for x in 0..W {
            let dx = x as f32 + 0.5 - cx;
            let dist = libm::sqrtf(dx * dx + dy * dy);
            let mut cov = coverage(dist - outer);
            if inner > 0.0 {
                cov = cov.saturating_sub(coverage(dist - inner));
            }
            if cov != 0 && in_sweep(libm::atan2f(dy, dx), start, cut.1) {
                blend_pixel(bmp, x, y, c, cov);
            }
        }
    }
}

fn assert_same(fast: &Bitmap, slow: &Bitmap, what: &str) {
    let diff = fast
        .pixels
        .iter()
        .zip(&slow.pixels)
        .position(|(a, b)| a != b);
    if let Some(i) = diff {
        let (x, y) = (i as i32 % W, i as i32 / W);
        panic!(
            "{what}: pixel ({x}, {y}) is {:08x}, the reference says {:08x}",
            fast.pixels[i], slow.pixels[i]
        );
    }
}

#[test]
fn flat_triangles_match_the_per_pixel_test() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for n in 0..3000 {
        let c = rng.color();
        let v = [0; 3].map(|_| Vertex::new(rng.float(-20.0, 116.0), rng.float(-20.0, 100.0), c));
        let mut fast = Bitmap::new(W as u32, H as u32, Color::BLACK);
        let mut slow = fast.clone();
        fast.surface().fill_triangle(v);
        reference_triangle(&mut slow, v);
        assert_same(&fast, &slow, &format!("triangle {n} {v:?}"));
    }
}

#[test]
fn circles_rings_and_sectors_match_the_per_pixel_coverage() {
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    for n in 0..1500 {
        let (cx, cy) = (rng.float(-30.0, 126.0), rng.float(-30.0, 110.0));
        let outer = rng.float(0.1, 60.0);
        let inner = match rng.next() % 3 {
            0 => 0.0,
            1 => outer - rng.float(0.0, 4.0),
            _ => rng.float(-2.0, outer + 2.0),
        };
        let cut = match rng.next() % 3 {
            0 => (0.0, 7.0),
            _ => (rng.float(-7.0, 7.0), rng.float(0.01, 6.3)),
        };
        let c = rng.color();
        let mut fast = Bitmap::new(W as u32, H as u32, Color::BLACK);
        let mut slow = fast.clone();
        fast.surface()
            .ring_sector(cx, cy, inner, outer, cut.0, cut.1, c);
        reference_ring(&mut slow, cx, cy, inner, outer, cut, c);
        let what = format!("ring {n}: ({cx}, {cy}) {inner}..{outer} sweep {cut:?}");
        assert_same(&fast, &slow, &what);
    }
}

#[test]
fn circle_helpers_agree_with_their_ring_sectors() {
    let c = Color::rgba(20, 200, 90, 200);
    let mut a = Bitmap::new(W as u32, H as u32, Color::BLACK);
    let mut b = a.clone();
    a.surface().fill_circle(40.3, 33.7, 25.2, c);
    a.surface().stroke_circle(50.0, 40.0, 30.0, 3.5, c);
    a.surface()
        .stroke_arc(45.5, 40.5, 20.0, 4.0, radians(-90.0), radians(135.0), c);
    reference_ring(&mut b, 40.3, 33.7, 0.0, 25.2, (0.0, 7.0), c);
    reference_ring(&mut b, 50.0, 40.0, 26.5, 30.0, (0.0, 7.0), c);
    let arc = (radians(-90.0), radians(135.0));
    reference_ring(&mut b, 45.5, 40.5, 16.0, 20.0, arc, c);
    assert_same(&a, &b, "circle helpers");
}

#[test]
fn rounded_rects_match_the_per_pixel_corners() {
    let mut rng = Rng(0x1234_5678_9abc_def1);
    for n in 0..400 {
        let rect = Rect::new(
            rng.below(80) - 20,
            rng.below(70) - 20,
            rng.below(90),
            rng.below(80),
        );
        let radius = rng.below(40);
        let c = rng.color();
        let stroke = rng.next().is_multiple_of(2).then(|| 1 + rng.below(12));
        let mut fast = Bitmap::new(W as u32, H as u32, Color::BLACK);
        let mut slow = fast.clone();
        match stroke {
            None => fast.surface().fill_rounded_rect(rect, radius, c),
            Some(t) => fast.surface().stroke_rounded_rect(rect, radius, t, c),
        }
        reference_rounded(&mut slow, rect, radius, stroke, c);
        assert_same(
            &fast,
            &slow,
            &format!("rounded {n}: {rect:?} r={radius} {stroke:?}"),
        );
    }
}

/// The rounded rectangle with every corner pixel's coverage computed.
fn reference_rounded(bmp: &mut Bitmap, rect: Rect, radius: i32, stroke: Option<i32>, c: Color) {
    let r = radius.clamp(0, rect.w.min(rect.h) / 2);
    if rect.is_empty() || r == 0 {
        let mut s = bmp.surface();
        match stroke {
            None => s.fill_rect(rect, c),
            Some(t) => s.stroke_rect(rect, t, c),
        }
        return;
    }
    {
        // The straight parts are plain rectangles in both versions.
        let mut s = bmp.surface();
        match stroke {
            None => {
                s.fill_rect(Rect::new(rect.x, rect.y + r, rect.w, rect.h - 2 * r), c);
                s.fill_rect(Rect::new(rect.x + r, rect.y, rect.w - 2 * r, r), c);
                s.fill_rect(
                    Rect::new(rect.x + r, rect.bottom() - r, rect.w - 2 * r, r),
                    c,
                );
            }
            Some(t) => {
                let t = t.min((rect.w.min(rect.h) + 1) / 2);
                s.fill_rect(Rect::new(rect.x + r, rect.y, rect.w - 2 * r, t), c);
                s.fill_rect(
                    Rect::new(rect.x + r, rect.bottom() - t, rect.w - 2 * r, t),
                    c,
                );
                s.fill_rect(Rect::new(rect.x, rect.y + r, t, rect.h - 2 * r), c);
                s.fill_rect(
                    Rect::new(rect.right() - t, rect.y + r, t, rect.h - 2 * r),
                    c,
                );
            }
        }
    }
    let rf = r as f32;
    let (left, right) = (rect.x, rect.right() - r);
    let (top, bottom) = (rect.y, rect.bottom() - r);
    let centres = [
        (left, top, left + r, top + r),
        (right, top, right, top + r),
        (left, bottom, left + r, bottom),
        (right, bottom, right, bottom),
    ];
    for (x0, y0, cx, cy) in centres {
        for y in y0..y0 + r {
            for x in x0..x0 + r {
                let dx = x as f32 + 0.5 - cx as f32;
                let dy = y as f32 + 0.5 - cy as f32;
                let dist = libm::sqrtf(dx * dx + dy * dy);
                let outer = coverage(dist - rf);
                let cov = match stroke {
                    None => outer,
                    Some(t) => outer.saturating_sub(coverage(dist - (rf - t as f32))),
                };
                blend_pixel(bmp, x, y, c, cov);
            }
        }
    }
}

/// The per-pixel thick line: every pixel's distance to the segment.
fn reference_thick_line(bmp: &mut Bitmap, a: (f32, f32), b: (f32, f32), width: f32, c: Color) {
    let half = width * 0.5;
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len2 = dx * dx + dy * dy;
    for y in 0..H {
        for x in 0..W {
            let (px, py) = (x as f32 + 0.5 - a.0, y as f32 + 0.5 - a.1);
            let t = if len2 > 0.0 {
                ((px * dx + py * dy) / len2).clamp(0.0, 1.0)
            } else {
                0.0
            };
            let (ex, ey) = (px - t * dx, py - t * dy);
            let dist = libm::sqrtf(ex * ex + ey * ey);
            blend_pixel(bmp, x, y, c, coverage(dist - half));
        }
    }
}

#[test]
fn thick_lines_match_the_per_pixel_distance() {
    let mut rng = Rng(0x0bad_cafe_dead_beef);
    for n in 0..1500 {
        let a = (rng.float(-20.0, 116.0), rng.float(-20.0, 100.0));
        let b = match rng.next() % 4 {
            0 => (a.0 + rng.float(-1.0, 1.0), a.1 + rng.float(-1.0, 1.0)),
            1 => (rng.float(-20.0, 116.0), a.1 + rng.float(-0.01, 0.01)),
            2 => (a.0, rng.float(-20.0, 100.0)),
            _ => (rng.float(-20.0, 116.0), rng.float(-20.0, 100.0)),
        };
        let width = rng.float(0.0, 14.0);
        let c = rng.color();
        let mut fast = Bitmap::new(W as u32, H as u32, Color::BLACK);
        let mut slow = fast.clone();
        fast.surface().draw_thick_line(a.0, a.1, b.0, b.1, width, c);
        reference_thick_line(&mut slow, a, b, width, c);
        assert_same(
            &fast,
            &slow,
            &format!("line {n}: {a:?} {b:?} width {width}"),
        );
    }
}
