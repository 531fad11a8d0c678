//! Robustness: huge and deep inputs parse in bounded time and memory.
//!
//! A counting allocator wraps the system one so each test can assert the peak heap use
//! stays within a small multiple of the input size.

use html::dom::{Document, NodeData, NodeId};
use html::Options;
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

struct Counting;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
/// The tests measure one at a time (the counters are global).
static SERIAL: Mutex<()> = Mutex::new(());

// SAFETY: every call forwards to `System` with the caller's layout unchanged, so the
// allocator contract is System's; the counters are plain atomics.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let now = CURRENT.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(now, Ordering::Relaxed);
        // SAFETY: same layout as we were given.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        CURRENT.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: `ptr` came from `alloc` above with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Parses `input` and returns the document, the peak extra heap use and the time taken.
fn measure(input: &str) -> (Document, usize, Duration) {
    let base = CURRENT.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let start = Instant::now();
    let document = html::parse_document(input, Options::default());
    let elapsed = start.elapsed();
    let peak = PEAK.load(Ordering::Relaxed).saturating_sub(base);
    eprintln!(
        "{} input bytes: peak heap {} bytes ({:.1}x), {elapsed:?}",
        input.len(),
        peak,
        peak as f64 / input.len().max(1) as f64
    );
    (document, peak, elapsed)
}

fn body(document: &Document) -> NodeId {
    let html = document
        .children(Document::ROOT)
        .last()
        .expect("html element");
    document.children(html).last().expect("body element")
}

#[test]
fn hundred_thousand_nested_elements() {
    let _guard = SERIAL.lock();
    let depth = 100_000;
    let input = "<div>".repeat(depth) + "x" + &"</div>".repeat(depth);
    let (document, peak, elapsed) = measure(&input);
    // Walk down the chain of divs without recursion.
    let mut node = body(&document);
    let mut levels = 0;
    while let Some(child) = document.node(node).first_child {
        node = child;
        levels += 1;
    }
    assert_eq!(levels, depth + 1, "every div nests, the text is innermost");
    assert!(matches!(&document.node(node).data, NodeData::Text(t) if t == "x"));
    assert!(
        peak < 200 * input.len(),
        "peak {peak} bytes for {} input bytes",
        input.len()
    );
    assert!(elapsed < Duration::from_secs(20), "took {elapsed:?}");
}

#[test]
fn nested_formatting_and_tables() {
    let _guard = SERIAL.lock();
    let input = "<b><i><table><tr><td>".repeat(20_000);
    let (_, peak, elapsed) = measure(&input);
    assert!(peak < 400 * input.len(), "peak {peak}");
    assert!(elapsed < Duration::from_secs(20), "took {elapsed:?}");
}

#[test]
fn ten_megabyte_text_node() {
    let _guard = SERIAL.lock();
    let text = "lorem ipsum & dolor ".repeat(512 * 1024);
    let input = format!("<p>{text}</p>");
    let (document, peak, elapsed) = measure(&input);
    let paragraph = document.node(body(&document)).first_child.expect("p");
    let child = document.node(paragraph).first_child.expect("text");
    match &document.node(child).data {
        NodeData::Text(t) => assert_eq!(t.len(), text.len()),
        other => panic!("expected text, got {other:?}"),
    }
    assert!(
        peak < 8 * input.len(),
        "peak {peak} bytes for {} input bytes",
        input.len()
    );
    assert!(elapsed < Duration::from_secs(20), "took {elapsed:?}");
}

#[test]
fn megabyte_of_attributes() {
    let _guard = SERIAL.lock();
    let mut input = String::from("<div");
    let mut count = 0;
    while input.len() < 1 << 20 {
        input.push_str(&format!(" a{count}=\"v\""));
        count += 1;
    }
    // Duplicates are dropped, and repeated formatting tags compare attribute lists.
    input.push_str(" a0=dup>text</div>");
    let formatting = input.replacen("<div", "<b", 1).replace("</div>", "");
    let input = format!("{input}{formatting}{formatting}{formatting}{formatting}");
    let (document, peak, elapsed) = measure(&input);
    let div = document.node(body(&document)).first_child.expect("div");
    let attributes = &document.element(div).expect("element").attributes;
    assert_eq!(attributes.len(), count);
    assert!(
        peak < 40 * input.len(),
        "peak {peak} bytes for {} input bytes",
        input.len()
    );
    assert!(elapsed < Duration::from_secs(30), "took {elapsed:?}");
}

#[test]
fn long_runs_of_markup_edge_cases() {
    let _guard = SERIAL.lock();
    for piece in [
        "<!--",
        "&#",
        "&amp",
        "<a ",
        "</",
        "<![CDATA[",
        "<svg><![CDATA[",
        "<table>x",
        "<select><option>",
        "<template>",
        "<frameset>",
    ] {
        let input = piece.repeat(50_000);
        let (_, _, elapsed) = measure(&input);
        assert!(
            elapsed < Duration::from_secs(20),
            "{piece:?} took {elapsed:?}"
        );
    }
}

/// Inputs that make a naive reading of the spec quadratic: end tags for elements that are
/// not open under deep stacks, thousands of different unclosed formatting elements.
#[test]
fn quadratic_traps_stay_fast() {
    let _guard = SERIAL.lock();
    let n = 50_000;
    let traps = [
        "<span>".repeat(n) + &"</x>".repeat(n),
        String::from("<svg>") + &"<g>".repeat(n) + &"</x>".repeat(n),
        (0..n).map(|i| format!("<b id={i}>")).collect::<String>(),
        String::from("<p>")
            + &(0..n)
                .map(|i| format!("<font color=c{i}>x"))
                .collect::<String>(),
        "<b>".repeat(3)
            + &(0..n)
                .map(|i| format!("<i class=c{i}>"))
                .collect::<String>()
            + &"<b>".repeat(n),
        (0..n)
            .map(|i| format!("<i class=c{i}>"))
            .collect::<String>()
            + &"</b>".repeat(n),
        String::from("<x><div>") + &"<span>".repeat(n) + &"</x>".repeat(n),
        String::from("<p><button>") + &"<span>".repeat(n) + &"<div>".repeat(n),
        String::from("<table>") + &"<tr><td><span>".repeat(n / 2) + &"</x>".repeat(n),
    ];
    for trap in &traps {
        let (_, _, elapsed) = measure(trap);
        assert!(
            elapsed < Duration::from_secs(20),
            "{:?}... took {elapsed:?}",
            &trap[..40]
        );
    }
}
