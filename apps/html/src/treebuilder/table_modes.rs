//! Table insertion modes "in table" and "in table text" (§13.2.6.4.9-10); the modes for
//! the parts of a table are in `table_parts.rs`. Content that does not belong in a table
//! is foster-parented: inserted just before the table (§13.2.6.1).

use super::stack::Scope;
use super::{is_space, Mode, TreeBuilder};
use crate::tokenizer::{Tag, Token};

impl TreeBuilder {
    /// §13.2.6.4.9 The "in table" insertion mode.
    #[inline(never)] // a call per mode keeps `process_in` small (see there)
    pub(super) fn in_table_mode(&mut self, token: Token) {
        match token {
            Token::Characters(_)
                if self.current_is(&["table", "tbody", "template", "tfoot", "thead", "tr"]) =>
            {
                self.pending_table_text.clear();
                self.original_mode = self.mode;
                self.reprocess_in(Mode::InTableText, token);
            }
            Token::Comment(text) => self.insert_comment(text, None),
            Token::Doctype(_) => self.error(),
            Token::StartTag(tag) => self.in_table_start_tag(tag),
            Token::EndTag(tag) => match tag.name.as_str() {
                "table" => {
                    if !self.in_scope(&["table"], Scope::Table) {
                        self.error();
                        return;
                    }
                    self.pop_until(&["table"]);
                    self.reset_insertion_mode();
                }
                "body" | "caption" | "col" | "colgroup" | "html" | "tbody" | "td" | "tfoot"
                | "th" | "thead" | "tr" => self.error(),
                "template" => self.in_head_mode(Token::EndTag(tag)),
                _ => self.foster_in_body(Token::EndTag(tag)),
            },
            Token::EndOfFile => self.in_body_mode(Token::EndOfFile),
            other => self.foster_in_body(other),
        }
    }

    fn in_table_start_tag(&mut self, tag: Tag) {
        match tag.name.as_str() {
            "caption" => {
                self.clear_stack_back_to(&["table"]);
                self.insert_marker();
                self.insert_html_element(tag);
                self.mode = Mode::InCaption;
            }
            "colgroup" => {
                self.clear_stack_back_to(&["table"]);
                self.insert_html_element(tag);
                self.mode = Mode::InColumnGroup;
            }
            "col" => {
                self.clear_stack_back_to(&["table"]);
                self.insert_html_named("colgroup");
                self.reprocess_in(Mode::InColumnGroup, Token::StartTag(tag));
            }
            "tbody" | "tfoot" | "thead" => {
                self.clear_stack_back_to(&["table"]);
                self.insert_html_element(tag);
                self.mode = Mode::InTableBody;
            }
            "td" | "th" | "tr" => {
                self.clear_stack_back_to(&["table"]);
                self.insert_html_named("tbody");
                self.reprocess_in(Mode::InTableBody, Token::StartTag(tag));
            }
            "table" => {
                self.error();
                if !self.in_scope(&["table"], Scope::Table) {
                    return;
                }
                self.pop_until(&["table"]);
                self.reset_insertion_mode();
                self.process_in(self.mode, Token::StartTag(tag));
            }
            "style" | "script" | "template" => self.in_head_mode(Token::StartTag(tag)),
            "input"
                if tag
                    .attribute("type")
                    .is_some_and(|t| t.eq_ignore_ascii_case("hidden")) =>
            {
                self.error();
                self.insert_html_element(tag);
                self.open.pop();
            }
            "form" => {
                self.error();
                if self.stack_has("template") || self.form.is_some() {
                    return;
                }
                self.form = Some(self.insert_html_element(tag));
                self.open.pop();
            }
            _ => self.foster_in_body(Token::StartTag(tag)),
        }
    }

    /// The "anything else" of in table: in body rules with foster parenting on.
    fn foster_in_body(&mut self, token: Token) {
        self.error();
        self.foster_parenting = true;
        self.in_body_mode(token);
        self.foster_parenting = false;
    }

    /// §13.2.6.4.10 The "in table text" insertion mode.
    #[inline(never)] // a call per mode keeps `process_in` small (see there)
    pub(super) fn in_table_text_mode(&mut self, token: Token) {
        if let Token::Characters(text) = &token {
            if text.contains('\0') {
                self.error();
                self.pending_table_text.push_str(&text.replace('\0', ""));
            } else {
                self.pending_table_text.push_str(text);
            }
            return;
        }
        let pending = core::mem::take(&mut self.pending_table_text);
        if pending.chars().all(is_space) {
            self.insert_text(&pending);
        } else {
            self.foster_in_body(Token::Characters(pending));
        }
        let mode = self.original_mode;
        self.reprocess_in(mode, token);
    }
}
