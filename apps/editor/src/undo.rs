//! Undo and redo: a history of edits, grouped the way a person thinks of them.
//!
//! Every change to a document is an [`Edit`]: at `at`, the text `removed` was replaced by
//! `inserted`. Undoing an edit applies the reverse replacement. Edits are kept in groups;
//! Ctrl+Z undoes one whole group. A group is normally one command (a paste, a cut, a
//! replaced selection), but a *run of typing* — characters typed one after the other, each
//! right after the last, with no cursor motion in between — grows a single group, and so
//! does a run of Backspaces or Deletes. A run also ends at a line break, so undo takes back
//! a line of typing at a time rather than a whole paragraph.
//!
//! A new edit after some undos drops the redo list (the usual linear history). The history
//! is capped: beyond [`MAX_GROUPS`] groups the oldest are forgotten.

use std::string::String;
use std::vec::Vec;

/// Groups kept; older ones are dropped.
pub const MAX_GROUPS: usize = 1000;

/// One replacement: at `at`, `removed` became `inserted`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub at: usize,
    pub removed: String,
    pub inserted: String,
}

/// What kind of run an edit may continue.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    /// Typed characters: merge with the previous typing that ended here.
    Typing,
    /// Backspace or Delete of one character: merge with the previous deletions here.
    Deleting,
    /// Anything else: a group of its own.
    Other,
}

/// Edits undone and redone together, with the cursor before and after them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    pub edits: Vec<Edit>,
    pub cursor_before: usize,
    pub cursor_after: usize,
    kind: Kind,
    /// A later edit may still join this group.
    open: bool,
}

/// The undo and redo stacks of one document.
#[derive(Clone, Debug, Default)]
pub struct History {
    done: Vec<Group>,
    undone: Vec<Group>,
}

impl History {
    pub fn new() -> History {
        History::default()
    }

    /// Records an edit made with the cursor moving from `before` to `after`.
    pub fn record(&mut self, edit: Edit, kind: Kind, before: usize, after: usize) {
        self.undone.clear();
        let breaks_run = edit.inserted.contains('\n');
        if let Some(last) = self.done.last_mut() {
            if last.open && last.kind == kind && kind != Kind::Other && last.cursor_after == before
            {
                last.edits.push(edit);
                last.cursor_after = after;
                last.open = !breaks_run;
                return;
            }
        }
        self.done.push(Group {
            edits: vec![edit],
            cursor_before: before,
            cursor_after: after,
            kind,
            open: kind != Kind::Other && !breaks_run,
        });
        if self.done.len() > MAX_GROUPS {
            self.done.remove(0);
        }
    }

    /// Closes the current group: the next edit starts a new one (cursor moved, focus left).
    pub fn seal(&mut self) {
        if let Some(last) = self.done.last_mut() {
            last.open = false;
        }
    }

    /// Takes the group to undo (its edits must be reversed, last first).
    pub fn undo(&mut self) -> Option<&Group> {
        let mut group = self.done.pop()?;
        group.open = false;
        self.undone.push(group);
        self.undone.last()
    }

    /// Takes the group to redo (its edits must be applied again, first first).
    pub fn redo(&mut self) -> Option<&Group> {
        let group = self.undone.pop()?;
        self.done.push(group);
        self.done.last()
    }

    pub fn can_undo(&self) -> bool {
        !self.done.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.undone.is_empty()
    }

    /// Number of groups that can be undone.
    pub fn depth(&self) -> usize {
        self.done.len()
    }
}
