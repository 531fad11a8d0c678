//! The list of active formatting elements as a data structure (§13.2.4.3), with a count
//! of entries per element "signature" (a hash of name, namespace and attributes) for each
//! marker level. The Noah's Ark clause ("at most three equal elements after the last
//! marker") then needs an exact scan only when three entries with the same signature are
//! already there, instead of comparing every new `<font>` with every open one: pages with
//! thousands of unclosed, different `<font color=...>` tags stay linear. A count per tag
//! name likewise lets "is there a `<b>` after the last marker?" (every `</b>`) answer at
//! once when there is none.

use crate::dom::NodeId;
use alloc::collections::BTreeMap;
use alloc::vec::Vec;

/// An entry of the list: an element, or a marker (pushed by `applet`, `object`,
/// `marquee`, `template`, `td`, `th`, `caption`) that bounds searches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Entry {
    Marker,
    Element(NodeId),
}

/// Counts for one marker level.
#[derive(Default)]
struct Counts {
    signatures: BTreeMap<u64, u32>,
    names: BTreeMap<u64, u32>,
}

fn bump(map: &mut BTreeMap<u64, u32>, key: u64, delta: i32) {
    let count = map.entry(key).or_insert(0);
    *count = count.saturating_add_signed(delta);
}

fn lookup(map: Option<&BTreeMap<u64, u32>>, key: u64) -> u32 {
    map.and_then(|m| m.get(&key)).copied().unwrap_or(0)
}

/// The list, the keys of its entries, and their counts per marker level.
pub(super) struct FormattingList {
    entries: Vec<Entry>,
    /// Per entry: (signature, hash of the tag name); zeros for markers.
    keys: Vec<(u64, u64)>,
    /// Positions of the markers, in order. Entries are only ever removed or inserted
    /// after the last marker, so these never shift.
    markers: Vec<usize>,
    /// Counts of the entries after each marker (index 0: before any marker).
    counts: Vec<Counts>,
}

impl Default for FormattingList {
    fn default() -> Self {
        FormattingList {
            entries: Vec::new(),
            keys: Vec::new(),
            markers: Vec::new(),
            counts: alloc::vec![Counts::default()],
        }
    }
}

impl FormattingList {
    fn start_of_last_level(&self) -> usize {
        self.markers.last().map(|&m| m + 1).unwrap_or(0)
    }

    fn count(&mut self, position: usize, (signature, name): (u64, u64), delta: i32) {
        if position < self.start_of_last_level() {
            return;
        }
        if let Some(counts) = self.counts.last_mut() {
            bump(&mut counts.signatures, signature, delta);
            bump(&mut counts.names, name, delta);
        }
    }

    /// How many entries after the last marker have `signature`.
    pub fn signature_count(&self, signature: u64) -> u32 {
        lookup(self.counts.last().map(|c| &c.signatures), signature)
    }

    /// Whether some entry after the last marker may have a tag name whose hash is `name`
    /// (false means surely none).
    pub fn may_have_name(&self, name: u64) -> bool {
        lookup(self.counts.last().map(|c| &c.names), name) > 0
    }

    /// Pushes an element with `keys` = (signature, hash of its tag name).
    pub fn push_element(&mut self, node: NodeId, keys: (u64, u64)) {
        let position = self.entries.len();
        self.entries.push(Entry::Element(node));
        self.keys.push(keys);
        self.count(position, keys, 1);
    }

    pub fn push_marker(&mut self) {
        self.markers.push(self.entries.len());
        self.entries.push(Entry::Marker);
        self.keys.push((0, 0));
        self.counts.push(Counts::default());
    }

    /// Inserts an element at `position` (after the last marker).
    pub fn insert_element(&mut self, position: usize, node: NodeId, keys: (u64, u64)) {
        let position = position.clamp(self.start_of_last_level(), self.entries.len());
        self.entries.insert(position, Entry::Element(node));
        self.keys.insert(position, keys);
        self.count(position, keys, 1);
    }

    /// Removes the entry at `position` (an element after the last marker).
    pub fn remove(&mut self, position: usize) {
        if position >= self.entries.len() || self.entries[position] == Entry::Marker {
            return;
        }
        let keys = self.keys[position];
        self.count(position, keys, -1);
        self.entries.remove(position);
        self.keys.remove(position);
    }

    /// Puts `node`, an element equal to the one at `position`, in its place.
    pub fn replace(&mut self, position: usize, node: NodeId) {
        if let Some(entry @ Entry::Element(_)) = self.entries.get_mut(position) {
            *entry = Entry::Element(node);
        }
    }

    /// "Clear the list of active formatting elements up to the last marker".
    pub fn clear_to_marker(&mut self) {
        let start = self.markers.pop();
        self.entries.truncate(start.unwrap_or(0));
        self.keys.truncate(start.unwrap_or(0));
        if start.is_some() {
            self.counts.pop();
        } else if let Some(base) = self.counts.first_mut() {
            *base = Counts::default();
        }
        if self.counts.is_empty() {
            self.counts.push(Counts::default());
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn last(&self) -> Option<Entry> {
        self.entries.last().copied()
    }

    pub fn iter(&self) -> core::slice::Iter<'_, Entry> {
        self.entries.iter()
    }
}

impl core::ops::Index<usize> for FormattingList {
    type Output = Entry;

    fn index(&self, index: usize) -> &Entry {
        &self.entries[index]
    }
}
