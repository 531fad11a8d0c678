//! The browser's page pipeline, stage by stage: parse a generated 100 KB article, lay it
//! out 756 px wide, paint the first 756x600 screen.
//!
//! Built for the host it prints wall-clock times. Built for wasm32-wasip1
//! (`cargo build --release --example pipeline_bench --target wasm32-wasip1 -p browser`)
//! and run under wasmi by `tests/wasm_pipeline.rs`, each `stage NAME` line it writes lets
//! the host read the fuel (wasm instructions) used since the previous line, which is what
//! the kernel meters.

use browser::layout::{layout, LayoutJob};
use browser::paint::paint;
use gfx::{Bitmap, Color, Rect};
use std::io::Write;
use std::time::Instant;

/// The page width the app lays out at in the benchmark window.
const WIDTH: u32 = 756;
/// The first screen.
const SCREEN_H: u32 = 600;

/// Marks the end of a stage: the host reads its fuel counter when this line is written.
fn stage(name: &str, start: Instant, detail: &str) {
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    let mut out = std::io::stdout();
    let _ = writeln!(out, "stage {name} {ms:.2} ms {detail}");
    let _ = out.flush();
}

fn main() {
    let t = Instant::now();
    let source = peers::article(100 * 1024);
    stage("generate", t, &format!("{} bytes", source.len()));

    let t = Instant::now();
    let document = html::parse_document(&source, html::Options::default());
    stage("parse", t, &format!("{} nodes", document.len()));
    // The tokenizer alone, to split the parse's cost between it and the tree builder.
    let t = Instant::now();
    let mut tokenizer = html::tokenizer::Tokenizer::new(&source);
    let mut tokens = 0;
    while !matches!(tokenizer.next_token(), html::tokenizer::Token::EndOfFile) {
        tokens += 1;
    }
    stage("tokenize-only", t, &format!("{tokens} tokens"));

    // The first screen, laid out incrementally: step until the page is past the screen.
    let t = Instant::now();
    let mut job = LayoutJob::new(&document, WIDTH);
    while !job.step(&document, 64) && job.page().height < SCREEN_H {}
    stage(
        "first-screen-layout",
        t,
        &format!("{} items", job.page().items().len()),
    );

    let t = Instant::now();
    let mut screen = Bitmap::new(WIDTH, SCREEN_H, Color::BLACK);
    paint(
        job.page(),
        &mut screen.surface(),
        0,
        0,
        Rect::new(0, 0, WIDTH as i32, SCREEN_H as i32),
    );
    stage("first-screen-paint", t, "");

    let t = Instant::now();
    while !job.step(&document, 1024) {}
    stage("rest-of-layout", t, "");

    let t = Instant::now();
    let page = layout(&document, WIDTH);
    stage(
        "full-layout",
        t,
        &format!(
            "{}x{} {} items {} links",
            page.width,
            page.height,
            page.items().len(),
            page.links().len()
        ),
    );
    // Natively, `pipeline_bench N` repeats parse and layout N times (for a profiler).
    let repeat: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    for _ in 0..repeat {
        let document = html::parse_document(&source, html::Options::default());
        let _ = layout(&document, WIDTH);
    }
    let same = page.items() == job.page().items() && page.height == job.page().height;
    stage(
        "check",
        Instant::now(),
        if same { "job=layout" } else { "MISMATCH" },
    );
}
