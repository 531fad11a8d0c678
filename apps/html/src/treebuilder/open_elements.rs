//! The stack of open elements as a data structure (§13.2.4.3), with indexes that keep the
//! parser near-linear on hostile documents:
//!
//! * an exact count of the open HTML elements per tag name, so "is there a `p` in button
//!   scope?" or "any other end tag `</x>`" answer at once when no such element is open,
//!   instead of walking down 100 000 nested elements each time;
//! * the same count for foreign (SVG/MathML) elements by ASCII-lowercased name, for the
//!   end-tag walk of foreign content (§13.2.6.5);
//! * a flag per node saying whether it is on the stack, for the active formatting
//!   elements.
//!
//! Names are interned in a small open-addressing hash table ([`NameTable`]); keys are
//! compared exactly, so a hash collision costs time, never correctness.

use crate::dom::NodeId;
use alloc::string::String;
use alloc::vec::Vec;

/// FNV-1a over the bytes of a name.
pub(super) fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &byte in bytes {
        hash ^= byte as u64;
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

const EMPTY: u32 = u32::MAX;

/// Interned names: each distinct name gets a small stable id.
pub(super) struct NameTable {
    slots: Vec<u32>,
    keys: Vec<String>,
    /// Stack flags of an HTML element with each name, once computed (`UNKNOWN_FLAGS`
    /// until then): they depend only on the name, so each name's are worked out once.
    html_flags: Vec<u8>,
}

/// An `html_flags` entry not yet computed (real flags use only the low six bits).
const UNKNOWN_FLAGS: u8 = u8::MAX;

impl NameTable {
    fn new() -> Self {
        NameTable {
            slots: alloc::vec![EMPTY; 256],
            keys: Vec::new(),
            html_flags: Vec::new(),
        }
    }

    fn mask(&self) -> usize {
        self.slots.len() - 1
    }

    /// The id of `name`, if it was ever interned.
    pub fn find(&self, name: &str) -> Option<u32> {
        let mut index = hash_bytes(name.as_bytes()) as usize & self.mask();
        loop {
            let id = self.slots[index];
            if id == EMPTY {
                return None;
            }
            if self.keys[id as usize] == name {
                return Some(id);
            }
            index = (index + 1) & self.mask();
        }
    }

    /// The id of `name`, interning it if new.
    pub fn intern(&mut self, name: &str) -> u32 {
        match self.find(name) {
            Some(id) => id,
            None => self.add(name),
        }
    }

    /// Interns a name not seen before. Out of line: wasmi charges a function's
    /// straight-line code on every call, and this runs once per distinct name.
    #[inline(never)]
    fn add(&mut self, name: &str) -> u32 {
        if (self.keys.len() + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let id = self.keys.len() as u32;
        self.keys.push(String::from(name));
        self.html_flags.push(UNKNOWN_FLAGS);
        self.place(id);
        id
    }

    /// The remembered stack flags of an HTML element named by `id`, if computed yet.
    pub fn html_flags(&self, id: u32) -> Option<u8> {
        match self.html_flags.get(id as usize) {
            Some(&flags) if flags != UNKNOWN_FLAGS => Some(flags),
            _ => None,
        }
    }

    /// Remembers the stack flags of an HTML element named by `id`.
    pub fn remember_html_flags(&mut self, id: u32, flags: u8) {
        if let Some(slot) = self.html_flags.get_mut(id as usize) {
            *slot = flags;
        }
    }

    fn place(&mut self, id: u32) {
        let mut index = hash_bytes(self.keys[id as usize].as_bytes()) as usize & self.mask();
        while self.slots[index] != EMPTY {
            index = (index + 1) & self.mask();
        }
        self.slots[index] = id;
    }

    fn grow(&mut self) {
        self.slots = alloc::vec![EMPTY; self.slots.len() * 2];
        for id in 0..self.keys.len() as u32 {
            self.place(id);
        }
    }
}

/// How an entry is counted: an HTML element by name, or a foreign one by lowercased name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Counted {
    Html(u32),
    Foreign(u32),
}

/// Per-entry flags, computed once when an element is pushed so that walks down the stack
/// test bits instead of comparing names.
pub(super) const SPECIAL: u8 = 1;
pub(super) const BOUNDARY_DEFAULT: u8 = 2;
pub(super) const BOUNDARY_LIST_ITEM: u8 = 4;
pub(super) const BOUNDARY_BUTTON: u8 = 8;
pub(super) const BOUNDARY_TABLE: u8 = 16;
pub(super) const BOUNDARY_SELECT: u8 = 32;

/// The stack itself; index 0 is the `html` element, the last entry the current node.
pub(super) struct OpenElements {
    pub names: NameTable,
    nodes: Vec<NodeId>,
    kinds: Vec<Counted>,
    flags: Vec<u8>,
    /// Bumped whenever an entry leaves the stack or entries shift; while it stays the same,
    /// the stack has only grown, so earlier walk results still hold below the old top.
    pub shrinks: u64,
    html_counts: Vec<u32>,
    foreign_counts: Vec<u32>,
    on_stack: Vec<bool>,
}

impl Default for OpenElements {
    fn default() -> Self {
        OpenElements {
            names: NameTable::new(),
            nodes: Vec::new(),
            kinds: Vec::new(),
            flags: Vec::new(),
            shrinks: 0,
            html_counts: Vec::new(),
            foreign_counts: Vec::new(),
            on_stack: Vec::new(),
        }
    }
}

impl OpenElements {
    fn mark(&mut self, node: NodeId, kind: Counted, open: bool) {
        let (counts, id) = match kind {
            Counted::Html(id) => (&mut self.html_counts, id as usize),
            Counted::Foreign(id) => (&mut self.foreign_counts, id as usize),
        };
        if counts.len() <= id {
            counts.resize(id + 1, 0);
        }
        if open {
            counts[id] += 1;
        } else {
            counts[id] = counts[id].saturating_sub(1);
        }
        if self.on_stack.len() <= node.index() {
            self.on_stack.resize(node.index() + 1, false);
        }
        self.on_stack[node.index()] = open;
    }

    /// Pushes `node`, counted as `kind`, with its `flags`.
    pub fn push(&mut self, node: NodeId, kind: Counted, flags: u8) {
        self.mark(node, kind, true);
        self.nodes.push(node);
        self.kinds.push(kind);
        self.flags.push(flags);
    }

    pub fn pop(&mut self) -> Option<NodeId> {
        let node = self.nodes.pop()?;
        self.shrinks += 1;
        self.flags.pop();
        if let Some(kind) = self.kinds.pop() {
            self.mark(node, kind, false);
        }
        Some(node)
    }

    pub fn truncate(&mut self, len: usize) {
        while self.nodes.len() > len {
            self.pop();
        }
    }

    pub fn remove(&mut self, index: usize) -> Option<NodeId> {
        if index >= self.nodes.len() {
            return None;
        }
        self.shrinks += 1;
        let node = self.nodes.remove(index);
        let kind = self.kinds.remove(index);
        self.flags.remove(index);
        self.mark(node, kind, false);
        Some(node)
    }

    pub fn insert(&mut self, index: usize, node: NodeId, kind: Counted, flags: u8) {
        let index = index.min(self.nodes.len());
        self.shrinks += 1;
        self.mark(node, kind, true);
        self.nodes.insert(index, node);
        self.kinds.insert(index, kind);
        self.flags.insert(index, flags);
    }

    /// The counting kind of the entry at `index`.
    pub fn kind_at(&self, index: usize) -> Option<Counted> {
        self.kinds.get(index).copied()
    }

    /// The flags of the entry at `index`.
    pub fn flags_at(&self, index: usize) -> u8 {
        self.flags.get(index).copied().unwrap_or(0)
    }

    /// Puts `node` where the entry at `index` was (an element with the same name, as the
    /// adoption agency does).
    pub fn replace(&mut self, index: usize, node: NodeId) {
        let Some(&old) = self.nodes.get(index) else {
            return;
        };
        let kind = self.kinds[index];
        self.mark(old, kind, false);
        self.mark(node, kind, true);
        self.nodes[index] = node;
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn get(&self, index: usize) -> Option<NodeId> {
        self.nodes.get(index).copied()
    }

    pub fn first(&self) -> Option<NodeId> {
        self.nodes.first().copied()
    }

    pub fn last(&self) -> Option<NodeId> {
        self.nodes.last().copied()
    }

    pub fn iter(&self) -> core::slice::Iter<'_, NodeId> {
        self.nodes.iter()
    }

    pub fn as_slice(&self) -> &[NodeId] {
        &self.nodes
    }

    /// Whether `node` is on the stack, in O(1).
    pub fn contains(&self, node: NodeId) -> bool {
        self.on_stack.get(node.index()).copied().unwrap_or(false)
    }

    /// Whether no HTML element named one of `names` is open.
    pub fn lacks_html(&self, names: &[&str]) -> bool {
        names.iter().all(|name| match self.names.find(name) {
            Some(id) => self.html_counts.get(id as usize).copied().unwrap_or(0) == 0,
            None => true,
        })
    }

    /// How many open HTML elements are named one of `names` (distinct names).
    pub fn count_html(&self, names: &[&str]) -> usize {
        names
            .iter()
            .filter_map(|name| self.names.find(name))
            .map(|id| self.html_counts.get(id as usize).copied().unwrap_or(0) as usize)
            .sum()
    }

    /// Whether no foreign element whose lowercased name is `lowercase_name` is open.
    pub fn lacks_foreign(&self, lowercase_name: &str) -> bool {
        match self.names.find(lowercase_name) {
            Some(id) => self.foreign_counts.get(id as usize).copied().unwrap_or(0) == 0,
            None => true,
        }
    }
}

impl core::ops::Index<usize> for OpenElements {
    type Output = NodeId;

    fn index(&self, index: usize) -> &NodeId {
        &self.nodes[index]
    }
}
