//! `cube`: a rotating, flat-shaded cube that fills its window and shows its frame rate.
//!
//! The app is a demonstration of the whole graphics path: [`geometry`] holds the model and
//! the rotation maths, [`scene`] the classic pipeline (cull, sort, shade, project,
//! rasterize), and this file the frame loop glue. The rotation follows the monotonic clock,
//! not the frame count, so the cube turns at the same speed however fast frames come.
//!
//! Only what changed is redrawn and presented: each frame repaints the background under
//! last frame's cube, draws the new cube, and damages the union of the two boxes plus the
//! frame-rate label in the top-left corner. A resize redraws everything.

pub mod geometry;
pub mod scene;

use geometry::Rotation;
use sdk::gfx::{Color, Font, Rect, Surface};
use sdk::{App, Frame};

/// Background: a vertical gradient between these two colours.
const SKY_TOP: Color = Color::rgb(28, 32, 48);
const SKY_BOTTOM: Color = Color::rgb(8, 9, 14);
/// The frame rate is measured over windows of this many microseconds.
const FPS_WINDOW_US: u64 = 500_000;

/// Counts frames and turns them into a rate twice a second.
#[derive(Debug, Default)]
pub struct FpsCounter {
    window_start: Option<u64>,
    frames: u32,
    fps: Option<f32>,
}

impl FpsCounter {
    /// Counts one frame at `now_us`; returns true when the rate changed.
    pub fn tick(&mut self, now_us: u64) -> bool {
        let start = *self.window_start.get_or_insert(now_us);
        self.frames += 1;
        let elapsed = now_us.saturating_sub(start);
        if elapsed < FPS_WINDOW_US {
            return false;
        }
        self.fps = Some((self.frames - 1) as f32 * 1e6 / elapsed as f32);
        self.window_start = Some(now_us);
        self.frames = 1;
        true
    }

    /// The last measured rate.
    pub fn fps(&self) -> Option<f32> {
        self.fps
    }

    pub fn label(&self) -> String {
        match self.fps {
            Some(fps) => format!("{fps:.1} fps"),
            None => String::from("-- fps"),
        }
    }
}

/// The app's state between frames.
#[derive(Debug, Default)]
pub struct Cube {
    start_us: Option<u64>,
    /// Where last frame's cube was (to repaint the background there).
    last_box: Rect,
    fps: FpsCounter,
}

impl Cube {
    pub fn new() -> Cube {
        Cube::default()
    }

    /// The rotation `seconds` after start: turning steadily around the vertical axis while
    /// nodding and rolling a little, tipped towards the viewer so the top face shows.
    pub fn rotation_at(seconds: f32) -> Rotation {
        let yaw = seconds * 0.8;
        let pitch = -0.5 + 0.3 * (seconds * 0.6).sin();
        let roll = 0.25 * (seconds * 0.4).sin();
        Rotation::from_angles(yaw, pitch, roll)
    }

    pub fn fps(&self) -> &FpsCounter {
        &self.fps
    }
}

/// The background colour of row `y` in a window `height` rows tall.
fn sky(y: i32, height: i32) -> Color {
    let t = (y.max(0) as i64 * 255 / height.max(1) as i64).clamp(0, 255) as u8;
    SKY_TOP.lerp(SKY_BOTTOM, t)
}

/// Repaints the background in `rect`.
fn paint_sky(surface: &mut Surface, rect: Rect, height: i32) {
    let rect = rect.intersect(&surface.bounds());
    for y in rect.y..rect.bottom() {
        surface.fill_rect(Rect::new(rect.x, y, rect.w, 1), sky(y, height));
    }
}

/// The corner the frame-rate label lives in (repainted every frame).
const LABEL_AREA: Rect = Rect::new(0, 0, 150, 40);

/// Draws the frame-rate label in the top-left corner.
fn draw_label(surface: &mut Surface, text: &str) {
    let font = Font::sans(14);
    let rect = Rect::new(8, 8, font.measure(text) + 12, font.line_height() + 6);
    let rect = rect.intersect(&LABEL_AREA);
    surface.fill_rounded_rect(rect, 5, Color::rgba(0, 0, 0, 150));
    font.draw_text(
        surface,
        rect.x + 6,
        rect.y + 3,
        text,
        Color::rgb(235, 238, 245),
    );
}

impl App for Cube {
    fn update(&mut self, frame: &mut Frame) {
        let now = frame.monotonic_us();
        self.fps.tick(now);
        if !frame.has_window() {
            return;
        }
        let start = *self.start_us.get_or_insert(now);
        let seconds = now.saturating_sub(start) as f32 / 1e6;
        let bounds = frame.bounds();
        let label = self.fps.label();
        let resized = frame.resized();
        // Background first: everywhere after a resize, else under the old cube and label.
        let mut surface = frame.surface();
        if resized {
            paint_sky(&mut surface, bounds, bounds.h);
        } else {
            paint_sky(&mut surface, self.last_box, bounds.h);
            paint_sky(&mut surface, LABEL_AREA, bounds.h);
        }
        let covered = scene::draw_cube(&mut surface, bounds, &Cube::rotation_at(seconds));
        draw_label(&mut surface, &label);
        frame.damage(self.last_box);
        frame.damage(covered);
        frame.damage(LABEL_AREA);
        self.last_box = covered.intersect(&bounds);
    }
}
