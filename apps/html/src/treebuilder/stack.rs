//! The stack of open elements (§13.2.4.3): element scopes, implied end tags, clearing back
//! to a table context, and resetting the insertion mode (§13.2.4.1).

use super::{Mode, TreeBuilder};
use crate::dom::{Namespace, NodeId};

/// The kinds of "has an element in ... scope" of §13.2.4.2.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Scope {
    Default,
    ListItem,
    Button,
    Table,
    Select,
}

/// Elements with implied end tags (§13.2.6.3).
const IMPLIED_END: &[&str] = &[
    "dd", "dt", "li", "optgroup", "option", "p", "rb", "rp", "rt", "rtc",
];

/// ... and those closed "thoroughly" as well.
const IMPLIED_END_THOROUGH: &[&str] = &[
    "caption", "colgroup", "dd", "dt", "li", "optgroup", "option", "p", "rb", "rp", "rt", "rtc",
    "tbody", "td", "tfoot", "th", "thead", "tr",
];

/// The special category of §13.2.4.2, HTML part.
const SPECIAL_HTML: &[&str] = &[
    "address",
    "applet",
    "area",
    "article",
    "aside",
    "base",
    "basefont",
    "bgsound",
    "blockquote",
    "body",
    "br",
    "button",
    "caption",
    "center",
    "col",
    "colgroup",
    "dd",
    "details",
    "dir",
    "div",
    "dl",
    "dt",
    "embed",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "frame",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "iframe",
    "img",
    "input",
    "keygen",
    "li",
    "link",
    "listing",
    "main",
    "marquee",
    "menu",
    "meta",
    "nav",
    "noembed",
    "noframes",
    "noscript",
    "object",
    "ol",
    "p",
    "param",
    "plaintext",
    "pre",
    "script",
    "search",
    "section",
    "select",
    "source",
    "style",
    "summary",
    "table",
    "tbody",
    "td",
    "template",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "track",
    "ul",
    "wbr",
    "xmp",
];

impl TreeBuilder {
    /// Whether `id` is in the special category (§13.2.4.2).
    pub(super) fn is_special(&self, id: NodeId) -> bool {
        let Some(element) = self.document.element(id) else {
            return false;
        };
        let name = element.name.as_str();
        match element.namespace {
            Namespace::Html => SPECIAL_HTML.contains(&name),
            Namespace::MathMl => {
                matches!(name, "mi" | "mo" | "mn" | "ms" | "mtext" | "annotation-xml")
            }
            Namespace::Svg => matches!(name, "foreignObject" | "desc" | "title"),
        }
    }

    /// Whether `id` ends a search for an element in `scope`.
    fn is_scope_boundary(&self, id: NodeId, scope: Scope) -> bool {
        let Some(element) = self.document.element(id) else {
            return true;
        };
        let name = element.name.as_str();
        let html = element.namespace == Namespace::Html;
        match scope {
            Scope::Select => !(html && matches!(name, "optgroup" | "option")),
            Scope::Table => html && matches!(name, "html" | "table" | "template"),
            _ => {
                let base = match element.namespace {
                    Namespace::Html => matches!(
                        name,
                        "applet"
                            | "caption"
                            | "html"
                            | "table"
                            | "td"
                            | "th"
                            | "marquee"
                            | "object"
                            | "template"
                    ),
                    Namespace::MathMl => {
                        matches!(name, "mi" | "mo" | "mn" | "ms" | "mtext" | "annotation-xml")
                    }
                    Namespace::Svg => matches!(name, "foreignObject" | "desc" | "title"),
                };
                base || (scope == Scope::ListItem && html && matches!(name, "ol" | "ul"))
                    || (scope == Scope::Button && html && name == "button")
            }
        }
    }

    /// "Has an element in scope" for HTML elements named one of `names`.
    pub(super) fn in_scope(&self, names: &[&str], scope: Scope) -> bool {
        if self.open.lacks_html(names) {
            return false;
        }
        for &node in self.open.as_slice().iter().rev() {
            if self.is_html_one_of(node, names) {
                return true;
            }
            if self.is_scope_boundary(node, scope) {
                return false;
            }
        }
        false
    }

    /// "Has an element in scope" for one particular node.
    pub(super) fn node_in_scope(&self, target: NodeId, scope: Scope) -> bool {
        if !self.open.contains(target) {
            return false;
        }
        for &node in self.open.as_slice().iter().rev() {
            if node == target {
                return true;
            }
            if self.is_scope_boundary(node, scope) {
                return false;
            }
        }
        false
    }

    /// Whether an HTML element named `name` is anywhere on the stack.
    pub(super) fn stack_has(&self, name: &str) -> bool {
        if self.open.lacks_html(&[name]) {
            return false;
        }
        self.open
            .iter()
            .any(|&node| self.is_html_one_of(node, &[name]))
    }

    /// Pops until an HTML element named one of `names` has been popped.
    pub(super) fn pop_until(&mut self, names: &[&str]) {
        while let Some(node) = self.open.pop() {
            if self.is_html_one_of(node, names) {
                break;
            }
        }
    }

    /// Takes `target` out of the stack wherever it is.
    pub(super) fn remove_from_stack(&mut self, target: NodeId) {
        if let Some(index) = self.open.as_slice().iter().rposition(|&n| n == target) {
            self.open.remove(index);
        }
    }

    /// §13.2.6.3 "generate implied end tags", except for elements named `except`.
    pub(super) fn generate_implied_end_tags(&mut self, except: &str) {
        while let Some(node) = self.current() {
            let name = self.name(node);
            if self.namespace(node) == Namespace::Html
                && name != except
                && IMPLIED_END.contains(&name)
            {
                self.open.pop();
            } else {
                break;
            }
        }
    }

    /// §13.2.6.3 "generate all implied end tags thoroughly".
    pub(super) fn generate_implied_end_tags_thoroughly(&mut self) {
        while self.current_is(IMPLIED_END_THOROUGH) {
            self.open.pop();
        }
    }

    /// §13.2.6.4.7 "close a p element".
    pub(super) fn close_p_element(&mut self) {
        self.generate_implied_end_tags("p");
        if !self.current_is(&["p"]) {
            self.error();
        }
        self.pop_until(&["p"]);
    }

    /// Closes a `p` if one is in button scope (the first step of many start tags).
    pub(super) fn close_p_if_in_button_scope(&mut self) {
        if self.in_scope(&["p"], Scope::Button) {
            self.close_p_element();
        }
    }

    /// "Clear the stack back to a ... context" (§13.2.6.4.9, .13, .14): pops until the
    /// current node is one of `names` or the html element.
    pub(super) fn clear_stack_back_to(&mut self, names: &[&str]) {
        while let Some(node) = self.current() {
            if self.is_html_one_of(node, names) || self.is_html_one_of(node, &["html", "template"])
            {
                break;
            }
            self.open.pop();
        }
    }

    /// §13.2.4.1 "reset the insertion mode appropriately".
    pub(super) fn reset_insertion_mode(&mut self) {
        for index in (0..self.open.len()).rev() {
            let last = index == 0;
            let mut node = self.open[index];
            if last {
                if let Some(context) = self.context {
                    node = context;
                }
            }
            let name = if self.namespace(node) == Namespace::Html {
                self.name(node)
            } else {
                ""
            };
            let mode = match name {
                "select" => {
                    if !last {
                        for &ancestor in self.open.as_slice()[..index].iter().rev() {
                            if self.is_html_one_of(ancestor, &["template"]) {
                                break;
                            }
                            if self.is_html_one_of(ancestor, &["table"]) {
                                self.mode = Mode::InSelectInTable;
                                return;
                            }
                        }
                    }
                    Some(Mode::InSelect)
                }
                "td" | "th" if !last => Some(Mode::InCell),
                "tr" => Some(Mode::InRow),
                "tbody" | "thead" | "tfoot" => Some(Mode::InTableBody),
                "caption" => Some(Mode::InCaption),
                "colgroup" => Some(Mode::InColumnGroup),
                "table" => Some(Mode::InTable),
                "template" => self.template_modes.last().copied(),
                "head" if !last => Some(Mode::InHead),
                "body" => Some(Mode::InBody),
                "frameset" => Some(Mode::InFrameset),
                "html" => Some(if self.head.is_none() {
                    Mode::BeforeHead
                } else {
                    Mode::AfterHead
                }),
                _ if last => Some(Mode::InBody),
                _ => None,
            };
            if let Some(mode) = mode {
                self.mode = mode;
                return;
            }
        }
        self.mode = Mode::InBody;
    }
}
