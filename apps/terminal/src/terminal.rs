//! The terminal's state between frames, and what each frame does with the user's input.
//!
//! [`Terminal`] is the [`sdk::App`] the frame loop drives. It owns the scrollback
//! ([`Screen`]), the input line ([`LineEditor`]) and the [`History`], and knows what the
//! session is doing ([`Mode`]):
//!
//! * `Prompt` / `Input`: a `>>> `/`... ` prompt or an `input()` prompt is on screen; keys edit
//!   the line, Enter queues it in [`Terminal::take_line`]'s queue for the REPL driver.
//! * `Running`: Python code runs. The driver calls a frame now and then from the interpreter's
//!   tick hook; Ctrl+C then sets [`Terminal::take_interrupt`], scrolling and copying work at
//!   once, and every other key waits in a type-ahead queue until the next prompt.
//!
//! A multi-line paste queues each complete line, so the driver feeds them to the REPL one by
//! one, as if they were typed; the text after the last newline stays on the input line.
//! Ctrl+Shift+C copies the input line, or, when it is empty, the output of the last command.

use crate::history::History;
use crate::keys::{self, Action};
use crate::line::LineEditor;
use crate::render::Renderer;
use crate::screen::Screen;
use sdk::{App, Frame};
use std::collections::VecDeque;
use std::string::String;
use std::vec::Vec;

/// Keys kept while code runs; more are dropped (a key held down for minutes).
pub const MAX_TYPEAHEAD: usize = 4096;

/// What the session is doing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Waiting for a line at the REPL's prompt.
    Prompt,
    /// Python code is running.
    Running,
    /// `input()` is waiting for a line.
    Input,
}

pub struct Terminal {
    pub screen: Screen,
    pub editor: LineEditor,
    pub history: History,
    pub mode: Mode,
    /// Lines entered (or pasted) that the driver has not taken yet.
    lines: VecDeque<String>,
    /// Keys pressed while code ran, replayed at the next prompt.
    typeahead: Vec<Action>,
    interrupt: bool,
    end_of_input: bool,
    /// When the current run started (for the status bar), microseconds.
    pub run_started_us: u64,
    renderer: Renderer,
    /// Frames drawn with a prompt on screen (the driver logs the first).
    pub prompt_frames: u64,
}

impl Default for Terminal {
    fn default() -> Terminal {
        Terminal::new()
    }
}

impl Terminal {
    pub fn new() -> Terminal {
        Terminal {
            screen: Screen::new(),
            editor: LineEditor::new(),
            history: History::new(),
            mode: Mode::Running,
            lines: VecDeque::new(),
            typeahead: Vec::new(),
            interrupt: false,
            end_of_input: false,
            run_started_us: 0,
            renderer: Renderer::new(),
            prompt_frames: 0,
        }
    }

    /// Shows a REPL prompt (`>>> ` or `... `) on a fresh line and waits for a line.
    pub fn prompt(&mut self, prompt: &str) {
        self.screen.finish_line();
        self.screen.write(prompt);
        self.mode = Mode::Prompt;
    }

    /// Shows `input()`'s prompt where the output stands and waits for a line.
    pub fn begin_input(&mut self, prompt: &str) {
        self.screen.write(prompt);
        self.mode = Mode::Input;
        self.end_of_input = false;
    }

    /// Code starts running at `now_us`.
    pub fn begin_run(&mut self, now_us: u64) {
        self.mode = Mode::Running;
        self.run_started_us = now_us;
    }

    /// The next entered line, echoed after its prompt and recorded in the history.
    pub fn take_line(&mut self) -> Option<String> {
        let line = self.lines.pop_front()?;
        self.screen.write(&line);
        self.screen.write("\n");
        self.history.push(&line);
        Some(line)
    }

    /// Lines waiting to be taken.
    pub fn queued_lines(&self) -> usize {
        self.lines.len()
    }

    /// True once after Ctrl+C.
    pub fn take_interrupt(&mut self) -> bool {
        core::mem::take(&mut self.interrupt)
    }

    /// True once after Ctrl+D on an empty line.
    pub fn take_end_of_input(&mut self) -> bool {
        core::mem::take(&mut self.end_of_input)
    }

    /// Forgets queued lines and type-ahead (after Ctrl+C).
    pub fn discard_pending(&mut self) {
        self.lines.clear();
        self.typeahead.clear();
        self.editor.take();
    }

    /// Applies one action.
    pub fn apply(&mut self, action: Action, page_rows: i32) {
        let running = self.mode == Mode::Running;
        match action {
            Action::Interrupt => self.interrupt = true,
            Action::Scroll(rows) => self.screen.scroll_by(rows),
            Action::Page(pages) => self.screen.scroll_by(pages.saturating_mul(page_rows)),
            Action::Copy => self.copy(),
            _ if running => {
                if self.typeahead.len() < MAX_TYPEAHEAD {
                    self.typeahead.push(action);
                }
            }
            Action::Type(text) => self.editor.insert(&text),
            Action::Left => self.editor.left(),
            Action::Right => self.editor.right(),
            Action::Home => self.editor.home(),
            Action::End => self.editor.end(),
            Action::Backspace => self.editor.backspace(),
            Action::Delete => self.editor.delete(),
            Action::HistoryUp => {
                if let Some(entry) = self.history.up(self.editor.text()) {
                    let entry = String::from(entry);
                    self.editor.set(&entry);
                }
            }
            Action::HistoryDown => {
                if let Some(entry) = self.history.down() {
                    let entry = String::from(entry);
                    self.editor.set(&entry);
                }
            }
            Action::Enter => self.lines.push_back(self.editor.take()),
            Action::Paste => self.paste(),
            Action::EndOfInput if self.editor.is_empty() => self.end_of_input = true,
            Action::EndOfInput => {}
            Action::Clear => self.screen.clear(),
        }
    }

    /// Handles a frame's events (type-ahead first once a prompt is shown).
    pub fn handle(&mut self, actions: Vec<Action>, page_rows: i32) {
        if self.mode != Mode::Running && !self.typeahead.is_empty() {
            for action in core::mem::take(&mut self.typeahead) {
                self.apply(action, page_rows);
            }
        }
        for action in actions {
            let scrolls = matches!(action, Action::Scroll(_) | Action::Page(_));
            self.apply(action, page_rows);
            if !scrolls && self.mode != Mode::Running {
                // Typing brings the input line back into view.
                self.screen.scroll = 0;
            }
        }
    }

    /// Pastes the clipboard: complete lines are queued, the rest goes on the input line.
    pub fn paste(&mut self) {
        let Ok(text) = sdk::clipboard_get() else {
            return;
        };
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        let mut parts = text.split('\n').peekable();
        let mut lines = 0;
        while let Some(part) = parts.next() {
            self.editor.insert(part);
            if parts.peek().is_some() {
                self.lines.push_back(self.editor.take());
                lines += 1;
            }
        }
        sdk::log!("terminal: pasted {} bytes ({} lines)", text.len(), lines);
    }

    /// Copies the input line, or the last command's output when the line is empty.
    pub fn copy(&mut self) {
        let (text, what) = if self.editor.is_empty() {
            (self.screen.last_block(), "output")
        } else {
            (String::from(self.editor.text()), "line")
        };
        match sdk::clipboard_set(&text) {
            Ok(()) => {
                sdk::log!("terminal: copied {} bytes ({what})", text.len());
            }
            Err(e) => {
                sdk::log!("terminal: copy failed: {e:?}");
            }
        }
    }
}

impl App for Terminal {
    fn update(&mut self, frame: &mut Frame) {
        if frame.resized() {
            self.renderer.invalidate();
        }
        let page = self.renderer.page_rows(frame.bounds());
        self.handle(keys::actions(frame.events()), page);
        if !frame.has_window() {
            return;
        }
        if self.mode != Mode::Running {
            self.prompt_frames += 1;
        }
        let now = frame.monotonic_us();
        let bounds = frame.bounds();
        let running = self.mode == Mode::Running;
        let view = View {
            cursor: (!running)
                .then(|| self.screen.partial().chars().count() + self.editor.cursor_chars()),
            tail: if running { "" } else { self.editor.text() },
            screen: &mut self.screen,
            mode: self.mode,
            run_started_us: self.run_started_us,
        };
        let damage = {
            let mut surface = frame.surface();
            self.renderer.draw(&mut surface, bounds, view, now)
        };
        if !damage.is_empty() {
            frame.damage(damage);
        }
    }
}

/// What the renderer needs from the terminal.
pub struct View<'a> {
    pub screen: &'a mut Screen,
    pub tail: &'a str,
    pub cursor: Option<usize>,
    pub mode: Mode,
    pub run_started_us: u64,
}
