//! Unit tests of layout: whitespace, wrapping, lists, tables, links, title, hidden content,
//! deep trees and words wider than the page.

use super::*;

fn page(source: &str, width: u32) -> Page {
    layout(
        &html::parse_document(source, html::Options::default()),
        width,
    )
}

fn runs(page: &Page) -> Vec<&TextRun> {
    page.items()
        .iter()
        .filter_map(|i| match i {
            Item::Text(run) => Some(run),
            _ => None,
        })
        .collect()
}

fn markers(page: &Page) -> Vec<String> {
    runs(page)
        .into_iter()
        .filter(|r| r.marker)
        .map(|r| r.text.clone())
        .collect()
}

#[test]
fn whitespace_collapses_across_elements() {
    let p = page(
        "<p>  hello \n\t world  <b> bold </b>  end</p><p>\n</p><p>a<i>b</i>c</p>",
        600,
    );
    assert_eq!(p.text(), "hello world bold end\nabc");
    // "a<i>b</i>c" stays one word: three runs on one line, no spaces.
    let abc: Vec<_> = runs(&p).into_iter().filter(|r| r.text.len() == 1).collect();
    assert_eq!(abc.len(), 3);
    assert!(abc.iter().all(|r| r.y == abc[0].y && !r.space_before));
    assert_eq!(abc[0].x + abc[0].width, abc[1].x);
}

#[test]
fn pre_keeps_spaces_and_newlines() {
    let p = page("<pre>a  b\n  c\tx</pre><p>after</p>", 600);
    assert_eq!(p.text(), "a  b\n  c     x\nafter");
    assert!(runs(&p)[0].style.font().is_monospace());
}

#[test]
fn paragraphs_wrap_at_the_width() {
    let words = "lorem ipsum dolor sit amet ".repeat(20);
    let narrow = page(&format!("<p>{words}</p>"), 200);
    let wide = page(&format!("<p>{words}</p>"), 800);
    let lines = |p: &Page| p.text().lines().count();
    assert!(
        lines(&narrow) > 3 * lines(&wide),
        "{} vs {}",
        lines(&narrow),
        lines(&wide)
    );
    for run in runs(&narrow) {
        assert!(run.x >= 8 && run.x + run.width <= 192, "{run:?}");
    }
    assert_eq!(narrow.width, 200);
    assert!(narrow.height > wide.height);
    // Nothing is lost: the words come back in order.
    let text = narrow.text();
    let again: Vec<&str> = text.split_whitespace().collect();
    assert_eq!(again, words.split_whitespace().collect::<Vec<_>>());
}

#[test]
fn huge_words_are_cut_to_fit() {
    let word = "x".repeat(3000);
    let p = page(
        &format!("<p>a {word} b</p><table><tr><td>{word}</table>"),
        300,
    );
    let total: usize = runs(&p)
        .iter()
        .map(|r| r.text.matches(|c| c != ' ').count())
        .sum();
    assert_eq!(total, 2 * 3000 + 2);
    for run in runs(&p) {
        assert!(
            run.x >= 8 && run.x + run.width <= 292,
            "{} {}",
            run.x,
            run.width
        );
    }
    // A one-pixel viewport still lays out (one character per line).
    let tiny = page("<p>abc</p>", 1);
    assert_eq!(tiny.text(), "a\nb\nc");
}

#[test]
fn lists_are_numbered_and_bulleted() {
    let p = page(
        "<ol start=3><li>a<li>b<li value=10>c<li>d</ol>\
         <ul><li>x<ul><li>y<ul><li>z</ul></ul></ul><ol><li><p>para</p></ol>",
        600,
    );
    assert_eq!(
        markers(&p),
        ["3.", "4.", "10.", "11.", "\u{2022}", "\u{25e6}", "\u{25aa}", "1."]
    );
    assert_eq!(p.text(), "a\nb\nc\nd\nx\ny\nz\npara");
    // Markers sit left of their item's text, on its line; nested lists indent.
    let all = runs(&p);
    let x = all.iter().find(|r| r.text == "x").unwrap();
    let y = all.iter().find(|r| r.text == "y").unwrap();
    let bullet = all.iter().find(|r| r.text == "\u{2022}").unwrap();
    assert_eq!(y.x - x.x, 40);
    assert!(bullet.x + bullet.width < x.x);
    assert_eq!(
        bullet.y + bullet.style.font().ascent(),
        x.y + x.style.font().ascent()
    );
}

#[test]
fn table_columns_follow_their_content() {
    let p = page(
        "<table><tr><th>Name<th>Description</tr>\
         <tr><td>a<td>a much longer description of the thing</tr></table>",
        600,
    );
    let all = runs(&p);
    let find = |t: &str| *all.iter().find(|r| r.text == t).unwrap();
    let (name, desc, a, long) = (
        find("Name"),
        find("Description"),
        find("a"),
        find("a much longer description of the thing"),
    );
    // One row per line, the second column starts after the first column's widest cell.
    assert_eq!(name.y, desc.y);
    assert!(a.y > name.y);
    assert!(desc.x > name.x + name.width && long.x > a.x + name.width);
    assert!(long.x + long.width <= 592);
    // Header cells are bold; borders are drawn around every cell.
    assert_eq!(name.style.face, crate::style::Face::Bold);
    let frames = p
        .items()
        .iter()
        .filter(|i| matches!(i, Item::Frame { .. }))
        .count();
    assert_eq!(frames, 4);
    // Squeezed: the long cell wraps instead of overflowing.
    let narrow = page(
        "<table><tr><td>a<td>a much longer description of the thing</tr></table>",
        150,
    );
    assert!(narrow.text().lines().count() > 2);
    assert!(runs(&narrow).iter().all(|r| r.x + r.width <= 142));
}

#[test]
fn links_are_hit_tested() {
    let p = page(
        "<p>go <a href=\"/x?y=1\">over here</a> now <a>not a link</a></p>\
         <p><a href=\"b.html\"><img alt=pic width=50 height=40></a></p>",
        600,
    );
    let here = p.find_text("here").unwrap();
    assert_eq!(p.link_at(here.x + 2, here.y + 3), Some("/x?y=1"));
    let go = p.find_text("go").unwrap();
    assert_eq!(p.link_at(go.x + 2, go.y + 3), None);
    let not = p.find_text("not a link").unwrap();
    assert_eq!(p.link_at(not.x + 2, not.y + 3), None);
    let links = p.links();
    assert_eq!(links.len(), 2); // the text run and the image box
    assert_eq!(links[1].0, "b.html");
    assert_eq!((links[1].1.w, links[1].1.h), (50, 40));
    assert_eq!(
        p.link_at(links[1].1.x + 45, links[1].1.y + 35),
        Some("b.html")
    );
    assert_eq!(p.link_at(-5, -5), None);
}

#[test]
fn title_is_extracted_and_head_is_hidden() {
    let p = page(
        "<title>  My \n Page </title><style>p{color:red}</style>\
         <script>var hidden = 1;</script><p>shown<noscript>nos</noscript>\
         <span hidden>secret</span><template>tpl</template></p>",
        600,
    );
    assert_eq!(p.title.as_deref(), Some("My Page"));
    assert_eq!(p.text(), "shown");
    assert_eq!(page("<p>x", 600).title, None);
    assert_eq!(page("<title> </title>", 600).title, None);
}

#[test]
fn deep_nesting_does_not_overflow_the_stack() {
    let depth = 10_000;
    let source = format!("{}deep{}", "<div>".repeat(depth), "</div>".repeat(depth));
    let document = html::parse_document(&source, html::Options::default());
    // Run on a small stack to prove the walk is not recursive.
    let p = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || layout(&document, 600))
        .unwrap()
        .join()
        .unwrap();
    assert_eq!(p.text(), "deep");
    let deep = &runs(&p)[0];
    assert!(deep.x >= 8 && deep.x < 600);
    // Deep lists and quotes are flattened rather than indented off the page.
    let quotes = format!("{}q", "<blockquote>".repeat(1000));
    let p = page(&quotes, 600);
    assert_eq!(p.text(), "q");
    assert!(runs(&p)[0].x + runs(&p)[0].width <= 600);
}

#[test]
fn breaks_rules_and_images() {
    let p = page(
        "<p>one<br>two<br><br>four</p><hr><p><img alt=\"a cat\"> <img src=x width=9999 height=-3> \
         <img alt=\"\"></p>",
        600,
    );
    assert_eq!(p.text(), "one\ntwo\nfour\na cat");
    let all = runs(&p);
    let (two, four) = (all[1], all[2]);
    let line = two.style.font().line_height();
    assert_eq!(four.y - two.y, 2 * line);
    let frames: Vec<Rect> = p
        .items()
        .iter()
        .filter_map(|i| match i {
            Item::Frame { rect, .. } => Some(*rect),
            _ => None,
        })
        .collect();
    // The alt box fits its text; the huge one is clamped to the content width; the empty
    // alt draws nothing.
    assert_eq!(frames.len(), 2);
    assert!(frames[0].w > all[3].width);
    assert_eq!((frames[1].w, frames[1].h), (584, 1));
    assert!(p
        .items()
        .iter()
        .any(|i| matches!(i, Item::Fill { rect, .. } if rect.h == 2 && rect.w == 584)));
}

#[test]
fn unicode_and_entities_survive() {
    let p = page(
        "<p>caf&eacute; &amp; \u{4e2d}\u{6587} &lt;tag&gt;&nbsp;x</p>",
        600,
    );
    assert_eq!(p.text(), "café & \u{4e2d}\u{6587} <tag>\u{a0}x");
    assert!(p.find_text("\u{4e2d}").is_some());
}

#[test]
fn headings_are_bigger_than_text() {
    let p = page(
        "<h1>Big</h1><h3>Mid</h3><p>small</p><center>mid</center>",
        600,
    );
    let all = runs(&p);
    assert!(all[0].style.font().px() > all[1].style.font().px());
    assert!(all[1].style.font().line_height() >= all[2].style.font().line_height());
    assert_eq!(all[0].style.face, crate::style::Face::Bold);
    // Centred text sits in the middle of the content box.
    let mid = all[3];
    assert!((mid.x + mid.width / 2 - 300).abs() <= 2, "{}", mid.x);
}

#[test]
fn odd_documents_never_panic() {
    let nested_tables = format!(
        "{}x{}",
        "<table><tr><td>".repeat(30),
        "</td></tr></table>".repeat(30)
    );
    let many_columns = format!("<table><tr>{}</table>", "<td colspan=1000>c".repeat(300));
    for source in [
        "",
        "just text",
        "<table></table><table><tr></tr></table><tr><td>stray cell",
        "<ol start=-99999999999999><li>a<li value=abc>b</ol><li>lonely",
        "<img width=0 height=0><img width=-5 alt=x><img height=99999999>",
        "<pre></pre><pre>\n\n\n</pre><br><br><hr><hr>",
        "<a href>empty href</a><a href=\"\">also</a>",
        "<svg><text>no</text></svg><math>no</math><p hidden>no</p>",
        "\u{0}\u{1}\u{7f}\u{feff}\u{10ffff}\u{1F600}",
        &nested_tables,
        &many_columns,
    ] {
        for width in [0, 1, 50, 600, 5000] {
            let p = page(source, width);
            assert!(p.width >= width.max(1) && p.height >= 1);
            let _ = (p.text(), p.links(), p.link_at(3, 3), p.find_text("x"));
        }
    }
    let p = page(&nested_tables, 600);
    assert_eq!(p.text(), "x");
}

#[test]
fn list_types_and_captions() {
    let p = page(
        "<ol type=a start=26><li>z<li>aa</ol><ol type=I start=3><li>c<li>d</ol>\
         <ol type=i start=1999><li>x</ol><ol type=A start=0><li>zero</ol>\
         <table><caption>The caption</caption><tr><td>cell</table>",
        600,
    );
    assert_eq!(markers(&p), ["z.", "aa.", "III.", "IV.", "mcmxcix.", "0."]);
    let caption = p.find_text("The caption").unwrap();
    let cell = p.find_text("cell").unwrap();
    assert!(caption.bottom() <= cell.y);
}

#[test]
fn long_pre_lines_widen_the_page() {
    let line = "x".repeat(200);
    let p = page(&format!("<pre>{line}</pre>"), 300);
    assert_eq!(p.text(), line);
    assert!(p.width > 1000, "{}", p.width);
}
