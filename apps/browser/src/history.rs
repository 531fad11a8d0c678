//! The session history: the pages visited in this window, with back and forward, as in the
//! HTML Standard's session history (§7.4) without its script-visible parts.
//!
//! Each entry keeps the address and where the page was scrolled, so going back returns to
//! the same place. Visiting a new page from the middle of the list drops the entries ahead
//! of it, as every browser does.

/// One visited page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The address as shown in the URL bar (after redirects).
    pub url: String,
    /// Vertical scroll offset when the page was left.
    pub scroll_y: i32,
}

/// The back/forward list.
#[derive(Clone, Debug, Default)]
pub struct History {
    entries: Vec<Entry>,
    /// Index of the current entry (meaningless while `entries` is empty).
    current: usize,
}

/// How many entries are kept; the oldest go first.
const MAX_ENTRIES: usize = 100;

impl History {
    pub fn new() -> History {
        History::default()
    }

    /// The page being shown.
    pub fn current(&self) -> Option<&Entry> {
        self.entries.get(self.current)
    }

    /// Records a newly visited page: the entries ahead of the current one are dropped.
    pub fn visit(&mut self, url: &str) {
        if self.entries.is_empty() {
            self.entries.push(Entry {
                url: url.into(),
                scroll_y: 0,
            });
            self.current = 0;
            return;
        }
        self.entries.truncate(self.current + 1);
        self.entries.push(Entry {
            url: url.into(),
            scroll_y: 0,
        });
        if self.entries.len() > MAX_ENTRIES {
            self.entries.remove(0);
        }
        self.current = self.entries.len() - 1;
    }

    /// The current page's address changed without a new visit (a redirect was followed).
    pub fn replace_url(&mut self, url: &str) {
        if let Some(entry) = self.entries.get_mut(self.current) {
            entry.url = url.into();
        }
    }

    /// Remembers the current page's scroll offset.
    pub fn set_scroll(&mut self, scroll_y: i32) {
        if let Some(entry) = self.entries.get_mut(self.current) {
            entry.scroll_y = scroll_y;
        }
    }

    pub fn can_go_back(&self) -> bool {
        !self.entries.is_empty() && self.current > 0
    }

    pub fn can_go_forward(&self) -> bool {
        self.current + 1 < self.entries.len()
    }

    /// Moves one entry back; returns the entry to show.
    pub fn back(&mut self) -> Option<&Entry> {
        if !self.can_go_back() {
            return None;
        }
        self.current -= 1;
        self.entries.get(self.current)
    }

    /// Moves one entry forward; returns the entry to show.
    pub fn forward(&mut self) -> Option<&Entry> {
        if !self.can_go_forward() {
            return None;
        }
        self.current += 1;
        self.entries.get(self.current)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(history: &History) -> Vec<&str> {
        history.entries.iter().map(|e| e.url.as_str()).collect()
    }

    #[test]
    fn back_and_forward_walk_the_list() {
        let mut h = History::new();
        assert!(h.current().is_none());
        assert!(h.back().is_none());
        h.visit("a");
        h.visit("b");
        h.visit("c");
        assert_eq!(h.back().map(|e| e.url.as_str()), Some("b"));
        assert_eq!(h.back().map(|e| e.url.as_str()), Some("a"));
        assert!(h.back().is_none());
        assert_eq!(h.forward().map(|e| e.url.as_str()), Some("b"));
        assert!(h.can_go_forward());
        // A new visit from the middle drops "c".
        h.visit("d");
        assert_eq!(urls(&h), ["a", "b", "d"]);
        assert!(!h.can_go_forward());
    }

    #[test]
    fn scroll_offsets_and_redirects_are_kept_per_entry() {
        let mut h = History::new();
        h.visit("http://a/");
        h.set_scroll(300);
        h.visit("http://b/");
        h.replace_url("https://b/");
        assert_eq!(h.current().map(|e| e.url.as_str()), Some("https://b/"));
        assert_eq!(h.back().map(|e| e.scroll_y), Some(300));
    }

    #[test]
    fn the_list_is_bounded() {
        let mut h = History::new();
        for i in 0..150 {
            h.visit(&format!("u{i}"));
        }
        assert_eq!(h.len(), MAX_ENTRIES);
        assert_eq!(h.current().map(|e| e.url.as_str()), Some("u149"));
    }
}
