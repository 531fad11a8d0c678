//! §13.2.6.4.7 The "in body" insertion mode: characters, comments and start tags. End tags
//! are in `body_end_tags.rs`.

use super::stack::Scope;
use super::{is_space, Mode, TreeBuilder};
use crate::dom::Namespace;
use crate::tokenizer::{State, Tag, Token};
use alloc::string::String;

/// Start tags that close a `p` in button scope and open a block.
const BLOCK_STARTS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
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
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "search",
    "section",
    "summary",
    "ul",
];

const HEADINGS: &[&str] = &["h1", "h2", "h3", "h4", "h5", "h6"];

impl TreeBuilder {
    /// §13.2.6.4.7 The "in body" insertion mode.
    #[inline(never)] // a call per mode keeps `process_in` small (see there)
    pub(super) fn in_body_mode(&mut self, token: Token) {
        match token {
            Token::Characters(text) => self.in_body_characters(text),
            Token::Comment(text) => self.insert_comment(text, None),
            Token::Doctype(_) => self.error(),
            Token::StartTag(tag) => self.in_body_start_tag(tag),
            Token::EndTag(tag) => self.in_body_end_tag(tag),
            Token::EndOfFile => {
                if !self.template_modes.is_empty() {
                    self.in_template_mode(Token::EndOfFile);
                } else {
                    self.check_open_at_body_end();
                    self.stop();
                }
            }
        }
    }

    #[inline(never)] // wasmi charges inlined code on every call (see `process_in`)
    fn in_body_characters(&mut self, mut text: String) {
        if text.contains('\0') {
            self.error();
            text.retain(|c| c != '\0');
        }
        if text.is_empty() {
            return;
        }
        self.reconstruct_formatting();
        if self.frameset_ok && !text.chars().all(is_space) {
            self.frameset_ok = false;
        }
        self.insert_text(text);
    }

    /// Start tags in body, first half: the common tags of text (blocks, headings, lists,
    /// links, formatting). wasmi charges a function's straight-line code on every call, so
    /// the rules are split in two and the rarer half is paid for only when it is needed.
    #[inline(never)]
    fn in_body_start_tag(&mut self, tag: Tag) {
        let name = tag.name.as_str();
        match name {
            "html" => {
                self.error();
                if !self.stack_has("template") {
                    if let Some(root) = self.open.first() {
                        self.add_missing_attributes(root, tag);
                    }
                }
            }
            "base" | "basefont" | "bgsound" | "link" | "meta" | "noframes" | "script" | "style"
            | "template" | "title" => self.in_head_mode(Token::StartTag(tag)),
            "body" => {
                self.error();
                let body = self.open.get(1);
                match body {
                    Some(body)
                        if self.is_html_one_of(body, &["body"]) && !self.stack_has("template") =>
                    {
                        self.frameset_ok = false;
                        self.add_missing_attributes(body, tag);
                    }
                    _ => {}
                }
            }
            "frameset" => {
                self.error();
                let Some(body) = self.open.get(1) else {
                    return;
                };
                if !self.is_html_one_of(body, &["body"]) || !self.frameset_ok {
                    return;
                }
                self.document.detach(body);
                self.open.truncate(1);
                self.insert_html_element(tag);
                self.mode = Mode::InFrameset;
            }
            _ if BLOCK_STARTS.contains(&name) => {
                self.close_p_if_in_button_scope();
                self.insert_html_element(tag);
            }
            _ if HEADINGS.contains(&name) => {
                self.close_p_if_in_button_scope();
                if self.current_is(HEADINGS) {
                    self.error();
                    self.open.pop();
                }
                self.insert_html_element(tag);
            }
            "pre" | "listing" => {
                self.close_p_if_in_button_scope();
                self.insert_html_element(tag);
                self.ignore_next_newline = true;
                self.frameset_ok = false;
            }
            "form" => {
                let in_template = self.stack_has("template");
                if self.form.is_some() && !in_template {
                    self.error();
                    return;
                }
                self.close_p_if_in_button_scope();
                let form = self.insert_html_element(tag);
                if !in_template {
                    self.form = Some(form);
                }
            }
            "li" => self.start_list_item(tag, &["li"]),
            "dd" | "dt" => self.start_list_item(tag, &["dd", "dt"]),
            "plaintext" => {
                self.close_p_if_in_button_scope();
                self.insert_html_element(tag);
                self.switch_to(State::Plaintext);
            }
            "button" => {
                if self.in_scope(&["button"], Scope::Default) {
                    self.error();
                    self.generate_implied_end_tags("");
                    self.pop_until(&["button"]);
                }
                self.reconstruct_formatting();
                self.insert_html_element(tag);
                self.frameset_ok = false;
            }
            "a" => {
                if let Some(anchor) = self.formatting_after_marker("a") {
                    self.error();
                    self.adoption_agency("a");
                    if let Some(position) = self.formatting_position(anchor) {
                        self.formatting.remove(position);
                    }
                    self.remove_from_stack(anchor);
                }
                self.reconstruct_formatting();
                let element = self.insert_html_element(tag);
                self.push_formatting(element);
            }
            "b" | "big" | "code" | "em" | "font" | "i" | "s" | "small" | "strike" | "strong"
            | "tt" | "u" => {
                self.reconstruct_formatting();
                let element = self.insert_html_element(tag);
                self.push_formatting(element);
            }
            _ => self.in_body_start_tag_rest(tag),
        }
    }

    /// Start tags in body, second half (see `in_body_start_tag`).
    #[inline(never)]
    fn in_body_start_tag_rest(&mut self, mut tag: Tag) {
        let name = tag.name.as_str();
        match name {
            "nobr" => {
                self.reconstruct_formatting();
                if self.in_scope(&["nobr"], Scope::Default) {
                    self.error();
                    self.adoption_agency("nobr");
                    self.reconstruct_formatting();
                }
                let element = self.insert_html_element(tag);
                self.push_formatting(element);
            }
            "applet" | "marquee" | "object" => {
                self.reconstruct_formatting();
                self.insert_html_element(tag);
                self.insert_marker();
                self.frameset_ok = false;
            }
            "table" => {
                if self.document.quirks_mode != crate::dom::QuirksMode::Quirks {
                    self.close_p_if_in_button_scope();
                }
                self.insert_html_element(tag);
                self.frameset_ok = false;
                self.mode = Mode::InTable;
            }
            "area" | "br" | "embed" | "img" | "keygen" | "wbr" => {
                self.reconstruct_formatting();
                self.insert_html_element(tag);
                self.open.pop();
                self.frameset_ok = false;
            }
            "input" => {
                self.reconstruct_formatting();
                let hidden = tag
                    .attribute("type")
                    .is_some_and(|t| t.eq_ignore_ascii_case("hidden"));
                self.insert_html_element(tag);
                self.open.pop();
                if !hidden {
                    self.frameset_ok = false;
                }
            }
            "param" | "source" | "track" => {
                self.insert_html_element(tag);
                self.open.pop();
            }
            "hr" => {
                self.close_p_if_in_button_scope();
                self.insert_html_element(tag);
                self.open.pop();
                self.frameset_ok = false;
            }
            "image" => {
                self.error();
                tag.name = String::from("img");
                self.in_body_start_tag(tag);
            }
            "textarea" => {
                self.insert_html_element(tag);
                self.ignore_next_newline = true;
                self.switch_to(State::Rcdata);
                self.original_mode = self.mode;
                self.frameset_ok = false;
                self.mode = Mode::Text;
            }
            "xmp" => {
                self.close_p_if_in_button_scope();
                self.reconstruct_formatting();
                self.frameset_ok = false;
                self.parse_raw_text(tag, State::Rawtext);
            }
            "iframe" => {
                self.frameset_ok = false;
                self.parse_raw_text(tag, State::Rawtext);
            }
            "noembed" => self.parse_raw_text(tag, State::Rawtext),
            "noscript" if self.scripting => self.parse_raw_text(tag, State::Rawtext),
            "select" => {
                self.reconstruct_formatting();
                self.insert_html_element(tag);
                self.frameset_ok = false;
                self.mode = match self.mode {
                    Mode::InTable
                    | Mode::InCaption
                    | Mode::InTableBody
                    | Mode::InRow
                    | Mode::InCell => Mode::InSelectInTable,
                    _ => Mode::InSelect,
                };
            }
            "optgroup" | "option" => {
                if self.current_is(&["option"]) {
                    self.open.pop();
                }
                self.reconstruct_formatting();
                self.insert_html_element(tag);
            }
            "rb" | "rtc" => {
                if self.in_scope(&["ruby"], Scope::Default) {
                    self.generate_implied_end_tags("");
                    if !self.current_is(&["ruby"]) {
                        self.error();
                    }
                }
                self.insert_html_element(tag);
            }
            "rp" | "rt" => {
                if self.in_scope(&["ruby"], Scope::Default) {
                    self.generate_implied_end_tags("rtc");
                    if !self.current_is(&["rtc", "ruby"]) {
                        self.error();
                    }
                }
                self.insert_html_element(tag);
            }
            "math" | "svg" => {
                self.reconstruct_formatting();
                let namespace = if name == "math" {
                    Namespace::MathMl
                } else {
                    Namespace::Svg
                };
                self.insert_foreign_for_token(tag, namespace);
            }
            "caption" | "col" | "colgroup" | "frame" | "head" | "tbody" | "td" | "tfoot" | "th"
            | "thead" | "tr" => self.error(),
            _ => {
                self.reconstruct_formatting();
                self.insert_html_element(tag);
            }
        }
    }

    /// The `li` and `dd`/`dt` start tags: close an open item of the same kind first.
    #[inline(never)] // wasmi charges inlined code on every call (see `process_in`)
    fn start_list_item(&mut self, tag: Tag, kinds: &[&str]) {
        self.frameset_ok = false;
        for index in (0..self.open.len()).rev() {
            let node = self.open[index];
            if self.is_html_one_of(node, kinds) {
                let name = String::from(self.name(node));
                self.generate_implied_end_tags(&name);
                if !self.current_is(&[name.as_str()]) {
                    self.error();
                }
                self.pop_until(&[name.as_str()]);
                break;
            }
            if self.is_special(node) && !self.is_html_one_of(node, &["address", "div", "p"]) {
                break;
            }
        }
        self.close_p_if_in_button_scope();
        self.insert_html_element(tag);
    }
}
