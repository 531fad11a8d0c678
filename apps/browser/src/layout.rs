//! Layout: the parsed DOM becomes a [`Page`], a list of positioned things to draw.
//!
//! This is CSS 2.1's visual formatting model (§9) cut down to what the built-in stylesheet
//! ([`crate::style`]) needs: block boxes stacked from top to bottom with collapsing margins
//! (§8.3.1, simplified to "the larger margin wins"), inline content broken into line boxes
//! (§9.4.2) with collapsed whitespace (CSS Text §4.1.1), list markers outside the content,
//! and tables whose column widths come from their content (§17.5.2.2, the automatic
//! algorithm). Submodules:
//!
//! * `flow`: walks the tree with an explicit stack (no recursion, so a document nested
//!   10 000 deep is fine, and the walk can pause anywhere) and stacks the blocks;
//! * `fonts`: the fonts' advances and kerning in tables, read once per layout;
//! * `inline`: collects words, spaces, breaks and images as atoms (whitespace collapsed);
//! * `lines`: breaks the atoms into line boxes and text runs, into a `sink`;
//! * `list`: numbers and bullets for list items;
//! * `table`: sizes columns and lays out each cell as its own small flow.
//!
//! The result is a display list of [`Item`]s in page coordinates, plus the links' boxes.
//! Painting it is [`crate::paint`]'s job. Layout never fails: any document gives a page.
//!
//! A long page need not be laid out in one go: a [`LayoutJob`] does a bounded amount of
//! work per [`LayoutJob::step`], and its page so far holds every item above its current
//! height, so the app can paint the first screen while the rest is still to come.
//! [`layout`] is the job run to the end.

mod flow;
mod fonts;
mod inline;
mod lines;
mod list;
mod sink;
mod table;

use crate::style::Style;
use gfx::{Color, Rect};
use html::dom::{Document, NodeData, NodeId};

/// A laid-out page: its size, its title and what to draw where (the default is empty).
#[derive(Clone, Debug, Default)]
pub struct Page {
    /// At least the viewport width; more when something cannot be made narrower (a `pre`
    /// line, a wide image).
    pub width: u32,
    pub height: u32,
    /// The document's `<title>`, whitespace collapsed (HTML §4.2.2).
    pub title: Option<String>,
    items: Vec<Item>,
    links: Vec<(String, Rect)>,
}

/// One thing to draw, in page coordinates.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    Text(TextRun),
    /// A filled rectangle (rules, the quote bar).
    Fill {
        rect: Rect,
        color: Color,
    },
    /// A one-pixel outline (table cells, image boxes).
    Frame {
        rect: Rect,
        color: Color,
    },
}

/// A run of text in one style on one line.
#[derive(Clone, Debug, PartialEq)]
pub struct TextRun {
    /// Left end of the text and top of the font's line box (the baseline is
    /// `style.font().ascent()` lower).
    pub x: i32,
    pub y: i32,
    pub width: i32,
    pub text: String,
    pub style: Style,
    /// The first run of a line (for [`Page::text`]).
    pub new_line: bool,
    /// A collapsed space separates this run from the previous one on its line.
    pub space_before: bool,
    /// A list marker (drawn, but not part of the page's text).
    pub marker: bool,
}

impl TextRun {
    /// The run's box: its width and the font's line height.
    pub fn rect(&self) -> Rect {
        Rect::new(self.x, self.y, self.width, self.style.font().line_height())
    }
}

impl Item {
    /// Where the item may draw (italic text leans a little to the right of its box).
    pub fn bounds(&self) -> Rect {
        match self {
            Item::Text(run) => {
                let r = run.rect();
                Rect::new(r.x - 2, r.y, r.w + r.h / 3 + 4, r.h + 2)
            }
            Item::Fill { rect, .. } | Item::Frame { rect, .. } => *rect,
        }
    }
}

/// Lays out `document` for a viewport `width` pixels wide.
pub fn layout(document: &Document, width: u32) -> Page {
    let mut job = LayoutJob::new(document, width);
    while !job.step(document, usize::MAX) {}
    job.page
}

/// A layout done a piece at a time: [`LayoutJob::step`] until it returns true, with the
/// same document each time. The page so far ([`LayoutJob::page`]) holds every item placed
/// yet, all above its `height`; items are only ever added, so what was painted stays
/// right. Stepped to the end, the page equals [`layout`]'s whatever the budgets were.
pub struct LayoutJob {
    fonts: fonts::Fonts,
    flow: flow::Flow,
    viewport: i32,
    page: Page,
    done: bool,
}

impl LayoutJob {
    /// Starts laying out `document` for a viewport `width` pixels wide.
    pub fn new(document: &Document, width: u32) -> LayoutJob {
        let viewport = width.clamp(1, 1 << 20) as i32;
        let fonts = fonts::Fonts::default();
        let mut flow = flow::Flow::new(false, 0);
        let cx = flow::Ctx {
            document,
            fonts: &fonts,
        };
        flow.start(cx, Document::ROOT, Style::default(), 0, viewport);
        LayoutJob {
            fonts,
            flow,
            viewport,
            page: Page {
                width: viewport as u32,
                height: 1,
                title: title(document),
                items: Vec::new(),
                links: Vec::new(),
            },
            done: false,
        }
    }

    /// Lays out about `budget` more nodes of `document` (the one given to
    /// [`LayoutJob::new`]; at least one node per call). Returns true when the page is
    /// complete.
    pub fn step(&mut self, document: &Document, budget: usize) -> bool {
        if self.done {
            return true;
        }
        let cx = flow::Ctx {
            document,
            fonts: &self.fonts,
        };
        let height = if self.flow.step(cx, budget.max(1)) {
            self.done = true;
            self.flow.end(cx)
        } else {
            self.flow.y
        };
        // Move what was placed into the page.
        let sink = &mut self.flow.sink;
        self.page.items.append(&mut sink.items);
        self.page
            .links
            .extend(sink.links.drain(..).filter_map(|(id, rect)| {
                let href = document.element(NodeId(id))?.attribute("href")?;
                Some((href.to_string(), rect))
            }));
        let width = self.viewport.max(sink.right_edge.saturating_add(8));
        self.page.width = width as u32;
        self.page.height = height.max(1) as u32;
        self.done
    }

    /// The page laid out so far (all of it once [`LayoutJob::step`] returned true).
    pub fn page(&self) -> &Page {
        &self.page
    }

    /// True when the page is complete.
    pub fn is_done(&self) -> bool {
        self.done
    }

    /// The finished (or partial) page.
    pub fn into_page(self) -> Page {
        self.page
    }
}

/// The text of the first `title` element, whitespace stripped and collapsed (HTML §4.2.2).
fn title(document: &Document) -> Option<String> {
    let id = document
        .descendants(Document::ROOT)
        .find(|&id| document.element(id).is_some_and(|e| e.is_html("title")))?;
    let mut out = String::new();
    for child in document.children(id) {
        if let NodeData::Text(text) = &document.node(child).data {
            out.push_str(text);
        }
    }
    let collapsed = out.split_ascii_whitespace().collect::<Vec<_>>().join(" ");
    (!collapsed.is_empty()).then_some(collapsed)
}

impl Page {
    /// The display list, in drawing order.
    pub fn items(&self) -> &[Item] {
        &self.items
    }

    /// The raw `href` of the link under page point (`x`, `y`).
    pub fn link_at(&self, x: i32, y: i32) -> Option<&str> {
        let p = gfx::Point::new(x, y);
        self.links
            .iter()
            .find(|(_, rect)| rect.contains(p))
            .map(|(href, _)| href.as_str())
    }

    /// Every link's `href` and box (one entry per piece of a link on a line).
    pub fn links(&self) -> Vec<(&str, Rect)> {
        self.links.iter().map(|(h, r)| (h.as_str(), *r)).collect()
    }

    /// The visible text in reading order, lines joined with '\n'.
    pub fn text(&self) -> String {
        let mut out = String::new();
        let mut first = true;
        for run in self.runs().filter(|r| !r.marker) {
            if run.new_line && !first {
                out.push('\n');
            } else if run.space_before {
                out.push(' ');
            }
            out.push_str(&run.text);
            first = false;
        }
        out
    }

    /// Where `needle` first appears inside one run of text.
    pub fn find_text(&self, needle: &str) -> Option<Rect> {
        if needle.is_empty() {
            return None;
        }
        self.runs().find_map(|run| {
            let at = run.text.find(needle)?;
            let font = run.style.font();
            let x = run.x + font.measure(&run.text[..at]);
            let w = font.measure(needle);
            Some(Rect::new(x, run.y, w, font.line_height()))
        })
    }

    fn runs(&self) -> impl Iterator<Item = &TextRun> {
        self.items.iter().filter_map(|item| match item {
            Item::Text(run) => Some(run),
            _ => None,
        })
    }
}

#[cfg(test)]
mod tests;
