//! The analog clock face: dial, hour and minute marks, three hands.
//!
//! Angles are measured clockwise from twelve o'clock, as on a real dial, so a hand at angle
//! `a` points to `(cx + r·sin a, cy − r·cos a)` in screen coordinates (y grows downwards).
//! The hour hand moves on with the minutes and the minute hand with the seconds; the second
//! hand jumps once a second, which also means the face changes only once a second. The
//! dial is drawn apart from the hands so the app can keep it in a bitmap.

use crate::calendar::DateTime;
use core::f32::consts::TAU;
use sdk::gfx::uitk::Palette;
use sdk::gfx::Surface;

/// Where each hand points (radians clockwise from 12) at `time`.
pub fn hand_angles(time: &DateTime) -> (f32, f32, f32) {
    let seconds = time.second as f32;
    let minutes = time.minute as f32 + seconds / 60.0;
    let hours = (time.hour % 12) as f32 + minutes / 60.0;
    (
        hours / 12.0 * TAU,
        minutes / 60.0 * TAU,
        seconds / 60.0 * TAU,
    )
}

/// The point `length` from the centre in the direction `angle`.
fn toward(cx: f32, cy: f32, angle: f32, length: f32) -> (f32, f32) {
    (cx + length * angle.sin(), cy - length * angle.cos())
}

/// Draws the dial (everything but the hands) centred at (`cx`, `cy`) with radius `r`.
/// It changes only with the size and the theme, so the app keeps it in a bitmap.
pub fn draw_dial(surface: &mut Surface, cx: f32, cy: f32, r: f32, p: &Palette) {
    if r < 4.0 {
        return;
    }
    surface.fill_circle(cx, cy, r, p.surface);
    surface.stroke_circle(cx, cy, r, (r * 0.03).max(1.0), p.border);
    for mark in 0..60 {
        let angle = mark as f32 / 60.0 * TAU;
        let (len, width, color) = if mark % 5 == 0 {
            (r * 0.12, (r * 0.025).max(1.5), p.text)
        } else {
            (r * 0.05, (r * 0.01).max(1.0), p.muted)
        };
        let (x0, y0) = toward(cx, cy, angle, r * 0.9 - len);
        let (x1, y1) = toward(cx, cy, angle, r * 0.9);
        surface.draw_thick_line(x0, y0, x1, y1, width, color);
    }
}

/// Draws the three hands and the centre cap for `time`.
pub fn draw_hands(surface: &mut Surface, cx: f32, cy: f32, r: f32, time: &DateTime, p: &Palette) {
    if r < 4.0 {
        return;
    }
    let (hour, minute, second) = hand_angles(time);
    let hands = [
        (hour, r * 0.5, (r * 0.06).max(2.0), p.text),
        (minute, r * 0.75, (r * 0.04).max(1.5), p.text),
        (second, r * 0.82, (r * 0.015).max(1.0), p.accent),
    ];
    for (angle, length, width, color) in hands {
        let (bx, by) = toward(cx, cy, angle, -length * 0.15);
        let (tx, ty) = toward(cx, cy, angle, length);
        surface.draw_thick_line(bx, by, tx, ty, width, color);
    }
    surface.fill_circle(cx, cy, (r * 0.04).max(2.0), p.accent);
}

/// The whole face: dial and hands.
pub fn draw_face(surface: &mut Surface, cx: f32, cy: f32, r: f32, time: &DateTime, p: &Palette) {
    draw_dial(surface, cx, cy, r, p);
    draw_hands(surface, cx, cy, r, time, p);
}
