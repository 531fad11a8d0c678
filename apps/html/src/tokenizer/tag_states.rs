//! Attribute states, the bogus comment and markup declaration open states: HTML
//! §13.2.5.32-42. Comments and CDATA sections are in `comment_states.rs`.

use super::text_states::plain_ascii_run;
use super::{is_space, State, Tokenizer};

impl Tokenizer {
    /// §13.2.5.32 Before attribute name state.
    #[inline(never)] // a call per state keeps `step` small (see `Tokenizer::step`)
    pub(super) fn before_attribute_name_state(&mut self) {
        let c = self.consume();
        match c {
            Some(s) if is_space(s) => {}
            Some('/' | '>') | None => self.reconsume_in(State::AfterAttributeName, c),
            Some('=') => {
                self.error("unexpected-equals-sign-before-attribute-name");
                self.start_attribute();
                self.attribute_name.push('=');
                self.state = State::AttributeName;
            }
            Some(_) => {
                self.start_attribute();
                self.reconsume_in(State::AttributeName, c);
            }
        }
    }

    /// §13.2.5.33 Attribute name state.
    #[inline(never)] // a call per state keeps `step` small (see `Tokenizer::step`)
    pub(super) fn attribute_name_state(&mut self) {
        loop {
            let run = plain_ascii_run(&self.input.as_bytes()[self.pos..], b"/>=\"'<");
            if run > 0 {
                // The run is printable ASCII, so it is copied whole and lowercased in place.
                if let Some(text) = self.input.get(self.pos..self.pos + run) {
                    let start = self.attribute_name.len();
                    self.attribute_name.push_str(text);
                    if let Some(added) = self.attribute_name.get_mut(start..) {
                        added.make_ascii_lowercase();
                    }
                }
                self.pos += run;
            }
            let c = self.consume();
            match c {
                Some(s) if is_space(s) || s == '/' || s == '>' => {
                    return self.reconsume_in(State::AfterAttributeName, c);
                }
                None => return self.reconsume_in(State::AfterAttributeName, c),
                Some('=') => return self.state = State::BeforeAttributeValue,
                Some(c) => self.push_odd_attribute_name_char(c),
            }
        }
    }

    /// The attribute name state for a character the fast run stopped at that does not end
    /// the name: NUL, a quote, `<` or a non-ASCII character. Out of line, as it is rare
    /// (see `push_odd_tag_name_char`).
    #[inline(never)]
    fn push_odd_attribute_name_char(&mut self, c: char) {
        match c {
            '\0' => {
                self.error("unexpected-null-character");
                self.attribute_name.push('\u{FFFD}');
            }
            '"' | '\'' | '<' => {
                self.error("unexpected-character-in-attribute-name");
                self.attribute_name.push(c);
            }
            _ => self.attribute_name.push(c.to_ascii_lowercase()),
        }
    }

    /// §13.2.5.34 After attribute name state.
    #[inline(never)] // a call per state keeps `step` small (see `Tokenizer::step`)
    pub(super) fn after_attribute_name_state(&mut self) {
        let c = self.consume();
        match c {
            Some(s) if is_space(s) => {}
            Some('/') => self.state = State::SelfClosingStartTag,
            Some('=') => self.state = State::BeforeAttributeValue,
            Some('>') => {
                self.state = State::Data;
                self.emit_tag();
            }
            None => {
                self.error("eof-in-tag");
                self.emit_eof();
            }
            Some(_) => {
                self.start_attribute();
                self.reconsume_in(State::AttributeName, c);
            }
        }
    }

    /// §13.2.5.35 Before attribute value state.
    #[inline(never)] // a call per state keeps `step` small (see `Tokenizer::step`)
    pub(super) fn before_attribute_value_state(&mut self) {
        let c = self.consume();
        match c {
            Some(s) if is_space(s) => {}
            Some('"') => self.state = State::AttributeValueDoubleQuoted,
            Some('\'') => self.state = State::AttributeValueSingleQuoted,
            Some('>') => {
                self.error("missing-attribute-value");
                self.state = State::Data;
                self.emit_tag();
            }
            _ => self.reconsume_in(State::AttributeValueUnquoted, c),
        }
    }

    /// §13.2.5.36 Attribute value (double-quoted) and §13.2.5.37 (single-quoted) states.
    #[inline(never)] // a call per state keeps `step` small (see `Tokenizer::step`)
    pub(super) fn attribute_value_quoted_state(&mut self, quote: char) {
        loop {
            let bytes = &self.input.as_bytes()[self.pos..];
            let run = bytes
                .iter()
                .position(|&b| b == quote as u8 || b == b'&' || b == 0)
                .unwrap_or(bytes.len());
            if let Some(text) = self.input.get(self.pos..self.pos + run) {
                self.attribute_value.push_str(text);
            }
            self.pos += run;
            match self.consume() {
                Some(q) if q == quote => return self.state = State::AfterAttributeValueQuoted,
                Some('&') => {
                    self.return_state = self.state;
                    return self.state = State::CharacterReference;
                }
                Some('\0') => {
                    self.error("unexpected-null-character");
                    self.attribute_value.push('\u{FFFD}');
                }
                None => {
                    self.error("eof-in-tag");
                    return self.emit_eof();
                }
                Some(c) => self.attribute_value.push(c),
            }
        }
    }

    /// §13.2.5.38 Attribute value (unquoted) state.
    #[inline(never)] // a call per state keeps `step` small (see `Tokenizer::step`)
    pub(super) fn attribute_value_unquoted_state(&mut self) {
        let run = plain_ascii_run(&self.input.as_bytes()[self.pos..], b"&>\"'<=`");
        if let Some(text) = self.input.get(self.pos..self.pos + run) {
            self.attribute_value.push_str(text);
        }
        self.pos += run;
        match self.consume() {
            Some(s) if is_space(s) => self.state = State::BeforeAttributeName,
            Some('&') => {
                self.return_state = State::AttributeValueUnquoted;
                self.state = State::CharacterReference;
            }
            Some('>') => {
                self.state = State::Data;
                self.emit_tag();
            }
            Some('\0') => {
                self.error("unexpected-null-character");
                self.attribute_value.push('\u{FFFD}');
            }
            Some(q @ ('"' | '\'' | '<' | '=' | '`')) => {
                self.error("unexpected-character-in-unquoted-attribute-value");
                self.attribute_value.push(q);
            }
            None => {
                self.error("eof-in-tag");
                self.emit_eof();
            }
            Some(c) => self.attribute_value.push(c),
        }
    }

    /// §13.2.5.39 After attribute value (quoted) state.
    #[inline(never)] // a call per state keeps `step` small (see `Tokenizer::step`)
    pub(super) fn after_attribute_value_quoted_state(&mut self) {
        let c = self.consume();
        match c {
            Some(s) if is_space(s) => self.state = State::BeforeAttributeName,
            Some('/') => self.state = State::SelfClosingStartTag,
            Some('>') => {
                self.state = State::Data;
                self.emit_tag();
            }
            None => {
                self.error("eof-in-tag");
                self.emit_eof();
            }
            Some(_) => {
                self.error("missing-whitespace-between-attributes");
                self.reconsume_in(State::BeforeAttributeName, c);
            }
        }
    }

    /// §13.2.5.40 Self-closing start tag state.
    #[inline(never)] // a call per state keeps `step` small (see `Tokenizer::step`)
    pub(super) fn self_closing_start_tag_state(&mut self) {
        let c = self.consume();
        match c {
            Some('>') => {
                self.tag.self_closing = true;
                self.state = State::Data;
                self.emit_tag();
            }
            None => {
                self.error("eof-in-tag");
                self.emit_eof();
            }
            Some(_) => {
                self.error("unexpected-solidus-in-tag");
                self.reconsume_in(State::BeforeAttributeName, c);
            }
        }
    }

    /// §13.2.5.41 Bogus comment state.
    #[inline(never)] // a call per state keeps `step` small (see `Tokenizer::step`)
    pub(super) fn bogus_comment_state(&mut self) {
        loop {
            match self.consume() {
                Some('>') => {
                    self.state = State::Data;
                    return self.emit_comment();
                }
                None => {
                    self.emit_comment();
                    return self.emit_eof();
                }
                Some('\0') => {
                    self.error("unexpected-null-character");
                    self.comment.push('\u{FFFD}');
                }
                Some(c) => self.comment.push(c),
            }
        }
    }

    /// §13.2.5.42 Markup declaration open state.
    #[inline(never)] // a call per state keeps `step` small (see `Tokenizer::step`)
    pub(super) fn markup_declaration_open_state(&mut self) {
        let rest = self.rest().as_bytes();
        if rest.starts_with(b"--") {
            self.pos += 2;
            self.comment.clear();
            self.state = State::CommentStart;
        } else if rest.len() >= 7 && rest[..7].eq_ignore_ascii_case(b"DOCTYPE") {
            self.pos += 7;
            self.state = State::Doctype;
        } else if rest.starts_with(b"[CDATA[") {
            self.pos += 7;
            if self.allow_cdata {
                self.state = State::CdataSection;
            } else {
                self.error("cdata-in-html-content");
                self.comment.clear();
                self.comment.push_str("[CDATA[");
                self.state = State::BogusComment;
            }
        } else {
            self.error("incorrectly-opened-comment");
            self.comment.clear();
            self.state = State::BogusComment;
        }
    }
}
