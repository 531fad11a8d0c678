//! Owned images and read-only pixel views.
//!
//! A [`Bitmap`] owns its pixels (a window's back buffer, a cached tile, a decoded picture)
//! and lends them out as a [`Surface`] to draw on or an [`ImageView`] to blit from. An
//! `ImageView` can also wrap any pixel slice with a stride, checked up front like a surface.

use crate::color::Color;
use crate::surface::{check_layout, Surface, SurfaceError};
use alloc::vec;
use alloc::vec::Vec;

/// An owned image: a window's back buffer, a cached tile, a decoded picture.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Bitmap {
    pub width: u32,
    pub height: u32,
    pub pixels: Vec<u32>,
}

impl Bitmap {
    /// A bitmap filled with `color`; dimensions are clamped to 16384.
    pub fn new(width: u32, height: u32, color: Color) -> Bitmap {
        let (width, height) = (width.min(16384), height.min(16384));
        // Zeroed memory comes cheaply from the allocator; other colours are then filled in
        // by doubling copies rather than one store per pixel.
        let mut pixels = vec![0; width as usize * height as usize];
        if color.0 != 0 {
            crate::surface::fill_span(&mut pixels, color.0);
        }
        Bitmap {
            width,
            height,
            pixels,
        }
    }

    /// Wraps existing pixels (row-major, no padding); fails if the length is wrong.
    pub fn from_pixels(width: u32, height: u32, pixels: Vec<u32>) -> Result<Bitmap, SurfaceError> {
        if pixels.len() != width as usize * height as usize {
            return Err(SurfaceError::BufferTooShort);
        }
        check_layout(pixels.len(), width, height, width)?;
        Ok(Bitmap {
            width,
            height,
            pixels,
        })
    }

    /// A surface that draws into this bitmap.
    pub fn surface(&mut self) -> Surface<'_> {
        let (w, h) = (self.width as i32, self.height as i32);
        Surface::whole(&mut self.pixels, w, h)
    }

    /// A read-only view, for blitting this bitmap elsewhere.
    pub fn view(&self) -> ImageView<'_> {
        ImageView {
            pixels: &self.pixels,
            width: self.width,
            height: self.height,
            stride: self.width,
        }
    }

    pub fn pixel(&self, x: u32, y: u32) -> Option<Color> {
        if x >= self.width || y >= self.height {
            return None;
        }
        self.pixels
            .get((y * self.width + x) as usize)
            .map(|&p| Color(p))
    }
}

/// A read-only view of pixels, the source of blits.
#[derive(Clone, Copy, Debug)]
pub struct ImageView<'a> {
    pub(crate) pixels: &'a [u32],
    pub(crate) width: u32,
    pub(crate) height: u32,
    pub(crate) stride: u32,
}

impl<'a> ImageView<'a> {
    /// Views `pixels` as `height` rows of `width`, `stride` apart (length checked).
    pub fn new(
        pixels: &'a [u32],
        width: u32,
        height: u32,
        stride: u32,
    ) -> Result<ImageView<'a>, SurfaceError> {
        check_layout(pixels.len(), width, height, stride)?;
        Ok(ImageView {
            pixels,
            width,
            height,
            stride,
        })
    }

    pub fn width(&self) -> u32 {
        self.width
    }
    pub fn height(&self) -> u32 {
        self.height
    }

    /// Row `y`, `width` pixels long (empty past the bottom).
    pub fn row(&self, y: u32) -> &'a [u32] {
        if y >= self.height {
            return &[];
        }
        let start = y as usize * self.stride as usize;
        self.pixels
            .get(start..start + self.width as usize)
            .unwrap_or(&[])
    }

    pub fn pixel(&self, x: u32, y: u32) -> Option<Color> {
        self.row(y).get(x as usize).map(|&p| Color(p))
    }
}
