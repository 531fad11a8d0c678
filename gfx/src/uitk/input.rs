//! What the toolkit knows about the user: one frame's worth of input, and the clipboard hook.
//!
//! The host (the kernel's desktop, or an app's event loop) fills an [`Input`] each frame from
//! its raw events: where the pointer is, whether the left button is held and whether it went
//! down or up during this frame, how far the wheel turned, which characters were typed and
//! which editing keys were pressed. Widgets read it; none of them keeps a reference to it.

use crate::geom::Point;
use alloc::string::String;
use alloc::vec::Vec;

/// An editing or navigation key (printable characters arrive as text instead).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Key {
    Left,
    Right,
    Up,
    Down,
    Home,
    End,
    Backspace,
    Delete,
    Enter,
    Tab,
    Escape,
    /// A letter pressed with Ctrl (`'a'` select all, `'c'` copy, `'x'` cut, `'v'` paste).
    Ctrl(char),
}

/// A key press with the Shift state (Shift + arrows extends a selection).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct KeyPress {
    pub key: Key,
    pub shift: bool,
}

impl KeyPress {
    pub const fn new(key: Key) -> KeyPress {
        KeyPress { key, shift: false }
    }
    pub const fn shifted(key: Key) -> KeyPress {
        KeyPress { key, shift: true }
    }
}

/// One frame of input.
#[derive(Clone, Debug, Default)]
pub struct Input {
    /// Pointer position in the surface's coordinates.
    pub mouse: Point,
    /// The left button is held.
    pub mouse_down: bool,
    /// The left button went down during this frame.
    pub pressed: bool,
    /// The left button went up during this frame.
    pub released: bool,
    /// Wheel movement in lines; positive scrolls the content up (to see further down).
    pub wheel: i32,
    /// Characters typed this frame.
    pub text: String,
    /// Editing keys pressed this frame, in order.
    pub keys: Vec<KeyPress>,
}

impl Input {
    /// Input with only the pointer position set.
    pub fn at(mouse: Point) -> Input {
        Input {
            mouse,
            ..Input::default()
        }
    }

    /// A full click (down and up in the same frame) at `mouse`.
    pub fn click(mouse: Point) -> Input {
        Input {
            mouse,
            pressed: true,
            released: true,
            ..Input::default()
        }
    }
}

/// Where copied text goes and pasted text comes from. The desktop implements it with the
/// system clipboard; tests and simple apps use [`LocalClipboard`].
pub trait Clipboard {
    fn copy(&mut self, text: &str);
    fn paste(&mut self) -> Option<String>;
}

/// A clipboard that lives in one process.
#[derive(Default, Debug, Clone)]
pub struct LocalClipboard {
    pub text: String,
}

impl Clipboard for LocalClipboard {
    fn copy(&mut self, text: &str) {
        self.text = String::from(text);
    }
    fn paste(&mut self) -> Option<String> {
        if self.text.is_empty() {
            None
        } else {
            Some(self.text.clone())
        }
    }
}
