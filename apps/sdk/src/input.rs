//! From the kernel's raw events to the toolkit's [`Input`].
//!
//! The kernel reports input as it happens: evdev key codes (Linux
//! `include/uapi/linux/input-event-codes.h`, the codes virtio-input delivers), typed
//! characters, pointer moves and button changes. The toolkit wants one frame's summary:
//! where the pointer is, whether the left button is held, went down or went up, how far the
//! wheel turned, what was typed and which editing keys were pressed. [`InputTracker`] keeps
//! the little state that spans frames (pointer position, button held) and builds that
//! summary from each frame's events.

use abi::{event, modifiers, Event};
use gfx::uitk::{Input, Key, KeyPress};
use gfx::Point;

/// The evdev key codes apps read (one table for the SDK and every app).
pub mod keys {
    pub const ESC: u32 = 1;
    pub const BACKSPACE: u32 = 14;
    pub const TAB: u32 = 15;
    pub const ENTER: u32 = 28;
    pub const SPACE: u32 = 57;
    pub const F3: u32 = 61;
    pub const F5: u32 = 63;
    pub const HOME: u32 = 102;
    pub const UP: u32 = 103;
    pub const PAGE_UP: u32 = 104;
    pub const LEFT: u32 = 105;
    pub const RIGHT: u32 = 106;
    pub const END: u32 = 107;
    pub const DOWN: u32 = 108;
    pub const PAGE_DOWN: u32 = 109;
    pub const DELETE: u32 = 111;
    pub const KEYPAD_ENTER: u32 = 96;
    /// Letters, for Ctrl shortcuts (the US layout's positions).
    pub const A: u32 = 30;
    pub const C: u32 = 46;
    pub const D: u32 = 32;
    pub const E: u32 = 18;
    pub const L: u32 = 38;
    pub const V: u32 = 47;

    /// Letter keys, by evdev code: the three rows of a QWERTY keyboard.
    pub(crate) const LETTER_ROWS: [(u32, &str); 3] =
        [(16, "qwertyuiop"), (30, "asdfghjkl"), (44, "zxcvbnm")];
}

/// The letter an evdev key code stands for on a QWERTY layout.
pub fn letter(code: u32) -> Option<char> {
    keys::LETTER_ROWS.iter().find_map(|(first, letters)| {
        let index = code.checked_sub(*first)? as usize;
        letters.as_bytes().get(index).map(|&b| b as char)
    })
}

/// The editing key a `KEY_DOWN` stands for, with Shift.
pub fn key_press(code: u32, mods: u32) -> Option<KeyPress> {
    let key = match code {
        keys::LEFT => Key::Left,
        keys::RIGHT => Key::Right,
        keys::UP => Key::Up,
        keys::DOWN => Key::Down,
        keys::HOME => Key::Home,
        keys::END => Key::End,
        keys::BACKSPACE => Key::Backspace,
        keys::DELETE => Key::Delete,
        keys::ENTER | keys::KEYPAD_ENTER => Key::Enter,
        keys::TAB => Key::Tab,
        keys::ESC => Key::Escape,
        _ if mods & modifiers::CTRL != 0 => Key::Ctrl(letter(code)?),
        _ => return None,
    };
    Some(KeyPress {
        key,
        shift: mods & modifiers::SHIFT != 0,
    })
}

/// Pointer state carried from one frame to the next.
#[derive(Clone, Debug, Default)]
pub struct InputTracker {
    mouse: Point,
    mouse_down: bool,
}

impl InputTracker {
    pub fn new() -> InputTracker {
        InputTracker::default()
    }

    /// The pointer's last known position.
    pub fn mouse(&self) -> Point {
        self.mouse
    }

    /// Summarises one frame's events.
    pub fn frame(&mut self, events: &[Event]) -> Input {
        let mut input = Input::default();
        for e in events {
            match e.kind {
                event::POINTER_MOVE => self.mouse = Point::new(e.x, e.y),
                event::BUTTON_DOWN if e.code == 0 => {
                    self.mouse = Point::new(e.x, e.y);
                    self.mouse_down = true;
                    input.pressed = true;
                }
                event::BUTTON_UP if e.code == 0 => {
                    self.mouse = Point::new(e.x, e.y);
                    self.mouse_down = false;
                    input.released = true;
                }
                // Away from the user (positive) shows what is above: the toolkit's
                // positive wheel shows what is below.
                event::WHEEL => input.wheel = input.wheel.saturating_sub(e.code as i32),
                event::CHAR => {
                    let typed = char::from_u32(e.code).filter(|c| !c.is_control());
                    if let (Some(c), 0) = (typed, e.modifiers & modifiers::CTRL) {
                        input.text.push(c);
                    }
                }
                event::KEY_DOWN => input.keys.extend(key_press(e.code, e.modifiers)),
                // Losing the focus mid-drag would otherwise leave the button "held".
                event::FOCUS if e.code == 0 => self.mouse_down = false,
                _ => {}
            }
        }
        input.mouse = self.mouse;
        input.mouse_down = self.mouse_down;
        input
    }
}
