//! The active formatting elements (§13.2.4.3; the list itself is in `formatting_list.rs`):
//! pushing with the Noah's Ark clause, reconstruction, and the adoption agency algorithm
//! (§13.2.6.4.7, "any other end tag" of formatting elements), which repairs misnested
//! formatting such as `<b><p>x</b>y</p>`.

use super::formatting_list::Entry;
use super::open_elements::hash_bytes;
use super::stack::Scope;
use super::TreeBuilder;
use crate::dom::{Attribute, NodeData, NodeId};
use alloc::vec::Vec;

/// Whether two attribute lists hold the same attributes in any order (sorting copies when
/// they are long, so a tag with 100 000 attributes costs n log n, not n²).
fn same_attributes(a: &[Attribute], b: &[Attribute]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    if a == b {
        return true;
    }
    if a.len() <= 16 {
        return a.iter().all(|attribute| b.contains(attribute));
    }
    let order = |x: &&Attribute, y: &&Attribute| {
        (x.name.as_str(), x.value.as_str()).cmp(&(y.name.as_str(), y.value.as_str()))
    };
    let mut left: Vec<&Attribute> = a.iter().collect();
    let mut right: Vec<&Attribute> = b.iter().collect();
    left.sort_unstable_by(order);
    right.sort_unstable_by(order);
    left == right
}

impl TreeBuilder {
    /// Whether two elements have the same name, namespace and attributes (Noah's Ark).
    fn same_element(&self, a: NodeId, b: NodeId) -> bool {
        let (Some(x), Some(y)) = (self.document.element(a), self.document.element(b)) else {
            return false;
        };
        x.name == y.name
            && x.namespace == y.namespace
            && same_attributes(&x.attributes, &y.attributes)
    }

    /// "Push onto the list of active formatting elements", with the Noah's Ark clause: at
    /// most three equal elements after the last marker.
    #[inline(never)] // wasmi charges inlined code on every call (see `process_in`)
    pub(super) fn push_formatting(&mut self, element: NodeId) {
        let keys = self.formatting_keys(element);
        if self.formatting.signature_count(keys.0) < 3 {
            self.formatting.push_element(element, keys);
            return;
        }
        let mut equal = 0;
        let mut earliest = None;
        for index in (0..self.formatting.len()).rev() {
            match self.formatting[index] {
                Entry::Marker => break,
                Entry::Element(other) => {
                    if self.same_element(element, other) {
                        equal += 1;
                        earliest = Some(index);
                        if equal == 3 {
                            break;
                        }
                    }
                }
            }
        }
        if equal >= 3 {
            if let Some(index) = earliest {
                self.formatting.remove(index);
            }
        }
        self.formatting.push_element(element, keys);
    }

    /// A hash of an element's name, namespace and attributes (in any order): equal
    /// elements have equal signatures.
    /// The signature and the name hash of `node`, as the list counts them.
    fn formatting_keys(&self, node: NodeId) -> (u64, u64) {
        let name = self
            .document
            .element(node)
            .map(|e| e.name.as_bytes())
            .unwrap_or(&[]);
        (self.signature(node), hash_bytes(name))
    }

    fn signature(&self, node: NodeId) -> u64 {
        let Some(element) = self.document.element(node) else {
            return 0;
        };
        let mut attributes: u64 = 0;
        for attribute in &element.attributes {
            let one = hash_bytes(attribute.name.as_bytes())
                ^ hash_bytes(attribute.value.as_bytes()).rotate_left(21)
                ^ (attribute.namespace as u64).rotate_left(42);
            attributes = attributes.wrapping_add(one);
        }
        hash_bytes(element.name.as_bytes()) ^ (element.namespace as u64) ^ attributes.rotate_left(7)
    }

    #[inline(never)] // wasmi charges inlined code on every call (see `process_in`)
    pub(super) fn insert_marker(&mut self) {
        self.formatting.push_marker();
    }

    /// "Clear the list of active formatting elements up to the last marker".
    #[inline(never)] // wasmi charges inlined code on every call (see `process_in`)
    pub(super) fn clear_formatting_to_marker(&mut self) {
        self.formatting.clear_to_marker();
    }

    /// Where `element` sits in the list.
    pub(super) fn formatting_position(&self, element: NodeId) -> Option<usize> {
        self.formatting
            .iter()
            .rposition(|&e| e == Entry::Element(element))
    }

    /// The last element named `name` after the last marker.
    #[inline(never)] // wasmi charges inlined code on every call (see `process_in`)
    pub(super) fn formatting_after_marker(&self, name: &str) -> Option<NodeId> {
        if !self.formatting.may_have_name(hash_bytes(name.as_bytes())) {
            return None;
        }
        for &entry in self.formatting.iter().rev() {
            match entry {
                Entry::Marker => return None,
                Entry::Element(node) if self.is_html_one_of(node, &[name]) => return Some(node),
                Entry::Element(_) => {}
            }
        }
        None
    }

    fn is_open(&self, node: NodeId) -> bool {
        self.open.contains(node)
    }

    /// A new element with the same name, namespace and attributes as `model` (the spec's
    /// "element for the token for which the element was created").
    fn clone_element(&mut self, model: NodeId) -> NodeId {
        let element = match self.document.element(model) {
            Some(element) => element.clone(),
            None => return model,
        };
        self.document.create(NodeData::Element(element))
    }

    /// §13.2.4.3 "reconstruct the active formatting elements".
    #[inline(never)] // wasmi charges inlined code on every call (see `process_in`)
    pub(super) fn reconstruct_formatting(&mut self) {
        let Some(last) = self.formatting.last() else {
            return;
        };
        match last {
            Entry::Marker => return,
            Entry::Element(node) if self.is_open(node) => return,
            Entry::Element(_) => {}
        }
        // Rewind to the entry after the last marker or open element.
        let mut index = self.formatting.len() - 1;
        while index > 0 {
            match self.formatting[index - 1] {
                Entry::Marker => break,
                Entry::Element(node) if self.is_open(node) => break,
                Entry::Element(_) => index -= 1,
            }
        }
        // Create: re-open each entry from there on.
        for position in index..self.formatting.len() {
            let Entry::Element(model) = self.formatting[position] else {
                continue;
            };
            let element = self.clone_element(model);
            self.insert_node_at_appropriate_place(element, None);
            self.push_open(element);
            self.formatting.replace(position, element);
        }
    }

    /// §13.2.6.4.7 the adoption agency algorithm for the end tag `subject`. Returns false
    /// when the caller should act as for "any other end tag".
    #[inline(never)] // wasmi charges inlined code on every call (see `process_in`)
    pub(super) fn adoption_agency(&mut self, subject: &str) -> bool {
        if let Some(current) = self.current() {
            if self.is_html_one_of(current, &[subject])
                && self.formatting_position(current).is_none()
            {
                self.open.pop();
                return true;
            }
        }
        for _ in 0..8 {
            let Some(formatting_element) = self.formatting_after_marker(subject) else {
                return false;
            };
            let Some(stack_index) = self
                .open
                .as_slice()
                .iter()
                .rposition(|&n| n == formatting_element)
            else {
                self.error();
                if let Some(position) = self.formatting_position(formatting_element) {
                    self.formatting.remove(position);
                }
                return true;
            };
            if !self.node_in_scope(formatting_element, Scope::Default) {
                self.error();
                return true;
            }
            if self.current() != Some(formatting_element) {
                self.error();
            }
            let furthest =
                (stack_index + 1..self.open.len()).find(|&i| self.is_special(self.open[i]));
            let Some(furthest_index) = furthest else {
                self.open.truncate(stack_index);
                if let Some(position) = self.formatting_position(formatting_element) {
                    self.formatting.remove(position);
                }
                return true;
            };
            self.adopt_furthest_block(formatting_element, stack_index, furthest_index);
        }
        true
    }

    /// The rest of one round of the adoption agency (§13.2.6.4.7, from "let the common
    /// ancestor be..."), when there is a furthest block. Out of line: wasmi charges a
    /// loop's straight-line code on every round, and most end tags never get here.
    #[inline(never)]
    fn adopt_furthest_block(
        &mut self,
        formatting_element: NodeId,
        stack_index: usize,
        furthest_index: usize,
    ) {
        let furthest_block = self.open[furthest_index];
        let common_ancestor = self.open[stack_index.saturating_sub(1)];
        let mut bookmark = self.formatting_position(formatting_element).unwrap_or(0);
        let mut last_node = furthest_block;
        let mut node_index = furthest_index;
        let mut inner = 0;
        loop {
            inner += 1;
            node_index -= 1;
            let node = self.open[node_index];
            if node == formatting_element {
                break;
            }
            let mut position = self.formatting_position(node);
            if inner > 3 {
                if let Some(p) = position {
                    self.formatting.remove(p);
                    if p < bookmark {
                        bookmark -= 1;
                    }
                    position = None;
                }
            }
            let Some(position) = position else {
                self.open.remove(node_index);
                continue;
            };
            let replacement = self.clone_element(node);
            self.formatting.replace(position, replacement);
            self.open.replace(node_index, replacement);
            if last_node == furthest_block {
                bookmark = position + 1;
            }
            self.document.append(replacement, last_node);
            last_node = replacement;
        }
        self.insert_node_at_appropriate_place(last_node, Some(common_ancestor));
        let replacement = self.clone_element(formatting_element);
        self.document.move_children(furthest_block, replacement);
        self.document.append(furthest_block, replacement);
        if let Some(position) = self.formatting_position(formatting_element) {
            self.formatting.remove(position);
            if position < bookmark {
                bookmark -= 1;
            }
        }
        let bookmark = bookmark.min(self.formatting.len());
        let keys = self.formatting_keys(replacement);
        self.formatting.insert_element(bookmark, replacement, keys);
        self.remove_from_stack(formatting_element);
        if let Some(index) = self
            .open
            .as_slice()
            .iter()
            .rposition(|&n| n == furthest_block)
        {
            let kind = self.counted_kind(replacement);
            let flags = self.stack_flags(replacement);
            self.open.insert(index + 1, replacement, kind, flags);
        }
    }
}
