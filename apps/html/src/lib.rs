//! `html`: an HTML parser that follows the WHATWG HTML Standard, §13.2 "Parsing HTML
//! documents", for the browser of this system. `no_std` + `alloc`, no dependencies.
//!
//! The parser is a pipeline of three layers, each in its own module:
//!
//! 1. [`encoding`] turns bytes into text (§13.2.3): BOM, the HTTP charset, a `<meta
//!    charset>` prescan, UTF-8 with U+FFFD for invalid sequences, windows-1252.
//! 2. [`tokenizer`] turns text into tokens (§13.2.5): every state of the tokenizer,
//!    character references with the full named table, parse errors counted.
//! 3. `treebuilder` turns tokens into a [`dom::Document`] (§13.2.6): every insertion
//!    mode, the stack of open elements, active formatting elements and the adoption agency
//!    algorithm, foster parenting, templates, SVG and MathML, and fragment parsing (§13.4).
//!
//! What it promises: every input, however broken, produces a document (parse errors are
//! counted in [`dom::Document::error_count`], never fatal), nothing panics on input, and
//! the work is linear in the input for ordinary documents. Scripts are never run; the
//! scripting flag only changes how `<noscript>` is parsed (off by default, like a browser
//! with scripting disabled).
//!
//! The tree is an arena ([`dom::Document`]) of nodes addressed by [`dom::NodeId`], linked
//! to parent and siblings, so layout code can walk it without recursion or borrowing
//! trouble. [`dump::dump_children`] prints it in html5lib's test format.
//!
//! ```
//! let document = html::parse_document("<p>Hello <b>world", html::Options::default());
//! let text = document.text_content(html::dom::Document::ROOT);
//! assert_eq!(text, "Hello world");
//! ```

#![no_std]
#![deny(unsafe_code)]

extern crate alloc;

pub mod dom;
pub mod dump;
pub mod encoding;
pub mod tokenizer;
mod treebuilder;

use dom::{Document, Namespace, NodeId};
use tokenizer::Tokenizer;
use treebuilder::TreeBuilder;

/// Parser settings.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// The scripting flag of §13.2.4.5 (only changes how `<noscript>` parses).
    pub scripting: bool,
}

/// Parses a whole document from text.
pub fn parse_document(text: &str, options: Options) -> Document {
    let mut tokenizer = Tokenizer::new(text);
    let mut builder = TreeBuilder::new(options.scripting);
    builder.run(&mut tokenizer);
    builder.document
}

/// Parses a whole document from bytes, choosing the encoding as §13.2.3 says;
/// `transport_charset` is the HTTP `Content-Type` charset parameter, if any.
pub fn parse_bytes(bytes: &[u8], transport_charset: Option<&str>, options: Options) -> Document {
    let text = encoding::decode(bytes, transport_charset);
    parse_document(&text, options)
}

/// A parsed fragment: the nodes are the children of `root` in `document`.
pub struct Fragment {
    pub document: Document,
    pub root: NodeId,
}

/// Parses `text` as the contents of an element named `context` in `namespace` (§13.4).
pub fn parse_fragment(
    text: &str,
    context: &str,
    namespace: Namespace,
    options: Options,
) -> Fragment {
    let (mut builder, root, state) =
        TreeBuilder::for_fragment(options.scripting, context, namespace);
    let mut tokenizer = Tokenizer::new(text);
    tokenizer.state = state;
    builder.run(&mut tokenizer);
    Fragment {
        document: builder.document,
        root,
    }
}
