//! Block flow: walks the DOM with an explicit stack and stacks block boxes top to bottom
//! (CSS 2.1 §9.4.1).
//!
//! Entering a block ends the inline content gathered so far (it becomes an anonymous block
//! of lines, §9.2.1.1), adds the block's top margin and narrows the content box by the
//! block's indentation; leaving it ends its lines and adds its bottom margin. Adjacent
//! margins collapse to the larger one (§8.3.1, simplified). Inline elements only change the
//! style their text is added with.
//!
//! The walk keeps its own stack of frames on the heap, so the depth of the tree does not
//! matter to the machine stack, and it can stop after any number of nodes and go on later
//! ([`Flow::step`]): the flow holds no borrow of the document, which comes with each call
//! in a [`Ctx`]. Past [`MAX_DEPTH`] elements stop shaping the layout (no more
//! indentation or margins): their text still shows, flat. Tables recurse once per nesting
//! level, up to [`MAX_TABLES`]; deeper tables are laid out as plain blocks.

use super::fonts::Fonts;
use super::inline::Inline;
use super::lines::{lay_out, Area, LineBuffer};
use super::list::List;
use super::sink::{Marker, Sink};
use super::{table, Item, Rect, Style};
use crate::style::{self, Display, RULE_COLOR};
use html::dom::{Document, Element, NodeData, NodeId};

/// Elements deeper than this are laid out flat.
pub(super) const MAX_DEPTH: u32 = 200;
/// Tables nested deeper than this are laid out as blocks.
pub(super) const MAX_TABLES: u32 = 6;

/// Largest image box side, in pixels.
const MAX_IMAGE: i32 = 2000;

/// One open element (or the root).
struct Frame {
    next: Option<NodeId>,
    style: Style,
    left: i32,
    right: i32,
    depth: u32,
    /// Lists around this frame, including itself.
    list_depth: u32,
    kind: Kind,
}

enum Kind {
    /// Inline elements and elements past the depth limit: only their style matters.
    Inline,
    Block {
        margin_bottom: i32,
        /// Top of the content, for the quote bar.
        bar_from: Option<i32>,
        list: Option<List>,
        list_item: bool,
    },
}

/// What every step of a layout reads: the document and the fonts' metrics.
#[derive(Clone, Copy)]
pub(super) struct Ctx<'a> {
    pub document: &'a Document,
    pub fonts: &'a Fonts,
}

/// Lays out a subtree into a [`Sink`].
pub(super) struct Flow {
    /// Sizing pass: no centring, so widths measure content only.
    pub measuring: bool,
    pub table_depth: u32,
    pub sink: Sink,
    /// Top of the next content, before the pending margin.
    pub y: i32,
    /// Collapsed margin waiting for the next content.
    pub margin: i32,
    /// Widest unbreakable thing (for table column minimums).
    pub min_content: i32,
    /// Drop the margin above the first content (table cells).
    pub trim_top: bool,
    inline: Inline,
    line: LineBuffer,
    stack: Vec<Frame>,
}

/// What a finished [`Flow`] produced.
pub(super) struct Done {
    pub sink: Sink,
    pub height: i32,
}

impl Flow {
    pub fn new(measuring: bool, table_depth: u32) -> Flow {
        Flow {
            measuring,
            table_depth,
            sink: Sink::default(),
            y: 0,
            margin: 0,
            min_content: 0,
            trim_top: false,
            inline: Inline::default(),
            line: LineBuffer::default(),
            stack: Vec::new(),
        }
    }

    /// Empties the flow for another subtree, keeping its buffers' memory (table cells
    /// are laid out one after another in one flow).
    pub fn reset(&mut self, measuring: bool, table_depth: u32) {
        self.measuring = measuring;
        self.table_depth = table_depth;
        self.sink.items.clear();
        self.sink.links.clear();
        self.sink.right_edge = 0;
        self.sink.marker = None;
        self.y = 0;
        self.margin = 0;
        self.min_content = 0;
        self.trim_top = false;
        self.inline.clear();
        self.inline.widest = 0;
        self.stack.clear();
    }

    /// Lays out the children of `root` in a content box from `left` to `right`.
    pub fn run(&mut self, cx: Ctx, root: NodeId, style: Style, left: i32, right: i32) {
        self.start(cx, root, style, left, right);
        self.step(cx, usize::MAX);
    }

    /// Gets ready to lay out the children of `root` (then call [`Flow::step`]).
    pub fn start(&mut self, cx: Ctx, root: NodeId, style: Style, left: i32, right: i32) {
        self.stack.push(Frame {
            next: cx.document.node(root).first_child,
            style,
            left,
            right: right.max(left + 1),
            depth: 0,
            list_depth: 0,
            kind: Kind::Block {
                margin_bottom: 0,
                bar_from: None,
                list: None,
                list_item: false,
            },
        });
    }

    /// Walks on for about `budget` nodes (each node entered or left counts one; a table
    /// counts one). Returns true when the walk is over; then call [`Flow::end`].
    pub fn step(&mut self, cx: Ctx, budget: usize) -> bool {
        let mut left = budget;
        while let Some(top) = self.stack.last_mut() {
            if left == 0 {
                return false;
            }
            left -= 1;
            match top.next {
                Some(child) => {
                    top.next = cx.document.node(child).next_sibling;
                    self.enter(cx, child);
                }
                None => {
                    if matches!(top.kind, Kind::Block { .. }) {
                        self.flush(cx); // its lines, while it is still the innermost block
                    }
                    if let Some(frame) = self.stack.pop() {
                        self.leave(cx, frame);
                    }
                }
            }
        }
        true
    }

    /// Lays out what is left over after the walk; returns the height used (with any
    /// pending margin).
    pub fn end(&mut self, cx: Ctx) -> i32 {
        self.flush(cx);
        self.y + self.margin
    }

    /// Everything laid out and the height used (with any pending margin).
    pub fn finish(mut self, cx: Ctx) -> Done {
        let height = self.end(cx);
        Done {
            height,
            sink: self.sink,
        }
    }

    /// Applies the pending margin: content starts here.
    pub fn place(&mut self) -> i32 {
        if self.trim_top && self.sink.items.is_empty() {
            self.margin = 0; // a table cell's first margin stays out of the cell
        }
        self.y += self.margin;
        self.margin = 0;
        self.y
    }

    fn add_margin(&mut self, margin: i32) {
        self.margin = self.margin.max(margin);
    }

    /// Lays out the inline content gathered so far as lines in the innermost block.
    #[inline(never)] // a small `step` loop costs less fuel under wasmi
    fn flush(&mut self, cx: Ctx) {
        self.min_content = self.min_content.max(self.inline.widest);
        self.inline.widest = 0;
        if self.inline.is_blank() {
            self.inline.clear();
            return;
        }
        let Some(block) = self
            .stack
            .iter()
            .rev()
            .find(|f| matches!(f.kind, Kind::Block { .. }))
        else {
            self.inline.clear();
            return;
        };
        let (left, right, center) = (block.left, block.right, block.style.center);
        let top = self.place();
        let center = center && !self.measuring;
        self.y = lay_out(
            self.inline.atoms(),
            self.inline.text(),
            Area {
                left,
                right,
                top,
                center,
            },
            cx.fonts,
            &mut self.line,
            &mut self.sink,
        );
        self.inline.clear();
    }

    #[inline(never)] // a small `step` loop costs less fuel under wasmi
    fn enter(&mut self, cx: Ctx, id: NodeId) {
        let document = cx.document;
        let Some(parent) = self.stack.last() else {
            return;
        };
        let element = match &document.node(id).data {
            NodeData::Text(text) => {
                let style = parent.style;
                self.inline.add_text(text, &style, cx.fonts);
                return;
            }
            NodeData::Element(element) => element,
            _ => return,
        };
        let display = style::display(element);
        if display == Display::None {
            return;
        }
        let style = style::apply(element, id.0, &parent.style);
        let (left, right, depth, list_depth) = (
            parent.left,
            parent.right,
            parent.depth + 1,
            parent.list_depth,
        );
        if depth > MAX_DEPTH {
            // Too deep to shape the layout: keep the parent's style, show the text.
            let style = parent.style;
            self.push_inline(cx, id, style, left, right, depth, list_depth);
            return;
        }
        match display {
            Display::None => {}
            Display::Inline => self.push_inline(cx, id, style, left, right, depth, list_depth),
            Display::Break => self.inline.add_break(&style),
            Display::Image => self.image(cx, element, &style, right - left),
            Display::Rule => self.rule(cx, left, right),
            Display::Table if self.table_depth < MAX_TABLES => {
                self.flush(cx);
                table::lay_out(self, cx, id, style, left, right);
            }
            Display::Table | Display::Block | Display::ListItem => {
                self.flush(cx);
                let b = style::block_box(&element.name, list_depth);
                self.add_margin(b.margin_top);
                let list_item = display == Display::ListItem;
                if list_item {
                    self.start_item(element, &style, left, list_depth);
                }
                let list = b.list.map(|kind| List::new(kind, element));
                let bar_from = b.bar.then_some(self.y + self.margin);
                let inner_left = (left + b.indent_left).min(right - 1);
                let inner_right = (right - b.indent_right).max(inner_left + 1);
                self.stack.push(Frame {
                    next: document.node(id).first_child,
                    style,
                    left: inner_left,
                    right: inner_right,
                    depth,
                    list_depth: list_depth + u32::from(list.is_some()),
                    kind: Kind::Block {
                        margin_bottom: b.margin_bottom,
                        bar_from,
                        list,
                        list_item,
                    },
                });
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn push_inline(
        &mut self,
        cx: Ctx,
        id: NodeId,
        style: Style,
        left: i32,
        right: i32,
        depth: u32,
        list_depth: u32,
    ) {
        self.stack.push(Frame {
            next: cx.document.node(id).first_child,
            style,
            left,
            right,
            depth,
            list_depth,
            kind: Kind::Inline,
        });
    }

    #[inline(never)] // a small `step` loop costs less fuel under wasmi
    fn leave(&mut self, cx: Ctx, frame: Frame) {
        let Kind::Block {
            margin_bottom,
            bar_from,
            list_item,
            ..
        } = frame.kind
        else {
            return;
        };
        self.flush(cx);
        if list_item && self.sink.marker.is_some() {
            // An item without lines still shows its marker.
            let top = self.place();
            let font = frame.style.font();
            self.sink.place_marker(top + font.ascent());
            self.y = top + font.line_height();
        }
        if let Some(from) = bar_from {
            let rect = Rect::new(frame.left - 28, from, 3, (self.y - from).max(0));
            self.sink.items.push(Item::Fill {
                rect,
                color: RULE_COLOR,
            });
        }
        self.add_margin(margin_bottom);
    }

    /// A list item: number it and leave its marker for its first line.
    fn start_item(&mut self, element: &Element, style: &Style, left: i32, list_depth: u32) {
        let list = self
            .stack
            .iter_mut()
            .rev()
            .take(64)
            .find_map(|f| match &mut f.kind {
                Kind::Block { list: Some(l), .. } => Some(l),
                _ => None,
            });
        let text = match list {
            Some(list) => list.marker(element, list_depth),
            None => List::bullet(list_depth),
        };
        let mut marker_style = *style;
        marker_style.link = None;
        marker_style.underline = false;
        self.sink.marker = Some(Marker {
            text,
            style: marker_style,
            right: left - 8,
        });
    }

    /// `img`: an inline box of the `width`/`height` attributes (clamped), or sized to its
    /// alt text.
    fn image(&mut self, cx: Ctx, element: &Element, style: &Style, avail: i32) {
        let alt = element.attribute("alt");
        let font = cx.fonts.get(style).font();
        let text_w = cx.fonts.get(style).measure(alt.unwrap_or("")) + 8;
        let width = element.attribute("width").and_then(parse_int);
        let height = element.attribute("height").and_then(parse_int);
        if alt == Some("") && width.is_none() && height.is_none() {
            return; // decorative
        }
        let w = width
            .map_or(text_w.max(16) as i64, |w| w)
            .clamp(1, avail.clamp(1, MAX_IMAGE) as i64);
        let h = height
            .map_or((font.line_height() + 4) as i64, |h| h)
            .clamp(1, MAX_IMAGE as i64);
        self.inline
            .add_image(w as i32, h as i32, alt.unwrap_or(""), style);
    }

    /// `hr`: a two-pixel grey rule across the content box.
    fn rule(&mut self, cx: Ctx, left: i32, right: i32) {
        self.flush(cx);
        self.add_margin(8);
        let top = self.place();
        self.sink.items.push(Item::Fill {
            rect: Rect::new(left, top, right - left, 2),
            color: RULE_COLOR,
        });
        self.y = top + 2;
        self.add_margin(8);
    }
}

/// An HTML integer (HTML §2.3.4.1), leniently: leading spaces, a sign, digits, then anything
/// (so "120px" is 120). Clamped to ±10^9.
pub(super) fn parse_int(text: &str) -> Option<i64> {
    let text = text.trim_start_matches(|c: char| c.is_ascii_whitespace());
    let (negative, digits) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let end = digits
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(digits.len());
    if end == 0 {
        return None;
    }
    let mut value: i64 = 0;
    for b in digits[..end].bytes() {
        value = (value * 10 + i64::from(b - b'0')).min(1_000_000_000);
    }
    Some(if negative { -value } else { value })
}
