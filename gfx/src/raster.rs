//! A triangle rasterizer with the top-left fill rule and per-vertex colours.
//!
//! This is the classic half-space (edge function) method used by GPUs:
//!
//! * Vertices are snapped to 28.4 fixed point (1/16 pixel), so everything after that is
//!   exact integer arithmetic and adjacent triangles agree on every shared edge.
//! * For an edge a→b, `E(p) = (b.x - a.x)(p.y - a.y) - (b.y - a.y)(p.x - a.x)`. After ordering
//!   the vertices so the triangle's area is positive, a pixel centre `p` is inside when all
//!   three edge functions are >= 0. E changes by a constant per pixel step, so on each row
//!   the inside pixels are one span whose ends follow from one division per edge: rows are
//!   filled span by span, never tested pixel by pixel.
//! * Top-left rule (as in Direct3D's rasterization rules): a centre exactly on an edge belongs
//!   to the triangle only if that edge is a *top* edge (horizontal, interior below) or a *left*
//!   edge (interior to its right). Two triangles sharing an edge therefore never both draw,
//!   nor both skip, a pixel on it: a fan or a mesh has no seams and no double blending.
//! * Colours are interpolated with the barycentric weights `E_i / area` (Gouraud shading),
//!   alpha included; pixels blend "source over" when the interpolated alpha is below 255. A
//!   triangle whose three colours are equal skips interpolation and fills its spans like
//!   `fill_rect` (plain stores when opaque).

use crate::color::{blend, Color};
use crate::surface::{paint_span, Surface};

/// A vertex: position in pixels (centres at `.5`) and its colour.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Vertex {
    pub x: f32,
    pub y: f32,
    pub color: Color,
}

impl Vertex {
    pub const fn new(x: f32, y: f32, color: Color) -> Vertex {
        Vertex { x, y, color }
    }
}

/// Sub-pixel precision: 4 bits.
const SUB: i64 = 16;
/// Coordinates are clamped to this many pixels to keep products inside i64.
const LIMIT: f32 = 1_000_000.0;

fn fixed(v: f32) -> i64 {
    if v.is_nan() {
        return 0;
    }
    (v.clamp(-LIMIT, LIMIT) * SUB as f32 + 0.5) as i64
}

/// One edge a→b: its function's value at the first pixel and its steps.
struct Edge {
    /// Change of E per pixel to the right and per row down (in fixed-point units).
    step_x: i64,
    step_y: i64,
    /// 0 for top-left edges, 1 otherwise: a centre with E == 0 is then excluded.
    bias: i64,
}

impl Edge {
    fn new(ax: i64, ay: i64, bx: i64, by: i64) -> Edge {
        let (dx, dy) = (bx - ax, by - ay);
        let top = dy == 0 && dx > 0;
        let left = dy < 0;
        Edge {
            step_x: -dy * SUB,
            step_y: dx * SUB,
            bias: if top || left { 0 } else { 1 },
        }
    }
}

/// E for edge a→b at point p (all fixed point).
fn edge_fn(ax: i64, ay: i64, bx: i64, by: i64, px: i64, py: i64) -> i64 {
    (bx - ax) * (py - ay) - (by - ay) * (px - ax)
}

/// `n / d` rounded towards negative infinity (`d` > 0).
fn div_floor(n: i64, d: i64) -> i64 {
    let q = n / d;
    if n % d != 0 && n < 0 {
        q - 1
    } else {
        q
    }
}

/// `n / d` rounded towards positive infinity (`d` > 0).
fn div_ceil(n: i64, d: i64) -> i64 {
    -div_floor(-n, d)
}

/// The pixels `k` (counted from the row's first column) with `value + k * step - bias >= 0`,
/// as a half-open range clamped to `0..width`: one edge's share of a row's span.
fn inside_range(value: i64, edge: &Edge, width: i64) -> (i64, i64) {
    let need = edge.bias - value; // k * step >= need
    match edge.step_x.signum() {
        1 => (div_ceil(need, edge.step_x).max(0), width),
        -1 => (0, (div_floor(-need, -edge.step_x) + 1).min(width)),
        _ if need <= 0 => (0, width),
        _ => (0, 0),
    }
}

impl Surface<'_> {
    /// Fills the triangle `v`, interpolating the vertex colours across it.
    ///
    /// Each row is one span (a triangle is convex): its ends come from dividing each edge
    /// function by its step once per row, which gives exactly the pixels the per-pixel test
    /// `E_i >= bias_i` accepts. A flat triangle then fills the span like `fill_rect`; only a
    /// triangle whose vertex colours differ pays for interpolation.
    pub fn fill_triangle(&mut self, v: [Vertex; 3]) {
        let mut p = [(0i64, 0i64); 3];
        for (i, vert) in v.iter().enumerate() {
            p[i] = (fixed(vert.x), fixed(vert.y));
        }
        let mut colors = [v[0].color, v[1].color, v[2].color];
        let mut area = edge_fn(p[0].0, p[0].1, p[1].0, p[1].1, p[2].0, p[2].1);
        if area == 0 {
            return;
        }
        if area < 0 {
            p.swap(1, 2);
            colors.swap(1, 2);
            area = -area;
        }
        // Bounding box in pixels, clipped.
        let clip = self.clip_rect();
        let min_x = p.iter().map(|q| q.0).min().unwrap_or(0);
        let max_x = p.iter().map(|q| q.0).max().unwrap_or(0);
        let min_y = p.iter().map(|q| q.1).min().unwrap_or(0);
        let max_y = p.iter().map(|q| q.1).max().unwrap_or(0);
        let x0 = ((min_x / SUB) as i32 - 1).max(clip.x);
        let x1 = ((max_x / SUB) as i32).saturating_add(1).min(clip.right());
        let y0 = ((min_y / SUB) as i32 - 1).max(clip.y);
        let y1 = ((max_y / SUB) as i32).saturating_add(1).min(clip.bottom());
        if x0 >= x1 || y0 >= y1 {
            return;
        }
        // Edge i is opposite vertex i, so its function is vertex i's barycentric weight.
        let edges = [
            Edge::new(p[1].0, p[1].1, p[2].0, p[2].1),
            Edge::new(p[2].0, p[2].1, p[0].0, p[0].1),
            Edge::new(p[0].0, p[0].1, p[1].0, p[1].1),
        ];
        let (cx, cy) = (x0 as i64 * SUB + SUB / 2, y0 as i64 * SUB + SUB / 2);
        let mut row = [
            edge_fn(p[1].0, p[1].1, p[2].0, p[2].1, cx, cy),
            edge_fn(p[2].0, p[2].1, p[0].0, p[0].1, cx, cy),
            edge_fn(p[0].0, p[0].1, p[1].0, p[1].1, cx, cy),
        ];
        let shading = if colors[0] == colors[1] && colors[1] == colors[2] {
            None
        } else {
            Some(Gouraud::new(&colors, &edges, area))
        };
        let origin = self.origin();
        let (pixels, stride) = self.raw_mut();
        let width = (x1 - x0) as i64;
        for y in y0..y1 {
            let (mut lo, mut hi) = (0, width);
            for (value, edge) in row.iter().zip(&edges) {
                let (a, b) = inside_range(*value, edge, width);
                lo = lo.max(a);
                hi = hi.min(b);
            }
            if lo < hi {
                let start = (y + origin.y) as usize * stride + (x0 + origin.x) as usize;
                let span = pixels.get_mut(start + lo as usize..start + hi as usize);
                let span = span.unwrap_or(&mut []);
                match &shading {
                    None => paint_span(span, colors[0]),
                    Some(g) => {
                        let w = [0, 1, 2].map(|i| row[i] + lo * edges[i].step_x);
                        g.shade_span(span, w);
                    }
                }
            }
            for (ri, e) in row.iter_mut().zip(&edges) {
                *ri += e.step_y;
            }
        }
    }

    /// Fills a convex polygon given as a fan around `center` through `rim` (closing the fan
    /// when `closed`); the pie menu and round gauges use it.
    pub fn fill_fan(&mut self, center: Vertex, rim: &[Vertex], closed: bool) {
        for pair in rim.windows(2) {
            self.fill_triangle([center, pair[0], pair[1]]);
        }
        if closed && rim.len() > 2 {
            if let (Some(&last), Some(&first)) = (rim.last(), rim.first()) {
                self.fill_triangle([center, last, first]);
            }
        }
    }
}

/// Gouraud shading: each channel is linear in the edge values, so along a row it changes
/// by a constant step. A span starts from the barycentric mix at its first pixel.
struct Gouraud {
    /// Channels (r, g, b, a) of the three vertices.
    channels: [[f32; 4]; 3],
    /// Change of each channel per pixel to the right.
    step: [f32; 4],
    inv_area: f32,
}

impl Gouraud {
    fn new(colors: &[Color; 3], edges: &[Edge; 3], area: i64) -> Gouraud {
        let channels = colors.map(|c| [c.r() as f32, c.g() as f32, c.b() as f32, c.a() as f32]);
        let inv_area = 1.0 / area as f32;
        let mut step = [0f32; 4];
        for (k, s) in step.iter_mut().enumerate() {
            *s = (0..3)
                .map(|i| channels[i][k] * edges[i].step_x as f32)
                .sum::<f32>()
                * inv_area;
        }
        Gouraud {
            channels,
            step,
            inv_area,
        }
    }

    /// Shades `span`, whose first pixel has edge values `w`.
    fn shade_span(&self, span: &mut [u32], w: [i64; 3]) {
        let mut v = [0f32; 4];
        for (k, out) in v.iter_mut().enumerate() {
            *out = (0..3)
                .map(|i| self.channels[i][k] * w[i] as f32)
                .sum::<f32>()
                * self.inv_area;
        }
        let c = |f: f32| (f + 0.5).clamp(0.0, 255.0) as u8;
        for px in span {
            let color = Color::rgba(c(v[0]), c(v[1]), c(v[2]), c(v[3]));
            *px = blend(*px, color.0);
            for (vk, sk) in v.iter_mut().zip(&self.step) {
                *vk += sk;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::surface::Bitmap;

    fn count(bmp: &Bitmap, c: Color) -> usize {
        bmp.pixels.iter().filter(|&&p| p == c.0).count()
    }

    #[test]
    fn square_from_two_triangles_has_no_seam_or_overlap() {
        // Half-transparent triangles: any pixel drawn twice would come out darker.
        let mut bmp = Bitmap::new(8, 8, Color::BLACK);
        let c = Color::rgba(255, 255, 255, 128);
        let (a, b, cc, d) = (
            Vertex::new(1.0, 1.0, c),
            Vertex::new(7.0, 1.0, c),
            Vertex::new(7.0, 7.0, c),
            Vertex::new(1.0, 7.0, c),
        );
        let mut s = bmp.surface();
        s.fill_triangle([a, b, cc]);
        s.fill_triangle([a, cc, d]);
        let once = Color::rgba(255, 255, 255, 128).over(Color::BLACK);
        assert_eq!(count(&bmp, once), 36);
        assert_eq!(count(&bmp, Color::BLACK), 64 - 36);
    }

    #[test]
    fn top_left_rule_on_pixel_centres() {
        // A triangle whose edges pass exactly through pixel centres: the left and top edges'
        // centres are drawn, the right and bottom ones are not.
        let mut bmp = Bitmap::new(6, 6, Color::BLACK);
        let w = Color::WHITE;
        bmp.surface().fill_triangle([
            Vertex::new(0.5, 0.5, w),
            Vertex::new(4.5, 0.5, w),
            Vertex::new(0.5, 4.5, w),
        ]);
        assert_eq!(bmp.pixel(0, 0), Some(w)); // top-left corner
        assert_eq!(bmp.pixel(3, 0), Some(w)); // on the top edge
        assert_eq!(bmp.pixel(4, 0), Some(Color::BLACK)); // right end: on the diagonal
        assert_eq!(bmp.pixel(0, 3), Some(w)); // on the left edge
        assert_eq!(bmp.pixel(0, 4), Some(Color::BLACK)); // bottom vertex: on the diagonal
        assert_eq!(bmp.pixel(2, 2), Some(Color::BLACK)); // exactly on the diagonal (right edge)
        assert_eq!(bmp.pixel(1, 2), Some(w));
    }

    #[test]
    fn colours_interpolate_and_degenerate_is_empty() {
        let mut bmp = Bitmap::new(64, 4, Color::BLACK);
        let (r, b) = (Color::RED, Color::BLUE);
        let mut s = bmp.surface();
        s.fill_triangle([
            Vertex::new(0.0, 0.0, r),
            Vertex::new(64.0, 0.0, b),
            Vertex::new(0.0, 64.0, r),
        ]);
        let left = bmp.pixel(0, 0).unwrap();
        let right = bmp.pixel(60, 0).unwrap();
        assert!(left.r() > 240 && left.b() < 10);
        assert!(right.b() > 200 && right.r() < 50);
        let before = bmp.clone();
        bmp.surface().fill_triangle([
            Vertex::new(0.0, 0.0, r),
            Vertex::new(5.0, 5.0, r),
            Vertex::new(10.0, 10.0, r),
        ]);
        bmp.surface().fill_triangle([
            Vertex::new(f32::NAN, f32::NAN, r),
            Vertex::new(f32::NAN, 0.0, r),
            Vertex::new(0.0, f32::NAN, r),
        ]);
        assert_eq!(before.pixels[..64], bmp.pixels[..64]);
        // Huge coordinates are clamped and still fill the visible part without panicking.
        bmp.surface().fill_triangle([
            Vertex::new(-1e30, -1e30, b),
            Vertex::new(1e30, -1e30, b),
            Vertex::new(0.0, 1e30, b),
        ]);
        assert_eq!(bmp.pixel(30, 2), Some(b));
    }
}
