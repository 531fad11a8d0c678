//! The modes after the body: after body, in frameset, after frameset, after after body,
//! after after frameset (§13.2.6.4.19-23).

use super::{is_space, split_leading_space, Mode, TreeBuilder};
use crate::dom::Document;
use crate::tokenizer::Token;
use alloc::string::String;

impl TreeBuilder {
    /// §13.2.6.4.19 The "after body" insertion mode.
    #[inline(never)] // a call per mode keeps `process_in` small (see there)
    pub(super) fn after_body_mode(&mut self, token: Token) {
        match token {
            Token::Characters(text) => {
                let (space, rest) = split_leading_space(&text);
                let rest = String::from(rest);
                if !space.is_empty() {
                    self.in_body_mode(Token::Characters(String::from(space)));
                }
                if !rest.is_empty() {
                    self.error();
                    self.reprocess_in(Mode::InBody, Token::Characters(rest));
                }
            }
            Token::Comment(text) => {
                let root = self.open.first().unwrap_or(Document::ROOT);
                self.insert_comment(text, Some(root));
            }
            Token::Doctype(_) => self.error(),
            Token::StartTag(tag) if tag.name == "html" => self.in_body_mode(Token::StartTag(tag)),
            Token::EndTag(tag) if tag.name == "html" => {
                if self.context.is_some() {
                    self.error();
                    return;
                }
                self.mode = Mode::AfterAfterBody;
            }
            Token::EndOfFile => self.stop(),
            other => {
                self.error();
                self.reprocess_in(Mode::InBody, other);
            }
        }
    }

    /// Inserts only the whitespace of `text`; every other character is a parse error.
    fn insert_only_space(&mut self, text: &str) {
        let space: String = text.chars().filter(|&c| is_space(c)).collect();
        if space.len() != text.len() {
            self.error();
        }
        self.insert_text(&space);
    }

    /// §13.2.6.4.20 The "in frameset" insertion mode.
    #[inline(never)] // a call per mode keeps `process_in` small (see there)
    pub(super) fn in_frameset_mode(&mut self, token: Token) {
        match token {
            Token::Characters(text) => self.insert_only_space(&text),
            Token::Comment(text) => self.insert_comment(text, None),
            Token::Doctype(_) => self.error(),
            Token::StartTag(tag) => match tag.name.as_str() {
                "html" => self.in_body_mode(Token::StartTag(tag)),
                "frameset" => {
                    self.insert_html_element(tag);
                }
                "frame" => {
                    self.insert_html_element(tag);
                    self.open.pop();
                }
                "noframes" => self.in_head_mode(Token::StartTag(tag)),
                _ => self.error(),
            },
            Token::EndTag(tag) if tag.name == "frameset" => {
                if self.current_is(&["html"]) {
                    self.error();
                    return;
                }
                self.open.pop();
                if self.context.is_none() && !self.current_is(&["frameset"]) {
                    self.mode = Mode::AfterFrameset;
                }
            }
            Token::EndTag(_) => self.error(),
            Token::EndOfFile => {
                if !self.current_is(&["html"]) {
                    self.error();
                }
                self.stop();
            }
        }
    }

    /// §13.2.6.4.21 The "after frameset" insertion mode.
    #[inline(never)] // a call per mode keeps `process_in` small (see there)
    pub(super) fn after_frameset_mode(&mut self, token: Token) {
        match token {
            Token::Characters(text) => self.insert_only_space(&text),
            Token::Comment(text) => self.insert_comment(text, None),
            Token::Doctype(_) => self.error(),
            Token::StartTag(tag) if tag.name == "html" => self.in_body_mode(Token::StartTag(tag)),
            Token::StartTag(tag) if tag.name == "noframes" => {
                self.in_head_mode(Token::StartTag(tag))
            }
            Token::EndTag(tag) if tag.name == "html" => self.mode = Mode::AfterAfterFrameset,
            Token::EndOfFile => self.stop(),
            _ => self.error(),
        }
    }

    /// §13.2.6.4.22 The "after after body" insertion mode.
    #[inline(never)] // a call per mode keeps `process_in` small (see there)
    pub(super) fn after_after_body_mode(&mut self, token: Token) {
        match token {
            Token::Comment(text) => self.insert_comment(text, Some(Document::ROOT)),
            Token::Characters(text) => {
                let (space, rest) = split_leading_space(&text);
                let rest = String::from(rest);
                if !space.is_empty() {
                    self.in_body_mode(Token::Characters(String::from(space)));
                }
                if !rest.is_empty() {
                    self.error();
                    self.reprocess_in(Mode::InBody, Token::Characters(rest));
                }
            }
            Token::Doctype(_) => self.in_body_mode(token),
            Token::StartTag(tag) if tag.name == "html" => self.in_body_mode(Token::StartTag(tag)),
            Token::EndOfFile => self.stop(),
            other => {
                self.error();
                self.reprocess_in(Mode::InBody, other);
            }
        }
    }

    /// §13.2.6.4.23 The "after after frameset" insertion mode.
    #[inline(never)] // a call per mode keeps `process_in` small (see there)
    pub(super) fn after_after_frameset_mode(&mut self, token: Token) {
        match token {
            Token::Comment(text) => self.insert_comment(text, Some(Document::ROOT)),
            Token::Characters(text) => {
                let space: String = text.chars().filter(|&c| is_space(c)).collect();
                if space.len() != text.len() {
                    self.error();
                }
                if !space.is_empty() {
                    self.in_body_mode(Token::Characters(space));
                }
            }
            Token::Doctype(_) => self.in_body_mode(token),
            Token::StartTag(tag) if tag.name == "html" => self.in_body_mode(Token::StartTag(tag)),
            Token::StartTag(tag) if tag.name == "noframes" => {
                self.in_head_mode(Token::StartTag(tag))
            }
            Token::EndOfFile => self.stop(),
            _ => self.error(),
        }
    }
}
