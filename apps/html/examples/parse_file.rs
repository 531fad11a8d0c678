//! Parses a file and prints the html5lib-style dump: `cargo run --example parse_file -- PATH`.
fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: parse_file PATH");
        std::process::exit(2);
    };
    let bytes = std::fs::read(&path).unwrap_or_default();
    let start = std::time::Instant::now();
    let document = html::parse_bytes(&bytes, None, html::Options::default());
    let elapsed = start.elapsed();
    if std::env::args().nth(2).as_deref() == Some("--dump") {
        print!(
            "{}",
            html::dump::dump_children(&document, html::dom::Document::ROOT)
        );
    }
    eprintln!(
        "{} nodes, {} errors, {elapsed:?}",
        document.len(),
        document.error_count
    );
}
