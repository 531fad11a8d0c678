//! The tokenizer: HTML §13.2.5, "Tokenization".
//!
//! The tokenizer is a state machine with one state per subsection of §13.2.5 (data, RCDATA,
//! RAWTEXT, script data and its escapes, PLAINTEXT, tags, attributes, comments, DOCTYPEs,
//! CDATA sections and character references). Each state is a method named after its section;
//! they live in sibling files grouped by concern:
//!
//! * `text_states.rs`: data, RCDATA, RAWTEXT, PLAINTEXT and the tag-open states (§13.2.5.1-13),
//! * `script_states.rs`: the script data states and their escapes (§13.2.5.14-31),
//! * `tag_states.rs`: attributes, self-closing, bogus comment, markup declaration open
//!   (§13.2.5.32-42),
//! * `comment_states.rs`: comments and CDATA sections (§13.2.5.43-52, 69-71),
//! * `doctype_states.rs`: the DOCTYPE states (§13.2.5.53-68),
//! * `state.rs`: the list of states,
//! * `charref.rs`: character references, named and numeric (§13.2.5.72-80), with the table
//!   in `entities.rs` generated from html5lib's data.
//!
//! The whole input is in memory (a `String` whose newlines were normalised as §13.2.3.5
//! asks), so "consume the next input character" reads at a byte position and "reconsume"
//! steps back. The tree builder pulls tokens with [`Tokenizer::next_token`]; the machine runs
//! only until a token is ready, so the tree builder can switch the state (RCDATA after
//! `<title>`, and so on) before the next character is read. Runs of text come out as one
//! `Characters` token.
//!
//! Parse errors are counted (with their spec code names) and never stop tokenization: every
//! input produces a token stream ending in `EndOfFile`. Each step consumes at least one
//! character or changes to a state that will, so the work is linear in the input.

mod charref;
mod comment_states;
mod doctype_states;
pub mod entities;
mod script_states;
mod state;
mod tag_states;
mod text_states;
mod token;

pub use state::State;
pub use token::{Attribute, Doctype, Tag, Token};

use crate::dom::AttributeNamespace;
use alloc::collections::{BTreeSet, VecDeque};
use alloc::string::String;
use alloc::vec::Vec;

/// How many parse error codes are kept (the count goes on beyond this).
const KEPT_ERRORS: usize = 64;

/// Which kind of tag is being built.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TagKind {
    Start,
    End,
}

/// The HTML tokenizer over one in-memory document.
pub struct Tokenizer {
    input: String,
    pos: usize,
    /// The current state; the tree builder may set it between tokens.
    pub state: State,
    return_state: State,
    /// Set by the tree builder: the adjusted current node is not an HTML element, so
    /// `<![CDATA[` opens a CDATA section (§13.2.5.42).
    pub allow_cdata: bool,
    queue: VecDeque<Token>,
    text: String,
    done: bool,
    tag_kind: TagKind,
    tag: Tag,
    attribute_name: String,
    attribute_value: String,
    attribute_open: bool,
    comment: String,
    doctype: Doctype,
    temp: String,
    char_ref_code: u32,
    last_start_tag: String,
    /// Attribute names of the current tag, kept only for tags with many attributes.
    attribute_index: BTreeSet<String>,
    error_count: usize,
    errors: Vec<&'static str>,
}

impl Tokenizer {
    /// A tokenizer in the data state over `input`, after the input-stream preprocessing of
    /// §13.2.3.5 (CR LF and lone CR become LF).
    pub fn new(input: &str) -> Self {
        let mut tokenizer = Tokenizer {
            input: normalize_newlines(input),
            pos: 0,
            state: State::Data,
            return_state: State::Data,
            allow_cdata: false,
            queue: VecDeque::new(),
            text: String::new(),
            done: false,
            tag_kind: TagKind::Start,
            tag: Tag::default(),
            attribute_name: String::new(),
            attribute_value: String::new(),
            attribute_open: false,
            comment: String::new(),
            doctype: Doctype::default(),
            temp: String::new(),
            char_ref_code: 0,
            last_start_tag: String::new(),
            attribute_index: BTreeSet::new(),
            error_count: 0,
            errors: Vec::new(),
        };
        tokenizer.count_stream_errors();
        tokenizer
    }

    /// Sets the name of the last start tag, which decides what an "appropriate end tag" is
    /// (used by fragment parsing and tests).
    pub fn set_last_start_tag(&mut self, name: &str) {
        self.last_start_tag.clear();
        self.last_start_tag.push_str(name);
    }

    /// The number of parse errors seen so far.
    pub fn error_count(&self) -> usize {
        self.error_count
    }

    /// The codes of the first parse errors (at most 64).
    pub fn error_codes(&self) -> &[&'static str] {
        &self.errors
    }

    /// The next token; after the input ends, `EndOfFile` forever.
    pub fn next_token(&mut self) -> Token {
        loop {
            if let Some(token) = self.queue.pop_front() {
                return token;
            }
            if self.done {
                return Token::EndOfFile;
            }
            self.step();
        }
    }

    // ---- input ----

    /// Consumes the next input character (`None` is EOF).
    #[inline]
    fn consume(&mut self) -> Option<char> {
        let bytes = self.input.as_bytes();
        let &first = bytes.get(self.pos)?;
        if first < 0x80 {
            self.pos += 1;
            return Some(first as char);
        }
        self.consume_multibyte()
    }

    /// `consume` for a character of more than one byte. Kept out of line: wasmi charges
    /// a function's straight-line code on each call, used or not, so rare paths that are
    /// inlined make every caller dearer.
    #[inline(never)]
    fn consume_multibyte(&mut self) -> Option<char> {
        let c = self
            .input
            .get(self.pos..)
            .and_then(|rest| rest.chars().next())?;
        self.pos += c.len_utf8();
        Some(c)
    }

    /// Steps back over `c`, so the current state or the next one reads it again.
    #[inline]
    fn reconsume(&mut self, c: Option<char>) {
        if let Some(c) = c {
            self.pos -= c.len_utf8();
        }
    }

    /// "Reconsume in the `state`".
    #[inline]
    fn reconsume_in(&mut self, state: State, c: Option<char>) {
        self.reconsume(c);
        self.state = state;
    }

    /// The unread input.
    fn rest(&self) -> &str {
        self.input.get(self.pos..).unwrap_or("")
    }

    // ---- output ----

    #[inline(never)] // rare: out of line, so callers are not charged for it (see `consume`)
    fn error(&mut self, code: &'static str) {
        self.error_count += 1;
        if self.errors.len() < KEPT_ERRORS {
            self.errors.push(code);
        }
    }

    #[inline(never)] // see `consume_multibyte`
    fn emit_char(&mut self, c: char) {
        self.text.push(c);
    }

    #[inline(never)] // see `consume_multibyte`
    fn emit_str(&mut self, s: &str) {
        self.text.push_str(s);
    }

    fn flush_text(&mut self) {
        if !self.text.is_empty() {
            let text = core::mem::take(&mut self.text);
            self.queue.push_back(Token::Characters(text));
        }
    }

    #[inline(never)] // see `consume_multibyte`
    fn emit(&mut self, token: Token) {
        self.flush_text();
        self.queue.push_back(token);
    }

    #[inline(never)] // see `consume_multibyte`
    fn emit_eof(&mut self) {
        self.flush_text();
        self.done = true;
    }

    fn emit_comment(&mut self) {
        let comment = core::mem::take(&mut self.comment);
        self.emit(Token::Comment(comment));
    }

    fn emit_doctype(&mut self) {
        let doctype = core::mem::take(&mut self.doctype);
        self.emit(Token::Doctype(doctype));
    }

    // ---- tags ----

    #[inline(never)] // see `consume_multibyte`
    fn start_tag(&mut self, kind: TagKind) {
        self.tag_kind = kind;
        self.tag = Tag::default();
        self.attribute_open = false;
    }

    /// Starts a new attribute, finishing the one before.
    fn start_attribute(&mut self) {
        self.finish_attribute();
        self.attribute_open = true;
    }

    /// Adds the attribute being built to the tag, unless its name is a duplicate
    /// (§13.2.5.33: the later one is dropped with a parse error).
    #[inline(never)] // see `consume_multibyte`
    fn finish_attribute(&mut self) {
        if !self.attribute_open {
            return;
        }
        self.attribute_open = false;
        let name = core::mem::take(&mut self.attribute_name);
        let value = core::mem::take(&mut self.attribute_value);
        let duplicate = if self.tag.attributes.len() < 32 {
            self.tag.attributes.iter().any(|a| a.name == name)
        } else {
            self.has_attribute_slow(&name)
        };
        if duplicate {
            self.error("duplicate-attribute");
        } else {
            self.tag.attributes.push(Attribute {
                namespace: AttributeNamespace::None,
                prefix: None,
                name,
                value,
            });
        }
    }

    /// Duplicate check for tags with many attributes, in n log n overall.
    fn has_attribute_slow(&mut self, name: &str) -> bool {
        // Rebuilt per call would be quadratic; keep a set beside the tag instead.
        if self.attribute_index.len() != self.tag.attributes.len() {
            self.attribute_index = self.tag.attributes.iter().map(|a| a.name.clone()).collect();
        }
        let seen = self.attribute_index.contains(name);
        if !seen {
            self.attribute_index.insert(String::from(name));
        }
        seen
    }

    /// Emits the current tag (§13.2.5.8 "emit the current tag token").
    #[inline(never)] // see `consume_multibyte`
    fn emit_tag(&mut self) {
        self.finish_attribute();
        self.attribute_index.clear();
        let mut tag = core::mem::take(&mut self.tag);
        match self.tag_kind {
            TagKind::Start => {
                self.last_start_tag.clear();
                self.last_start_tag.push_str(&tag.name);
                self.emit(Token::StartTag(tag));
            }
            TagKind::End => {
                if !tag.attributes.is_empty() {
                    self.error("end-tag-with-attributes");
                    tag.attributes.clear();
                }
                if tag.self_closing {
                    self.error("end-tag-with-trailing-solidus");
                }
                self.emit(Token::EndTag(tag));
            }
        }
    }

    /// "An appropriate end tag token": an end tag whose name is the last start tag's.
    fn is_appropriate_end_tag(&self) -> bool {
        self.tag_kind == TagKind::End && self.tag.name == self.last_start_tag
    }

    /// Preprocessing errors of §13.2.3.5: controls and noncharacters in the stream.
    fn count_stream_errors(&mut self) {
        let mut index = 0;
        while index < self.input.len() {
            let bytes = &self.input.as_bytes()[index..];
            // Eight plain printable ASCII bytes at a time (no byte below 0x20 or above 0x7E)
            // cannot hold an error; this skips most of a typical page.
            if let Some(chunk) = bytes.get(..8) {
                let word = u64::from_le_bytes([
                    chunk[0], chunk[1], chunk[2], chunk[3], chunk[4], chunk[5], chunk[6], chunk[7],
                ]);
                let low = word.wrapping_sub(0x2020_2020_2020_2020) & !word;
                let high = word.wrapping_add(0x0101_0101_0101_0101) | word;
                if (low | high) & 0x8080_8080_8080_8080 == 0 {
                    index += 8;
                    continue;
                }
            }
            let byte = bytes[0];
            index += 1;
            match byte {
                b'\t' | b'\n' | b'\x0C' | 0 => {}
                0x01..=0x1F | 0x7F => self.error("control-character-in-input-stream"),
                // Only C1 controls (C2 80-9F) and noncharacters (EF ..., F0-F4 ...) can
                // start with these lead bytes; everything else is ordinary text.
                0xC2 | 0xEF | 0xF0..=0xF4 => {
                    let rest = self.input.get(index - 1..).unwrap_or("");
                    let code = rest.chars().next().map(|c| c as u32).unwrap_or(0);
                    if (0x80..=0x9F).contains(&code) {
                        self.error("control-character-in-input-stream");
                    } else if (0xFDD0..=0xFDEF).contains(&code) || (code & 0xFFFE) == 0xFFFE {
                        self.error("noncharacter-in-input-stream");
                    }
                }
                _ => {}
            }
        }
    }
}

/// §13.2.3.5: every CR LF pair and every lone CR becomes LF.
fn normalize_newlines(input: &str) -> String {
    if !input.contains('\r') {
        return String::from(input);
    }
    let mut out = String::with_capacity(input.len());
    let mut chars = input.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            out.push('\n');
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Whitespace as the tokenizer means it: tab, LF, FF, space (CR is gone by now).
#[inline]
fn is_space(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\x0C' | ' ')
}
