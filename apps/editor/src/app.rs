//! The app: the frame loop's view of the editor.
//!
//! Each frame [`EditorApp::update`] turns the frame's key events into commands for the
//! [`Editor`], handles the pointer (tabs, scrollbar, clicks, drags, double clicks, the
//! wheel), keeps the cursor in view after keyboard commands, asks the [`Renderer`] to draw
//! what changed, and saves the session to the kernel's store one second after the last
//! change (Ctrl+S saves at once). A frame without input draws and allocates nothing.

use crate::command::{self, Command};
use crate::editor::{Editor, Outcome};
use crate::motion;
use crate::render::Renderer;
use crate::session;
use crate::view::Layout;
use abi::{event, modifiers};
use gfx::uitk::Clipboard;
use gfx::{Point, Rect};
use sdk::{App, Frame};
use std::string::String;

/// Save this long after the last change.
const SAVE_DELAY_US: u64 = 1_000_000;
/// Two presses this close in time (and place) are a double click.
const DOUBLE_CLICK_US: u64 = 400_000;
/// Lines one wheel notch scrolls.
const WHEEL_LINES: i32 = 3;

/// The system clipboard, shared with the other apps.
pub struct SystemClipboard;

impl Clipboard for SystemClipboard {
    fn copy(&mut self, text: &str) {
        let _ = sdk::clipboard_set(text);
    }
    fn paste(&mut self) -> Option<String> {
        sdk::clipboard_get().ok().filter(|t| !t.is_empty())
    }
}

/// What the left button is dragging.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Drag {
    None,
    /// Selecting text.
    Text,
    /// The scrollbar's thumb, grabbed this many pixels below its top.
    Thumb(i32),
}

/// The editor app.
pub struct EditorApp {
    pub editor: Editor,
    renderer: Option<Renderer>,
    layout: Layout,
    drag: Drag,
    last_press: Option<(u64, usize)>,
    /// The session changed and has not been saved since (time of the last change).
    dirty_since: Option<u64>,
    /// The window has been drawn at least once.
    drawn: bool,
}

impl Default for EditorApp {
    fn default() -> EditorApp {
        EditorApp::new(Editor::new())
    }
}

impl EditorApp {
    pub fn new(editor: Editor) -> EditorApp {
        EditorApp {
            editor,
            renderer: None,
            layout: Layout::default(),
            drag: Drag::None,
            last_press: None,
            dirty_since: None,
            drawn: false,
        }
    }

    /// The app with the session the kernel kept, if any.
    pub fn restore() -> EditorApp {
        match sdk::store_get(session::KEY).map(|bytes| session::decode(&bytes)) {
            Ok(Ok(editor)) => {
                sdk::log!(
                    "editor: restored {} documents ({} bytes)",
                    editor.documents.len(),
                    editor.total_bytes()
                );
                EditorApp::new(editor)
            }
            Ok(Err(e)) => {
                sdk::log!("editor: stored session unreadable ({e:?}), starting empty");
                EditorApp::default()
            }
            Err(_) => {
                sdk::log!("editor: no stored session, starting empty");
                EditorApp::default()
            }
        }
    }

    /// The renderer (after the first frame), for tests and statistics.
    pub fn renderer(&self) -> Option<&Renderer> {
        self.renderer.as_ref()
    }

    /// Writes the session to the kernel's store.
    pub fn save(&mut self) {
        let bytes = session::encode(&mut self.editor);
        match sdk::store_set(session::KEY, &bytes) {
            Ok(()) => {
                sdk::log!(
                    "editor: saved {} documents ({} bytes)",
                    self.editor.documents.len(),
                    bytes.len()
                );
            }
            Err(e) => {
                sdk::log!("editor: save failed: {e:?}");
            }
        }
        self.dirty_since = None;
    }

    /// A fingerprint of everything the session holds that can change.
    fn session_key(&self) -> (u64, usize, usize) {
        let revisions = self.editor.documents.iter().map(|d| d.revision).sum();
        (revisions, self.editor.documents.len(), self.editor.active)
    }

    /// The text offset under a pointer position (clamped into the text).
    fn offset_at(&self, p: Point) -> usize {
        let l = &self.layout;
        let doc = self.editor.document();
        let (cw, lh) = l.cell;
        let row = (p.y - l.text.y).div_euclid(lh);
        let line = (doc.top_line as i64 + row as i64).max(0) as usize;
        if line >= doc.buffer.line_count() {
            return doc.buffer.len();
        }
        let x = p.x - l.text.x - l.text_x() + cw / 2;
        let column = doc.left_column as i64 + x.div_euclid(cw) as i64;
        motion::offset_at(&doc.buffer, line, column.max(0) as usize)
    }

    /// Keeps the cursor's line and column inside the view.
    fn reveal_cursor(&mut self) {
        let (rows, columns) = (self.layout.rows, self.layout.columns);
        let doc = self.editor.document_mut();
        let line = doc.buffer.line_of(doc.cursor);
        if line < doc.top_line {
            doc.top_line = line;
        } else if line >= doc.top_line + rows {
            doc.top_line = line + 1 - rows;
        }
        let column = motion::column_of(&doc.buffer, doc.cursor);
        if column < doc.left_column {
            doc.left_column = column.saturating_sub(columns / 4);
        } else if column >= doc.left_column + columns {
            doc.left_column = column + 1 - columns + columns / 4;
        }
    }

    fn scroll_to(&mut self, top: i64) {
        let doc = self.editor.document_mut();
        let max = doc.buffer.line_count().saturating_sub(1) as i64;
        doc.top_line = top.clamp(0, max) as usize;
    }

    /// Handles the pointer: presses, drags, releases, the wheel.
    fn pointer(&mut self, frame: &Frame, now: u64) -> Outcome {
        let input = frame.input();
        let p = input.mouse;
        let shift = frame
            .events()
            .iter()
            .any(|e| e.kind == event::BUTTON_DOWN && e.modifiers & modifiers::SHIFT != 0);
        let mut outcome = Outcome::default();
        if input.wheel != 0 && self.layout.text.union(&self.layout.scrollbar).contains(p) {
            let top = self.editor.document().top_line as i64;
            self.scroll_to(top + (input.wheel * WHEEL_LINES) as i64);
        }
        if input.pressed {
            outcome = self.press(p, shift, now);
        } else if input.mouse_down {
            match self.drag {
                Drag::Text => {
                    let l = self.layout;
                    let top = self.editor.document().top_line as i64;
                    if p.y < l.text.y {
                        self.scroll_to(top - 1);
                    } else if p.y >= l.text.bottom() {
                        self.scroll_to(top + 1);
                    }
                    let at = self.offset_at(p);
                    if at != self.editor.document().cursor {
                        self.editor.click_at(at, true);
                    }
                }
                Drag::Thumb(grab) => self.drag_thumb(p.y - grab),
                Drag::None => {}
            }
        }
        if input.released || !input.mouse_down && !input.pressed {
            self.drag = Drag::None;
        }
        outcome
    }

    /// Moves the thumb's top to `y`.
    fn drag_thumb(&mut self, y: i32) {
        let l = self.layout;
        let lines = self.editor.document().buffer.line_count();
        let thumb = l.thumb(lines, 0);
        let room = (l.scrollbar.h - thumb.h).max(1) as i64;
        let top = (y - l.scrollbar.y) as i64 * lines.saturating_sub(1) as i64 / room;
        self.scroll_to(top);
    }

    fn press(&mut self, p: Point, shift: bool, now: u64) -> Outcome {
        let l = self.layout;
        let mut outcome = Outcome::default();
        if l.tabs.contains(p) {
            for i in 0..self.editor.documents.len() {
                let (tab, close) = l.tab(i);
                if close.contains(p) {
                    self.editor.active = i;
                    self.editor.close_tab();
                    outcome.tabs_changed = true;
                } else if tab.contains(p) {
                    self.editor.active = i;
                    outcome.tabs_changed = true;
                }
            }
            if l.plus(self.editor.documents.len()).contains(p) {
                self.editor.new_tab("");
                outcome.tabs_changed = true;
            }
        } else if l.scrollbar.contains(p) {
            let doc = self.editor.document();
            let thumb = l.thumb(doc.buffer.line_count(), doc.top_line);
            let (top, page) = (doc.top_line as i64, l.rows as i64);
            if thumb.contains(p) {
                self.drag = Drag::Thumb(p.y - thumb.y);
            } else if p.y < thumb.y {
                self.scroll_to(top - page);
            } else {
                self.scroll_to(top + page);
            }
        } else if l.text.contains(p) {
            let at = self.offset_at(p);
            let double = self
                .last_press
                .is_some_and(|(t, o)| o == at && now.saturating_sub(t) < DOUBLE_CLICK_US);
            if double {
                let (start, end) = motion::word_around(&self.editor.document().buffer, at);
                self.editor.document_mut().select(start..end);
                self.last_press = None;
            } else {
                self.editor.click_at(at, shift);
                self.drag = Drag::Text;
                self.last_press = Some((now, at));
            }
        }
        outcome
    }

    /// Logs what the user will want to see in the app's log.
    fn log_outcome(&self, outcome: &Outcome, commands: &[Command]) {
        if let Some(n) = outcome.copied {
            sdk::log!("editor: copied {n} bytes");
        }
        if let Some(n) = outcome.pasted {
            sdk::log!("editor: pasted {n} bytes");
        }
        for c in commands {
            let what = match c {
                Command::Undo => "undo",
                Command::Redo => "redo",
                Command::NewTab | Command::CloseTab | Command::NextTab | Command::PreviousTab => {
                    "tab"
                }
                _ => continue,
            };
            let doc = self.editor.document();
            sdk::log!(
                "editor: {what} -> tab {} of {}, {} bytes, {} lines",
                self.editor.active + 1,
                self.editor.documents.len(),
                doc.buffer.len(),
                doc.buffer.line_count()
            );
        }
    }
}

impl App for EditorApp {
    fn update(&mut self, frame: &mut Frame) {
        let now = frame.monotonic_us();
        let renderer = self
            .renderer
            .get_or_insert_with(|| Renderer::new(&frame.stylesheet().palette));
        if frame.resized() {
            renderer.invalidate();
        }
        self.layout = Layout::new(frame.bounds(), &self.editor);
        self.editor.page_lines = self.layout.rows.saturating_sub(1).max(1);
        let before = self.session_key();
        let commands = command::from_events(frame.events());
        let mut outcome = self.editor.handle_all(&commands, &mut SystemClipboard);
        let pointer = self.pointer(frame, now);
        outcome.tabs_changed |= pointer.tabs_changed;
        self.layout = Layout::new(frame.bounds(), &self.editor);
        if outcome.cursor_moved || self.drag == Drag::Text {
            self.reveal_cursor();
        }
        self.log_outcome(&outcome, &commands);
        if self.session_key() != before || outcome.tabs_changed {
            self.dirty_since = Some(now);
        }
        if outcome.save
            || self
                .dirty_since
                .is_some_and(|t| now.saturating_sub(t) >= SAVE_DELAY_US)
        {
            self.save();
        }
        let idle = frame.events().is_empty() && self.drag == Drag::None;
        if !frame.has_window() || idle && !frame.resized() && self.drawn {
            return;
        }
        self.drawn = true;
        let bounds = frame.bounds();
        let Some(renderer) = self.renderer.as_mut() else {
            return;
        };
        let damage = {
            let mut surface = frame.surface();
            renderer.draw(&mut surface, bounds, &self.editor)
        };
        if !damage.is_empty() {
            frame.damage(damage);
        }
    }
}

/// The rectangle of the text area, for tests that click into it.
pub fn text_area(bounds: Rect, editor: &Editor) -> Rect {
    Layout::new(bounds, editor).text
}
