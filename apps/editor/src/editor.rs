//! The editor's state without any drawing: open documents (tabs), the find bar, and what
//! each command does to them.
//!
//! [`Editor::handle`] is pure apart from the clipboard, which comes in through the toolkit's
//! [`Clipboard`] trait (the app passes the system clipboard, tests a local one), so the whole
//! key handling is tested on the host. It answers what changed, so the app knows whether to
//! scroll the cursor into view and whether the session needs saving.

use crate::command::Command;
use crate::document::{Document, Motion};
use crate::find::{self, FindBar};
use gfx::uitk::Clipboard;
use std::vec::Vec;

/// Spaces Tab inserts.
pub const TAB_TEXT: &str = "    ";

/// What a command changed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    /// The cursor moved or the text changed: scroll the cursor into view.
    pub cursor_moved: bool,
    /// The set of tabs or their order changed (the session should be saved).
    pub tabs_changed: bool,
    /// Save the session now.
    pub save: bool,
    /// Bytes copied to the clipboard (for the log), if a copy or cut happened.
    pub copied: Option<usize>,
    /// Bytes pasted, if a paste happened.
    pub pasted: Option<usize>,
}

impl Outcome {
    fn merge(&mut self, other: Outcome) {
        self.cursor_moved |= other.cursor_moved;
        self.tabs_changed |= other.tabs_changed;
        self.save |= other.save;
        self.copied = other.copied.or(self.copied);
        self.pasted = other.pasted.or(self.pasted);
    }
}

/// Every open document and the find bar.
#[derive(Clone, Debug)]
pub struct Editor {
    pub documents: Vec<Document>,
    pub active: usize,
    pub find: FindBar,
    /// Lines a page holds (the view sets it from the window's height).
    pub page_lines: usize,
    /// The number the next "untitled N" tab gets.
    pub next_number: u32,
}

impl Default for Editor {
    fn default() -> Editor {
        Editor::new()
    }
}

impl Editor {
    /// One empty document.
    pub fn new() -> Editor {
        let mut editor = Editor {
            documents: Vec::new(),
            active: 0,
            find: FindBar::default(),
            page_lines: 20,
            next_number: 1,
        };
        editor.new_tab("");
        editor
    }

    /// The document being edited.
    pub fn document(&self) -> &Document {
        &self.documents[self.active.min(self.documents.len() - 1)]
    }

    pub fn document_mut(&mut self) -> &mut Document {
        let i = self.active.min(self.documents.len() - 1);
        &mut self.documents[i]
    }

    /// Opens a new tab holding `text` and makes it active.
    pub fn new_tab(&mut self, text: &str) {
        let name = format!("untitled {}", self.next_number);
        self.next_number += 1;
        self.documents.push(Document::new(&name, text));
        self.active = self.documents.len() - 1;
    }

    /// Closes the active tab (the last one is replaced by an empty document).
    pub fn close_tab(&mut self) {
        if self.documents.len() <= 1 {
            self.documents.clear();
            self.new_tab("");
            return;
        }
        self.documents
            .remove(self.active.min(self.documents.len() - 1));
        self.active = self.active.min(self.documents.len() - 1);
    }

    /// Runs the commands of one frame.
    pub fn handle_all(&mut self, commands: &[Command], clipboard: &mut dyn Clipboard) -> Outcome {
        let mut outcome = Outcome::default();
        for command in commands {
            outcome.merge(self.handle(command, clipboard));
        }
        outcome
    }

    /// Runs one command.
    pub fn handle(&mut self, command: &Command, clipboard: &mut dyn Clipboard) -> Outcome {
        if self.find.open {
            if let Some(outcome) = self.handle_find(command) {
                return outcome;
            }
        }
        let mut outcome = Outcome {
            cursor_moved: true,
            ..Outcome::default()
        };
        let page = self.page_lines;
        let doc = self.document_mut();
        match command {
            Command::Move(motion, extend) => doc.move_cursor(*motion, *extend, page),
            Command::Type(text) => doc.type_text(text),
            Command::Enter(_) => doc.newline(),
            Command::Tab => doc.type_text(TAB_TEXT),
            Command::Backspace(word) => doc.backspace(*word),
            Command::Delete(word) => doc.delete_forward(*word),
            Command::SelectAll => doc.select_all(),
            Command::Copy => {
                if doc.has_selection() {
                    let text = doc.selected_text();
                    clipboard.copy(&text);
                    outcome.copied = Some(text.len());
                }
            }
            Command::Cut => {
                if let Some(text) = doc.cut() {
                    clipboard.copy(&text);
                    outcome.copied = Some(text.len());
                }
            }
            Command::Paste => {
                if let Some(text) = clipboard.paste() {
                    doc.paste(&text);
                    outcome.pasted = Some(text.len());
                }
            }
            Command::Undo => {
                doc.undo();
            }
            Command::Redo => {
                doc.redo();
            }
            Command::Find => {
                let selected = doc.selected_text();
                if !selected.is_empty() && selected.len() <= 200 && !selected.contains('\n') {
                    self.find.query = selected;
                }
                self.find.open = true;
                self.find.missing = false;
            }
            Command::FindNext => self.find_step(true),
            Command::FindPrevious => self.find_step(false),
            Command::Escape => {
                let at = doc.cursor;
                doc.set_cursor(at, false);
            }
            Command::NewTab => {
                self.new_tab("");
                outcome.tabs_changed = true;
            }
            Command::CloseTab => {
                self.close_tab();
                outcome.tabs_changed = true;
            }
            Command::NextTab | Command::PreviousTab => {
                let n = self.documents.len();
                let step = if *command == Command::NextTab {
                    1
                } else {
                    n - 1
                };
                self.active = (self.active + step) % n;
                outcome.tabs_changed = true;
            }
            Command::Save => outcome.save = true,
        }
        outcome
    }

    /// Commands the open find bar takes for itself (typing edits the query).
    fn handle_find(&mut self, command: &Command) -> Option<Outcome> {
        match command {
            Command::Type(text) => {
                self.find.query.push_str(text);
                self.find_from_selection_start();
            }
            Command::Backspace(_) => {
                self.find.query.pop();
                self.find_from_selection_start();
            }
            Command::Enter(shift) => self.find_step(!shift),
            Command::Escape => self.find.open = false,
            Command::Find => self.find.missing = false,
            _ => return None,
        }
        Some(Outcome {
            cursor_moved: true,
            ..Outcome::default()
        })
    }

    /// Searches again from the selection's start (the query changed).
    fn find_from_selection_start(&mut self) {
        let query = self.find.query.clone();
        let doc = self.document_mut();
        let from = doc.selection().start;
        let found = find::next(&mut doc.buffer, &query, from);
        self.show_match(found);
    }

    /// Finds the next (or previous) match from the selection.
    pub fn find_step(&mut self, forward: bool) {
        let query = self.find.query.clone();
        let doc = self.document_mut();
        let selection = doc.selection();
        let found = if forward {
            find::next(&mut doc.buffer, &query, selection.end)
        } else {
            find::previous(&mut doc.buffer, &query, selection.start)
        };
        self.show_match(found);
    }

    fn show_match(&mut self, found: Option<std::ops::Range<usize>>) {
        self.find.missing = found.is_none() && !self.find.query.is_empty();
        if let Some(range) = found {
            self.document_mut().select(range);
        }
    }

    /// Moves the cursor of the active document (mouse): `extend` drags a selection.
    pub fn click_at(&mut self, at: usize, extend: bool) {
        self.document_mut().set_cursor(at, extend);
    }

    /// Total bytes of all documents.
    pub fn total_bytes(&self) -> usize {
        self.documents.iter().map(|d| d.buffer.len()).sum()
    }

    /// Motion shortcut for tests and the scrollbar.
    pub fn move_cursor(&mut self, motion: Motion, extend: bool) {
        let page = self.page_lines;
        self.document_mut().move_cursor(motion, extend, page);
    }
}
