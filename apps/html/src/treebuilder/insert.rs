//! Creating and inserting nodes (§13.2.6.1): "the appropriate place for inserting a node"
//! with foster parenting and template contents, "create an element for a token", and
//! inserting elements, characters and comments.

use super::TreeBuilder;
use crate::dom::{Attribute, Document, Element, Namespace, NodeData, NodeId};
use crate::tokenizer::Tag;
use alloc::collections::BTreeSet;
use alloc::string::String;
use alloc::vec::Vec;

/// Where a node goes: inside `parent`, before `before` (or last when `None`).
#[derive(Debug, Clone, Copy)]
pub(super) struct Place {
    pub parent: NodeId,
    pub before: Option<NodeId>,
}

/// Token attributes as DOM attributes in no namespace.
pub(super) fn plain_attributes(tag: Tag) -> Vec<Attribute> {
    tag.attributes
}

impl TreeBuilder {
    /// §13.2.6.1 "appropriate place for inserting a node".
    #[inline(never)] // wasmi charges inlined code on every call (see `process_in`)
    pub(super) fn appropriate_place(&self, override_target: Option<NodeId>) -> Place {
        let target = override_target.or(self.current()).unwrap_or(Document::ROOT);
        let place = if self.foster_parenting
            && self.is_html_one_of(target, &["table", "tbody", "tfoot", "thead", "tr"])
        {
            self.foster_place()
        } else {
            Place {
                parent: target,
                before: None,
            }
        };
        // Inside a template, nodes go to its contents.
        match self
            .document
            .element(place.parent)
            .and_then(|e| e.template_contents)
        {
            Some(contents) if self.is_html_one_of(place.parent, &["template"]) => Place {
                parent: contents,
                before: None,
            },
            _ => place,
        }
    }

    /// The foster-parenting branch of the appropriate place: just before the last table.
    #[inline(never)] // rare: kept out of `appropriate_place` (see `process_in`)
    fn foster_place(&self) -> Place {
        let last_template = self
            .open
            .iter()
            .rposition(|&n| self.is_html_one_of(n, &["template"]));
        let last_table = self
            .open
            .iter()
            .rposition(|&n| self.is_html_one_of(n, &["table"]));
        if let Some(template) = last_template {
            if last_table.is_none_or(|table| template > table) {
                return Place {
                    parent: self.open[template],
                    before: None,
                };
            }
        }
        let Some(table_index) = last_table else {
            return Place {
                parent: self.open.first().unwrap_or(Document::ROOT),
                before: None,
            };
        };
        let table = self.open[table_index];
        match self.document.node(table).parent {
            Some(parent) => Place {
                parent,
                before: Some(table),
            },
            None => Place {
                parent: self.open[table_index.saturating_sub(1)],
                before: None,
            },
        }
    }

    /// Inserts an existing node at the appropriate place.
    pub(super) fn insert_node_at_appropriate_place(
        &mut self,
        node: NodeId,
        target: Option<NodeId>,
    ) {
        let place = self.appropriate_place(target);
        self.document
            .insert_before(place.parent, node, place.before);
    }

    /// §13.2.6.1 "create an element for a token" (no scripts, no custom elements).
    #[inline(never)] // wasmi charges inlined code on every call (see `process_in`)
    pub(super) fn create_element(
        &mut self,
        name: String,
        namespace: Namespace,
        attributes: Vec<Attribute>,
    ) -> NodeId {
        let template_contents = if namespace == Namespace::Html && name == "template" {
            Some(self.document.create(NodeData::Fragment))
        } else {
            None
        };
        self.document.create(NodeData::Element(Element {
            name,
            namespace,
            attributes,
            template_contents,
        }))
    }

    /// "Insert a foreign element" with already adjusted attributes, pushing it on the stack.
    #[inline(never)] // wasmi charges inlined code on every call (see `process_in`)
    pub(super) fn insert_element(
        &mut self,
        name: String,
        namespace: Namespace,
        attributes: Vec<Attribute>,
    ) -> NodeId {
        let place = self.appropriate_place(None);
        let element = self.create_element(name, namespace, attributes);
        self.document
            .insert_before(place.parent, element, place.before);
        self.push_open(element);
        element
    }

    /// "Insert an HTML element" for `tag`.
    #[inline(never)] // wasmi charges inlined code on every call (see `process_in`)
    pub(super) fn insert_html_element(&mut self, mut tag: Tag) -> NodeId {
        let name = core::mem::take(&mut tag.name);
        self.insert_element(name, Namespace::Html, plain_attributes(tag))
    }

    /// Inserts an HTML element named `name` with no attributes (implied tags).
    #[inline(never)] // wasmi charges inlined code on every call (see `process_in`)
    pub(super) fn insert_html_named(&mut self, name: &str) -> NodeId {
        self.insert_element(String::from(name), Namespace::Html, Vec::new())
    }

    /// "Insert a character" for a whole run: appended to a text node just before the place.
    #[inline(never)] // wasmi charges inlined code on every call (see `process_in`)
    pub(super) fn insert_text<T: AsRef<str> + Into<String>>(&mut self, text: T) {
        if text.as_ref().is_empty() {
            return;
        }
        let place = self.appropriate_place(None);
        if place.parent == Document::ROOT {
            return;
        }
        let previous = match place.before {
            Some(before) => self.document.node(before).previous_sibling,
            None => self.document.node(place.parent).last_child,
        };
        if let Some(previous) = previous {
            if let NodeData::Text(existing) = &mut self.document.node_mut(previous).data {
                existing.push_str(text.as_ref());
                return;
            }
        }
        let node = self.document.create(NodeData::Text(text.into()));
        self.document
            .insert_before(place.parent, node, place.before);
    }

    /// "Insert a comment" at the appropriate place, or as the last child of `parent`.
    #[inline(never)] // wasmi charges inlined code on every call (see `process_in`)
    pub(super) fn insert_comment(&mut self, text: String, parent: Option<NodeId>) {
        let place = match parent {
            Some(parent) => Place {
                parent,
                before: None,
            },
            None => self.appropriate_place(None),
        };
        let node = self.document.create(NodeData::Comment(text));
        self.document
            .insert_before(place.parent, node, place.before);
    }

    /// Adds the attributes of `tag` that `element` lacks (`<html>`/`<body>` in body).
    pub(super) fn add_missing_attributes(&mut self, element: NodeId, tag: Tag) {
        let Some(target) = self.document.element_mut(element) else {
            return;
        };
        let mut present: BTreeSet<String> =
            target.attributes.iter().map(|a| a.name.clone()).collect();
        for attribute in plain_attributes(tag) {
            if present.insert(attribute.name.clone()) {
                target.attributes.push(attribute);
            }
        }
    }
}
