//! The tokens the tokenizer hands to the tree builder (HTML §13.2.5, first paragraphs):
//! DOCTYPE, start tag, end tag, comment, character and end-of-file.

use alloc::string::String;
use alloc::vec::Vec;

/// Attributes are the DOM's type from the start (in no namespace until the tree builder
/// adjusts foreign ones), so building an element moves them instead of copying.
pub use crate::dom::Attribute;

/// A start or end tag. End tags never carry attributes (the tokenizer drops them).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Tag {
    /// Lowercased ASCII, U+FFFD for NUL.
    pub name: String,
    pub attributes: Vec<Attribute>,
    pub self_closing: bool,
}

impl Tag {
    /// The value of the attribute `name`, if present.
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|a| a.name == name)
            .map(|a| a.value.as_str())
    }
}

/// A DOCTYPE token: "missing" identifiers are `None`, which is not the same as empty.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Doctype {
    pub name: Option<String>,
    pub public_id: Option<String>,
    pub system_id: Option<String>,
    pub force_quirks: bool,
}

/// What the tokenizer emits. Runs of characters come as one `Characters` token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token {
    Doctype(Doctype),
    StartTag(Tag),
    EndTag(Tag),
    Comment(String),
    Characters(String),
    EndOfFile,
}
