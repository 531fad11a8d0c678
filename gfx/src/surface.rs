//! Framebuffer views: where every drawing operation lands.
//!
//! A [`Surface`] borrows rows of `u32` pixels (0xAARRGGBB) that may be longer than the visible
//! width (`stride >= width`), as scanout buffers often are. It carries two more things:
//!
//! * an **origin**: drawing coordinates are local to the view, and the origin says where the
//!   view's (0, 0) falls in the buffer; it may lie outside the buffer (a window dragged half
//!   off-screen still draws in its own coordinates);
//! * a **clip** rectangle, in buffer coordinates, that no operation writes outside of.
//!
//! [`Surface::sub`] makes a view of a sub-rectangle: its origin moves to the rectangle's corner
//! and its clip shrinks to the overlap. The borrow checker lets only one view write at a time.
//!
//! Every constructor checks the buffer's length up front ([`SurfaceError`]); after that, all
//! writes go through the clip and cannot index out of bounds, whatever coordinates a caller
//! passes. [`Bitmap`] owns its pixels (a window's back buffer, a cached tile) and
//! [`ImageView`] is a read-only view used as the source of blits.

use crate::color::{blend, Color};
use crate::geom::{Point, Rect};
pub use crate::image::{Bitmap, ImageView};

/// Why a buffer cannot be viewed as a surface.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum SurfaceError {
    /// `stride` is smaller than `width`.
    StrideTooSmall,
    /// The slice holds fewer than `(height - 1) * stride + width` pixels.
    BufferTooShort,
    /// A dimension does not fit the coordinate type.
    TooLarge,
}

/// Checks that `len` pixels hold `height` rows of `width` at `stride`.
pub(crate) fn check_layout(
    len: usize,
    width: u32,
    height: u32,
    stride: u32,
) -> Result<(), SurfaceError> {
    if width > i32::MAX as u32 / 2 || height > i32::MAX as u32 / 2 {
        return Err(SurfaceError::TooLarge);
    }
    if stride < width {
        return Err(SurfaceError::StrideTooSmall);
    }
    if height > 0 && width > 0 {
        let needed = (height as usize - 1)
            .checked_mul(stride as usize)
            .and_then(|n| n.checked_add(width as usize))
            .ok_or(SurfaceError::TooLarge)?;
        if len < needed {
            return Err(SurfaceError::BufferTooShort);
        }
    }
    Ok(())
}

/// Paints one span of a row with `color`: plain stores when opaque, "source over" otherwise
/// (what `fill_rect` does to each of its rows).
#[inline]
pub(crate) fn paint_span(span: &mut [u32], color: Color) {
    match color.a() {
        255 => fill_span(span, color.0),
        0 => {}
        _ => {
            for px in span {
                *px = blend(*px, color.0);
            }
        }
    }
}

/// Stores `value` into every pixel of `span`.
///
/// A WASM interpreter pays for every store of a plain loop, so only the first few pixels are
/// stored one by one; the rest are copied from the part already filled, doubling each time.
/// `copy_within` becomes one `memory.copy` instruction, which the host runs at memcpy speed.
pub(crate) fn fill_span(span: &mut [u32], value: u32) {
    const SEED: usize = 16;
    let len = span.len();
    let seed = len.min(SEED);
    span[..seed].fill(value);
    let mut done = seed;
    while done < len {
        let n = done.min(len - done);
        span.copy_within(0..n, done);
        done += n;
    }
}

/// A mutable, clipped view of pixels.
pub struct Surface<'a> {
    pixels: &'a mut [u32],
    stride: usize,
    /// Size of the view in its own coordinates.
    width: i32,
    height: i32,
    /// Where local (0, 0) lies in the buffer.
    origin: Point,
    /// Writable area in buffer coordinates (always inside the buffer).
    clip: Rect,
}

impl<'a> Surface<'a> {
    /// Views `pixels` as `height` rows of `width` pixels, `stride` pixels apart.
    pub fn new(
        pixels: &'a mut [u32],
        width: u32,
        height: u32,
        stride: u32,
    ) -> Result<Surface<'a>, SurfaceError> {
        check_layout(pixels.len(), width, height, stride)?;
        let (w, h) = (width as i32, height as i32);
        Ok(Surface {
            pixels,
            stride: stride as usize,
            width: w,
            height: h,
            origin: Point::new(0, 0),
            clip: Rect::new(0, 0, w, h),
        })
    }

    pub fn width(&self) -> i32 {
        self.width
    }
    pub fn height(&self) -> i32 {
        self.height
    }
    /// A view of a whole row-major buffer whose layout the caller has already checked.
    pub(crate) fn whole(pixels: &'a mut [u32], width: i32, height: i32) -> Surface<'a> {
        Surface {
            pixels,
            stride: width.max(0) as usize,
            width,
            height,
            origin: Point::new(0, 0),
            clip: Rect::new(0, 0, width, height),
        }
    }

    /// The view's rectangle in its own coordinates: `(0, 0, width, height)`.
    pub fn bounds(&self) -> Rect {
        Rect::new(0, 0, self.width, self.height)
    }

    /// The part of the view that can be written, in local coordinates.
    pub fn clip_rect(&self) -> Rect {
        self.clip.offset(
            self.origin.x.saturating_neg(),
            self.origin.y.saturating_neg(),
        )
    }

    /// Narrows the clip to `rect` (local coordinates) without moving the origin.
    pub fn clip_to(&mut self, rect: Rect) {
        let r = rect.offset(self.origin.x, self.origin.y);
        self.clip = self.clip.intersect(&r);
    }

    /// A view of `rect` (local coordinates): its (0, 0) is `rect`'s corner, and it can only
    /// write where `rect` and this view's clip overlap.
    pub fn sub(&mut self, rect: Rect) -> Surface<'_> {
        let rect = rect.limited();
        let origin = self.origin.offset(rect.x, rect.y);
        let area = Rect::new(origin.x, origin.y, rect.w.max(0), rect.h.max(0));
        Surface {
            pixels: self.pixels,
            stride: self.stride,
            width: rect.w.max(0),
            height: rect.h.max(0),
            origin,
            clip: self.clip.intersect(&area),
        }
    }

    /// A reborrow of the whole view (same origin and clip).
    pub fn reborrow(&mut self) -> Surface<'_> {
        Surface {
            pixels: self.pixels,
            stride: self.stride,
            width: self.width,
            height: self.height,
            origin: self.origin,
            clip: self.clip,
        }
    }

    /// Converts a local rectangle to the buffer rectangle it may write (clipped).
    pub(crate) fn to_buffer(&self, rect: Rect) -> Rect {
        rect.offset(self.origin.x, self.origin.y)
            .intersect(&self.clip)
    }

    /// The clip in buffer coordinates.
    pub(crate) fn buffer_clip(&self) -> Rect {
        self.clip
    }

    pub(crate) fn origin(&self) -> Point {
        self.origin
    }

    /// Pixels `x0..x1` of buffer row `y`; the caller has clipped the span already.
    #[inline]
    pub(crate) fn span_mut(&mut self, y: i32, x0: i32, x1: i32) -> &mut [u32] {
        let start = y as usize * self.stride + x0 as usize;
        let end = y as usize * self.stride + x1 as usize;
        self.pixels.get_mut(start..end).unwrap_or(&mut [])
    }

    /// The raw pixels and stride, for inner loops that index rows themselves after clipping
    /// against [`Surface::buffer_clip`].
    #[inline]
    pub(crate) fn raw_mut(&mut self) -> (&mut [u32], usize) {
        (self.pixels, self.stride)
    }

    /// The colour at a local position, or `None` outside the clip.
    pub fn pixel(&self, x: i32, y: i32) -> Option<Color> {
        let (bx, by) = (
            x.saturating_add(self.origin.x),
            y.saturating_add(self.origin.y),
        );
        if !self.clip.contains(Point::new(bx, by)) {
            return None;
        }
        self.pixels
            .get(by as usize * self.stride + bx as usize)
            .map(|&p| Color(p))
    }

    /// Writes one pixel (no blending); ignored outside the clip.
    #[inline]
    pub fn set_pixel(&mut self, x: i32, y: i32, color: Color) {
        let (bx, by) = (
            x.saturating_add(self.origin.x),
            y.saturating_add(self.origin.y),
        );
        if self.clip.contains(Point::new(bx, by)) {
            if let Some(p) = self.pixels.get_mut(by as usize * self.stride + bx as usize) {
                *p = color.0;
            }
        }
    }

    /// Blends one pixel with `color` at `coverage` (0..=255); ignored outside the clip.
    #[inline]
    pub fn blend_pixel(&mut self, x: i32, y: i32, color: Color, coverage: u8) {
        let (bx, by) = (
            x.saturating_add(self.origin.x),
            y.saturating_add(self.origin.y),
        );
        if coverage == 0 || !self.clip.contains(Point::new(bx, by)) {
            return;
        }
        let src = if coverage == 255 {
            color
        } else {
            color.scale_alpha(coverage)
        };
        if let Some(p) = self.pixels.get_mut(by as usize * self.stride + bx as usize) {
            *p = blend(*p, src.0);
        }
    }

    /// Fills the whole view (within the clip) with `color`, replacing what was there.
    pub fn clear(&mut self, color: Color) {
        let r = self.bounds();
        self.copy_rect(r, color);
    }

    /// Fills `rect`, blending when `color` is not opaque.
    pub fn fill_rect(&mut self, rect: Rect, color: Color) {
        match color.a() {
            255 => self.copy_rect(rect, color),
            0 => {}
            _ => self.blend_rect(rect, color),
        }
    }

    /// Stores `color` into every pixel of `rect`, alpha included, without blending.
    pub fn copy_rect(&mut self, rect: Rect, color: Color) {
        let r = self.to_buffer(rect);
        if r.is_empty() {
            return;
        }
        // Fill the first row, then copy it to the others (one `memory.copy` each in WASM).
        let (w, stride) = (r.w as usize, self.stride);
        let first = r.y as usize * stride + r.x as usize;
        let last = first + (r.h as usize - 1) * stride;
        if last + w > self.pixels.len() {
            return; // cannot happen: the clip lies inside the buffer
        }
        fill_span(&mut self.pixels[first..first + w], color.0);
        for start in (first + stride..=last).step_by(stride.max(1)) {
            self.pixels.copy_within(first..first + w, start);
        }
    }

    /// Blends `color` over every pixel of `rect`.
    pub fn blend_rect(&mut self, rect: Rect, color: Color) {
        let r = self.to_buffer(rect);
        for y in r.y..r.bottom() {
            for p in self.span_mut(y, r.x, r.right()) {
                *p = blend(*p, color.0);
            }
        }
    }

    /// A read-only view of the whole underlying buffer region this surface covers.
    pub fn as_view(&self) -> ImageView<'_> {
        let r = self.clip;
        let start = r.y.max(0) as usize * self.stride + r.x.max(0) as usize;
        ImageView {
            pixels: self.pixels.get(start..).unwrap_or(&[]),
            width: r.w.max(0) as u32,
            height: r.h.max(0) as u32,
            stride: self.stride as u32,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_bad_layouts() {
        let mut buf = [0u32; 10];
        assert_eq!(
            Surface::new(&mut buf, 4, 3, 3).err(),
            Some(SurfaceError::StrideTooSmall)
        );
        assert_eq!(
            Surface::new(&mut buf, 4, 3, 4).err(),
            Some(SurfaceError::BufferTooShort)
        );
        // The last row needs only `width` pixels, not a whole stride.
        assert!(Surface::new(&mut buf, 2, 3, 4).is_ok());
        assert!(Surface::new(&mut buf, 0, 0, 0).is_ok());
    }

    #[test]
    fn fill_respects_stride_and_clip() {
        let mut buf = [0u32; 4 * 3];
        let mut s = Surface::new(&mut buf, 3, 3, 4).unwrap();
        s.fill_rect(Rect::new(-5, -5, 100, 100), Color::WHITE);
        // The padding column (index 3 of each row) stays untouched.
        for y in 0..3 {
            assert_eq!(buf[y * 4 + 3], 0);
            assert_eq!(buf[y * 4], Color::WHITE.0);
        }
    }

    #[test]
    fn sub_views_translate_and_clip() {
        let mut bmp = Bitmap::new(8, 8, Color::BLACK);
        let mut s = bmp.surface();
        {
            let mut sub = s.sub(Rect::new(6, 6, 4, 4));
            assert_eq!(sub.clip_rect(), Rect::new(0, 0, 2, 2));
            sub.fill_rect(Rect::new(0, 0, 10, 10), Color::RED);
            sub.set_pixel(-1, -1, Color::BLUE); // outside the sub-view: ignored
        }
        {
            // A view whose corner is off the buffer still uses local coordinates.
            let mut off = s.sub(Rect::new(-3, -3, 4, 4));
            off.set_pixel(3, 3, Color::GREEN);
            off.set_pixel(2, 2, Color::GREEN);
        }
        assert_eq!(bmp.pixel(0, 0), Some(Color::GREEN));
        assert_eq!(bmp.pixel(5, 5), Some(Color::BLACK));
        assert_eq!(bmp.pixel(6, 6), Some(Color::RED));
        assert_eq!(bmp.pixel(7, 7), Some(Color::RED));
        let red = bmp.pixels.iter().filter(|&&p| p == Color::RED.0).count();
        assert_eq!(red, 4);
    }

    #[test]
    fn blend_rect_blends() {
        let mut bmp = Bitmap::new(2, 1, Color::BLACK);
        bmp.surface()
            .fill_rect(Rect::new(0, 0, 1, 1), Color::rgba(255, 255, 255, 128));
        assert_eq!(bmp.pixel(0, 0), Some(Color::rgb(128, 128, 128)));
        assert_eq!(bmp.pixel(1, 0), Some(Color::BLACK));
    }
}
