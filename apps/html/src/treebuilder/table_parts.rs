//! Insertion modes inside a table: in caption, in column group, in table body, in row, in
//! cell (§13.2.6.4.11-15).

use super::stack::Scope;
use super::{split_leading_space, Mode, TreeBuilder};
use crate::tokenizer::Token;
use alloc::string::String;

impl TreeBuilder {
    /// §13.2.6.4.11 The "in caption" insertion mode.
    #[inline(never)] // a call per mode keeps `process_in` small (see there)
    pub(super) fn in_caption_mode(&mut self, token: Token) {
        match &token {
            Token::EndTag(tag) if tag.name == "caption" => {
                self.close_caption();
            }
            Token::StartTag(tag)
                if matches!(
                    tag.name.as_str(),
                    "caption"
                        | "col"
                        | "colgroup"
                        | "tbody"
                        | "td"
                        | "tfoot"
                        | "th"
                        | "thead"
                        | "tr"
                ) =>
            {
                if self.close_caption() {
                    self.process_in(Mode::InTable, token);
                }
            }
            Token::EndTag(tag) if tag.name == "table" => {
                if self.close_caption() {
                    self.process_in(Mode::InTable, token);
                }
            }
            Token::EndTag(tag)
                if matches!(
                    tag.name.as_str(),
                    "body"
                        | "col"
                        | "colgroup"
                        | "html"
                        | "tbody"
                        | "td"
                        | "tfoot"
                        | "th"
                        | "thead"
                        | "tr"
                ) =>
            {
                self.error()
            }
            _ => self.in_body_mode(token),
        }
    }

    /// Closes the caption if one is in table scope; false (with a parse error) if not.
    fn close_caption(&mut self) -> bool {
        if !self.in_scope(&["caption"], Scope::Table) {
            self.error();
            return false;
        }
        self.generate_implied_end_tags("");
        if !self.current_is(&["caption"]) {
            self.error();
        }
        self.pop_until(&["caption"]);
        self.clear_formatting_to_marker();
        self.mode = Mode::InTable;
        true
    }

    /// §13.2.6.4.12 The "in column group" insertion mode.
    #[inline(never)] // a call per mode keeps `process_in` small (see there)
    pub(super) fn in_column_group_mode(&mut self, token: Token) {
        let token = match token {
            Token::Characters(text) => {
                let (space, rest) = split_leading_space(&text);
                self.insert_text(space);
                if rest.is_empty() {
                    return;
                }
                Token::Characters(String::from(rest))
            }
            other => other,
        };
        match token {
            Token::Comment(text) => self.insert_comment(text, None),
            Token::Doctype(_) => self.error(),
            Token::StartTag(tag) if tag.name == "html" => self.in_body_mode(Token::StartTag(tag)),
            Token::StartTag(tag) if tag.name == "col" => {
                self.insert_html_element(tag);
                self.open.pop();
            }
            Token::EndTag(tag) if tag.name == "colgroup" => {
                if !self.current_is(&["colgroup"]) {
                    self.error();
                    return;
                }
                self.open.pop();
                self.mode = Mode::InTable;
            }
            Token::EndTag(tag) if tag.name == "col" => self.error(),
            Token::StartTag(tag) if tag.name == "template" => {
                self.in_head_mode(Token::StartTag(tag))
            }
            Token::EndTag(tag) if tag.name == "template" => self.in_head_mode(Token::EndTag(tag)),
            Token::EndOfFile => self.in_body_mode(Token::EndOfFile),
            other => {
                if !self.current_is(&["colgroup"]) {
                    self.error();
                    return;
                }
                self.open.pop();
                self.reprocess_in(Mode::InTable, other);
            }
        }
    }

    /// §13.2.6.4.13 The "in table body" insertion mode.
    #[inline(never)] // a call per mode keeps `process_in` small (see there)
    pub(super) fn in_table_body_mode(&mut self, token: Token) {
        const SECTIONS: &[&str] = &["tbody", "thead", "tfoot"];
        match &token {
            Token::StartTag(tag) if tag.name == "tr" => {
                self.clear_stack_back_to(SECTIONS);
                let Token::StartTag(tag) = token else { return };
                self.insert_html_element(tag);
                self.mode = Mode::InRow;
            }
            Token::StartTag(tag) if tag.name == "th" || tag.name == "td" => {
                self.error();
                self.clear_stack_back_to(SECTIONS);
                self.insert_html_named("tr");
                self.reprocess_in(Mode::InRow, token);
            }
            Token::EndTag(tag) if SECTIONS.contains(&tag.name.as_str()) => {
                if !self.in_scope(&[tag.name.as_str()], Scope::Table) {
                    self.error();
                    return;
                }
                self.clear_stack_back_to(SECTIONS);
                self.open.pop();
                self.mode = Mode::InTable;
            }
            Token::StartTag(tag)
                if matches!(
                    tag.name.as_str(),
                    "caption" | "col" | "colgroup" | "tbody" | "tfoot" | "thead"
                ) =>
            {
                self.leave_table_body(token)
            }
            Token::EndTag(tag) if tag.name == "table" => self.leave_table_body(token),
            Token::EndTag(tag)
                if matches!(
                    tag.name.as_str(),
                    "body" | "caption" | "col" | "colgroup" | "html" | "td" | "th" | "tr"
                ) =>
            {
                self.error()
            }
            _ => self.in_table_mode(token),
        }
    }

    fn leave_table_body(&mut self, token: Token) {
        if !self.in_scope(&["tbody", "thead", "tfoot"], Scope::Table) {
            self.error();
            return;
        }
        self.clear_stack_back_to(&["tbody", "thead", "tfoot"]);
        self.open.pop();
        self.reprocess_in(Mode::InTable, token);
    }

    /// §13.2.6.4.14 The "in row" insertion mode.
    #[inline(never)] // a call per mode keeps `process_in` small (see there)
    pub(super) fn in_row_mode(&mut self, token: Token) {
        match &token {
            Token::StartTag(tag) if tag.name == "th" || tag.name == "td" => {
                self.clear_stack_back_to(&["tr"]);
                let Token::StartTag(tag) = token else { return };
                self.insert_html_element(tag);
                self.mode = Mode::InCell;
                self.insert_marker();
            }
            Token::EndTag(tag) if tag.name == "tr" => {
                self.close_row();
            }
            Token::StartTag(tag)
                if matches!(
                    tag.name.as_str(),
                    "caption" | "col" | "colgroup" | "tbody" | "tfoot" | "thead" | "tr"
                ) =>
            {
                if self.close_row() {
                    self.process_in(Mode::InTableBody, token);
                }
            }
            Token::EndTag(tag) if tag.name == "table" => {
                if self.close_row() {
                    self.process_in(Mode::InTableBody, token);
                }
            }
            Token::EndTag(tag) if matches!(tag.name.as_str(), "tbody" | "tfoot" | "thead") => {
                if !self.in_scope(&[tag.name.as_str()], Scope::Table) {
                    self.error();
                    return;
                }
                if self.close_row() {
                    self.process_in(Mode::InTableBody, token);
                }
            }
            Token::EndTag(tag)
                if matches!(
                    tag.name.as_str(),
                    "body" | "caption" | "col" | "colgroup" | "html" | "td" | "th"
                ) =>
            {
                self.error()
            }
            _ => self.in_table_mode(token),
        }
    }

    /// Closes the current row if a `tr` is in table scope.
    fn close_row(&mut self) -> bool {
        if !self.in_scope(&["tr"], Scope::Table) {
            self.error();
            return false;
        }
        self.clear_stack_back_to(&["tr"]);
        self.open.pop();
        self.mode = Mode::InTableBody;
        true
    }

    /// §13.2.6.4.15 The "in cell" insertion mode.
    #[inline(never)] // a call per mode keeps `process_in` small (see there)
    pub(super) fn in_cell_mode(&mut self, token: Token) {
        match &token {
            Token::EndTag(tag) if tag.name == "td" || tag.name == "th" => {
                let name = tag.name.as_str();
                if !self.in_scope(&[name], Scope::Table) {
                    self.error();
                    return;
                }
                self.generate_implied_end_tags("");
                if !self.current_is(&[name]) {
                    self.error();
                }
                // The token is borrowed; name the cell with a static string instead.
                let name = if name == "td" { "td" } else { "th" };
                self.pop_until(&[name]);
                self.clear_formatting_to_marker();
                self.mode = Mode::InRow;
            }
            Token::StartTag(tag)
                if matches!(
                    tag.name.as_str(),
                    "caption"
                        | "col"
                        | "colgroup"
                        | "tbody"
                        | "td"
                        | "tfoot"
                        | "th"
                        | "thead"
                        | "tr"
                ) =>
            {
                if !self.in_scope(&["td", "th"], Scope::Table) {
                    self.error();
                    return;
                }
                self.close_cell();
                self.process_in(self.mode, token);
            }
            Token::EndTag(tag)
                if matches!(
                    tag.name.as_str(),
                    "body" | "caption" | "col" | "colgroup" | "html"
                ) =>
            {
                self.error()
            }
            Token::EndTag(tag)
                if matches!(
                    tag.name.as_str(),
                    "table" | "tbody" | "tfoot" | "thead" | "tr"
                ) =>
            {
                if !self.in_scope(&[tag.name.as_str()], Scope::Table) {
                    self.error();
                    return;
                }
                self.close_cell();
                self.process_in(self.mode, token);
            }
            _ => self.in_body_mode(token),
        }
    }

    /// §13.2.6.4.15 "close the cell".
    fn close_cell(&mut self) {
        self.generate_implied_end_tags("");
        if !self.current_is(&["td", "th"]) {
            self.error();
        }
        self.pop_until(&["td", "th"]);
        self.clear_formatting_to_marker();
        self.mode = Mode::InRow;
    }
}
