//! Where laid-out things go: the display list being built, link boxes, the rightmost
//! content edge (a table cell's max-content width) and a list marker waiting for its line.

use super::{Item, Rect, Style, TextRun};
use core::ops::Range;

/// A list marker waiting for the first line of its item.
#[derive(Clone, Debug)]
pub(super) struct Marker {
    pub text: String,
    pub style: Style,
    /// The marker's right edge.
    pub right: i32,
}

/// Where laid-out things go.
#[derive(Default)]
pub(super) struct Sink {
    pub items: Vec<Item>,
    /// Link boxes: the `a` element's node index and a box.
    pub links: Vec<(u32, Rect)>,
    /// Rightmost content edge (text, images, tables; not rules).
    pub right_edge: i32,
    pub marker: Option<Marker>,
}

impl Sink {
    pub fn note_right(&mut self, x: i32) {
        self.right_edge = self.right_edge.max(x);
    }

    /// Places a pending marker with its line box top at `top`, baseline at `baseline`.
    pub fn place_marker(&mut self, baseline: i32) {
        if let Some(m) = self.marker.take() {
            let font = m.style.font();
            let width = font.measure(&m.text);
            self.items.push(Item::Text(TextRun {
                x: m.right - width,
                y: baseline - font.ascent(),
                width,
                text: m.text,
                style: m.style,
                new_line: true,
                space_before: false,
                marker: true,
            }));
        }
    }

    /// Moves everything in `other` by (`dx`, `dy`) and appends it, leaving `other` empty
    /// (its memory kept for reuse).
    pub fn append(&mut self, other: &mut Sink, dx: i32, dy: i32) {
        let items = self.items.len()..self.items.len() + other.items.len();
        let links = self.links.len()..self.links.len() + other.links.len();
        self.items.append(&mut other.items);
        self.links.append(&mut other.links);
        self.shift(items, links, dx, dy);
        self.note_right(other.right_edge + dx);
        other.right_edge = 0;
        other.marker = None;
    }

    /// Moves the `items` and `links` (index ranges) by (`dx`, `dy`).
    pub fn shift(&mut self, items: Range<usize>, links: Range<usize>, dx: i32, dy: i32) {
        for item in self.items.get_mut(items).into_iter().flatten() {
            match item {
                Item::Text(run) => (run.x, run.y) = (run.x + dx, run.y + dy),
                Item::Fill { rect, .. } | Item::Frame { rect, .. } => *rect = rect.offset(dx, dy),
            }
        }
        for (_, rect) in self.links.get_mut(links).into_iter().flatten() {
            *rect = rect.offset(dx, dy);
        }
    }
}
