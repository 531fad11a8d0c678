//! Layout speed: a 100 KB page of paragraphs, lists and a table. Prints the time (no timed
//! assertion). Run `cargo test --release -p browser --test layout_speed -- --nocapture`.

use browser::layout::layout;
use browser::paint::paint;
use gfx::{Bitmap, Color, Rect};
use std::time::Instant;

/// About 100 KB of ordinary HTML.
fn big_page() -> String {
    let mut s = String::from("<!DOCTYPE html><title>Big</title><h1>A big page</h1>");
    let mut n = 0;
    while s.len() < 100_000 {
        n += 1;
        s.push_str(&format!(
            "<h2>Section {n}</h2><p>Paragraph {n} has <a href=\"/p{n}\">a link</a>, some \
             <b>bold</b> and <i>italic</i> words, and enough ordinary text to wrap over a few \
             lines at a usual window width, because real pages are mostly text like this.</p>\
             <ul><li>First point<li>Second point, a little longer<li>Third</ul>"
        ));
        if n % 10 == 0 {
            s.push_str("<table><tr><th>Key<th>Value");
            for r in 0..8 {
                s.push_str(&format!("<tr><td>row {r}<td>value {r} with some words"));
            }
            s.push_str("</table>");
        }
    }
    s
}

#[test]
fn a_100kb_page_lays_out() {
    let source = big_page();
    let document = html::parse_document(&source, html::Options::default());
    // The machine may be busy: report the best and the median of five runs.
    let mut times = Vec::new();
    let mut page = layout(&document, 1000);
    for _ in 0..5 {
        let start = Instant::now();
        page = layout(&document, 1000);
        times.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "layout of {} bytes ({} nodes): best {:.1} ms, median {:.1} ms, page {}x{}, {} items",
        source.len(),
        document.len(),
        times[0],
        times[2],
        page.width,
        page.height,
        page.items().len()
    );
    // One 1000x800 screen in the middle of the page, painted whole.
    let mut screen = Bitmap::new(1000, 800, Color::BLACK);
    let start = Instant::now();
    paint(
        &page,
        &mut screen.surface(),
        0,
        30_000,
        Rect::new(0, 0, 1000, 800),
    );
    println!(
        "paint of one 1000x800 screen: {:.2} ms",
        start.elapsed().as_secs_f64() * 1000.0
    );
    assert!(page.height > 10_000);
    assert!(page.text().contains("Section 40"));
}
