//! `htmlbench`: parsing speed of our `html` crate against html5ever (with its reference
//! DOM, `markup5ever_rcdom`) on a large generated page (see `page.rs`), in MB/s, and the
//! ratio ours / html5ever (goal: >= 1.0).
//!
//! Usage: `cargo run --release -p htmlbench [-- SIZE_MB [FILE]]`; with FILE, that page is
//! parsed instead of the generated one. `--save PATH` writes the generated page and exits;
//! `--only ours|html5ever|none` parses the page once with one parser, or none (for
//! `perf stat`: subtract the `none` run, which only generates the page).

mod page;

use html5ever::tendril::TendrilSink;
use markup5ever_rcdom::RcDom;
use std::time::{Duration, Instant};

/// Times one call of `parse`.
fn time(parse: impl FnOnce() -> usize) -> (Duration, usize) {
    let start = Instant::now();
    let check = parse();
    (start.elapsed(), check)
}

fn main() {
    let mut args = std::env::args().skip(1).peekable();
    if args.peek().map(String::as_str) == Some("--only") {
        let which = args.nth(1).unwrap_or_default();
        let page = page::generate(8 << 20);
        let count = if which == "none" {
            page.len()
        } else if which == "ours" {
            html::parse_document(&page, html::Options::default()).len()
        } else {
            let dom =
                html5ever::parse_document(RcDom::default(), Default::default()).one(page.as_str());
            dom.errors.len()
        };
        println!("{which}: {count}");
        return;
    }
    if args.peek().map(String::as_str) == Some("--save") {
        let path = args.nth(1).unwrap_or_else(|| "page.html".into());
        let size_mb: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(8);
        if let Err(error) = std::fs::write(&path, page::generate(size_mb << 20)) {
            eprintln!("{path}: {error}");
            std::process::exit(1);
        }
        return;
    }
    let size_mb: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(8);
    let page = match args.next() {
        Some(path) => std::fs::read_to_string(&path).unwrap_or_else(|error| {
            eprintln!("{path}: {error}");
            std::process::exit(1)
        }),
        None => page::generate(size_mb << 20),
    };
    let megabytes = page.len() as f64 / (1024.0 * 1024.0);
    // Runs alternate between the parsers and the best of each is kept, so a busy machine
    // slows both alike and the best runs are the least disturbed ones.
    let runs = 10;
    let (mut ours, mut theirs, mut our_nodes) = (Duration::MAX, Duration::MAX, 0);
    for _ in 0..runs {
        let (elapsed, nodes) = time(|| html::parse_document(&page, html::Options::default()).len());
        ours = ours.min(elapsed);
        our_nodes = nodes;
        let (elapsed, _) = time(|| {
            let dom =
                html5ever::parse_document(RcDom::default(), Default::default()).one(page.as_str());
            dom.errors.len()
        });
        theirs = theirs.min(elapsed);
    }
    let our_speed = megabytes / ours.as_secs_f64();
    let their_speed = megabytes / theirs.as_secs_f64();
    println!("page: {megabytes:.1} MB, {our_nodes} nodes, best of {runs} runs");
    println!(
        "html (ours): {:>8.1} ms  {our_speed:>7.1} MB/s",
        ours.as_secs_f64() * 1e3
    );
    println!(
        "html5ever:   {:>8.1} ms  {their_speed:>7.1} MB/s",
        theirs.as_secs_f64() * 1e3
    );
    println!("ratio (ours / html5ever): {:.2}", our_speed / their_speed);
}
