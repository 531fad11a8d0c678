//! The public API as other crates use it: documents, fragments, walking the arena,
//! quirks mode, error counts and the scripting flag.

use html::dom::{Document, Namespace, NodeData, QuirksMode};
use html::dump::dump_children;
use html::tokenizer::{State, Token, Tokenizer};
use html::{parse_document, parse_fragment, Options};

#[test]
fn document_has_html_head_body() {
    let document = parse_document(
        "<!DOCTYPE html><title>T</title><p class=x>Hi",
        Options::default(),
    );
    assert_eq!(document.quirks_mode, QuirksMode::NoQuirks);
    assert_eq!(
        dump_children(&document, Document::ROOT),
        "| <!DOCTYPE html>\n| <html>\n|   <head>\n|     <title>\n|       \"T\"\n|   <body>\n|     <p>\n|       class=\"x\"\n|       \"Hi\"\n"
    );
}

#[test]
fn missing_doctype_means_quirks_and_errors_are_counted() {
    let document = parse_document("<p><table>", Options::default());
    assert_eq!(document.quirks_mode, QuirksMode::Quirks);
    assert!(document.error_count >= 1);
    // In quirks mode a table may sit inside a paragraph.
    assert!(dump_children(&document, Document::ROOT).contains("|     <p>\n|       <table>"));
}

#[test]
fn descendants_in_document_order() {
    let document = parse_document("<div><p>a<b>b</b></p><p>c</p></div>d", Options::default());
    let names: Vec<String> = document
        .descendants(Document::ROOT)
        .map(|n| match &document.node(n).data {
            NodeData::Element(e) => e.name.clone(),
            NodeData::Text(t) => t.clone(),
            _ => String::from("#"),
        })
        .collect();
    assert_eq!(
        names,
        ["#", "html", "head", "body", "div", "p", "a", "b", "b", "p", "c", "d"]
    );
}

#[test]
fn walking_the_arena() {
    let document = parse_document("<ul><li>one<li>two</ul>", Options::default());
    let mut items = Vec::new();
    let mut stack = vec![Document::ROOT];
    while let Some(node) = stack.pop() {
        if let Some(element) = document.element(node) {
            if element.is_html("li") {
                items.push(document.text_content(node));
            }
        }
        let mut children: Vec<_> = document.children(node).collect();
        children.reverse();
        stack.extend(children);
    }
    assert_eq!(items, ["one", "two"]);
}

#[test]
fn foreign_content_gets_namespaces_and_adjusted_names() {
    let document = parse_document(
        "<svg viewbox='0 0 1 1'><foreignobject><p>x</p></foreignobject></svg><math definitionurl=u></math>",
        Options::default(),
    );
    let dump = dump_children(&document, Document::ROOT);
    assert!(dump.contains("<svg svg>"));
    assert!(dump.contains("viewBox=\"0 0 1 1\""));
    assert!(dump.contains("<svg foreignObject>"));
    assert!(dump.contains("definitionURL=\"u\""));
}

#[test]
fn fragment_in_a_table_row_context() {
    let fragment = parse_fragment("<td>a<td>b", "tr", Namespace::Html, Options::default());
    assert_eq!(
        dump_children(&fragment.document, fragment.root),
        "| <td>\n|   \"a\"\n| <td>\n|   \"b\"\n"
    );
}

#[test]
fn template_contents_live_in_a_fragment() {
    let document = parse_document("<template><b>x</b></template>", Options::default());
    let dump = dump_children(&document, Document::ROOT);
    assert!(dump.contains("<template>\n|       content\n|         <b>"));
}

#[test]
fn scripting_flag_changes_noscript() {
    let off = parse_document(
        "<noscript><p>x</p></noscript>",
        Options { scripting: false },
    );
    let on = parse_document("<noscript><p>x</p></noscript>", Options { scripting: true });
    let (off, on) = (
        dump_children(&off, Document::ROOT),
        dump_children(&on, Document::ROOT),
    );
    assert!(off.contains("<p>"), "{off}");
    assert!(on.contains("\"<p>x</p>\""), "{on}");
}

#[test]
fn text_nodes_merge_and_entities_decode() {
    let document = parse_document("a&amp;b&notit;&#x1F600;&#128;", Options::default());
    let body = document
        .children(Document::ROOT)
        .last()
        .and_then(|h| document.children(h).last());
    let body = body.expect("body");
    let texts: Vec<_> = document
        .children(body)
        .map(|c| document.node(c).data.clone())
        .collect();
    assert_eq!(texts, [NodeData::Text("a&b¬it;😀€".into())]);
}

#[test]
fn tokenizer_can_be_used_alone() {
    let mut tokenizer = Tokenizer::new("<a href='x&amp;y' download>t</a><!--c-->");
    let mut tokens = Vec::new();
    loop {
        match tokenizer.next_token() {
            Token::EndOfFile => break,
            token => tokens.push(token),
        }
    }
    assert_eq!(tokens.len(), 4);
    let Token::StartTag(tag) = &tokens[0] else {
        panic!("{tokens:?}")
    };
    assert_eq!(tag.attribute("href"), Some("x&y"));
    assert_eq!(tag.attribute("download"), Some(""));
    assert_eq!(tokens[3], Token::Comment("c".into()));

    let mut raw = Tokenizer::new("<b>&amp;</title>");
    raw.state = State::Rcdata;
    raw.set_last_start_tag("title");
    assert_eq!(raw.next_token(), Token::Characters("<b>&".into()));
    assert!(matches!(raw.next_token(), Token::EndTag(t) if t.name == "title"));
}

#[test]
fn cdata_only_in_foreign_content() {
    let document = parse_document(
        "<![CDATA[x]]><svg><![CDATA[a<b]]></svg>",
        Options::default(),
    );
    let dump = dump_children(&document, Document::ROOT);
    assert!(dump.contains("<!-- [CDATA[x]] -->"), "{dump}");
    assert!(dump.contains("\"a<b\""), "{dump}");
}
