//! Reflow: one document at different viewport widths wraps differently, and no text leaves
//! the viewport.

use browser::layout::{layout, Item, Page};

const DOCUMENT: &str = "<title>Reflow</title><h1>A heading that is fairly long</h1>\
<p>Paragraph text that goes on for a while so that it wraps differently at every width we \
try, with <a href=\"/l\">a link in the middle of it</a> and <b>some bold text</b> too.</p>\
<ul><li>An item with enough words to wrap when the page is narrow<li>Short</ul>\
<blockquote>A quotation, indented on both sides, that wraps as well.</blockquote>\
<table><tr><th>Column<th>Another column<tr><td>cell text that is long<td>more cell text \
that is long enough to need wrapping</table><p>supercalifragilisticexpialidocious-and-more</p>";

fn page(width: u32) -> Page {
    layout(
        &html::parse_document(DOCUMENT, html::Options::default()),
        width,
    )
}

#[test]
fn narrow_pages_are_taller_and_keep_text_inside() {
    let narrow = page(300);
    let wide = page(900);
    assert!(
        narrow.height > wide.height,
        "{} vs {}",
        narrow.height,
        wide.height
    );
    assert_eq!((narrow.width, wide.width), (300, 900));
    for (p, width) in [(&narrow, 300), (&wide, 900)] {
        for item in p.items() {
            if let Item::Text(run) = item {
                assert!(
                    run.x >= 0 && run.x + run.width <= width,
                    "{:?} outside {width}",
                    run.text
                );
            }
        }
        // The same characters in the same order at both widths (a word too long for the
        // narrow page is cut in two there).
        let letters = |p: &Page| p.text().split_whitespace().collect::<String>();
        assert_eq!(letters(p), letters(&wide));
    }
    assert!(narrow.text().lines().count() > wide.text().lines().count());
}

#[test]
fn links_move_with_the_text() {
    let (narrow, wide) = (page(300), page(900));
    let a = narrow.find_text("link").unwrap();
    let b = wide.find_text("link").unwrap();
    assert_ne!((a.x, a.y), (b.x, b.y));
    assert_eq!(narrow.link_at(a.x + 1, a.y + 2), Some("/l"));
    assert_eq!(wide.link_at(b.x + 1, b.y + 2), Some("/l"));
}
