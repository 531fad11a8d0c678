//! A large page in the style of a real news or documentation site, generated so the
//! benchmark needs no network: a head with metadata, styles and scripts; navigation
//! lists; articles with paragraphs, links, inline formatting, entities and images; data
//! tables; a form; inline SVG icons; comments; and the usual sloppy bits (unclosed `<p>`
//! and `<li>`, misnested formatting, unquoted attributes).

use std::fmt::Write;

/// A tiny deterministic generator (xorshift), so every run parses the same page.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

const WORDS: &[&str] = &[
    "the",
    "parser",
    "network",
    "kernel",
    "window",
    "über",
    "naïve",
    "café",
    "data",
    "stream",
    "token",
    "element",
    "browser",
    "layout",
    "memory",
    "frame",
    "packet",
    "résumé",
    "garçon",
    "quickly",
    "under",
    "between",
    "protocol",
    "render",
    "system",
    "日本語",
    "текст",
    "value",
];

fn sentence(random: &mut Random, out: &mut String) {
    let words = 8 + random.next() % 14;
    for i in 0..words {
        if i > 0 {
            out.push(' ');
        }
        match random.next() % 40 {
            0 => {
                let _ = write!(
                    out,
                    "<a href=\"/wiki/{}?id={}&amp;ref=nav\">{}</a>",
                    random.pick(WORDS),
                    random.next() % 1000,
                    random.pick(WORDS)
                );
            }
            1 => {
                let _ = write!(out, "<b>{}</b>", random.pick(WORDS));
            }
            2 => {
                let _ = write!(
                    out,
                    "<em>{} {}</em>",
                    random.pick(WORDS),
                    random.pick(WORDS)
                );
            }
            3 => out.push_str("&mdash;"),
            4 => out.push_str("&nbsp;&copy; 2024"),
            5 => {
                let _ = write!(out, "<code>{}()</code>", random.pick(WORDS));
            }
            6 => out.push_str("<b>bold <i>misnested</b> italic</i>"),
            _ => out.push_str(random.pick(WORDS)),
        }
    }
    out.push_str(". ");
}

fn head(out: &mut String) {
    out.push_str("<!DOCTYPE html>\n<html lang=en>\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=viewport content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<title>Benchmark page &ndash; a long article</title>\n");
    for i in 0..12 {
        let _ = writeln!(
            out,
            "<link rel=stylesheet href=\"/static/css/site-{i}.css?v=3\">"
        );
    }
    out.push_str(
        "<style>\nbody { font: 16px/1.4 sans-serif } .nav > li { display: inline-block }\n",
    );
    out.push_str(
        "a:hover { color: #c00 } table td { padding: 2px 4px } /* </p> inside CSS */\n</style>\n",
    );
    out.push_str("<script>\nwindow.dataLayer = window.dataLayer || [];\nfunction gtag(){ if (1 < 2 && 3 > 2) dataLayer.push(arguments); }\n");
    out.push_str("document.write('<div>' + \"</scr\" + \"ipt>\");\n<!-- var x = '<script>'; -->\n</script>\n</head>\n");
}

fn navigation(random: &mut Random, out: &mut String) {
    out.push_str("<header class=site-header><nav><ul class=nav>\n");
    for _ in 0..40 {
        let word = random.pick(WORDS);
        let _ = writeln!(
            out,
            "<li class=\"nav-item\"><a href=\"/section/{word}\" title=\"{word}\">{word}</a>"
        );
    }
    out.push_str("</ul></nav>\n<form action=/search method=get><input type=search name=q placeholder=\"Search&hellip;\"><button type=submit>Go</button></form></header>\n");
}

fn article(random: &mut Random, out: &mut String, index: usize) {
    let _ = writeln!(
        out,
        "<article id=\"post-{index}\" class=\"post entry\" data-index={index}>"
    );
    let _ = writeln!(
        out,
        "<h2><a href=\"/post/{index}\">Article number {index}</a></h2>"
    );
    let _ = writeln!(out, "<p class=byline>By <span class=author>{}</span> &middot; <time datetime=\"2024-01-{:02}\">January</time>", random.pick(WORDS), index % 28 + 1);
    for _ in 0..(3 + random.next() % 5) {
        out.push_str("<p>");
        for _ in 0..(2 + random.next() % 4) {
            sentence(random, out);
        }
        out.push('\n');
    }
    if index.is_multiple_of(4) {
        out.push_str("<figure><img src=\"/img/photo.jpg\" alt=\"A photo\" width=640 height=480><figcaption>Caption &amp; credit</figcaption></figure>\n");
    }
    if index.is_multiple_of(5) {
        out.push_str("<table class=data><thead><tr><th>Name<th>Value<th>Delta</thead><tbody>\n");
        for row in 0..12 {
            let _ = writeln!(
                out,
                "<tr><td>{}<td>{}<td class=num>{}.{}%",
                random.pick(WORDS),
                random.next() % 10000,
                row,
                random.next() % 100
            );
        }
        out.push_str("</tbody></table>\n");
    }
    if index.is_multiple_of(7) {
        out.push_str("<svg class=icon viewBox=\"0 0 24 24\" width=24 height=24><path d=\"M12 2L2 7l10 5 10-5-10-5z\"/><circle cx=12 cy=12 r=3></circle></svg>\n");
    }
    if index.is_multiple_of(3) {
        out.push_str("<!-- advertisement slot -->\n<div class=ad><iframe src=\"/ad?slot=3\" width=300 height=250></iframe></div>\n");
    }
    out.push_str("<ul class=tags>");
    for _ in 0..5 {
        let _ = write!(
            out,
            "<li><a href=\"/tag/{0}\" rel=tag>{0}</a>",
            random.pick(WORDS)
        );
    }
    out.push_str("</ul>\n</article>\n");
}

/// A page of at least `size` bytes.
pub fn generate(size: usize) -> String {
    let mut random = Random(0x2545_F491_4F6C_DD1D);
    let mut out = String::with_capacity(size + 4096);
    head(&mut out);
    out.push_str("<body class=\"home page\">\n");
    navigation(&mut random, &mut out);
    out.push_str("<main id=content>\n");
    let mut index = 0;
    while out.len() < size {
        article(&mut random, &mut out, index);
        index += 1;
    }
    out.push_str("</main>\n<footer><p>&copy; 2024 Example &mdash; all rights reserved.</footer>\n");
    out.push_str("<script src=\"/static/js/app.js\" defer></script>\n</body>\n</html>\n");
    out
}
