//! Golden-image checking shared by the integration tests.
//!
//! `check(name, &bitmap)` compares a rendered bitmap pixel for pixel with
//! `tests/golden/NAME.png`. With `UPDATE_GOLDEN=1` in the environment it writes the PNG
//! instead (then look at every changed file before keeping it). On a mismatch the rendering is
//! saved next to the target directory as `NAME.actual.png` to compare by eye.

#![allow(dead_code)]

use gfx::{Bitmap, Color};
use std::path::PathBuf;

fn golden_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

fn write_png(path: &PathBuf, bmp: &Bitmap) {
    let file = std::fs::File::create(path).expect("create png");
    let mut enc = png::Encoder::new(std::io::BufWriter::new(file), bmp.width, bmp.height);
    enc.set_color(png::ColorType::Rgba);
    enc.set_depth(png::BitDepth::Eight);
    enc.set_compression(png::Compression::Best);
    let mut writer = enc.write_header().expect("png header");
    let mut bytes = Vec::with_capacity(bmp.pixels.len() * 4);
    for &p in &bmp.pixels {
        let c = Color(p);
        bytes.extend_from_slice(&[c.r(), c.g(), c.b(), c.a()]);
    }
    writer.write_image_data(&bytes).expect("png data");
}

fn read_png(path: &PathBuf) -> Option<Bitmap> {
    let file = std::fs::File::open(path).ok()?;
    let decoder = png::Decoder::new(std::io::BufReader::new(file));
    let mut reader = decoder.read_info().ok()?;
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).ok()?;
    if info.color_type != png::ColorType::Rgba || info.bit_depth != png::BitDepth::Eight {
        return None;
    }
    let pixels = buf[..info.buffer_size()]
        .chunks_exact(4)
        .map(|c| Color::rgba(c[0], c[1], c[2], c[3]).0)
        .collect();
    Bitmap::from_pixels(info.width, info.height, pixels).ok()
}

/// Compares `bmp` with the golden image `name` (or rewrites it under `UPDATE_GOLDEN=1`).
pub fn check(name: &str, bmp: &Bitmap) {
    let path = golden_dir().join(format!("{name}.png"));
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        if read_png(&path).as_ref() != Some(bmp) {
            write_png(&path, bmp);
            eprintln!("golden: wrote {}", path.display());
        }
        return;
    }
    let Some(golden) = read_png(&path) else {
        panic!(
            "golden image {} missing or unreadable; run with UPDATE_GOLDEN=1",
            path.display()
        );
    };
    if &golden != bmp {
        let actual = std::env::temp_dir().join(format!("{name}.actual.png"));
        write_png(&actual, bmp);
        let differing = if golden.width == bmp.width && golden.height == bmp.height {
            golden
                .pixels
                .iter()
                .zip(&bmp.pixels)
                .filter(|(a, b)| a != b)
                .count()
        } else {
            usize::MAX
        };
        panic!(
            "{name}: {differing} pixels differ from {}; rendering saved to {}",
            path.display(),
            actual.display()
        );
    }
}
