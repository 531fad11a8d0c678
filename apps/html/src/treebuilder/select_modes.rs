//! The "in select", "in select in table" and "in template" insertion modes
//! (§13.2.6.4.16-18).

use super::stack::Scope;
use super::{Mode, TreeBuilder};
use crate::tokenizer::Token;

impl TreeBuilder {
    /// §13.2.6.4.16 The "in select" insertion mode.
    #[inline(never)] // a call per mode keeps `process_in` small (see there)
    pub(super) fn in_select_mode(&mut self, token: Token) {
        match token {
            Token::Characters(text) => {
                if text.contains('\0') {
                    self.error();
                    self.insert_text(text.replace('\0', ""));
                } else {
                    self.insert_text(text);
                }
            }
            Token::Comment(text) => self.insert_comment(text, None),
            Token::Doctype(_) => self.error(),
            Token::StartTag(tag) => match tag.name.as_str() {
                "html" => self.in_body_mode(Token::StartTag(tag)),
                "option" => {
                    if self.current_is(&["option"]) {
                        self.open.pop();
                    }
                    self.insert_html_element(tag);
                }
                "optgroup" => {
                    if self.current_is(&["option"]) {
                        self.open.pop();
                    }
                    if self.current_is(&["optgroup"]) {
                        self.open.pop();
                    }
                    self.insert_html_element(tag);
                }
                "hr" => {
                    if self.current_is(&["option"]) {
                        self.open.pop();
                    }
                    if self.current_is(&["optgroup"]) {
                        self.open.pop();
                    }
                    self.insert_html_element(tag);
                    self.open.pop();
                }
                "select" => {
                    self.error();
                    self.close_select();
                }
                "input" | "keygen" | "textarea" => {
                    self.error();
                    if self.close_select() {
                        self.process_in(self.mode, Token::StartTag(tag));
                    }
                }
                "script" | "template" => self.in_head_mode(Token::StartTag(tag)),
                _ => self.error(),
            },
            Token::EndTag(tag) => match tag.name.as_str() {
                "optgroup" => {
                    let len = self.open.len();
                    if self.current_is(&["option"])
                        && len >= 2
                        && self.is_html_one_of(self.open[len - 2], &["optgroup"])
                    {
                        self.open.pop();
                    }
                    if self.current_is(&["optgroup"]) {
                        self.open.pop();
                    } else {
                        self.error();
                    }
                }
                "option" => {
                    if self.current_is(&["option"]) {
                        self.open.pop();
                    } else {
                        self.error();
                    }
                }
                "select" => {
                    if !self.close_select() {
                        self.error();
                    }
                }
                "template" => self.in_head_mode(Token::EndTag(tag)),
                _ => self.error(),
            },
            Token::EndOfFile => self.in_body_mode(Token::EndOfFile),
        }
    }

    /// Pops up to the `select` and resets the mode; false if no select is in select scope.
    fn close_select(&mut self) -> bool {
        if !self.in_scope(&["select"], Scope::Select) {
            return false;
        }
        self.pop_until(&["select"]);
        self.reset_insertion_mode();
        true
    }

    /// §13.2.6.4.17 The "in select in table" insertion mode.
    #[inline(never)] // a call per mode keeps `process_in` small (see there)
    pub(super) fn in_select_in_table_mode(&mut self, token: Token) {
        const TABLE_PARTS: &[&str] = &[
            "caption", "table", "tbody", "tfoot", "thead", "tr", "td", "th",
        ];
        match &token {
            Token::StartTag(tag) if TABLE_PARTS.contains(&tag.name.as_str()) => {
                self.error();
                self.pop_until(&["select"]);
                self.reset_insertion_mode();
                self.process_in(self.mode, token);
            }
            Token::EndTag(tag) if TABLE_PARTS.contains(&tag.name.as_str()) => {
                self.error();
                if !self.in_scope(&[tag.name.as_str()], Scope::Table) {
                    return;
                }
                self.pop_until(&["select"]);
                self.reset_insertion_mode();
                self.process_in(self.mode, token);
            }
            _ => self.in_select_mode(token),
        }
    }

    /// §13.2.6.4.18 The "in template" insertion mode.
    #[inline(never)] // a call per mode keeps `process_in` small (see there)
    pub(super) fn in_template_mode(&mut self, token: Token) {
        match &token {
            Token::Characters(_) | Token::Comment(_) | Token::Doctype(_) => {
                self.in_body_mode(token)
            }
            Token::StartTag(tag) => {
                let next = match tag.name.as_str() {
                    "base" | "basefont" | "bgsound" | "link" | "meta" | "noframes" | "script"
                    | "style" | "template" | "title" => return self.in_head_mode(token),
                    "caption" | "colgroup" | "tbody" | "tfoot" | "thead" => Mode::InTable,
                    "col" => Mode::InColumnGroup,
                    "tr" => Mode::InTableBody,
                    "td" | "th" => Mode::InRow,
                    _ => Mode::InBody,
                };
                self.template_modes.pop();
                self.template_modes.push(next);
                self.reprocess_in(next, token);
            }
            Token::EndTag(tag) if tag.name == "template" => self.in_head_mode(token),
            Token::EndTag(_) => self.error(),
            Token::EndOfFile => {
                if !self.stack_has("template") {
                    self.stop();
                    return;
                }
                self.error();
                self.pop_until(&["template"]);
                self.clear_formatting_to_marker();
                self.template_modes.pop();
                self.reset_insertion_mode();
                // "Reprocess the token": `run` hands the end-of-file token over again
                // until parsing stops, so nested templates unwind in a loop, not by
                // recursion.
            }
        }
    }
}
