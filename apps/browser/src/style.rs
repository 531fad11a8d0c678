//! The built-in user-agent stylesheet: how each HTML element is displayed and what its text
//! looks like.
//!
//! There is no CSS parser: the browser renders every page with the rules a browser's default
//! stylesheet gives (HTML §15 "Rendering", reduced to what a page without author styles
//! needs). Each element maps to a [`Display`] (does it start a block, flow inline, become a
//! list item or a table, or vanish), a [`BlockBox`] (margins and indentation for blocks) and
//! a change to the inherited [`Style`] (font, colour, decoration, whitespace handling).
//!
//! Font sizes follow HTML §15.3.6 (`h1` 2em ... `h6` 0.67em) scaled down to the embedded
//! sizes: sans 12-24 px, bold 16/20/24 px and mono 14 px. So `h1` is bold 24, `h2` bold 20
//! and `h3` to `h6` bold 16 (there is no smaller bold face).

use gfx::{Color, Font};
use html::dom::Element;

/// Body text: near-black on a white page.
pub const TEXT_COLOR: Color = Color::rgb(0x1a, 0x1a, 0x1a);
/// Unvisited links (HTML §15.3.4 uses #0000EE).
pub const LINK_COLOR: Color = Color::rgb(0x00, 0x00, 0xee);
/// The page background.
pub const PAGE_COLOR: Color = Color::WHITE;
/// Rules, table borders, image boxes and the quote bar.
pub const RULE_COLOR: Color = Color::rgb(0x99, 0x99, 0x99);

/// Which embedded face a run of text uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Face {
    Sans,
    Bold,
    Mono,
}

/// The inherited text properties (CSS "inherited properties" of the few kinds we support).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Style {
    pub face: Face,
    /// Wanted size in pixels; [`Style::font`] picks the embedded size.
    pub px: u16,
    pub color: Color,
    pub italic: bool,
    pub underline: bool,
    pub strike: bool,
    /// `white-space: pre`: keep spaces and newlines, never wrap (CSS Text §3).
    pub pre: bool,
    /// Centre lines (the `center` element, `align=center`).
    pub center: bool,
    /// The `a` element whose link this text is part of (its node index).
    pub link: Option<u32>,
}

impl Default for Style {
    fn default() -> Style {
        Style {
            face: Face::Sans,
            px: 16,
            color: TEXT_COLOR,
            italic: false,
            underline: false,
            strike: false,
            pre: false,
            center: false,
            link: None,
        }
    }
}

/// How many embedded fonts styles choose from (see [`Style::font_index`]).
pub const FONT_COUNT: usize = 9;

impl Style {
    /// The embedded font nearest to this style.
    pub fn font(&self) -> Font<'static> {
        font_at(self.font_index())
    }

    /// Which of the [`FONT_COUNT`] embedded fonts [`Style::font`] gives (for caches):
    /// sans 12, 14, 16, 20, 24, bold 16, 20, 24, mono 14.
    pub fn font_index(&self) -> usize {
        match self.face {
            // The sizes `Font::sans` picks from.
            Face::Sans => match self.px {
                0..=13 => 0,
                14..=15 => 1,
                16..=18 => 2,
                19..=22 => 3,
                _ => 4,
            },
            Face::Bold => match self.px {
                0..=18 => 5,
                19..=22 => 6,
                _ => 7,
            },
            Face::Mono => 8,
        }
    }
}

/// Font number `index` of [`Style::font_index`] (the last one past the end).
fn font_at(index: usize) -> Font<'static> {
    match index {
        0 => Font::sans_12(),
        1 => Font::sans_14(),
        2 => Font::sans_16(),
        3 => Font::sans_20(),
        4 => Font::sans_24(),
        5 => Font::bold_16(),
        6 => Font::bold_20(),
        7 => Font::bold_24(),
        _ => Font::mono_14(),
    }
}

/// How an element takes part in layout (CSS Display §2, the values we use).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Display {
    /// Not rendered, nor its descendants.
    None,
    Block,
    Inline,
    ListItem,
    Table,
    /// An `img`: an atomic inline box.
    Image,
    /// A `br`: a forced line break.
    Break,
    /// An `hr`: a block that draws a rule.
    Rule,
}

/// Space around a block, in pixels.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BlockBox {
    pub margin_top: i32,
    pub margin_bottom: i32,
    pub indent_left: i32,
    pub indent_right: i32,
    /// Draw a bar left of the content (blockquote).
    pub bar: bool,
    /// Starts a list: its items are numbered (`ol`) or bulleted (`ul`).
    pub list: Option<ListKind>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListKind {
    Bullets,
    Numbers,
}

/// Elements whose content is never rendered (HTML §15.3.1 `display: none`); kept for
/// the test that checks [`listed_display`] against it.
#[cfg(test)]
const HIDDEN: &[&str] = &[
    "head", "title", "script", "style", "template", "noscript", "meta", "link", "base", "area",
    "datalist", "param", "source", "track", "dialog", "iframe", "object", "embed", "video",
    "audio", "canvas", "svg", "math", "select", "input", "textarea", "button",
];

/// Elements that are blocks (HTML §15.3.3, §15.3.7, §15.3.8); kept for the test that
/// checks [`listed_display`] against it.
#[cfg(test)]
const BLOCKS: &[&str] = &[
    "html",
    "body",
    "address",
    "blockquote",
    "center",
    "div",
    "figure",
    "figcaption",
    "footer",
    "form",
    "header",
    "hr",
    "legend",
    "listing",
    "main",
    "p",
    "plaintext",
    "pre",
    "xmp",
    "article",
    "aside",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hgroup",
    "nav",
    "section",
    "dl",
    "dt",
    "dd",
    "ul",
    "ol",
    "menu",
    "dir",
    "details",
    "summary",
    "fieldset",
    "caption",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "td",
    "th",
    "search",
];

/// How `element` is displayed.
pub fn display(element: &Element) -> Display {
    if element.namespace != html::dom::Namespace::Html {
        return Display::None;
    }
    if element.attribute("hidden").is_some() {
        return Display::None;
    }
    let name = element.name.as_str();
    match name {
        "li" => Display::ListItem,
        "table" => Display::Table,
        "img" => Display::Image,
        "br" => Display::Break,
        "hr" => Display::Rule,
        _ => listed_display(name),
    }
}

/// [`HIDDEN`] elements are not displayed, [`BLOCKS`] are blocks, the rest inline. The same
/// lists as one `match` (a test keeps them equal): the compiler sorts the names by length,
/// so an element costs a few comparisons rather than a walk along both lists.
fn listed_display(name: &str) -> Display {
    match name {
        "head" | "title" | "script" | "style" | "template" | "noscript" | "meta" | "link"
        | "base" | "area" | "datalist" | "param" | "source" | "track" | "dialog" | "iframe"
        | "object" | "embed" | "video" | "audio" | "canvas" | "svg" | "math" | "select"
        | "input" | "textarea" | "button" => Display::None,
        "html" | "body" | "address" | "blockquote" | "center" | "div" | "figure" | "figcaption"
        | "footer" | "form" | "header" | "hr" | "legend" | "listing" | "main" | "p"
        | "plaintext" | "pre" | "xmp" | "article" | "aside" | "h1" | "h2" | "h3" | "h4" | "h5"
        | "h6" | "hgroup" | "nav" | "section" | "dl" | "dt" | "dd" | "ul" | "ol" | "menu"
        | "dir" | "details" | "summary" | "fieldset" | "caption" | "table" | "thead" | "tbody"
        | "tfoot" | "tr" | "td" | "th" | "search" => Display::Block,
        _ => Display::Inline,
    }
}

/// The margins and indentation of block `name`; `list_depth` counts the lists around it
/// (nested lists have no vertical margins, HTML §15.3.8).
pub fn block_box(name: &str, list_depth: u32) -> BlockBox {
    let mut b = BlockBox::default();
    match name {
        "body" => {
            (b.margin_top, b.margin_bottom) = (8, 8);
            (b.indent_left, b.indent_right) = (8, 8);
        }
        "p" | "dl" | "figure" | "pre" | "listing" | "xmp" | "plaintext" | "fieldset" => {
            (b.margin_top, b.margin_bottom) = (16, 16);
        }
        "h1" => (b.margin_top, b.margin_bottom) = (21, 21),
        "h2" => (b.margin_top, b.margin_bottom) = (20, 20),
        "h3" => (b.margin_top, b.margin_bottom) = (19, 19),
        "h4" => (b.margin_top, b.margin_bottom) = (21, 21),
        "h5" => (b.margin_top, b.margin_bottom) = (22, 22),
        "h6" => (b.margin_top, b.margin_bottom) = (25, 25),
        "blockquote" => {
            (b.margin_top, b.margin_bottom) = (16, 16);
            (b.indent_left, b.indent_right) = (40, 40);
            b.bar = true;
        }
        "ul" | "ol" | "menu" | "dir" => {
            if list_depth == 0 {
                (b.margin_top, b.margin_bottom) = (16, 16);
            }
            b.indent_left = 40;
            b.list = Some(if name == "ol" {
                ListKind::Numbers
            } else {
                ListKind::Bullets
            });
        }
        "dd" => b.indent_left = 40,
        "hr" => (b.margin_top, b.margin_bottom) = (8, 8),
        _ => {}
    }
    b
}

/// The style of `element`'s content, inherited from `parent`.
pub fn apply(element: &Element, id: u32, parent: &Style) -> Style {
    let mut s = *parent;
    match element.name.as_str() {
        "h1" => (s.face, s.px) = (Face::Bold, 24),
        "h2" => (s.face, s.px) = (Face::Bold, 20),
        "h3" => (s.face, s.px) = (Face::Bold, 17),
        "h4" => (s.face, s.px) = (Face::Bold, 16),
        "h5" => (s.face, s.px) = (Face::Bold, 13),
        "h6" => (s.face, s.px) = (Face::Bold, 11),
        "b" | "strong" | "dt" | "summary" | "legend" => s.face = bold_of(s.face),
        "th" => (s.face, s.center) = (bold_of(s.face), true),
        "i" | "em" | "cite" | "var" | "dfn" | "address" => s.italic = true,
        "u" | "ins" => s.underline = true,
        "s" | "strike" | "del" => s.strike = true,
        "code" | "kbd" | "samp" | "tt" => s.face = Face::Mono,
        "pre" | "listing" | "xmp" | "plaintext" => (s.face, s.pre) = (Face::Mono, true),
        "small" => s.px = s.px.saturating_sub(3).max(11),
        "big" => s.px = s.px.saturating_add(3),
        "center" => s.center = true,
        "caption" => s.center = true,
        "td" => s.center = false,
        "a" if element.attribute("href").is_some() => {
            s.color = LINK_COLOR;
            s.underline = true;
            s.link = Some(id);
        }
        _ => {}
    }
    if let Some(align) = element.attribute("align") {
        if align.eq_ignore_ascii_case("center") {
            s.center = true;
        } else if align.eq_ignore_ascii_case("left") {
            s.center = false;
        }
    }
    s
}

/// Bold keeps monospace text monospace (there is no bold mono face).
fn bold_of(face: Face) -> Face {
    match face {
        Face::Mono => Face::Mono,
        _ => Face::Bold,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn element(name: &str, attributes: &[(&str, &str)]) -> Element {
        Element {
            name: name.into(),
            namespace: html::dom::Namespace::Html,
            attributes: attributes
                .iter()
                .map(|(n, v)| html::dom::Attribute {
                    namespace: html::dom::AttributeNamespace::None,
                    prefix: None,
                    name: (*n).into(),
                    value: (*v).into(),
                })
                .collect(),
            template_contents: None,
        }
    }

    #[test]
    fn hidden_things_are_not_displayed() {
        for name in ["script", "style", "head", "title", "template", "noscript"] {
            assert_eq!(display(&element(name, &[])), Display::None, "{name}");
        }
        assert_eq!(display(&element("p", &[("hidden", "")])), Display::None);
        assert_eq!(display(&element("p", &[])), Display::Block);
        assert_eq!(display(&element("span", &[])), Display::Inline);
        assert_eq!(display(&element("li", &[])), Display::ListItem);
    }

    #[test]
    fn the_display_match_follows_the_lists() {
        for name in HIDDEN {
            assert_eq!(listed_display(name), Display::None, "{name}");
        }
        for name in BLOCKS {
            assert_eq!(listed_display(name), Display::Block, "{name}");
        }
        for name in ["a", "b", "span", "em", "x-custom", "", "bodyx", "h7"] {
            assert_eq!(listed_display(name), Display::Inline, "{name}");
        }
    }

    #[test]
    fn headings_are_big_and_bold_and_links_blue() {
        let base = Style::default();
        let h1 = apply(&element("h1", &[]), 1, &base);
        assert_eq!((h1.face, h1.font().px()), (Face::Bold, 24));
        assert!(h1.font().has_glyph('A') && Font::bold_20().atlas().glyph_count() > 900);
        assert_eq!(apply(&element("h2", &[]), 1, &base).font().px(), 20);
        let a = apply(&element("a", &[("href", "x")]), 7, &base);
        assert_eq!((a.color, a.underline, a.link), (LINK_COLOR, true, Some(7)));
        // An anchor without href is not a link.
        assert_eq!(apply(&element("a", &[]), 7, &base), base);
        let pre = apply(&element("pre", &[]), 1, &base);
        assert!(pre.pre && pre.font().is_monospace());
    }

    #[test]
    fn font_index_names_the_font_font_gives() {
        for face in [Face::Sans, Face::Bold, Face::Mono] {
            for px in 0..40 {
                let style = Style {
                    face,
                    px,
                    ..Style::default()
                };
                let want = match face {
                    Face::Sans => Font::sans(px),
                    Face::Bold if px <= 18 => Font::bold_16(),
                    Face::Bold if px <= 22 => Font::bold_20(),
                    Face::Bold => Font::bold_24(),
                    Face::Mono => Font::mono_14(),
                };
                assert!(style.font_index() < FONT_COUNT);
                assert_eq!(style.font().px(), want.px(), "{face:?} {px}");
                assert_eq!(
                    style.font().atlas().note,
                    want.atlas().note,
                    "{face:?} {px}"
                );
                assert_eq!(font_at(style.font_index()).px(), want.px());
            }
        }
    }

    #[test]
    fn nested_lists_lose_their_margins() {
        assert_eq!(block_box("ul", 0).margin_top, 16);
        assert_eq!(block_box("ul", 1).margin_top, 0);
        assert_eq!(block_box("ol", 2).list, Some(ListKind::Numbers));
        assert_eq!(block_box("ul", 2).indent_left, 40);
    }
}
