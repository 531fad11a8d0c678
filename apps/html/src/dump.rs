//! The html5lib tree-dump format (tree-construction README): one line per node, `| `
//! plus two spaces per depth, attributes sorted by name. Used by the conformance runner
//! and handy when debugging a page.

use crate::dom::{AttributeNamespace, Document, Namespace, NodeData, NodeId};
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::Write;

/// Dumps the children of `root` (the document, or a fragment's root element) in
/// html5lib's format, each line ending in `\n`.
pub fn dump_children(document: &Document, root: NodeId) -> String {
    let mut out = String::new();
    let mut stack: Vec<(NodeId, usize)> = document.children(root).map(|c| (c, 0)).collect();
    stack.reverse();
    while let Some((id, depth)) = stack.pop() {
        let indent = "  ".repeat(depth);
        match &document.node(id).data {
            NodeData::Document | NodeData::Fragment => {}
            NodeData::Doctype(doctype) => {
                let (name, public_id, system_id) =
                    (&doctype.name, &doctype.public_id, &doctype.system_id);
                let _ = write!(out, "| {indent}<!DOCTYPE {name}");
                if !public_id.is_empty() || !system_id.is_empty() {
                    let _ = write!(out, " \"{public_id}\" \"{system_id}\"");
                }
                out.push_str(">\n");
            }
            NodeData::Text(text) => {
                let _ = writeln!(out, "| {indent}\"{text}\"");
            }
            NodeData::Comment(text) => {
                let _ = writeln!(out, "| {indent}<!-- {text} -->");
            }
            NodeData::Element(element) => {
                let prefix = match element.namespace {
                    Namespace::Html => "",
                    Namespace::Svg => "svg ",
                    Namespace::MathMl => "math ",
                };
                let _ = writeln!(out, "| {indent}<{prefix}{}>", element.name);
                let mut attributes: Vec<(String, &str)> = element
                    .attributes
                    .iter()
                    .map(|a| {
                        let space = match a.namespace {
                            AttributeNamespace::None => "",
                            AttributeNamespace::XLink => "xlink ",
                            AttributeNamespace::Xml => "xml ",
                            AttributeNamespace::Xmlns => "xmlns ",
                        };
                        (alloc::format!("{space}{}", a.name), a.value.as_str())
                    })
                    .collect();
                attributes.sort();
                for (name, value) in attributes {
                    let _ = writeln!(out, "| {indent}  {name}=\"{value}\"");
                }
                if let Some(contents) = element.template_contents {
                    let _ = writeln!(out, "| {indent}  content");
                    let mut children: Vec<(NodeId, usize)> = document
                        .children(contents)
                        .map(|c| (c, depth + 2))
                        .collect();
                    children.reverse();
                    stack.extend(children);
                    continue;
                }
            }
        }
        let mut children: Vec<(NodeId, usize)> =
            document.children(id).map(|c| (c, depth + 1)).collect();
        children.reverse();
        stack.extend(children);
    }
    out
}
