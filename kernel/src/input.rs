//! Input: evdev events from the drivers become the desktop's events.
//!
//! The virtio-input drivers deliver raw evdev triples (type, code, value). This module keeps
//! the state that gives them meaning: which modifiers are held, whether caps lock is on, where
//! the pointer is (a tablet reports absolute positions scaled to its axis range; a mouse
//! reports relative motion, clamped to the screen), and which key repeats. Key codes become
//! characters through a US keyboard layout.
//!
//! Key repeat is ours: QEMU sends one press per key, so a key held for [`REPEAT_DELAY_MS`]
//! repeats every [`REPEAT_INTERVAL_MS`] until it is released.
//!
//! Everything here is plain logic, tested on the host.

use crate::virtio::input::evdev::*;
use crate::virtio::input::{InputKind, RawEvent};
use abi::{event, modifiers};
use alloc::vec::Vec;

/// Time a key must be held before it repeats.
pub const REPEAT_DELAY_MS: u64 = 500;
/// Time between repeats.
pub const REPEAT_INTERVAL_MS: u64 = 33;

/// evdev key codes with a meaning for the desktop (Linux `input-event-codes.h`).
pub mod key {
    pub const TAB: u16 = 15;
    pub const ENTER: u16 = 28;
    pub const LEFT_CTRL: u16 = 29;
    pub const LEFT_SHIFT: u16 = 42;
    pub const RIGHT_SHIFT: u16 = 54;
    pub const LEFT_ALT: u16 = 56;
    pub const CAPS_LOCK: u16 = 58;
    pub const RIGHT_CTRL: u16 = 97;
    pub const RIGHT_ALT: u16 = 100;
}

/// An event for the desktop and the apps (the same shape the ABI gives apps).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InputEvent {
    /// One of `abi::event::*`.
    pub kind: u32,
    /// Key code, character, button or wheel steps, by `kind`.
    pub code: u32,
    /// Pointer position in screen pixels.
    pub x: i32,
    pub y: i32,
    /// `abi::modifiers` bits at the time of the event.
    pub modifiers: u32,
}

/// US layout: (unshifted, shifted) characters for key codes 2..=57.
const US_LAYOUT: [(u8, u8); 56] = [
    (b'1', b'!'),
    (b'2', b'@'),
    (b'3', b'#'),
    (b'4', b'$'),
    (b'5', b'%'),
    (b'6', b'^'),
    (b'7', b'&'),
    (b'8', b'*'),
    (b'9', b'('),
    (b'0', b')'),
    (b'-', b'_'),
    (b'=', b'+'),
    (0, 0),
    (0, 0), // backspace, tab
    (b'q', b'Q'),
    (b'w', b'W'),
    (b'e', b'E'),
    (b'r', b'R'),
    (b't', b'T'),
    (b'y', b'Y'),
    (b'u', b'U'),
    (b'i', b'I'),
    (b'o', b'O'),
    (b'p', b'P'),
    (b'[', b'{'),
    (b']', b'}'),
    (0, 0),
    (0, 0), // enter, left ctrl
    (b'a', b'A'),
    (b's', b'S'),
    (b'd', b'D'),
    (b'f', b'F'),
    (b'g', b'G'),
    (b'h', b'H'),
    (b'j', b'J'),
    (b'k', b'K'),
    (b'l', b'L'),
    (b';', b':'),
    (b'\'', b'"'),
    (b'`', b'~'),
    (0, 0), // left shift
    (b'\\', b'|'),
    (b'z', b'Z'),
    (b'x', b'X'),
    (b'c', b'C'),
    (b'v', b'V'),
    (b'b', b'B'),
    (b'n', b'N'),
    (b'm', b'M'),
    (b',', b'<'),
    (b'.', b'>'),
    (b'/', b'?'),
    (0, 0),
    (b'*', b'*'),
    (0, 0), // right shift, keypad *, left alt
    (b' ', b' '),
];

/// The character a key types, given the modifiers (None for keys that type nothing).
pub fn key_to_char(code: u16, mods: u32) -> Option<char> {
    if mods & (modifiers::CTRL | modifiers::ALT) != 0 {
        return None;
    }
    match code {
        key::ENTER => return Some('\n'),
        key::TAB => return Some('\t'),
        _ => {}
    }
    let (plain, shifted) = *US_LAYOUT.get((code as usize).checked_sub(2)?)?;
    if plain == 0 {
        return None;
    }
    let shift = mods & modifiers::SHIFT != 0;
    let caps = mods & modifiers::CAPS_LOCK != 0 && plain.is_ascii_alphabetic();
    Some(char::from(if shift != caps { shifted } else { plain }))
}

/// The state that turns raw events into desktop events.
pub struct InputState {
    screen: (i32, i32),
    pub pointer: (i32, i32),
    modifiers: u32,
    held: Option<(u16, u64)>,
    /// Raw key codes the layout does not know (logged by the caller, then ignored).
    pub unknown_keys: Vec<u16>,
}

impl InputState {
    /// Starts with the pointer in the middle of a `width` x `height` screen.
    pub fn new(width: u32, height: u32) -> InputState {
        let screen = (width as i32, height as i32);
        InputState {
            screen,
            pointer: (screen.0 / 2, screen.1 / 2),
            modifiers: 0,
            held: None,
            unknown_keys: Vec::new(),
        }
    }

    fn emit(&self, out: &mut Vec<InputEvent>, kind: u32, code: u32) {
        out.push(InputEvent {
            kind,
            code,
            x: self.pointer.0,
            y: self.pointer.1,
            modifiers: self.modifiers,
        });
    }

    /// Handles one raw event from a device of `kind` with absolute range `abs_max`.
    pub fn feed(
        &mut self,
        raw: RawEvent,
        kind: InputKind,
        abs_max: (u32, u32),
        now_ms: u64,
        out: &mut Vec<InputEvent>,
    ) {
        match raw.kind {
            EV_KEY => self.key(raw.code, raw.value, now_ms, out),
            EV_REL => match raw.code {
                REL_X => self.move_to(self.pointer.0 + raw.value as i32, self.pointer.1, out),
                REL_Y => self.move_to(self.pointer.0, self.pointer.1 + raw.value as i32, out),
                REL_WHEEL => self.emit(out, event::WHEEL, raw.value),
                _ => {}
            },
            EV_ABS if kind == InputKind::Tablet => {
                let scale = |value: u32, max: u32, size: i32| {
                    (value.min(max.max(1)) as u64 * (size - 1).max(0) as u64 / max.max(1) as u64)
                        as i32
                };
                match raw.code {
                    ABS_X => {
                        let x = scale(raw.value, abs_max.0, self.screen.0);
                        self.move_to(x, self.pointer.1, out)
                    }
                    ABS_Y => {
                        let y = scale(raw.value, abs_max.1, self.screen.1);
                        self.move_to(self.pointer.0, y, out)
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }

    fn move_to(&mut self, x: i32, y: i32, out: &mut Vec<InputEvent>) {
        let clamped = (x.clamp(0, self.screen.0 - 1), y.clamp(0, self.screen.1 - 1));
        if clamped != self.pointer {
            self.pointer = clamped;
            // Successive moves collapse into one event per position change.
            if let Some(last) = out.last_mut() {
                if last.kind == event::POINTER_MOVE {
                    last.x = clamped.0;
                    last.y = clamped.1;
                    return;
                }
            }
            self.emit(out, event::POINTER_MOVE, 0);
        }
    }

    fn key(&mut self, code: u16, value: u32, now_ms: u64, out: &mut Vec<InputEvent>) {
        let pressed = value != 0;
        let button = match code {
            BTN_LEFT => Some(0),
            BTN_RIGHT => Some(1),
            BTN_MIDDLE => Some(2),
            _ => None,
        };
        if let Some(button) = button {
            let kind = if pressed {
                event::BUTTON_DOWN
            } else {
                event::BUTTON_UP
            };
            self.emit(out, kind, button);
            return;
        }
        let modifier = match code {
            key::LEFT_SHIFT | key::RIGHT_SHIFT => modifiers::SHIFT,
            key::LEFT_CTRL | key::RIGHT_CTRL => modifiers::CTRL,
            key::LEFT_ALT | key::RIGHT_ALT => modifiers::ALT,
            _ => 0,
        };
        if modifier != 0 {
            if pressed {
                self.modifiers |= modifier;
            } else {
                self.modifiers &= !modifier;
            }
        } else if code == key::CAPS_LOCK && value == 1 {
            self.modifiers ^= modifiers::CAPS_LOCK;
        }
        if code > 127 {
            self.unknown_keys.push(code);
            return;
        }
        if pressed {
            self.emit(out, event::KEY_DOWN, code as u32);
            if let Some(c) = key_to_char(code, self.modifiers) {
                self.emit(out, event::CHAR, c as u32);
            }
            self.held = (modifier == 0 && code != key::CAPS_LOCK)
                .then_some((code, now_ms + REPEAT_DELAY_MS));
        } else {
            self.emit(out, event::KEY_UP, code as u32);
            if self.held.map(|(held, _)| held) == Some(code) {
                self.held = None;
            }
        }
    }

    /// Emits repeats of a held key that are due by `now_ms`.
    pub fn tick(&mut self, now_ms: u64, out: &mut Vec<InputEvent>) {
        while let Some((code, due)) = self.held {
            if now_ms < due {
                break;
            }
            self.held = Some((code, due + REPEAT_INTERVAL_MS));
            self.emit(out, event::KEY_DOWN, code as u32);
            if let Some(c) = key_to_char(code, self.modifiers) {
                self.emit(out, event::CHAR, c as u32);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(kind: u16, code: u16, value: u32) -> RawEvent {
        RawEvent { kind, code, value }
    }

    fn typed(events: &[InputEvent]) -> String {
        events
            .iter()
            .filter(|e| e.kind == event::CHAR)
            .filter_map(|e| char::from_u32(e.code))
            .collect()
    }

    #[test]
    fn typing_with_shift_and_caps_lock() {
        let mut state = InputState::new(800, 600);
        let mut out = Vec::new();
        let kb = (InputKind::Keyboard, (0, 0));
        let press = |s: &mut InputState, code, out: &mut Vec<_>| {
            s.feed(raw(EV_KEY, code, 1), kb.0, kb.1, 0, out);
            s.feed(raw(EV_KEY, code, 0), kb.0, kb.1, 0, out);
        };
        press(&mut state, 35, &mut out); // h
        state.feed(raw(EV_KEY, key::LEFT_SHIFT, 1), kb.0, kb.1, 0, &mut out);
        press(&mut state, 18, &mut out); // E
        press(&mut state, 2, &mut out); // !
        state.feed(raw(EV_KEY, key::LEFT_SHIFT, 0), kb.0, kb.1, 0, &mut out);
        press(&mut state, key::CAPS_LOCK, &mut out);
        press(&mut state, 38, &mut out); // L (caps)
        press(&mut state, 3, &mut out); // 2 (caps does not shift digits)
        state.feed(raw(EV_KEY, key::LEFT_CTRL, 1), kb.0, kb.1, 0, &mut out);
        press(&mut state, 46, &mut out); // ctrl+c types nothing
        assert_eq!(typed(&out), "hE!L2");
        let ctrl_c = out
            .iter()
            .rev()
            .find(|e| e.kind == event::KEY_DOWN)
            .unwrap();
        assert_eq!(ctrl_c.code, 46);
        assert_ne!(ctrl_c.modifiers & modifiers::CTRL, 0);
    }

    #[test]
    fn held_keys_repeat_until_released() {
        let mut state = InputState::new(800, 600);
        let mut out = Vec::new();
        state.feed(
            raw(EV_KEY, 30, 1),
            InputKind::Keyboard,
            (0, 0),
            1000,
            &mut out,
        );
        state.tick(1000 + REPEAT_DELAY_MS - 1, &mut out);
        assert_eq!(typed(&out), "a");
        state.tick(1000 + REPEAT_DELAY_MS + 2 * REPEAT_INTERVAL_MS, &mut out);
        assert_eq!(typed(&out), "aaaa");
        state.feed(
            raw(EV_KEY, 30, 0),
            InputKind::Keyboard,
            (0, 0),
            2000,
            &mut out,
        );
        state.tick(5000, &mut out);
        assert_eq!(typed(&out), "aaaa");
    }

    #[test]
    fn tablet_scales_and_mouse_clamps() {
        let mut state = InputState::new(1920, 1080);
        let mut out = Vec::new();
        let tablet = (InputKind::Tablet, (32767, 32767));
        state.feed(raw(EV_ABS, ABS_X, 32767), tablet.0, tablet.1, 0, &mut out);
        state.feed(raw(EV_ABS, ABS_Y, 16384), tablet.0, tablet.1, 0, &mut out);
        assert_eq!(state.pointer, (1919, 539));
        assert_eq!(out.len(), 1, "moves collapse into one event");
        state.feed(
            raw(EV_REL, REL_X, (-5000i32) as u32),
            InputKind::Mouse,
            (0, 0),
            0,
            &mut out,
        );
        assert_eq!(state.pointer, (0, 539));
        state.feed(
            raw(EV_KEY, BTN_RIGHT, 1),
            InputKind::Mouse,
            (0, 0),
            0,
            &mut out,
        );
        let last = out.last().unwrap();
        assert_eq!(
            (last.kind, last.code, last.x, last.y),
            (event::BUTTON_DOWN, 1, 0, 539)
        );
        state.feed(
            raw(EV_KEY, 0x2f0, 1),
            InputKind::Keyboard,
            (0, 0),
            0,
            &mut out,
        );
        state.feed(
            raw(EV_KEY, 200, 1),
            InputKind::Keyboard,
            (0, 0),
            0,
            &mut out,
        );
        assert_eq!(state.unknown_keys, [0x2f0, 200]);
    }
}
