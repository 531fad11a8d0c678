//! The incremental layout: a [`LayoutJob`] stepped with any budget ends with exactly the
//! page [`layout`] gives, and its page so far holds the top of the page early.

use browser::layout::{layout, LayoutJob, Page};

/// A page with everything the flow handles: headings, inline styles, links, lists inside
/// lists, a table with a caption, a quote, a rule, a `pre` block with a tab, an image, a
/// word too long for the line and non-ASCII text.
fn mixed(sections: usize) -> String {
    let mut s = String::from("<!DOCTYPE html><title>Mixed  page</title><body>");
    for n in 0..sections {
        s.push_str(&format!(
            "<h2>Section {n}</h2><p>Paragraph {n}: the quick brown fox, <b>bold</b>, \
             <i>slanted</i>, <a href=\"#p{n}\">a link {n}</a> and Ünïcödé — “quotes” \
             AVAVAVTo Wa.</p><ol start=3><li>one<li>two<ul><li>inner</ul></ol>\
             <table><caption>Table {n}</caption><tr><th>key<th>value\
             <tr><td>row<td>{n}</table><blockquote><p>Quoted {n}</p></blockquote><hr>\
             <pre>col\tumn {n}\n  kept</pre><img alt=\"picture {n}\" width=40 height=20>\
             <p>{}</p>",
            "x".repeat(150)
        ));
    }
    s
}

/// Steps a job to the end with `budget`; returns the page and how many steps it took.
fn stepped(document: &html::dom::Document, width: u32, budget: usize) -> (Page, usize) {
    let mut job = LayoutJob::new(document, width);
    let mut steps = 1;
    while !job.step(document, budget) {
        steps += 1;
        assert!(steps < 1_000_000, "the job never ends");
    }
    assert!(
        job.is_done() && job.step(document, budget),
        "a done job stays done"
    );
    (job.into_page(), steps)
}

fn assert_same(a: &Page, b: &Page, what: &str) {
    assert_eq!(a.items(), b.items(), "{what}: items");
    assert_eq!(a.links(), b.links(), "{what}: links");
    assert_eq!((a.width, a.height), (b.width, b.height), "{what}: size");
    assert_eq!(a.title, b.title, "{what}: title");
}

#[test]
fn any_budget_gives_the_page_layout_gives() {
    let source = mixed(6);
    let document = html::parse_document(&source, html::Options::default());
    for width in [756, 200, 30] {
        let whole = layout(&document, width);
        assert!(whole.items().len() > 100, "{} items", whole.items().len());
        let mut steps_seen = Vec::new();
        for budget in [1, 7, 1000] {
            let (page, steps) = stepped(&document, width, budget);
            assert_same(&page, &whole, &format!("width {width}, budget {budget}"));
            steps_seen.push(steps);
        }
        // Smaller budgets really did split the work.
        assert!(steps_seen[0] > steps_seen[1] && steps_seen[1] > steps_seen[2]);
        assert!(steps_seen[0] > 100, "{steps_seen:?}");
    }
}

#[test]
fn a_partial_page_starts_with_the_first_items() {
    let source = mixed(40);
    let document = html::parse_document(&source, html::Options::default());
    let whole = layout(&document, 756);
    let mut job = LayoutJob::new(&document, 756);
    assert!(job.page().items().is_empty());
    assert_eq!(job.page().title.as_deref(), Some("Mixed page"));
    // Step until the first screen is covered.
    while job.page().height < 600 {
        assert!(!job.step(&document, 16), "done before one screen");
    }
    let partial = job.page();
    let n = partial.items().len();
    assert!(n > 0 && n < whole.items().len() / 10, "{n} items so far");
    // What is there is the start of the final page, and lies above the height so far
    // (items whose box starts below it are still to come).
    assert_eq!(partial.items(), &whole.items()[..n]);
    assert!(partial.height < whole.height);
    assert!(partial
        .items()
        .iter()
        .all(|item| item.bounds().y < partial.height as i32));
    assert!(partial
        .text()
        .starts_with("Section 0\nParagraph 0: the quick brown fox"));
    assert_eq!(partial.link_at(-1, -1), None);
    // Finishing gives the whole page.
    while !job.step(&document, 500) {}
    assert_same(job.page(), &whole, "finished");
}

#[test]
fn an_empty_document_finishes_at_once() {
    let document = html::parse_document("", html::Options::default());
    let mut job = LayoutJob::new(&document, 100);
    let mut steps = 0;
    while !job.step(&document, 0) {
        steps += 1;
        assert!(steps < 100);
    }
    assert_same(job.page(), &layout(&document, 100), "empty");
    assert!(job.page().items().is_empty());
}
