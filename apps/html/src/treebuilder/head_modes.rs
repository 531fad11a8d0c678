//! The insertion modes up to the body: initial, before html, before head, in head, in head
//! noscript, after head (§13.2.6.4.1-6), and text (§13.2.6.4.8).

use super::quirks::quirks_mode_for;
use super::{split_leading_space, Mode, TreeBuilder};
use crate::dom::{DoctypeNode, Document, NodeData};
use crate::tokenizer::{State, Tag, Token};
use alloc::boxed::Box;
use alloc::string::String;

impl TreeBuilder {
    /// Handles the leading whitespace of a character token with `on_space`, and returns
    /// the rest (as a token) if any remains for "anything else".
    fn take_leading_space(&mut self, token: Token, insert_space: bool) -> Option<Token> {
        let Token::Characters(text) = token else {
            return Some(token);
        };
        let (space, rest) = split_leading_space(&text);
        if insert_space {
            self.insert_text(space);
        }
        if rest.is_empty() {
            None
        } else {
            Some(Token::Characters(String::from(rest)))
        }
    }

    /// §13.2.6.4.1 The "initial" insertion mode.
    #[inline(never)] // a call per mode keeps `process_in` small (see there)
    pub(super) fn initial_mode(&mut self, token: Token) {
        let token = match token {
            Token::Characters(_) => match self.take_leading_space(token, false) {
                Some(rest) => rest,
                None => return,
            },
            other => other,
        };
        match token {
            Token::Comment(text) => self.insert_comment(text, Some(Document::ROOT)),
            Token::Doctype(doctype) => {
                let name = doctype.name.clone().unwrap_or_default();
                if name != "html"
                    || doctype.public_id.is_some()
                    || doctype
                        .system_id
                        .as_deref()
                        .is_some_and(|s| s != "about:legacy-compat")
                {
                    self.error();
                }
                self.document.quirks_mode = quirks_mode_for(&doctype);
                let node = self
                    .document
                    .create(NodeData::Doctype(Box::new(DoctypeNode {
                        name,
                        public_id: doctype.public_id.unwrap_or_default(),
                        system_id: doctype.system_id.unwrap_or_default(),
                    })));
                self.document.append(Document::ROOT, node);
                self.mode = Mode::BeforeHtml;
            }
            other => {
                self.error();
                self.document.quirks_mode = crate::dom::QuirksMode::Quirks;
                self.reprocess_in(Mode::BeforeHtml, other);
            }
        }
    }

    /// §13.2.6.4.2 The "before html" insertion mode.
    #[inline(never)] // a call per mode keeps `process_in` small (see there)
    pub(super) fn before_html_mode(&mut self, token: Token) {
        let token = match token {
            Token::Characters(_) => match self.take_leading_space(token, false) {
                Some(rest) => rest,
                None => return,
            },
            other => other,
        };
        match token {
            Token::Doctype(_) => self.error(),
            Token::Comment(text) => self.insert_comment(text, Some(Document::ROOT)),
            Token::StartTag(tag) if tag.name == "html" => {
                self.insert_html_element(tag);
                self.mode = Mode::BeforeHead;
            }
            Token::EndTag(tag) if !matches!(tag.name.as_str(), "head" | "body" | "html" | "br") => {
                self.error();
            }
            other => {
                self.insert_html_named("html");
                self.reprocess_in(Mode::BeforeHead, other);
            }
        }
    }

    /// §13.2.6.4.3 The "before head" insertion mode.
    #[inline(never)] // a call per mode keeps `process_in` small (see there)
    pub(super) fn before_head_mode(&mut self, token: Token) {
        let token = match token {
            Token::Characters(_) => match self.take_leading_space(token, false) {
                Some(rest) => rest,
                None => return,
            },
            other => other,
        };
        match token {
            Token::Comment(text) => self.insert_comment(text, None),
            Token::Doctype(_) => self.error(),
            Token::StartTag(tag) if tag.name == "html" => self.in_body_mode(Token::StartTag(tag)),
            Token::StartTag(tag) if tag.name == "head" => {
                self.head = Some(self.insert_html_element(tag));
                self.mode = Mode::InHead;
            }
            Token::EndTag(tag) if !matches!(tag.name.as_str(), "head" | "body" | "html" | "br") => {
                self.error();
            }
            other => {
                self.head = Some(self.insert_html_named("head"));
                self.reprocess_in(Mode::InHead, other);
            }
        }
    }

    /// §13.2.6.4.4 The "in head" insertion mode.
    #[inline(never)] // a call per mode keeps `process_in` small (see there)
    pub(super) fn in_head_mode(&mut self, token: Token) {
        let token = match token {
            Token::Characters(_) => match self.take_leading_space(token, true) {
                Some(rest) => rest,
                None => return,
            },
            other => other,
        };
        match token {
            Token::Comment(text) => self.insert_comment(text, None),
            Token::Doctype(_) => self.error(),
            Token::StartTag(tag) => self.in_head_start_tag(tag),
            Token::EndTag(tag) => match tag.name.as_str() {
                "head" => {
                    self.open.pop();
                    self.mode = Mode::AfterHead;
                }
                "body" | "html" | "br" => self.leave_head(Token::EndTag(tag)),
                "template" => self.end_template(),
                _ => self.error(),
            },
            other => self.leave_head(other),
        }
    }

    fn in_head_start_tag(&mut self, tag: Tag) {
        match tag.name.as_str() {
            "html" => self.in_body_mode(Token::StartTag(tag)),
            "base" | "basefont" | "bgsound" | "link" | "meta" => {
                self.insert_html_element(tag);
                self.open.pop();
            }
            "title" => self.parse_raw_text(tag, State::Rcdata),
            "noscript" if self.scripting => self.parse_raw_text(tag, State::Rawtext),
            "noframes" | "style" => self.parse_raw_text(tag, State::Rawtext),
            "noscript" => {
                self.insert_html_element(tag);
                self.mode = Mode::InHeadNoscript;
            }
            "script" => self.parse_raw_text(tag, State::ScriptData),
            "template" => {
                self.insert_html_element(tag);
                self.insert_marker();
                self.frameset_ok = false;
                self.mode = Mode::InTemplate;
                self.template_modes.push(Mode::InTemplate);
            }
            "head" => self.error(),
            _ => self.leave_head(Token::StartTag(tag)),
        }
    }

    /// The "anything else" of in head: pop the head and go on after it.
    fn leave_head(&mut self, token: Token) {
        self.open.pop();
        self.reprocess_in(Mode::AfterHead, token);
    }

    /// The `</template>` rule of in head.
    pub(super) fn end_template(&mut self) {
        if !self.stack_has("template") {
            self.error();
            return;
        }
        self.generate_implied_end_tags_thoroughly();
        if !self.current_is(&["template"]) {
            self.error();
        }
        self.pop_until(&["template"]);
        self.clear_formatting_to_marker();
        self.template_modes.pop();
        self.reset_insertion_mode();
    }

    /// §13.2.6.4.5 The "in head noscript" insertion mode.
    #[inline(never)] // a call per mode keeps `process_in` small (see there)
    pub(super) fn in_head_noscript_mode(&mut self, token: Token) {
        match token {
            Token::Doctype(_) => self.error(),
            Token::StartTag(tag) if tag.name == "html" => self.in_body_mode(Token::StartTag(tag)),
            Token::EndTag(tag) if tag.name == "noscript" => {
                self.open.pop();
                self.mode = Mode::InHead;
            }
            Token::Characters(_) => {
                let Token::Characters(text) = &token else {
                    return;
                };
                let (space, rest) = split_leading_space(text);
                let rest = String::from(rest);
                self.in_head_mode(Token::Characters(String::from(space)));
                if !rest.is_empty() {
                    self.leave_noscript(Token::Characters(rest));
                }
            }
            Token::Comment(_) => self.in_head_mode(token),
            Token::StartTag(tag)
                if matches!(
                    tag.name.as_str(),
                    "basefont" | "bgsound" | "link" | "meta" | "noframes" | "style"
                ) =>
            {
                self.in_head_mode(Token::StartTag(tag))
            }
            Token::StartTag(tag) if matches!(tag.name.as_str(), "head" | "noscript") => {
                self.error()
            }
            Token::EndTag(tag) if tag.name != "br" => self.error(),
            other => self.leave_noscript(other),
        }
    }

    fn leave_noscript(&mut self, token: Token) {
        self.error();
        self.open.pop();
        self.reprocess_in(Mode::InHead, token);
    }

    /// §13.2.6.4.6 The "after head" insertion mode.
    #[inline(never)] // a call per mode keeps `process_in` small (see there)
    pub(super) fn after_head_mode(&mut self, token: Token) {
        let token = match token {
            Token::Characters(_) => match self.take_leading_space(token, true) {
                Some(rest) => rest,
                None => return,
            },
            other => other,
        };
        match token {
            Token::Comment(text) => self.insert_comment(text, None),
            Token::Doctype(_) => self.error(),
            Token::StartTag(tag) => match tag.name.as_str() {
                "html" => self.in_body_mode(Token::StartTag(tag)),
                "body" => {
                    self.insert_html_element(tag);
                    self.frameset_ok = false;
                    self.mode = Mode::InBody;
                }
                "frameset" => {
                    self.insert_html_element(tag);
                    self.mode = Mode::InFrameset;
                }
                "base" | "basefont" | "bgsound" | "link" | "meta" | "noframes" | "script"
                | "style" | "template" | "title" => {
                    self.error();
                    let Some(head) = self.head else { return };
                    self.push_open(head);
                    self.in_head_mode(Token::StartTag(tag));
                    self.remove_from_stack(head);
                }
                "head" => self.error(),
                _ => self.start_body(Token::StartTag(tag)),
            },
            Token::EndTag(tag) => match tag.name.as_str() {
                "template" => self.in_head_mode(Token::EndTag(tag)),
                "body" | "html" | "br" => self.start_body(Token::EndTag(tag)),
                _ => self.error(),
            },
            other => self.start_body(other),
        }
    }

    fn start_body(&mut self, token: Token) {
        self.insert_html_named("body");
        self.reprocess_in(Mode::InBody, token);
    }

    /// §13.2.6.4.8 The "text" insertion mode.
    #[inline(never)] // a call per mode keeps `process_in` small (see there)
    pub(super) fn text_mode(&mut self, token: Token) {
        match token {
            Token::Characters(text) => self.insert_text(text),
            Token::EndOfFile => {
                self.error();
                self.open.pop();
                let mode = self.original_mode;
                self.reprocess_in(mode, Token::EndOfFile);
            }
            Token::EndTag(_) => {
                self.open.pop();
                self.mode = self.original_mode;
            }
            _ => {}
        }
    }
}
