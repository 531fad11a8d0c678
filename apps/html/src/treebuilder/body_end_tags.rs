//! §13.2.6.4.7 The "in body" insertion mode: end tags.

use super::open_elements::SPECIAL;
use super::stack::Scope;
use super::{Mode, TreeBuilder};
use crate::tokenizer::{Tag, Token};
use alloc::string::String;

/// End tags that close a block in scope.
const BLOCK_ENDS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "button",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "header",
    "hgroup",
    "listing",
    "main",
    "menu",
    "nav",
    "ol",
    "pre",
    "search",
    "section",
    "summary",
    "ul",
];

const HEADINGS: &[&str] = &["h1", "h2", "h3", "h4", "h5", "h6"];

const FORMATTING: &[&str] = &[
    "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
];

impl TreeBuilder {
    #[inline(never)] // wasmi charges inlined code on every call (see `process_in`)
    pub(super) fn in_body_end_tag(&mut self, tag: Tag) {
        let name = tag.name.as_str();
        match name {
            "template" => self.in_head_mode(Token::EndTag(tag)),
            "body" | "html" => {
                if !self.in_scope(&["body"], Scope::Default) {
                    self.error();
                    return;
                }
                self.check_open_at_body_end();
                self.mode = Mode::AfterBody;
                if name == "html" {
                    self.process_in(Mode::AfterBody, Token::EndTag(tag));
                }
            }
            _ if BLOCK_ENDS.contains(&name) => {
                if !self.in_scope(&[name], Scope::Default) {
                    self.error();
                    return;
                }
                self.generate_implied_end_tags("");
                if !self.current_is(&[name]) {
                    self.error();
                }
                self.pop_until(&[name]);
            }
            "form" => self.end_form(),
            "p" => {
                if !self.in_scope(&["p"], Scope::Button) {
                    self.error();
                    self.insert_html_named("p");
                }
                self.close_p_element();
            }
            "li" => self.end_list_item(name, Scope::ListItem),
            "dd" | "dt" => self.end_list_item(name, Scope::Default),
            _ if HEADINGS.contains(&name) => {
                if !self.in_scope(HEADINGS, Scope::Default) {
                    self.error();
                    return;
                }
                self.generate_implied_end_tags("");
                if !self.current_is(&[name]) {
                    self.error();
                }
                self.pop_until(HEADINGS);
            }
            _ if FORMATTING.contains(&name) => {
                if !self.adoption_agency(name) {
                    self.any_other_end_tag(name);
                }
            }
            "applet" | "marquee" | "object" => {
                if !self.in_scope(&[name], Scope::Default) {
                    self.error();
                    return;
                }
                self.generate_implied_end_tags("");
                if !self.current_is(&[name]) {
                    self.error();
                }
                self.pop_until(&[name]);
                self.clear_formatting_to_marker();
            }
            "br" => {
                self.error();
                self.reconstruct_formatting();
                self.insert_html_named("br");
                self.open.pop();
                self.frameset_ok = false;
            }
            _ => self.any_other_end_tag(name),
        }
    }

    #[inline(never)] // wasmi charges inlined code on every call (see `process_in`)
    fn end_form(&mut self) {
        if !self.stack_has("template") {
            let node = self.form.take();
            match node {
                Some(node) if self.node_in_scope(node, Scope::Default) => {
                    self.generate_implied_end_tags("");
                    if self.current() != Some(node) {
                        self.error();
                    }
                    self.remove_from_stack(node);
                }
                _ => self.error(),
            }
        } else {
            if !self.in_scope(&["form"], Scope::Default) {
                self.error();
                return;
            }
            self.generate_implied_end_tags("");
            if !self.current_is(&["form"]) {
                self.error();
            }
            self.pop_until(&["form"]);
        }
    }

    #[inline(never)] // wasmi charges inlined code on every call (see `process_in`)
    fn end_list_item(&mut self, name: &str, scope: Scope) {
        if !self.in_scope(&[name], scope) {
            self.error();
            return;
        }
        self.generate_implied_end_tags(name);
        if !self.current_is(&[name]) {
            self.error();
        }
        self.pop_until(&[name]);
    }

    /// The "any other end tag" rule of in body.
    #[inline(never)] // wasmi charges inlined code on every call (see `process_in`)
    pub(super) fn any_other_end_tag(&mut self, name: &str) {
        // With no such element open, the walk below could only end at a special element
        // or the root: a parse error either way. Answer at once.
        if self.open.lacks_html(&[name]) {
            self.error();
            return;
        }
        match self.find_in_scope(&[name], SPECIAL) {
            Some(index) => {
                let node = self.open[index];
                let owned = String::from(name);
                self.generate_implied_end_tags(&owned);
                if self.current() != Some(node) {
                    self.error();
                }
                self.open.truncate(index);
            }
            None => self.error(),
        }
    }
}
