//! Drawing the cube: rotate, cull, sort, shade, project, rasterize.
//!
//! The classic flat-shaded pipeline, one step per line of [`draw_cube`]:
//!
//! 1. **Rotate** the corners and face normals, then push the cube [`DISTANCE`] units in
//!    front of the camera.
//! 2. **Cull back faces**: a face whose normal points away from the camera (its dot product
//!    with the vector from the camera to the face is positive or zero) cannot be seen. For a
//!    convex solid this alone removes every hidden surface; at most three faces remain.
//! 3. **Sort** the remaining faces far to near (painter's algorithm) so that, were the
//!    model not convex, nearer faces would still be painted last.
//! 4. **Shade** each face with one colour (flat shading): ambient light plus Lambert's
//!    diffuse term, the cosine between the normal and the direction to the light.
//! 5. **Project** with a pinhole camera: screen x = cx + f·x/z, y = cy − f·y/z, with the
//!    focal length `f` chosen so the cube fills the smaller side of the window at any angle.
//! 6. **Rasterize** each face as two triangles with `gfx`'s triangle rasterizer, whose
//!    top-left rule makes the shared diagonal seamless.

use crate::geometry::{Face, Rotation, Vec3, CORNERS, FACES};
use sdk::gfx::{Color, Rect, Surface, Vertex};

/// How far in front of the camera the cube's centre sits.
pub const DISTANCE: f32 = 4.0;
/// The cube's circumscribed radius (half the space diagonal of a 2x2x2 cube).
const RADIUS: f32 = 1.732_050_8;
/// Share of the window's smaller half-side the cube's outline may reach.
const FILL: f32 = 0.92;
/// Light that reaches every face, and the direction light comes from (up, left, front).
const AMBIENT: f32 = 0.3;
const LIGHT: Vec3 = Vec3::new(-0.5, 0.6, -0.8);

/// A face ready to paint: its screen corners, colour and depth.
#[derive(Clone, Copy, Debug)]
pub struct Painted {
    pub points: [(f32, f32); 4],
    pub color: Color,
    pub depth: f32,
}

/// The faces visible at `rotation` in a viewport `area`, far to near.
pub fn visible_faces(area: Rect, rotation: &Rotation) -> Vec<Painted> {
    let push = Vec3::new(0.0, 0.0, DISTANCE);
    let half = area.w.min(area.h) as f32 / 2.0;
    let focal = FILL * half * (DISTANCE * DISTANCE - RADIUS * RADIUS).sqrt() / RADIUS;
    let (cx, cy) = (
        area.x as f32 + area.w as f32 / 2.0,
        area.y as f32 + area.h as f32 / 2.0,
    );
    let corners = CORNERS.map(|c| rotation.apply(c) + push);
    let project = |v: Vec3| (cx + focal * v.x / v.z, cy - focal * v.y / v.z);
    let light = LIGHT.normalized();
    let mut faces: Vec<Painted> = FACES
        .iter()
        .filter_map(|face: &Face| {
            let normal = rotation.apply(face.normal);
            // A unit cube's face centre is its normal.
            let centre = normal + push;
            if normal.dot(centre) >= 0.0 {
                return None;
            }
            let brightness = AMBIENT + (1.0 - AMBIENT) * normal.dot(light).max(0.0);
            Some(Painted {
                points: face.corners.map(|i| project(corners[i])),
                color: shade(face.color, brightness),
                depth: centre.z,
            })
        })
        .collect();
    faces.sort_by(|a, b| b.depth.total_cmp(&a.depth));
    faces
}

/// `color` with its channels scaled by `brightness` (0..=1).
pub fn shade(color: Color, brightness: f32) -> Color {
    let k = brightness.clamp(0.0, 1.0);
    let c = |v: u8| (v as f32 * k + 0.5) as u8;
    Color::rgb(c(color.r()), c(color.g()), c(color.b()))
}

/// Draws the cube into `area` of `surface`; returns the rectangle it covered.
pub fn draw_cube(surface: &mut Surface, area: Rect, rotation: &Rotation) -> Rect {
    let mut covered = Rect::default();
    for face in visible_faces(area, rotation) {
        let [a, b, c, d] = face.points.map(|(x, y)| Vertex::new(x, y, face.color));
        surface.fill_triangle([a, b, c]);
        surface.fill_triangle([a, c, d]);
        covered = covered.union(&bounding_box(&face.points));
    }
    covered
}

/// The pixels a polygon may touch, with a pixel of margin.
fn bounding_box(points: &[(f32, f32)]) -> Rect {
    let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
    for &(x, y) in points {
        x0 = x0.min(x);
        y0 = y0.min(y);
        x1 = x1.max(x);
        y1 = y1.max(y);
    }
    if x0 > x1 || y0 > y1 {
        return Rect::default();
    }
    let (left, top) = (x0.floor() as i32 - 1, y0.floor() as i32 - 1);
    let (right, bottom) = (x1.ceil() as i32 + 1, y1.ceil() as i32 + 1);
    Rect::new(left, top, right - left, bottom - top)
}
