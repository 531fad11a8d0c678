//! From key events to editor commands.
//!
//! The kernel delivers each key twice when it types something: a `KEY_DOWN` with the evdev
//! code (Linux `input-event-codes.h`) and the modifiers held, then a `CHAR` with the
//! character the US layout gives it. Printable characters come from `CHAR`; everything else
//! (arrows, paging, Enter, Tab, Backspace, Ctrl+letter) from `KEY_DOWN`, read here directly
//! rather than through the toolkit's summary because the editor needs Ctrl with arrows and
//! keys (PageUp, PageDown, F3) the summary does not carry. Held keys repeat as further
//! `KEY_DOWN`/`CHAR` pairs, so repeats need nothing special.
//!
//! The table (Ctrl is "C-", Shift "S-"):
//!
//! | keys | command |
//! |---|---|
//! | arrows, Home, End, PageUp, PageDown (S- selects) | move |
//! | C-Left, C-Right (S- selects) | word left, right |
//! | C-Home, C-End (S- selects) | start, end of document |
//! | Backspace, Delete (C- by word) | delete |
//! | Enter, Tab | line break (keeps indent), four spaces |
//! | C-A, C-C, C-X, C-V | select all, copy, cut, paste |
//! | C-Z, C-Y (or C-S-Z) | undo, redo |
//! | C-F, F3, S-F3 (C-G, C-S-G) | find, next, previous |
//! | Escape | close the find bar / drop the selection |
//! | C-T / C-N, C-W, C-PageUp/PageDown | new tab, close tab, previous/next tab |
//! | C-S | save the session now |

use crate::document::Motion;
use abi::{event, modifiers, Event};
use std::string::String;

/// Evdev key codes the editor reads: the SDK's table.
pub use sdk::input::keys;

/// Something the user asked the editor to do.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum Command {
    /// Move the cursor; `true` extends the selection.
    Move(Motion, bool),
    /// Type text over the selection.
    Type(String),
    /// Enter; `true` with Shift (in the find bar: previous match).
    Enter(bool),
    Tab,
    /// Backspace; `true` deletes a word.
    Backspace(bool),
    /// Delete; `true` deletes a word.
    Delete(bool),
    SelectAll,
    Copy,
    Cut,
    Paste,
    Undo,
    Redo,
    Find,
    FindNext,
    FindPrevious,
    Escape,
    NewTab,
    CloseTab,
    NextTab,
    PreviousTab,
    Save,
}

/// The letter an evdev key code stands for on a QWERTY layout.
fn letter(code: u32) -> Option<char> {
    const ROWS: [(u32, &str); 3] = [(16, "qwertyuiop"), (30, "asdfghjkl"), (44, "zxcvbnm")];
    ROWS.iter().find_map(|(first, letters)| {
        let index = code.checked_sub(*first)? as usize;
        letters.as_bytes().get(index).map(|&b| b as char)
    })
}

/// The command a key press stands for, if any.
pub fn from_key(code: u32, mods: u32) -> Option<Command> {
    let shift = mods & modifiers::SHIFT != 0;
    let ctrl = mods & modifiers::CTRL != 0;
    let motion = |plain, with_ctrl| Command::Move(if ctrl { with_ctrl } else { plain }, shift);
    Some(match code {
        keys::LEFT => motion(Motion::Left, Motion::WordLeft),
        keys::RIGHT => motion(Motion::Right, Motion::WordRight),
        keys::UP => Command::Move(Motion::Up, shift),
        keys::DOWN => Command::Move(Motion::Down, shift),
        keys::HOME => motion(Motion::LineStart, Motion::DocumentStart),
        keys::END => motion(Motion::LineEnd, Motion::DocumentEnd),
        keys::PAGE_UP if ctrl => Command::PreviousTab,
        keys::PAGE_DOWN if ctrl => Command::NextTab,
        keys::PAGE_UP => Command::Move(Motion::PageUp, shift),
        keys::PAGE_DOWN => Command::Move(Motion::PageDown, shift),
        keys::BACKSPACE => Command::Backspace(ctrl),
        keys::DELETE => Command::Delete(ctrl),
        keys::ENTER | keys::KEYPAD_ENTER => Command::Enter(shift),
        keys::TAB => Command::Tab,
        keys::ESC => Command::Escape,
        keys::F3 if shift => Command::FindPrevious,
        keys::F3 => Command::FindNext,
        _ if ctrl => match (letter(code)?, shift) {
            ('a', _) => Command::SelectAll,
            ('c', _) => Command::Copy,
            ('x', _) => Command::Cut,
            ('v', _) => Command::Paste,
            ('z', false) => Command::Undo,
            ('z', true) | ('y', _) => Command::Redo,
            ('f', _) => Command::Find,
            ('g', false) => Command::FindNext,
            ('g', true) => Command::FindPrevious,
            ('t', _) | ('n', _) => Command::NewTab,
            ('w', _) => Command::CloseTab,
            ('s', _) => Command::Save,
            _ => return None,
        },
        _ => return None,
    })
}

/// The commands in one frame's events, in order; consecutive typed characters are merged
/// into one [`Command::Type`].
pub fn from_events(events: &[Event]) -> Vec<Command> {
    let mut out: Vec<Command> = Vec::new();
    for e in events {
        match e.kind {
            event::KEY_DOWN => out.extend(from_key(e.code, e.modifiers)),
            event::CHAR if e.modifiers & (modifiers::CTRL | modifiers::ALT) == 0 => {
                let Some(c) = char::from_u32(e.code).filter(|c| !c.is_control()) else {
                    continue;
                };
                if let Some(Command::Type(text)) = out.last_mut() {
                    text.push(c);
                } else {
                    out.push(Command::Type(String::from(c)));
                }
            }
            _ => {}
        }
    }
    out
}
