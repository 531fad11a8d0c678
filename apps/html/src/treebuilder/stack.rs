//! The stack of open elements (§13.2.4.3): element scopes, implied end tags, clearing back
//! to a table context, and resetting the insertion mode (§13.2.4.1).

use super::open_elements::{
    Counted, BOUNDARY_BUTTON, BOUNDARY_DEFAULT, BOUNDARY_LIST_ITEM, BOUNDARY_SELECT,
    BOUNDARY_TABLE, SPECIAL,
};
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

/// One remembered failed scope walk (see [`TreeBuilder::find_in_scope`]).
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct ScopeCacheEntry {
    key: u64,
    shrinks: u64,
    len: usize,
}

/// The flag bit of the elements that bound `scope`.
pub(super) fn scope_bit(scope: Scope) -> u8 {
    match scope {
        Scope::Default => BOUNDARY_DEFAULT,
        Scope::ListItem => BOUNDARY_LIST_ITEM,
        Scope::Button => BOUNDARY_BUTTON,
        Scope::Table => BOUNDARY_TABLE,
        Scope::Select => BOUNDARY_SELECT,
    }
}

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

    /// The stack flags of `node`: special, and which scopes it bounds.
    pub(super) fn stack_flags(&self, node: NodeId) -> u8 {
        let mut flags = 0;
        if self.is_special(node) {
            flags |= SPECIAL;
        }
        for scope in [
            Scope::Default,
            Scope::ListItem,
            Scope::Button,
            Scope::Table,
            Scope::Select,
        ] {
            if self.is_scope_boundary(node, scope) {
                flags |= scope_bit(scope);
            }
        }
        flags
    }

    /// "Has an element in scope" for HTML elements named one of `names`.
    pub(super) fn in_scope(&self, names: &[&str], scope: Scope) -> bool {
        self.find_in_scope(names, scope_bit(scope)).is_some()
    }

    /// The walk behind the scope checks: the index of the topmost HTML element named one
    /// of `names`, if it comes before (above) any entry whose flags contain `bit`.
    ///
    /// A failed walk is remembered in a small cache with the stack's size; while the stack
    /// has only grown since, the next walk for the same question stops at the old top. So
    /// `<p><button>` followed by 50 000 `<span><div>`s costs one step per `<div>`, not a
    /// walk down every `<span>`.
    #[inline(never)] // wasmi charges inlined code on every call (see `process_in`)
    pub(super) fn find_in_scope(&self, names: &[&str], bit: u8) -> Option<usize> {
        if self.open.lacks_html(names) {
            return None;
        }
        // Compare interned ids and flag bits: no string work inside the walk.
        let mut ids = [u32::MAX; 8];
        let mut key = u64::from(bit);
        for (slot, name) in ids.iter_mut().zip(names) {
            *slot = self.open.names.find(name).unwrap_or(u32::MAX);
            key = key.rotate_left(13) ^ u64::from(*slot);
        }
        let len = self.open.len();
        let mut cache = self.scope_cache.get();
        let cached = cache
            .iter()
            .position(|e| e.key == key && e.shrinks == self.open.shrinks && e.len <= len);
        let floor = cached.map(|i| cache[i].len).unwrap_or(0);
        for index in (floor..len).rev() {
            if let Some(Counted::Html(id)) = self.open.kind_at(index) {
                if ids.contains(&id) {
                    return Some(index);
                }
            }
            if self.open.flags_at(index) & bit != 0 {
                break;
            }
        }
        // Not found: remember how far this answer holds.
        let entry = ScopeCacheEntry {
            key,
            shrinks: self.open.shrinks,
            len,
        };
        let slot = cached.unwrap_or_else(|| (key as usize) % cache.len());
        cache[slot] = entry;
        self.scope_cache.set(cache);
        None
    }

    /// "Has an element in scope" for one particular node.
    pub(super) fn node_in_scope(&self, target: NodeId, scope: Scope) -> bool {
        if !self.open.contains(target) {
            return false;
        }
        let bit = scope_bit(scope);
        for index in (0..self.open.len()).rev() {
            if self.open[index] == target {
                return true;
            }
            if self.open.flags_at(index) & bit != 0 {
                return false;
            }
        }
        false
    }

    /// Whether an HTML element named `name` is anywhere on the stack.
    #[inline(never)] // wasmi charges inlined code on every call (see `process_in`)
    pub(super) fn stack_has(&self, name: &str) -> bool {
        if self.open.lacks_html(&[name]) {
            return false;
        }
        self.open
            .iter()
            .any(|&node| self.is_html_one_of(node, &[name]))
    }

    /// Pops until an HTML element named one of `names` has been popped.
    #[inline(never)] // wasmi charges inlined code on every call (see `process_in`)
    pub(super) fn pop_until(&mut self, names: &[&str]) {
        while let Some(node) = self.open.pop() {
            if self.is_html_one_of(node, names) {
                break;
            }
        }
    }

    /// Takes `target` out of the stack wherever it is.
    #[inline(never)] // wasmi charges inlined code on every call (see `process_in`)
    pub(super) fn remove_from_stack(&mut self, target: NodeId) {
        if let Some(index) = self.open.as_slice().iter().rposition(|&n| n == target) {
            self.open.remove(index);
        }
    }

    /// §13.2.6.3 "generate implied end tags", except for elements named `except`.
    #[inline(never)] // wasmi charges inlined code on every call (see `process_in`)
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

    /// The check made at the end of the body (§13.2.6.4.7, end-of-file, `</body>`,
    /// `</html>`): a parse error if an element other than these is still open.
    #[inline(never)] // wasmi charges inlined code on every call (see `process_in`)
    pub(super) fn check_open_at_body_end(&mut self) {
        const MAY_STAY_OPEN: &[&str] = &[
            "dd", "dt", "li", "optgroup", "option", "p", "rb", "rp", "rt", "rtc", "tbody", "td",
            "tfoot", "th", "thead", "tr", "body", "html",
        ];
        if self.open.count_html(MAY_STAY_OPEN) < self.open.len() {
            self.error();
        }
    }

    /// §13.2.6.3 "generate all implied end tags thoroughly".
    pub(super) fn generate_implied_end_tags_thoroughly(&mut self) {
        while self.current_is(IMPLIED_END_THOROUGH) {
            self.open.pop();
        }
    }

    /// §13.2.6.4.7 "close a p element".
    #[inline(never)] // wasmi charges inlined code on every call (see `process_in`)
    pub(super) fn close_p_element(&mut self) {
        self.generate_implied_end_tags("p");
        if !self.current_is(&["p"]) {
            self.error();
        }
        self.pop_until(&["p"]);
    }

    /// Closes a `p` if one is in button scope (the first step of many start tags).
    #[inline(never)] // wasmi charges inlined code on every call (see `process_in`)
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
