//! From the kernel's input events to what the terminal does.
//!
//! Keys arrive twice when they type something: a `KEY_DOWN` with the evdev code (Linux
//! `include/uapi/linux/input-event-codes.h`) and the modifiers, then a `CHAR` with the
//! character. Printable text comes from `CHAR` (without Ctrl); everything else from
//! `KEY_DOWN`. The table:
//!
//! | keys | action |
//! |---|---|
//! | Left, Right, Home, End, Backspace, Delete (also C-A, C-E) | edit the input line |
//! | Up, Down | history |
//! | Enter | submit the line |
//! | PageUp, PageDown, wheel (S-PageUp/S-PageDown too) | scroll |
//! | C-C | KeyboardInterrupt (while code runs, or drops the typed line) |
//! | C-S-C | copy the input line, or the last command's output when the line is empty |
//! | C-V, C-S-V | paste (each pasted line is entered in turn) |
//! | C-D | end of input (`input()` gets EOFError) |
//! | C-L | clear the screen |
//!
//! The kernel's `INTERRUPT` event (if a kernel sends it for Ctrl+C) also interrupts.

use abi::{event, modifiers, Event};
use std::string::String;
use std::vec::Vec;

/// Evdev key codes the terminal reads: the SDK's table.
pub use sdk::input::keys as codes;

/// Something the user asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    Type(String),
    Left,
    Right,
    Home,
    End,
    Backspace,
    Delete,
    HistoryUp,
    HistoryDown,
    Enter,
    /// Scroll by this many rows (positive: back into the history).
    Scroll(i32),
    /// Scroll by this many pages.
    Page(i32),
    Interrupt,
    Copy,
    Paste,
    EndOfInput,
    Clear,
}

/// Rows one wheel notch scrolls.
pub const WHEEL_ROWS: i32 = 3;

/// The action one event stands for, if any.
pub fn action(e: &Event) -> Option<Action> {
    let ctrl = e.modifiers & modifiers::CTRL != 0;
    let shift = e.modifiers & modifiers::SHIFT != 0;
    match e.kind {
        event::CHAR if !ctrl => {
            let c = char::from_u32(e.code).filter(|c| !c.is_control())?;
            Some(Action::Type(String::from(c)))
        }
        // Away from the user (positive) shows what is above.
        event::WHEEL => Some(Action::Scroll((e.code as i32).saturating_mul(WHEEL_ROWS))),
        event::INTERRUPT => Some(Action::Interrupt),
        event::KEY_DOWN => key(e.code, ctrl, shift),
        _ => None,
    }
}

fn key(code: u32, ctrl: bool, shift: bool) -> Option<Action> {
    use codes::*;
    let action = match code {
        LEFT => Action::Left,
        RIGHT => Action::Right,
        HOME => Action::Home,
        END => Action::End,
        BACKSPACE => Action::Backspace,
        DELETE => Action::Delete,
        UP => Action::HistoryUp,
        DOWN => Action::HistoryDown,
        ENTER | KEYPAD_ENTER => Action::Enter,
        PAGE_UP => Action::Page(1),
        PAGE_DOWN => Action::Page(-1),
        C if ctrl && shift => Action::Copy,
        C if ctrl => Action::Interrupt,
        V if ctrl => Action::Paste,
        D if ctrl => Action::EndOfInput,
        L if ctrl => Action::Clear,
        A if ctrl => Action::Home,
        E if ctrl => Action::End,
        _ => return None,
    };
    Some(action)
}

/// The actions of a frame's events, in order.
pub fn actions(events: &[Event]) -> Vec<Action> {
    events.iter().filter_map(action).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn down(code: u32, mods: u32) -> Event {
        Event {
            kind: event::KEY_DOWN,
            code,
            modifiers: mods,
            ..Event::default()
        }
    }

    #[test]
    fn ctrl_c_interrupts_and_ctrl_shift_c_copies() {
        assert_eq!(
            action(&down(codes::C, modifiers::CTRL)),
            Some(Action::Interrupt)
        );
        let both = modifiers::CTRL | modifiers::SHIFT;
        assert_eq!(action(&down(codes::C, both)), Some(Action::Copy));
        assert_eq!(action(&down(codes::V, both)), Some(Action::Paste));
        assert_eq!(
            action(&down(codes::C, 0)),
            None,
            "plain c types through CHAR"
        );
    }

    #[test]
    fn characters_type_unless_ctrl_is_held() {
        let c = |code: u32, mods: u32| Event {
            kind: event::CHAR,
            code,
            modifiers: mods,
            ..Event::default()
        };
        assert_eq!(action(&c('x' as u32, 0)), Some(Action::Type("x".into())));
        assert_eq!(action(&c('c' as u32, modifiers::CTRL)), None);
        assert_eq!(action(&c(3, 0)), None);
        assert_eq!(action(&c(0xD800, 0)), None, "not a character");
    }

    #[test]
    fn the_wheel_and_paging_scroll() {
        let wheel = Event {
            kind: event::WHEEL,
            code: (-2i32) as u32,
            ..Event::default()
        };
        assert_eq!(action(&wheel), Some(Action::Scroll(-2 * WHEEL_ROWS)));
        assert_eq!(action(&down(codes::PAGE_UP, 0)), Some(Action::Page(1)));
        let interrupt = Event {
            kind: event::INTERRUPT,
            ..Event::default()
        };
        assert_eq!(
            actions(&[interrupt, down(codes::UP, 0)]),
            vec![Action::Interrupt, Action::HistoryUp]
        );
    }
}
