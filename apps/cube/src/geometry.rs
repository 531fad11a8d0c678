//! Three-dimensional points, rotations and the cube itself.
//!
//! Coordinates are "view space" once the scene is placed: x to the right, y
//! up, z away from the viewer (the camera sits at the origin looking along +z). The cube
//! has corners at ±1 on each axis; each face lists its four corners in order around it,
//! with its outward normal and its colour.

use sdk::gfx::Color;

/// A point or direction in space.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Vec3 {
    pub x: f32,
    pub y: f32,
    pub z: f32,
}

impl Vec3 {
    pub const fn new(x: f32, y: f32, z: f32) -> Vec3 {
        Vec3 { x, y, z }
    }

    pub fn dot(self, o: Vec3) -> f32 {
        self.x * o.x + self.y * o.y + self.z * o.z
    }

    pub fn scale(self, k: f32) -> Vec3 {
        Vec3::new(self.x * k, self.y * k, self.z * k)
    }

    pub fn length(self) -> f32 {
        self.dot(self).sqrt()
    }

    /// The same direction with length 1 (the zero vector stays zero).
    pub fn normalized(self) -> Vec3 {
        let len = self.length();
        if len > 0.0 {
            self.scale(1.0 / len)
        } else {
            self
        }
    }
}

impl core::ops::Add for Vec3 {
    type Output = Vec3;
    fn add(self, o: Vec3) -> Vec3 {
        Vec3::new(self.x + o.x, self.y + o.y, self.z + o.z)
    }
}

/// A rotation as a 3x3 matrix (rows).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rotation {
    rows: [Vec3; 3],
}

impl Rotation {
    /// Rotation by `yaw` around y, then `pitch` around x, then `roll` around z (radians).
    pub fn from_angles(yaw: f32, pitch: f32, roll: f32) -> Rotation {
        let (sy, cy) = yaw.sin_cos();
        let (sp, cp) = pitch.sin_cos();
        let (sr, cr) = roll.sin_cos();
        let around_y = [
            Vec3::new(cy, 0.0, sy),
            Vec3::new(0.0, 1.0, 0.0),
            Vec3::new(-sy, 0.0, cy),
        ];
        let around_x = [
            Vec3::new(1.0, 0.0, 0.0),
            Vec3::new(0.0, cp, -sp),
            Vec3::new(0.0, sp, cp),
        ];
        let around_z = [
            Vec3::new(cr, -sr, 0.0),
            Vec3::new(sr, cr, 0.0),
            Vec3::new(0.0, 0.0, 1.0),
        ];
        let m = multiply(&around_z, &multiply(&around_x, &around_y));
        Rotation { rows: m }
    }

    pub fn apply(&self, v: Vec3) -> Vec3 {
        Vec3::new(
            self.rows[0].dot(v),
            self.rows[1].dot(v),
            self.rows[2].dot(v),
        )
    }
}

/// The matrix product `a * b`.
fn multiply(a: &[Vec3; 3], b: &[Vec3; 3]) -> [Vec3; 3] {
    let column = |j: usize| match j {
        0 => Vec3::new(b[0].x, b[1].x, b[2].x),
        1 => Vec3::new(b[0].y, b[1].y, b[2].y),
        _ => Vec3::new(b[0].z, b[1].z, b[2].z),
    };
    let row = |r: Vec3| Vec3::new(r.dot(column(0)), r.dot(column(1)), r.dot(column(2)));
    [row(a[0]), row(a[1]), row(a[2])]
}

/// One face of the cube.
#[derive(Clone, Copy, Debug)]
pub struct Face {
    /// Indices into [`CORNERS`], in order around the face.
    pub corners: [usize; 4],
    pub normal: Vec3,
    pub color: Color,
}

/// Corner `i` has x = bit 0, y = bit 1, z = bit 2 (0 is -1, 1 is +1).
pub const CORNERS: [Vec3; 8] = {
    let mut c = [Vec3::new(0.0, 0.0, 0.0); 8];
    let mut i = 0;
    while i < 8 {
        c[i] = Vec3::new(sign(i, 1), sign(i, 2), sign(i, 4));
        i += 1;
    }
    c
};

/// +1 when `bit` is set in `i`, else -1.
const fn sign(i: usize, bit: usize) -> f32 {
    if i & bit != 0 {
        1.0
    } else {
        -1.0
    }
}

/// The six faces with their colours.
pub const FACES: [Face; 6] = [
    face(
        [1, 3, 7, 5],
        Vec3::new(1.0, 0.0, 0.0),
        Color::rgb(231, 76, 60),
    ),
    face(
        [0, 4, 6, 2],
        Vec3::new(-1.0, 0.0, 0.0),
        Color::rgb(46, 204, 113),
    ),
    face(
        [2, 6, 7, 3],
        Vec3::new(0.0, 1.0, 0.0),
        Color::rgb(52, 152, 219),
    ),
    face(
        [0, 1, 5, 4],
        Vec3::new(0.0, -1.0, 0.0),
        Color::rgb(241, 196, 15),
    ),
    face(
        [4, 5, 7, 6],
        Vec3::new(0.0, 0.0, 1.0),
        Color::rgb(155, 89, 182),
    ),
    face(
        [0, 2, 3, 1],
        Vec3::new(0.0, 0.0, -1.0),
        Color::rgb(230, 126, 34),
    ),
];

const fn face(corners: [usize; 4], normal: Vec3, color: Color) -> Face {
    Face {
        corners,
        normal,
        color,
    }
}
