//! The wallpaper, drawn by code: a diagonal dusk gradient with two soft bands of light.
//!
//! It is computed once at boot into its own bitmap; the compositor copies from that bitmap
//! whenever something that covered the wallpaper goes away. Everything is integer arithmetic
//! on tables (one per row, one per column) so 1920x1080 pixels take a few milliseconds even
//! under emulation.

use alloc::vec;
use alloc::vec::Vec;
use gfx::Rect;

/// Two colours mixed across the screen (top-left to bottom-right).
const TOP_LEFT: (i32, i32, i32) = (0x1b, 0x26, 0x4a);
const BOTTOM_RIGHT: (i32, i32, i32) = (0x5a, 0x2a, 0x5e);
/// The light bands' colour, added to the gradient.
const GLOW: (i32, i32, i32) = (0x40, 0x70, 0x88);

/// A sine approximation in fixed point: `x` in 1/1024 turns, result in -1024..=1024.
fn sine(x: i32) -> i32 {
    // Bhaskara I's approximation on a half turn, mirrored for the other half.
    let t = x.rem_euclid(1024);
    let (half, sign) = if t < 512 { (t, 1) } else { (t - 512, -1) };
    let p = half * (512 - half); // 0..=65536
                                 // sin ≈ 16θ(π−θ) / (5π² − 4θ(π−θ)); with θ = half·π/512 the π's cancel.
    sign * (16384 * p / (5 * 512 * 512 - 4 * p))
}

/// The wallpaper's pixels.
pub struct Wallpaper {
    width: u32,
    height: u32,
    pixels: Vec<u32>,
}

impl Wallpaper {
    /// Paints a `width` x `height` wallpaper.
    pub fn new(width: u32, height: u32) -> Wallpaper {
        let (w, h) = (width as i32, height as i32);
        let mut pixels = vec![0u32; (width * height) as usize];
        let span = (w + h).max(1);
        let mix = |a: i32, b: i32, t: i32| a + (b - a) * t / span;
        // The gradient depends on x + y, so it is one table indexed by the sum.
        let gradient: Vec<(i32, i32, i32)> = (0..span)
            .map(|t| {
                (
                    mix(TOP_LEFT.0, BOTTOM_RIGHT.0, t),
                    mix(TOP_LEFT.1, BOTTOM_RIGHT.1, t),
                    mix(TOP_LEFT.2, BOTTOM_RIGHT.2, t),
                )
            })
            .collect();
        // Two bands: per column a centre line and a thickness.
        let bands: Vec<[(i32, i32); 2]> = (0..w)
            .map(|x| {
                let phase = x * 1024 / w.max(1);
                let a = h * 58 / 100 + sine(phase * 3 / 2 + 100) * h / 9 / 1024;
                let b = h * 70 / 100 + sine(phase + 600) * h / 12 / 1024;
                [(a, h / 7 + sine(phase * 2) * h / 30 / 1024), (b, h / 10)]
            })
            .collect();
        for y in 0..h {
            let row = &mut pixels[(y * w) as usize..((y + 1) * w) as usize];
            for (x, pixel) in row.iter_mut().enumerate() {
                let (mut r, mut g, mut b) = gradient[(x as i32 + y) as usize % span as usize];
                for &(centre, thickness) in &bands[x] {
                    let distance = (y - centre).abs();
                    if distance < thickness {
                        // Quadratic falloff from the centre of the band.
                        let k = thickness - distance;
                        let strength = k * k * 96 / (thickness * thickness).max(1);
                        r += GLOW.0 * strength / 256;
                        g += GLOW.1 * strength / 256;
                        b += GLOW.2 * strength / 256;
                    }
                }
                *pixel = 0xff00_0000
                    | (r.clamp(0, 255) as u32) << 16
                    | (g.clamp(0, 255) as u32) << 8
                    | b.clamp(0, 255) as u32;
            }
        }
        Wallpaper {
            width,
            height,
            pixels,
        }
    }

    /// Copies the part of the wallpaper under `rect` into `target` (same size as the screen).
    pub fn restore(&self, target: &mut [u32], rect: Rect) {
        let clipped = rect.intersect(&Rect::new(0, 0, self.width as i32, self.height as i32));
        if clipped.is_empty() {
            return;
        }
        let stride = self.width as usize;
        for y in clipped.y..clipped.bottom() {
            let start = y as usize * stride + clipped.x as usize;
            let end = start + clipped.w as usize;
            target[start..end].copy_from_slice(&self.pixels[start..end]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sine_is_close() {
        for turn in [0, 128, 256, 512, 640, 768, 1000] {
            let exact = (turn as f64 / 1024.0 * core::f64::consts::TAU).sin() * 1024.0;
            assert!(
                (sine(turn) as f64 - exact).abs() < 20.0,
                "{turn}: {} vs {exact}",
                sine(turn)
            );
        }
    }

    #[test]
    fn wallpaper_is_not_one_colour_and_restores() {
        let wallpaper = Wallpaper::new(320, 200);
        let distinct: std::collections::BTreeSet<u32> = wallpaper.pixels.iter().copied().collect();
        assert!(distinct.len() > 100);
        let mut screen = vec![0u32; 320 * 200];
        wallpaper.restore(&mut screen, Rect::new(310, 190, 50, 50));
        assert_eq!(screen[199 * 320 + 319], wallpaper.pixels[199 * 320 + 319]);
        assert_eq!(screen[0], 0);
    }
}
