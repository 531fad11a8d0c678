//! What a person sees: small documents laid out at width 600 and painted, compared pixel for
//! pixel with PNGs in `tests/golden/`, and painting in tiles against painting at once.
//!
//! `BLESS=1 cargo test -p browser --test layout_render` rewrites the goldens (look at each
//! one before keeping it). On a mismatch the actual image is written under the target
//! directory and the test fails with its path.

use browser::layout::{layout, Page};
use browser::paint::paint;
use gfx::{Bitmap, Color, Rect};
use std::path::{Path, PathBuf};

const WIDTH: u32 = 600;

fn page(source: &str, width: u32) -> Page {
    layout(
        &html::parse_document(source, html::Options::default()),
        width,
    )
}

/// Paints the whole page (up to 4000 px tall) into a new bitmap.
fn render(page: &Page) -> Bitmap {
    let height = page.height.min(4000);
    let mut bmp = Bitmap::new(page.width, height, Color::BLACK);
    let all = Rect::new(0, 0, page.width as i32, height as i32);
    paint(page, &mut bmp.surface(), 0, 0, all);
    bmp
}

fn write_png(path: &Path, bmp: &Bitmap) {
    let file = std::fs::File::create(path).expect("create png");
    let mut encoder = png::Encoder::new(std::io::BufWriter::new(file), bmp.width, bmp.height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Best);
    let mut writer = encoder.write_header().expect("png header");
    let bytes: Vec<u8> = bmp
        .pixels
        .iter()
        .flat_map(|&p| {
            let c = Color(p);
            [c.r(), c.g(), c.b()]
        })
        .collect();
    writer.write_image_data(&bytes).expect("png data");
}

fn read_png(path: &Path) -> Option<Bitmap> {
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(path).ok()?));
    let mut reader = decoder.read_info().ok()?;
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).ok()?;
    if info.color_type != png::ColorType::Rgb || info.bit_depth != png::BitDepth::Eight {
        return None;
    }
    let pixels = buf[..info.buffer_size()]
        .chunks_exact(3)
        .map(|c| Color::rgb(c[0], c[1], c[2]).0)
        .collect();
    Bitmap::from_pixels(info.width, info.height, pixels).ok()
}

/// Compares the rendering of `source` with `tests/golden/NAME.png`.
fn golden(name: &str, source: &str) {
    let bmp = render(&page(source, WIDTH));
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("tests/golden/{name}.png"));
    if std::env::var_os("BLESS").is_some() {
        write_png(&path, &bmp);
        eprintln!("wrote {}", path.display());
        return;
    }
    let expected =
        read_png(&path).unwrap_or_else(|| panic!("{} missing: run with BLESS=1", path.display()));
    if expected != bmp {
        let actual = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("{name}.actual.png"));
        write_png(&actual, &bmp);
        panic!(
            "{name} differs from {}; actual image: {}",
            path.display(),
            actual.display()
        );
    }
}

const HEADINGS: &str = "<!DOCTYPE html><title>Headings</title>\
<h1>The main heading</h1><p>A first paragraph of ordinary text that is long enough to wrap \
onto a second line at six hundred pixels, to show the line height.</p>\
<h2>A second-level heading</h2><p>Another paragraph.</p><h3>Third level</h3>\
<h4>Fourth level</h4><p>Closing words.</p>";

const LISTS: &str = "<ul><li>Apples<li>Pears<ul><li>Conference<li>Comice<ul><li>Deep</ul></ul>\
<li>Plums</ul><ol start=7><li>Seventh<li>Eighth, with a longer text that wraps onto the next \
line so the hanging indent can be seen under the first line.<li value=20>Twentieth</ol>";

const LINKS: &str = "<p>Text with <a href=\"/a\">a link</a>, <b>bold words</b>, <i>italic \
words</i>, <u>underlined</u>, <s>struck</s> and <b><i>bold italic</i></b>. A \
<a href=\"/b\">longer link that runs over the end of the line and wraps</a> onto the next.</p>\
<p><strong>Strong</strong> and <em>emphasis</em>; caf\u{e9}, \u{3a9}\u{3bc}\u{3ad}\u{3b3}\u{3b1}, \
\u{416}\u{443}\u{43a}, \u{4e2d}\u{6587} (missing glyphs).</p>";

const PRE: &str = "<p>Inline <code>code()</code>, <kbd>Ctrl+C</kbd> and <tt>tt</tt>.</p>\
<pre>fn main() {\n    let x = 1;   // spaces kept\n\tprintln!(\"{x}\");\n}</pre><p>After the block.</p>";

const TABLE: &str =
    "<table><caption>Some <i>parts</i> of Tessera</caption><tr><th>Name<th>Kind<th>Notes</tr>\
<tr><td>Tessera<td>unikernel<td>Boots under UEFI and runs WASM apps in a sandbox.</tr>\
<tr><td>gfx<td>crate<td>Draws.</tr><tr><td colspan=2>spanning two<td>last</tr></table>\
<p>After the table.</p>";

const QUOTE: &str = "<p>Before the quote.</p><blockquote><p>A quoted paragraph that is long \
enough to wrap inside the indented quote box.</p></blockquote><hr><p>An image: \
<img src=cat.png alt=\"A sleeping cat\"> and a sized one <img alt=\"dog\" width=80 height=50> \
and text.</p><center>Centred text</center>";

#[test]
fn golden_headings() {
    golden("headings", HEADINGS);
}

#[test]
fn golden_lists() {
    golden("lists", LISTS);
}

#[test]
fn golden_links() {
    golden("links", LINKS);
}

#[test]
fn golden_pre() {
    golden("pre", PRE);
}

#[test]
fn golden_table() {
    golden("table", TABLE);
}

#[test]
fn golden_quote() {
    golden("quote", QUOTE);
}

#[test]
fn painting_in_tiles_equals_one_paint() {
    let source = [HEADINGS, LISTS, LINKS, PRE, TABLE, QUOTE].concat();
    let page = page(&source, WIDTH);
    let (w, h) = (page.width as i32, 700);
    for (sx, sy) in [(0, 0), (0, 333), (7, 901)] {
        let mut whole = Bitmap::new(w as u32, h as u32, Color::BLACK);
        paint(&page, &mut whole.surface(), sx, sy, Rect::new(0, 0, w, h));
        let mut tiled = Bitmap::new(w as u32, h as u32, Color::BLACK);
        // Four uneven clips that cut through glyphs, italics and borders.
        let (cx, cy) = (w / 2 - 13, h / 2 + 7);
        for clip in [
            Rect::new(0, 0, cx, cy),
            Rect::new(cx, 0, w - cx, cy),
            Rect::new(0, cy, cx, h - cy),
            Rect::new(cx, cy, w - cx, h - cy),
        ] {
            paint(&page, &mut tiled.surface(), sx, sy, clip);
        }
        assert!(whole == tiled, "tiles differ at scroll ({sx}, {sy})");
        // The page is not blank there.
        assert!(whole.pixels.iter().any(|&p| p != Color::WHITE.0));
    }
}

#[test]
fn painting_stays_inside_the_clip() {
    let page = page(LINKS, WIDTH);
    let mut bmp = Bitmap::new(WIDTH, 200, Color::BLACK);
    let clip = Rect::new(100, 20, 50, 30);
    paint(&page, &mut bmp.surface(), 0, 0, clip);
    for y in 0..200 {
        for x in 0..WIDTH as i32 {
            let inside = clip.contains(gfx::Point::new(x, y));
            let p = bmp.pixels[(y as u32 * WIDTH + x as u32) as usize];
            assert_eq!(p == Color::BLACK.0, !inside, "pixel ({x}, {y})");
        }
    }
}
