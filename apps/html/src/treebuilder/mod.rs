//! The tree builder: HTML §13.2.6, "Tree construction".
//!
//! Tokens from the tokenizer go through the tree construction dispatcher (§13.2.6, first
//! list): to the rules of the current insertion mode (§13.2.6.4.x) or to the rules for
//! foreign content (§13.2.6.5). The builder keeps the parser state of §13.2.4: the insertion
//! mode and the stack of template insertion modes, the stack of open elements, the list of
//! active formatting elements, the head and form element pointers and the frameset-ok flag.
//!
//! Files, by concern:
//! * `stack.rs`: the stack of open elements, element scopes, implied end tags, resetting the
//!   insertion mode (§13.2.4.2-3, §13.2.6.3);
//! * `formatting.rs`: active formatting elements, reconstruction, the adoption agency
//!   algorithm (§13.2.4.3, §13.2.6.4.7 "adoption agency");
//! * `insert.rs`: creating and inserting nodes, the appropriate place, foster parenting
//!   (§13.2.6.1);
//! * `head_modes.rs`, `body_mode.rs`, `body_end_tags.rs`, `table_modes.rs`,
//!   `table_parts.rs`, `select_modes.rs`, `late_modes.rs`: the insertion modes (§13.2.6.4.1-23);
//! * `foreign.rs`: foreign content and the SVG/MathML adjustments (§13.2.6.5, §13.2.6.1);
//! * `quirks.rs`: the DOCTYPE table that decides quirks mode (§13.2.6.4.1).
//!
//! Every rule ends in a tree: parse errors are counted and the token ignored or repaired as
//! the spec says. Scripts never run (the scripting flag only changes how `<noscript>` is
//! parsed), so "stop parsing" is simply the end of the loop.

mod body_end_tags;
mod body_mode;
mod foreign;
mod formatting;
mod formatting_list;
mod fragment;
mod head_modes;
mod insert;
mod late_modes;
mod open_elements;
mod quirks;
mod select_modes;
mod stack;
mod table_modes;
mod table_parts;

use crate::dom::{Document, Namespace, NodeId};
use crate::tokenizer::{State, Tag, Token, Tokenizer};
use alloc::string::String;
use alloc::vec::Vec;
use core::cell::Cell;
use formatting_list::FormattingList;
use open_elements::{Counted, OpenElements};
use stack::ScopeCacheEntry;

/// The insertion modes of §13.2.4.1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Initial,
    BeforeHtml,
    BeforeHead,
    InHead,
    InHeadNoscript,
    AfterHead,
    InBody,
    Text,
    InTable,
    InTableText,
    InCaption,
    InColumnGroup,
    InTableBody,
    InRow,
    InCell,
    InSelect,
    InSelectInTable,
    InTemplate,
    AfterBody,
    InFrameset,
    AfterFrameset,
    AfterAfterBody,
    AfterAfterFrameset,
}

/// The tree builder's state (§13.2.4) and the document it builds.
pub struct TreeBuilder {
    pub document: Document,
    mode: Mode,
    original_mode: Mode,
    template_modes: Vec<Mode>,
    open: OpenElements,
    formatting: FormattingList,
    head: Option<NodeId>,
    form: Option<NodeId>,
    scripting: bool,
    frameset_ok: bool,
    foster_parenting: bool,
    ignore_next_newline: bool,
    pending_table_text: String,
    /// The context element when parsing a fragment (§13.2.9).
    context: Option<NodeId>,
    /// A tokenizer state the last token asked for (`<title>` → RCDATA, ...).
    switch_tokenizer: Option<State>,
    stopped: bool,
    errors: usize,
    /// Remembered failed scope walks (`stack.rs`).
    scope_cache: Cell<[ScopeCacheEntry; 8]>,
}

impl TreeBuilder {
    /// A builder for a whole document.
    pub fn new(scripting: bool) -> Self {
        TreeBuilder {
            document: Document::new(),
            mode: Mode::Initial,
            original_mode: Mode::Initial,
            template_modes: Vec::new(),
            open: OpenElements::default(),
            formatting: FormattingList::default(),
            head: None,
            form: None,
            scripting,
            frameset_ok: true,
            foster_parenting: false,
            ignore_next_newline: false,
            pending_table_text: String::new(),
            context: None,
            switch_tokenizer: None,
            stopped: false,
            errors: 0,
            scope_cache: Cell::new([ScopeCacheEntry::default(); 8]),
        }
    }

    /// Pulls every token from `tokenizer` and builds the tree.
    pub fn run(&mut self, tokenizer: &mut Tokenizer) {
        while !self.stopped {
            tokenizer.allow_cdata = self
                .adjusted_current_node()
                .is_some_and(|node| self.namespace(node) != Namespace::Html);
            let token = tokenizer.next_token();
            let end = token == Token::EndOfFile;
            self.process(token);
            if let Some(state) = self.switch_tokenizer.take() {
                tokenizer.state = state;
            }
            if end {
                break;
            }
        }
        // The end-of-file token is processed until parsing stops: each round closes at
        // least one template (see `in_template_mode`), so the bound is never reached.
        let mut rounds = self.open.len() + 8;
        while !self.stopped && rounds > 0 {
            self.process(Token::EndOfFile);
            rounds -= 1;
        }
        self.document.error_count = self.errors + tokenizer.error_count();
    }

    fn error(&mut self) {
        self.errors += 1;
    }

    /// §13.2.6, the tree construction dispatcher.
    fn process(&mut self, token: Token) {
        let token = if self.ignore_next_newline {
            self.ignore_next_newline = false;
            match drop_leading_newline(token) {
                Some(token) => token,
                None => return,
            }
        } else {
            token
        };
        if self.use_html_rules(&token) {
            self.process_in(self.mode, token);
        } else {
            self.process_foreign(token);
        }
    }

    /// Whether the dispatcher sends `token` to the insertion mode rather than to the rules
    /// for foreign content.
    #[inline(never)] // wasmi charges inlined code on every call (see `process_in`)
    fn use_html_rules(&self, token: &Token) -> bool {
        let Some(node) = self.adjusted_current_node() else {
            return true;
        };
        let Some(element) = self.document.element(node) else {
            return true;
        };
        if element.namespace == Namespace::Html {
            return true;
        }
        let text_point = element.namespace == Namespace::MathMl
            && matches!(element.name.as_str(), "mi" | "mo" | "mn" | "ms" | "mtext");
        match token {
            Token::StartTag(tag) => {
                (text_point && tag.name != "mglyph" && tag.name != "malignmark")
                    || (element.namespace == Namespace::MathMl
                        && element.name == "annotation-xml"
                        && tag.name == "svg")
                    || self.is_html_integration_point(node)
            }
            Token::Characters(_) => text_point || self.is_html_integration_point(node),
            Token::EndOfFile => true,
            _ => false,
        }
    }

    /// Runs the rules of `mode` for `token` ("process the token using the rules for ...").
    ///
    /// Each mode's function is `#[inline(never)]` and reached through a function pointer:
    /// wasmi meters fuel per straight-line region, and a `match` of calls here charged
    /// every arm's instructions on every token.
    fn process_in(&mut self, mode: Mode, token: Token) {
        let run = mode_method(mode);
        run(self, token);
    }

    /// Switches to `mode` and reprocesses `token` there.
    fn reprocess_in(&mut self, mode: Mode, token: Token) {
        self.mode = mode;
        self.process_in(mode, token);
    }

    fn stop(&mut self) {
        self.stopped = true;
    }

    // ---- element questions ----

    /// The local name of `id`, or "" for a non-element.
    fn name(&self, id: NodeId) -> &str {
        self.document
            .element(id)
            .map(|e| e.name.as_str())
            .unwrap_or("")
    }

    fn namespace(&self, id: NodeId) -> Namespace {
        self.document
            .element(id)
            .map(|e| e.namespace)
            .unwrap_or(Namespace::Html)
    }

    /// Whether `id` is an HTML element named one of `names`.
    fn is_html_one_of(&self, id: NodeId, names: &[&str]) -> bool {
        self.document
            .element(id)
            .is_some_and(|e| e.namespace == Namespace::Html && names.contains(&e.name.as_str()))
    }

    /// How the stack of open elements counts `node`: HTML elements by name, foreign ones
    /// by lowercased name.
    fn counted_kind(&mut self, node: NodeId) -> Counted {
        let open = &mut self.open;
        match self.document.element(node) {
            Some(e) if e.namespace == Namespace::Html => Counted::Html(open.names.intern(&e.name)),
            Some(e) if e.name.bytes().any(|b| b.is_ascii_uppercase()) => {
                Counted::Foreign(open.names.intern(&e.name.to_ascii_lowercase()))
            }
            Some(e) => Counted::Foreign(open.names.intern(&e.name)),
            None => Counted::Foreign(open.names.intern("")),
        }
    }

    /// Pushes `node` onto the stack of open elements.
    #[inline(never)] // wasmi charges inlined code on every call (see `process_in`)
    fn push_open(&mut self, node: NodeId) {
        let kind = self.counted_kind(node);
        // An HTML element's flags depend on its name alone: compute them once per name.
        let flags = match kind {
            Counted::Html(id) => match self.open.names.html_flags(id) {
                Some(flags) => flags,
                None => {
                    let flags = self.stack_flags(node);
                    self.open.names.remember_html_flags(id, flags);
                    flags
                }
            },
            Counted::Foreign(_) => self.stack_flags(node),
        };
        self.open.push(node, kind, flags);
    }

    /// The current node (bottom of the stack of open elements).
    fn current(&self) -> Option<NodeId> {
        self.open.last()
    }

    /// Whether the current node is an HTML element named one of `names`.
    fn current_is(&self, names: &[&str]) -> bool {
        self.current()
            .is_some_and(|node| self.is_html_one_of(node, names))
    }

    /// §13.2.4.2 "adjusted current node": the context element for a fragment whose stack
    /// holds only the root.
    fn adjusted_current_node(&self) -> Option<NodeId> {
        match self.context {
            Some(context) if self.open.len() == 1 => Some(context),
            _ => self.current(),
        }
    }

    /// Asks the tokenizer to switch to `state` before the next token.
    fn switch_to(&mut self, state: State) {
        self.switch_tokenizer = Some(state);
    }

    /// §13.2.6.2 "generic raw text / RCDATA element parsing algorithm".
    #[inline(never)] // wasmi charges inlined code on every call (see `process_in`)
    fn parse_raw_text(&mut self, tag: Tag, state: State) {
        self.insert_html_element(tag);
        self.switch_to(state);
        self.original_mode = self.mode;
        self.mode = Mode::Text;
    }
}

/// The function that implements insertion `mode`. The `match` only picks constants, which
/// the compiler turns into a table lookup.
fn mode_method(mode: Mode) -> fn(&mut TreeBuilder, Token) {
    match mode {
        Mode::Initial => TreeBuilder::initial_mode,
        Mode::BeforeHtml => TreeBuilder::before_html_mode,
        Mode::BeforeHead => TreeBuilder::before_head_mode,
        Mode::InHead => TreeBuilder::in_head_mode,
        Mode::InHeadNoscript => TreeBuilder::in_head_noscript_mode,
        Mode::AfterHead => TreeBuilder::after_head_mode,
        Mode::InBody => TreeBuilder::in_body_mode,
        Mode::Text => TreeBuilder::text_mode,
        Mode::InTable => TreeBuilder::in_table_mode,
        Mode::InTableText => TreeBuilder::in_table_text_mode,
        Mode::InCaption => TreeBuilder::in_caption_mode,
        Mode::InColumnGroup => TreeBuilder::in_column_group_mode,
        Mode::InTableBody => TreeBuilder::in_table_body_mode,
        Mode::InRow => TreeBuilder::in_row_mode,
        Mode::InCell => TreeBuilder::in_cell_mode,
        Mode::InSelect => TreeBuilder::in_select_mode,
        Mode::InSelectInTable => TreeBuilder::in_select_in_table_mode,
        Mode::InTemplate => TreeBuilder::in_template_mode,
        Mode::AfterBody => TreeBuilder::after_body_mode,
        Mode::InFrameset => TreeBuilder::in_frameset_mode,
        Mode::AfterFrameset => TreeBuilder::after_frameset_mode,
        Mode::AfterAfterBody => TreeBuilder::after_after_body_mode,
        Mode::AfterAfterFrameset => TreeBuilder::after_after_frameset_mode,
    }
}

/// The token after `<pre>`, `<listing>` or `<textarea>`: a leading newline in text is
/// dropped (§13.2.6.4.7); `None` when nothing is left. Out of line, as it is rare: wasmi
/// charges a function's straight-line code on every call (see `TreeBuilder::process_in`).
#[inline(never)]
fn drop_leading_newline(token: Token) -> Option<Token> {
    match token {
        Token::Characters(text) => match text.strip_prefix('\n') {
            Some("") => None,
            Some(rest) => Some(Token::Characters(String::from(rest))),
            None => Some(Token::Characters(text)),
        },
        other => Some(other),
    }
}

/// Whitespace for the tree builder: tab, LF, FF, CR, space.
fn is_space(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\x0C' | '\r' | ' ')
}

/// Splits `text` into its leading whitespace and the rest.
fn split_leading_space(text: &str) -> (&str, &str) {
    let end = text.find(|c| !is_space(c)).unwrap_or(text.len());
    text.split_at(end)
}
