//! Foreign content: SVG and MathML inside HTML (§13.2.6.5), with the attribute and tag
//! name adjustments of §13.2.6.1 and the integration points of §13.2.6.

use super::insert::plain_attributes;
use super::{Mode, TreeBuilder};
use crate::dom::{Attribute, AttributeNamespace, Namespace, NodeId};
use crate::tokenizer::{Tag, Token};
use alloc::string::String;
use alloc::vec::Vec;

/// SVG attributes whose names have capitals ("adjust SVG attributes"); matched by their
/// lowercase form.
const SVG_ATTRIBUTES: &[&str] = &[
    "attributeName",
    "attributeType",
    "baseFrequency",
    "baseProfile",
    "calcMode",
    "clipPathUnits",
    "diffuseConstant",
    "edgeMode",
    "filterUnits",
    "glyphRef",
    "gradientTransform",
    "gradientUnits",
    "kernelMatrix",
    "kernelUnitLength",
    "keyPoints",
    "keySplines",
    "keyTimes",
    "lengthAdjust",
    "limitingConeAngle",
    "markerHeight",
    "markerUnits",
    "markerWidth",
    "maskContentUnits",
    "maskUnits",
    "numOctaves",
    "pathLength",
    "patternContentUnits",
    "patternTransform",
    "patternUnits",
    "pointsAtX",
    "pointsAtY",
    "pointsAtZ",
    "preserveAlpha",
    "preserveAspectRatio",
    "primitiveUnits",
    "refX",
    "refY",
    "repeatCount",
    "repeatDur",
    "requiredExtensions",
    "requiredFeatures",
    "specularConstant",
    "specularExponent",
    "spreadMethod",
    "startOffset",
    "stdDeviation",
    "stitchTiles",
    "surfaceScale",
    "systemLanguage",
    "tableValues",
    "targetX",
    "targetY",
    "textLength",
    "viewBox",
    "viewTarget",
    "xChannelSelector",
    "yChannelSelector",
    "zoomAndPan",
];

/// SVG element names with capitals (§13.2.6.5, "any other start tag").
const SVG_TAGS: &[&str] = &[
    "altGlyph",
    "altGlyphDef",
    "altGlyphItem",
    "animateColor",
    "animateMotion",
    "animateTransform",
    "clipPath",
    "feBlend",
    "feColorMatrix",
    "feComponentTransfer",
    "feComposite",
    "feConvolveMatrix",
    "feDiffuseLighting",
    "feDisplacementMap",
    "feDistantLight",
    "feDropShadow",
    "feFlood",
    "feFuncA",
    "feFuncB",
    "feFuncG",
    "feFuncR",
    "feGaussianBlur",
    "feImage",
    "feMerge",
    "feMergeNode",
    "feMorphology",
    "feOffset",
    "fePointLight",
    "feSpecularLighting",
    "feSpotLight",
    "feTile",
    "feTurbulence",
    "foreignObject",
    "glyphRef",
    "linearGradient",
    "radialGradient",
    "textPath",
];

/// HTML start tags that break out of foreign content.
const BREAKOUT: &[&str] = &[
    "b",
    "big",
    "blockquote",
    "body",
    "br",
    "center",
    "code",
    "dd",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "hr",
    "i",
    "img",
    "li",
    "listing",
    "menu",
    "meta",
    "nobr",
    "ol",
    "p",
    "pre",
    "ruby",
    "s",
    "small",
    "span",
    "strong",
    "strike",
    "sub",
    "sup",
    "table",
    "tt",
    "u",
    "ul",
    "var",
];

/// "Adjust foreign attributes": `xlink:`, `xml:` and `xmlns` get their namespaces.
fn adjust_foreign_attribute(attribute: &mut Attribute) {
    let (namespace, prefix, local) = match attribute.name.as_str() {
        "xlink:actuate" | "xlink:arcrole" | "xlink:href" | "xlink:role" | "xlink:show"
        | "xlink:title" | "xlink:type" => (AttributeNamespace::XLink, Some("xlink"), 6),
        "xml:lang" | "xml:space" => (AttributeNamespace::Xml, Some("xml"), 4),
        "xmlns" => (AttributeNamespace::Xmlns, None, 0),
        "xmlns:xlink" => (AttributeNamespace::Xmlns, Some("xmlns"), 6),
        _ => return,
    };
    attribute.namespace = namespace;
    attribute.prefix = prefix;
    attribute.name = String::from(&attribute.name[local..]);
}

/// The adjusted attributes of a foreign element in `namespace`.
fn adjusted_attributes(tag: Tag, namespace: Namespace) -> Vec<Attribute> {
    let mut attributes = plain_attributes(tag);
    for attribute in &mut attributes {
        match namespace {
            Namespace::MathMl if attribute.name == "definitionurl" => {
                attribute.name = String::from("definitionURL");
            }
            Namespace::Svg => {
                if let Some(proper) = SVG_ATTRIBUTES
                    .iter()
                    .find(|n| n.eq_ignore_ascii_case(&attribute.name))
                {
                    attribute.name = String::from(*proper);
                }
            }
            _ => {}
        }
        adjust_foreign_attribute(attribute);
    }
    attributes
}

impl TreeBuilder {
    /// §13.2.6 "HTML integration point".
    pub(super) fn is_html_integration_point(&self, node: NodeId) -> bool {
        let Some(element) = self.document.element(node) else {
            return false;
        };
        match element.namespace {
            Namespace::Svg => matches!(element.name.as_str(), "foreignObject" | "desc" | "title"),
            Namespace::MathMl => {
                element.name == "annotation-xml"
                    && element.attribute("encoding").is_some_and(|e| {
                        e.eq_ignore_ascii_case("text/html")
                            || e.eq_ignore_ascii_case("application/xhtml+xml")
                    })
            }
            Namespace::Html => false,
        }
    }

    fn is_mathml_text_integration_point(&self, node: NodeId) -> bool {
        self.namespace(node) == Namespace::MathMl
            && matches!(self.name(node), "mi" | "mo" | "mn" | "ms" | "mtext")
    }

    /// Inserts a foreign element for `tag` in `namespace`, adjusting names and attributes,
    /// and pops it again if it was self-closing (`<math>`/`<svg>` in body, and foreign
    /// content's "any other start tag").
    pub(super) fn insert_foreign_for_token(&mut self, mut tag: Tag, namespace: Namespace) {
        if namespace == Namespace::Svg {
            if let Some(proper) = SVG_TAGS.iter().find(|n| n.eq_ignore_ascii_case(&tag.name)) {
                tag.name = String::from(*proper);
            }
        }
        let self_closing = tag.self_closing;
        let name = core::mem::take(&mut tag.name);
        let attributes = adjusted_attributes(tag, namespace);
        self.insert_element(name, namespace, attributes);
        if self_closing {
            self.open.pop();
        }
    }

    /// §13.2.6.5 The rules for parsing tokens in foreign content.
    #[inline(never)] // wasmi charges inlined code on every call (see `process_in`)
    pub(super) fn process_foreign(&mut self, token: Token) {
        match token {
            Token::Characters(text) => {
                let text = if text.contains('\0') {
                    self.error();
                    text.replace('\0', "\u{FFFD}")
                } else {
                    text
                };
                if text.chars().any(|c| !super::is_space(c) && c != '\u{FFFD}') {
                    self.frameset_ok = false;
                }
                self.insert_text(&text);
            }
            Token::Comment(text) => self.insert_comment(text, None),
            Token::Doctype(_) => self.error(),
            Token::StartTag(tag) => {
                let breakout = BREAKOUT.contains(&tag.name.as_str())
                    || (tag.name == "font"
                        && ["color", "face", "size"]
                            .iter()
                            .any(|a| tag.attribute(a).is_some()));
                if breakout {
                    self.error();
                    self.pop_to_html_content();
                    self.process_in(self.mode, Token::StartTag(tag));
                    return;
                }
                let namespace = self
                    .adjusted_current_node()
                    .map(|node| self.namespace(node))
                    .unwrap_or(Namespace::Html);
                self.insert_foreign_for_token(tag, namespace);
            }
            Token::EndTag(tag) if tag.name == "br" || tag.name == "p" => {
                self.error();
                self.pop_to_html_content();
                self.process_in(self.mode, Token::EndTag(tag));
            }
            Token::EndTag(tag) => self.foreign_end_tag(tag),
            Token::EndOfFile => self.process_in(self.mode, Token::EndOfFile),
        }
    }

    /// Pops until the current node is an HTML element, a MathML text integration point or
    /// an HTML integration point.
    fn pop_to_html_content(&mut self) {
        while let Some(node) = self.current() {
            if self.namespace(node) == Namespace::Html
                || self.is_mathml_text_integration_point(node)
                || self.is_html_integration_point(node)
            {
                break;
            }
            self.open.pop();
        }
    }

    /// §13.2.6.5 "any other end tag" in foreign content.
    fn foreign_end_tag(&mut self, tag: Tag) {
        let Some(mut index) = self.open.len().checked_sub(1) else {
            return;
        };
        if !self.name(self.open[index]).eq_ignore_ascii_case(&tag.name) {
            self.error();
        }
        // No open foreign element has this name: the walk below would reach an HTML
        // element without a match, so go there at once.
        if index > 0
            && self.namespace(self.open[index]) != Namespace::Html
            && self.open.lacks_foreign(&tag.name)
        {
            let mode: Mode = self.mode;
            self.process_in(mode, Token::EndTag(tag));
            return;
        }
        loop {
            if index == 0 {
                return;
            }
            let node = self.open[index];
            if self.name(node).eq_ignore_ascii_case(&tag.name) {
                self.open.truncate(index);
                return;
            }
            index -= 1;
            if self.namespace(self.open[index]) == Namespace::Html {
                let mode: Mode = self.mode;
                self.process_in(mode, Token::EndTag(tag));
                return;
            }
        }
    }
}
