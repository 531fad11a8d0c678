//! The document tree: an arena of nodes addressed by [`NodeId`] (DOM §4, reduced to what a
//! parser builds and a layout engine walks).
//!
//! Nodes live in one `Vec`; each keeps its parent, first/last child and previous/next
//! sibling, so appending, inserting before a sibling and moving a node are O(1) and walking
//! needs no recursion. Nodes are never freed: a node removed from the tree (the adoption
//! agency moves nodes, never deletes them) simply has no parent. Node 0 is the document.

use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;

/// The index of a node in its [`Document`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NodeId(pub u32);

impl NodeId {
    /// The node's index in the arena.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// Element namespaces the HTML parser creates (Infra §8).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Namespace {
    Html,
    Svg,
    MathMl,
}

/// Attribute namespaces set by "adjust foreign attributes" (HTML §13.2.6.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttributeNamespace {
    None,
    XLink,
    Xml,
    Xmlns,
}

/// An attribute on an element. `name` is the local name (`href` for `xlink:href` once
/// adjusted, with `namespace` XLink and `prefix` "xlink").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribute {
    pub namespace: AttributeNamespace,
    pub prefix: Option<&'static str>,
    pub name: String,
    pub value: String,
}

/// Quirks mode of a document (DOM §4.5; set from the DOCTYPE, HTML §13.2.6.4.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum QuirksMode {
    #[default]
    NoQuirks,
    LimitedQuirks,
    Quirks,
}

/// An element: name, namespace and attributes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Element {
    /// The local name, lowercase for HTML, case-adjusted for SVG (`foreignObject`).
    pub name: String,
    pub namespace: Namespace,
    pub attributes: Vec<Attribute>,
    /// For `<template>`: the document fragment holding its contents.
    pub template_contents: Option<NodeId>,
}

impl Element {
    /// The value of the no-namespace attribute `name`.
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|a| a.namespace == AttributeNamespace::None && a.name == name)
            .map(|a| a.value.as_str())
    }

    /// Whether this is the HTML element `name`.
    pub fn is_html(&self, name: &str) -> bool {
        self.namespace == Namespace::Html && self.name == name
    }
}

/// A DOCTYPE node's fields (missing identifiers are empty strings, DOM §4.6).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DoctypeNode {
    pub name: String,
    pub public_id: String,
    pub system_id: String,
}

/// What a node is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NodeData {
    Document,
    /// Template contents (and the root of nothing else here).
    Fragment,
    /// Boxed: a document has at most one, and it would make every node bigger.
    Doctype(Box<DoctypeNode>),
    Element(Element),
    Text(String),
    Comment(String),
}

/// One node and its links.
#[derive(Debug, Clone)]
pub struct Node {
    pub parent: Option<NodeId>,
    pub first_child: Option<NodeId>,
    pub last_child: Option<NodeId>,
    pub previous_sibling: Option<NodeId>,
    pub next_sibling: Option<NodeId>,
    pub data: NodeData,
}

/// A parsed document.
#[derive(Debug, Clone)]
pub struct Document {
    nodes: Vec<Node>,
    pub quirks_mode: QuirksMode,
    /// Parse errors seen (tokenizer and tree builder); parsing never stops for them.
    pub error_count: usize,
}

impl Default for Document {
    fn default() -> Self {
        Self::new()
    }
}

impl Document {
    /// The document node alone, with room for `nodes` more nodes before the arena grows.
    pub fn with_capacity(nodes: usize) -> Self {
        let mut document = Document::new();
        document.nodes.reserve(nodes);
        document
    }

    /// The document node alone.
    pub fn new() -> Self {
        let mut document = Document {
            nodes: Vec::new(),
            quirks_mode: QuirksMode::NoQuirks,
            error_count: 0,
        };
        document.create(NodeData::Document);
        document
    }

    /// The document node.
    pub const ROOT: NodeId = NodeId(0);

    /// How many nodes were created (attached or not).
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// Always false: the document node exists.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// A new node with no parent.
    pub fn create(&mut self, data: NodeData) -> NodeId {
        // Nodes take over 100 bytes each, so memory runs out long before 2^32 of them.
        let id = NodeId(self.nodes.len() as u32);
        self.nodes.push(Node {
            parent: None,
            first_child: None,
            last_child: None,
            previous_sibling: None,
            next_sibling: None,
            data,
        });
        id
    }

    /// The node `id`. Ids come from this document, so the index is in range; an id from
    /// elsewhere gives the document node rather than a panic.
    pub fn node(&self, id: NodeId) -> &Node {
        self.nodes.get(id.index()).unwrap_or(&self.nodes[0])
    }

    pub fn node_mut(&mut self, id: NodeId) -> &mut Node {
        if id.index() < self.nodes.len() {
            &mut self.nodes[id.index()]
        } else {
            &mut self.nodes[0]
        }
    }

    /// The element at `id`, if it is one.
    pub fn element(&self, id: NodeId) -> Option<&Element> {
        match &self.node(id).data {
            NodeData::Element(element) => Some(element),
            _ => None,
        }
    }

    pub fn element_mut(&mut self, id: NodeId) -> Option<&mut Element> {
        match &mut self.node_mut(id).data {
            NodeData::Element(element) => Some(element),
            _ => None,
        }
    }

    /// The children of `id`, first to last.
    pub fn children(&self, id: NodeId) -> Children<'_> {
        Children {
            document: self,
            next: self.node(id).first_child,
        }
    }

    /// `id` and every node below it in document order (pre-order), without recursion.
    /// Template contents are not included (they are not children).
    pub fn descendants(&self, id: NodeId) -> Descendants<'_> {
        Descendants {
            document: self,
            root: id,
            next: Some(id),
        }
    }

    /// Unlinks `id` from its parent, if any.
    pub fn detach(&mut self, id: NodeId) {
        let node = self.node(id);
        let (parent, previous, next) = (node.parent, node.previous_sibling, node.next_sibling);
        let Some(parent) = parent else { return };
        match previous {
            Some(p) => self.node_mut(p).next_sibling = next,
            None => self.node_mut(parent).first_child = next,
        }
        match next {
            Some(n) => self.node_mut(n).previous_sibling = previous,
            None => self.node_mut(parent).last_child = previous,
        }
        let node = self.node_mut(id);
        node.parent = None;
        node.previous_sibling = None;
        node.next_sibling = None;
    }

    /// Moves `child` to the end of `parent`'s children.
    pub fn append(&mut self, parent: NodeId, child: NodeId) {
        self.detach(child);
        let last = self.node(parent).last_child;
        {
            let node = self.node_mut(child);
            node.parent = Some(parent);
            node.previous_sibling = last;
        }
        match last {
            Some(last) => self.node_mut(last).next_sibling = Some(child),
            None => self.node_mut(parent).first_child = Some(child),
        }
        self.node_mut(parent).last_child = Some(child);
    }

    /// Moves `child` into `parent` just before `reference` (a child of `parent`), or to the
    /// end when `reference` is `None`.
    pub fn insert_before(&mut self, parent: NodeId, child: NodeId, reference: Option<NodeId>) {
        let Some(reference) = reference else {
            return self.append(parent, child);
        };
        self.detach(child);
        let previous = self.node(reference).previous_sibling;
        {
            let node = self.node_mut(child);
            node.parent = Some(parent);
            node.previous_sibling = previous;
            node.next_sibling = Some(reference);
        }
        self.node_mut(reference).previous_sibling = Some(child);
        match previous {
            Some(p) => self.node_mut(p).next_sibling = Some(child),
            None => self.node_mut(parent).first_child = Some(child),
        }
    }

    /// Moves every child of `from` to the end of `to`.
    pub fn move_children(&mut self, from: NodeId, to: NodeId) {
        while let Some(child) = self.node(from).first_child {
            self.append(to, child);
        }
    }

    /// The text of all descendant text nodes, in order.
    pub fn text_content(&self, id: NodeId) -> String {
        let mut out = String::new();
        for node in self.descendants(id) {
            if let NodeData::Text(text) = &self.node(node).data {
                out.push_str(text);
            }
        }
        out
    }
}

/// Iterator over a node's children.
pub struct Children<'a> {
    document: &'a Document,
    next: Option<NodeId>,
}

impl Iterator for Children<'_> {
    type Item = NodeId;

    fn next(&mut self) -> Option<NodeId> {
        let current = self.next?;
        self.next = self.document.node(current).next_sibling;
        Some(current)
    }
}

/// Pre-order iterator over a subtree (see [`Document::descendants`]).
pub struct Descendants<'a> {
    document: &'a Document,
    root: NodeId,
    next: Option<NodeId>,
}

impl Iterator for Descendants<'_> {
    type Item = NodeId;

    fn next(&mut self) -> Option<NodeId> {
        let current = self.next?;
        let node = self.document.node(current);
        self.next = node.first_child.or_else(|| {
            // Climb until a node with a next sibling, stopping at the root.
            let mut at = current;
            loop {
                if at == self.root {
                    return None;
                }
                let here = self.document.node(at);
                if let Some(sibling) = here.next_sibling {
                    return Some(sibling);
                }
                at = here.parent?;
            }
        });
        Some(current)
    }
}
