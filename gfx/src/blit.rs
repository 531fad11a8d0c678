//! Copying images onto surfaces: plain copies, alpha blending, scaling, and coverage masks.
//!
//! The source is an [`ImageView`]; the destination rectangle is clipped against the surface
//! first and the source is indexed only inside the clipped overlap, so any placement, even
//! far off-screen, is safe.

use crate::color::{blend, Color};
use crate::geom::Rect;
use crate::surface::{ImageView, Surface};

impl Surface<'_> {
    /// Copies `image` with its top-left corner at local `(x, y)`, ignoring alpha.
    pub fn blit(&mut self, image: &ImageView, x: i32, y: i32) {
        self.blit_rows(image, x, y, false);
    }

    /// Draws `image` at `(x, y)` blending each pixel by its alpha ("source over").
    pub fn blit_alpha(&mut self, image: &ImageView, x: i32, y: i32) {
        self.blit_rows(image, x, y, true);
    }

    /// Shared loop: copies rows, or blends them when `alpha`.
    fn blit_rows(&mut self, image: &ImageView, x: i32, y: i32, alpha: bool) {
        let dest = Rect::new(x, y, image.width() as i32, image.height() as i32);
        let r = self.to_buffer(dest);
        if r.is_empty() {
            return;
        }
        let origin = self.origin();
        // Offset of the clipped area inside the image.
        let sx = (r.x as i64 - (x as i64 + origin.x as i64)) as usize;
        let sy = (r.y as i64 - (y as i64 + origin.y as i64)) as i32;
        for row in 0..r.h {
            let src = image.row((sy + row) as u32);
            let src = src.get(sx..sx + r.w as usize).unwrap_or(&[]);
            let dst = self.span_mut(r.y + row, r.x, r.right());
            if alpha {
                for (d, &s) in dst.iter_mut().zip(src) {
                    *d = blend(*d, s);
                }
            } else if src.len() == dst.len() {
                dst.copy_from_slice(src);
            }
        }
    }

    /// Draws `image` stretched to `dest` (nearest neighbour), blending by alpha.
    pub fn blit_scaled(&mut self, image: &ImageView, dest: Rect) {
        let r = self.to_buffer(dest);
        if r.is_empty() || image.width() == 0 || image.height() == 0 {
            return;
        }
        let origin = self.origin();
        let (dx0, dy0) = (
            dest.x as i64 + origin.x as i64,
            dest.y as i64 + origin.y as i64,
        );
        // Source columns step by `iw / dw` per destination pixel; the remainder carries, so
        // `sx` equals `(bx - dx0) * iw / dw` at every pixel without a division each.
        let (iw, dw) = (image.width() as i64, dest.w as i64);
        let first = r.x as i64 - dx0; // >= 0: r lies inside dest
        let (step, step_rem) = (iw / dw, iw % dw);
        for by in r.y..r.bottom() {
            let sy = ((by as i64 - dy0) * image.height() as i64 / dest.h as i64) as u32;
            let src = image.row(sy);
            let (mut sx, mut rem) = (first * iw / dw, first * iw % dw);
            for d in self.span_mut(by, r.x, r.right()) {
                if let Some(&s) = src.get(sx as usize) {
                    *d = blend(*d, s);
                }
                sx += step;
                rem += step_rem;
                if rem >= dw {
                    sx += 1;
                    rem -= dw;
                }
            }
        }
    }

    /// Paints `color` through an 8-bit coverage mask (`width` x `height`, row-major) placed
    /// at `(x, y)`. A mask shorter than `width * height` draws only the rows it has.
    pub fn draw_mask(
        &mut self,
        mask: &[u8],
        width: u32,
        height: u32,
        x: i32,
        y: i32,
        color: Color,
    ) {
        let (w, h) = (width as usize, height as usize);
        let rows = mask.len().checked_div(w).map_or(0, |n| h.min(n));
        let (Ok(mw), Ok(mh)) = (i32::try_from(w), i32::try_from(rows)) else {
            return;
        };
        // Clip the mask's rectangle once; then index rows and columns directly.
        let origin = self.origin();
        let (bx, by) = (x.saturating_add(origin.x), y.saturating_add(origin.y));
        let area = Rect::new(bx, by, mw, mh).intersect(&self.buffer_clip());
        if area.is_empty() || color.a() == 0 {
            return;
        }
        let c0 = (area.x as i64 - bx as i64) as usize;
        let r0 = (area.y as i64 - by as i64) as usize;
        for row in 0..area.h as usize {
            let start = (r0 + row) * w + c0;
            let line = mask.get(start..start + area.w as usize).unwrap_or(&[]);
            let dst = self.span_mut(area.y + row as i32, area.x, area.right());
            for (d, &cov) in dst.iter_mut().zip(line) {
                match cov {
                    0 => {}
                    255 => *d = blend(*d, color.0),
                    c => *d = blend(*d, color.scale_alpha(c).0),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::color::Color;
    use crate::geom::Rect;
    use crate::surface::Bitmap;

    #[test]
    fn blit_clips_on_every_side() {
        let mut src = Bitmap::new(4, 4, Color::RED);
        src.surface().set_pixel(3, 3, Color::BLUE);
        for (x, y) in [(-2, -2), (6, 6), (-10, 0), (0, 100), (2, -3)] {
            let mut dst = Bitmap::new(8, 8, Color::BLACK);
            dst.surface().blit(&src.view(), x, y);
            let inside = Rect::new(x, y, 4, 4).intersect(&Rect::new(0, 0, 8, 8));
            let colored = dst.pixels.iter().filter(|&&p| p != Color::BLACK.0).count();
            assert_eq!(colored as u64, inside.area(), "at {x},{y}");
        }
        let mut dst = Bitmap::new(8, 8, Color::BLACK);
        dst.surface().blit(&src.view(), -2, -2);
        assert_eq!(dst.pixel(1, 1), Some(Color::BLUE));
    }

    #[test]
    fn alpha_and_scaled_blits() {
        let src = Bitmap::new(2, 2, Color::rgba(255, 255, 255, 128));
        let mut dst = Bitmap::new(4, 4, Color::BLACK);
        dst.surface().blit_alpha(&src.view(), 1, 1);
        assert_eq!(dst.pixel(1, 1), Some(Color::rgb(128, 128, 128)));
        dst.surface().blit_scaled(
            &Bitmap::new(1, 1, Color::GREEN).view(),
            Rect::new(0, 0, 4, 2),
        );
        assert_eq!(dst.pixel(3, 1), Some(Color::GREEN));
        assert_eq!(dst.pixel(3, 2), Some(Color::BLACK));
    }
}
