//! fontbake: turns TrueType fonts into the small bitmap atlases that `gfx` draws.
//!
//! The kernel has no font rasterizer: it embeds pre-rendered glyphs. This host tool opens the
//! DejaVu fonts that Debian ships (`fonts-dejavu-core`), renders every character of the
//! covered Unicode blocks at a few pixel sizes with `fontdue`, and writes one `.gfxfont` file
//! per face and size into `fonts/`. The renderer that reads these files lives in
//! `gfx/src/font/atlas.rs`; the format is described there and mirrored here.
//!
//! File layout (all integers little-endian):
//!
//! ```text
//! magic      8 bytes  "GFXFONT2"
//! note_len   u16      length of the note that follows
//! note       ASCII    says which tool made the file and from which font
//! px         u16      nominal pixel size
//! ascent     i16      pixels above the baseline
//! descent    i16      pixels below the baseline
//! line_h     u16      distance between baselines
//! flags      u16      bit 0: monospace
//! count      u16      number of glyph records
//! data_len   u32      bytes of coverage data
//! records    count x 12 bytes, sorted by code point:
//!            u16 code point, u8 width, u8 height, i8 left, i8 top,
//!            u16 advance in 1/64 px, u32 offset into the data
//! data       run-length coded 8-bit coverage, row by row, per glyph:
//!            0x00..=0x3f  n+1 zero bytes
//!            0x40..=0x7f  (n-0x40)+1 bytes of 255
//!            0x80..=0xff  (n-0x80)+1 literal bytes follow
//! kern_count u32      number of kerning pairs
//! kerns      kern_count x 6 bytes, sorted by (left, right):
//!            u16 left, u16 right, i16 adjustment in 1/64 px
//! ```
//!
//! Kerning pairs come from the font's `kern` table for letters, digits and punctuation of the
//! Latin, Greek and Cyrillic blocks; pairs under a quarter pixel are dropped.
//!
//! Usage: `cargo run -p fontbake -- [FONT_DIR [OUT_DIR]]`
//! (defaults: `/usr/share/fonts/truetype/dejavu` and the workspace's `fonts/`).

use std::path::{Path, PathBuf};

/// The Unicode blocks every atlas covers (only characters the font really has are baked).
const BLOCKS: &[(u32, u32, &str)] = &[
    (0x0020, 0x007e, "ASCII"),
    (0x00a0, 0x00ff, "Latin-1 Supplement"),
    (0x0100, 0x017f, "Latin Extended-A"),
    (0x0370, 0x03ff, "Greek and Coptic"),
    (0x0400, 0x04ff, "Cyrillic"),
    (0x2000, 0x206f, "General Punctuation"),
    (0x20ac, 0x20ac, "Euro sign"),
    (0x2190, 0x21ff, "Arrows"),
    (0x2500, 0x257f, "Box Drawing"),
    (0x2580, 0x259f, "Block Elements"),
    (0x25a0, 0x25ff, "Geometric Shapes"),
    (0xfffd, 0xfffd, "Replacement character"),
];

/// The blocks whose pairs are looked up in the kerning table.
const KERNED: &[(u32, u32)] = &[
    (0x0020, 0x007e),
    (0x00a0, 0x017f),
    (0x0370, 0x03ff),
    (0x0400, 0x04ff),
    (0x2010, 0x201f),
];

/// Kerning adjustments smaller than this (in 1/64 px) are not stored.
const MIN_KERN: i32 = 16;

/// One output file: which font, which size, what to call it.
struct Face {
    file: &'static str,
    name: &'static str,
    px: u16,
    mono: bool,
}

const FACES: &[Face] = &[
    Face {
        file: "DejaVuSans.ttf",
        name: "sans",
        px: 12,
        mono: false,
    },
    Face {
        file: "DejaVuSans.ttf",
        name: "sans",
        px: 14,
        mono: false,
    },
    Face {
        file: "DejaVuSans.ttf",
        name: "sans",
        px: 16,
        mono: false,
    },
    Face {
        file: "DejaVuSans.ttf",
        name: "sans",
        px: 20,
        mono: false,
    },
    Face {
        file: "DejaVuSans.ttf",
        name: "sans",
        px: 24,
        mono: false,
    },
    Face {
        file: "DejaVuSans-Bold.ttf",
        name: "bold",
        px: 16,
        mono: false,
    },
    Face {
        file: "DejaVuSans-Bold.ttf",
        name: "bold",
        px: 20,
        mono: false,
    },
    Face {
        file: "DejaVuSans-Bold.ttf",
        name: "bold",
        px: 24,
        mono: false,
    },
    Face {
        file: "DejaVuSansMono.ttf",
        name: "mono",
        px: 14,
        mono: true,
    },
    Face {
        file: "DejaVuSansMono.ttf",
        name: "mono",
        px: 16,
        mono: true,
    },
];

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let font_dir = PathBuf::from(
        args.get(1)
            .map(String::as_str)
            .unwrap_or("/usr/share/fonts/truetype/dejavu"),
    );
    let out_dir = match args.get(2) {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fonts"),
    };
    let mut total = 0;
    for face in FACES {
        match bake(&font_dir, face) {
            Ok(bytes) => {
                let out = out_dir.join(format!("{}-{}.gfxfont", face.name, face.px));
                if let Err(err) = std::fs::write(&out, &bytes) {
                    eprintln!("fontbake: cannot write {}: {err}", out.display());
                    std::process::exit(1);
                }
                total += bytes.len();
                println!("{}: {} bytes", out.display(), bytes.len());
            }
            Err(err) => {
                eprintln!("fontbake: {}: {err}", face.file);
                std::process::exit(1);
            }
        }
    }
    println!("total: {total} bytes");
}

/// Renders one face at one size and returns the file's bytes.
fn bake(font_dir: &Path, face: &Face) -> Result<Vec<u8>, String> {
    let path = font_dir.join(face.file);
    let ttf = std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let font = fontdue::Font::from_bytes(ttf, fontdue::FontSettings::default())?;
    let px = f32::from(face.px);
    let lines = font
        .horizontal_line_metrics(px)
        .ok_or("font has no horizontal line metrics")?;

    let mut records = Vec::new();
    let mut data = Vec::new();
    for &(first, last, _) in BLOCKS {
        for code in first..=last {
            let Some(ch) = char::from_u32(code) else {
                continue;
            };
            if font.lookup_glyph_index(ch) == 0 {
                continue;
            }
            let (metrics, coverage) = font.rasterize(ch, px);
            let width = u8::try_from(metrics.width).map_err(|_| "glyph too wide")?;
            let height = u8::try_from(metrics.height).map_err(|_| "glyph too tall")?;
            let left = i8::try_from(metrics.xmin).map_err(|_| "left bearing out of range")?;
            let top = -(metrics.ymin + metrics.height as i32);
            let top = i8::try_from(top).map_err(|_| "top offset out of range")?;
            let advance = (metrics.advance_width * 64.0).round() as u16;
            let offset = data.len() as u32;
            encode_coverage(&coverage, &mut data);
            records.push((code as u16, width, height, left, top, advance, offset));
        }
    }

    let kerns = if face.mono {
        Vec::new()
    } else {
        kerning(&font, px)
    };

    let note = format!(
        "baked by tools/fontbake from {} at {} px (Bitstream Vera / DejaVu licence, see fonts/LICENSE-DejaVu.txt)",
        face.file, face.px
    );
    let mut out = Vec::new();
    out.extend_from_slice(b"GFXFONT2");
    out.extend_from_slice(&(note.len() as u16).to_le_bytes());
    out.extend_from_slice(note.as_bytes());
    out.extend_from_slice(&face.px.to_le_bytes());
    out.extend_from_slice(&(lines.ascent.ceil() as i16).to_le_bytes());
    out.extend_from_slice(&((-lines.descent).ceil() as i16).to_le_bytes());
    out.extend_from_slice(&(lines.new_line_size.round() as u16).to_le_bytes());
    out.extend_from_slice(&u16::from(face.mono).to_le_bytes());
    out.extend_from_slice(&(records.len() as u16).to_le_bytes());
    out.extend_from_slice(&(data.len() as u32).to_le_bytes());
    for (code, width, height, left, top, advance, offset) in records {
        out.extend_from_slice(&code.to_le_bytes());
        out.push(width);
        out.push(height);
        out.push(left as u8);
        out.push(top as u8);
        out.extend_from_slice(&advance.to_le_bytes());
        out.extend_from_slice(&offset.to_le_bytes());
    }
    out.extend_from_slice(&data);
    out.extend_from_slice(&(kerns.len() as u32).to_le_bytes());
    for (left, right, adjust) in kerns {
        out.extend_from_slice(&left.to_le_bytes());
        out.extend_from_slice(&right.to_le_bytes());
        out.extend_from_slice(&adjust.to_le_bytes());
    }
    Ok(out)
}

/// The kerning pairs worth keeping, sorted by (left, right).
fn kerning(font: &fontdue::Font, px: f32) -> Vec<(u16, u16, i16)> {
    let chars: Vec<char> = KERNED
        .iter()
        .flat_map(|&(a, b)| a..=b)
        .filter_map(char::from_u32)
        .filter(|&c| font.lookup_glyph_index(c) != 0)
        .collect();
    let mut pairs = Vec::new();
    for &left in &chars {
        for &right in &chars {
            let Some(k) = font.horizontal_kern(left, right, px) else {
                continue;
            };
            let adjust = (k * 64.0).round() as i32;
            if adjust.abs() >= MIN_KERN {
                pairs.push((
                    left as u16,
                    right as u16,
                    adjust.clamp(-32768, 32767) as i16,
                ));
            }
        }
    }
    pairs
}

/// Run-length codes one glyph's coverage (see the format above). Nearly-empty and
/// nearly-full pixels are snapped to 0 and 255 so that runs grow; the eye cannot tell.
fn encode_coverage(coverage: &[u8], out: &mut Vec<u8>) {
    let snapped: Vec<u8> = coverage
        .iter()
        .map(|&c| match c {
            0..=5 => 0,
            250..=255 => 255,
            c => c,
        })
        .collect();
    let mut i = 0;
    while i < snapped.len() {
        let value = snapped[i];
        let run = snapped[i..]
            .iter()
            .take(64)
            .take_while(|&&c| c == value)
            .count();
        if value == 0 || value == 255 {
            let base = if value == 0 { 0x00 } else { 0x40 };
            out.push(base + (run as u8 - 1));
            i += run;
            continue;
        }
        // A literal stretch lasts until the next run of two or more 0/255 bytes.
        let start = i;
        while i < snapped.len() && i - start < 128 {
            let c = snapped[i];
            let next_same = snapped.get(i + 1) == Some(&c);
            if (c == 0 || c == 255) && next_same {
                break;
            }
            i += 1;
        }
        out.push(0x80 + (i - start - 1) as u8);
        out.extend_from_slice(&snapped[start..i]);
    }
}

#[cfg(test)]
mod tests {
    use super::encode_coverage;

    /// The decoder `gfx` implements, written out plainly.
    fn decode(coded: &[u8], len: usize) -> Vec<u8> {
        let mut out = Vec::new();
        let mut at = 0;
        while out.len() < len {
            let c = coded[at];
            at += 1;
            match c {
                0x00..=0x3f => out.extend(std::iter::repeat_n(0, c as usize + 1)),
                0x40..=0x7f => out.extend(std::iter::repeat_n(255, (c - 0x40) as usize + 1)),
                _ => {
                    let n = (c - 0x80) as usize + 1;
                    out.extend_from_slice(&coded[at..at + n]);
                    at += n;
                }
            }
        }
        assert_eq!(at, coded.len(), "trailing bytes");
        out
    }

    #[test]
    fn coverage_round_trips() {
        let mut patterns: Vec<Vec<u8>> = vec![
            vec![0; 300],
            vec![255; 300],
            (0..=255).collect(),
            (0..500).map(|i| (i * 37 % 256) as u8).collect(),
            [
                vec![0; 70],
                vec![128; 200],
                vec![255; 70],
                vec![0, 255, 0, 255, 10],
            ]
            .concat(),
        ];
        patterns.push(
            (0..1000)
                .map(|i| if i % 7 < 3 { 0 } else { (i % 251) as u8 })
                .collect(),
        );
        for p in patterns {
            let mut coded = Vec::new();
            encode_coverage(&p, &mut coded);
            let snapped: Vec<u8> = p
                .iter()
                .map(|&c| match c {
                    0..=5 => 0,
                    250..=255 => 255,
                    c => c,
                })
                .collect();
            assert_eq!(decode(&coded, p.len()), snapped);
        }
    }
}
