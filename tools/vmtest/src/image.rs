//! Screenshots as pixels: decoding QEMU's `screendump` PNG and asking questions of it.

use crate::{Result, VmError};
use std::collections::HashSet;
use std::path::Path;

/// An RGB image.
pub struct Image {
    pub width: u32,
    pub height: u32,
    /// Row-major (r, g, b).
    pixels: Vec<[u8; 3]>,
}

impl Image {
    /// Decodes a PNG file (RGB or RGBA, 8 bits per channel).
    pub fn load(path: &Path) -> Result<Image> {
        let file = std::fs::File::open(path)
            .map_err(|e| VmError(format!("open {}: {e}", path.display())))?;
        let mut decoder = png::Decoder::new(file);
        decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
        let mut reader = decoder
            .read_info()
            .map_err(|e| VmError(format!("png: {e}")))?;
        let mut buffer = vec![0; reader.output_buffer_size()];
        let info = reader
            .next_frame(&mut buffer)
            .map_err(|e| VmError(format!("png: {e}")))?;
        let channels = info.color_type.samples();
        let pixels = buffer[..info.buffer_size()]
            .chunks_exact(channels)
            .map(|p| match channels {
                1 | 2 => [p[0], p[0], p[0]],
                _ => [p[0], p[1], p[2]],
            })
            .collect();
        Ok(Image {
            width: info.width,
            height: info.height,
            pixels,
        })
    }

    /// The pixel at (`x`, `y`), black outside the image.
    pub fn pixel(&self, x: u32, y: u32) -> [u8; 3] {
        if x >= self.width || y >= self.height {
            return [0, 0, 0];
        }
        self.pixels[(y * self.width + x) as usize]
    }

    /// Pixels of the rectangle (clipped to the image).
    pub fn region(&self, x: u32, y: u32, w: u32, h: u32) -> impl Iterator<Item = [u8; 3]> + '_ {
        let (x1, y1) = ((x + w).min(self.width), (y + h).min(self.height));
        (y.min(y1)..y1).flat_map(move |row| (x.min(x1)..x1).map(move |col| self.pixel(col, row)))
    }

    /// How many different colours the rectangle holds.
    pub fn distinct_colors(&self, x: u32, y: u32, w: u32, h: u32) -> usize {
        self.region(x, y, w, h).collect::<HashSet<_>>().len()
    }

    /// Mean brightness (0..=255) of the rectangle.
    pub fn brightness(&self, x: u32, y: u32, w: u32, h: u32) -> f64 {
        let (sum, n) = self
            .region(x, y, w, h)
            .fold((0u64, 0u64), |(s, n), [r, g, b]| {
                (s + (r as u64 + g as u64 + b as u64) / 3, n + 1)
            });
        sum as f64 / n.max(1) as f64
    }

    /// How many pixels of the rectangle satisfy `test`.
    pub fn count(&self, x: u32, y: u32, w: u32, h: u32, test: impl Fn([u8; 3]) -> bool) -> usize {
        self.region(x, y, w, h).filter(|&p| test(p)).count()
    }
}
