//! The system-call contract between the kernel and WASM apps.
//!
//! Both sides (the kernel's `wasm/` host and `apps/sdk`) use this crate, so every constant and
//! layout is written once. It has no dependencies and builds for every target.
#![no_std]

/// Event types delivered to apps (and used inside the kernel's input layer).
pub mod event {
    /// A key went down (or repeated); `code` is an evdev key code.
    pub const KEY_DOWN: u32 = 1;
    /// A key went up.
    pub const KEY_UP: u32 = 2;
    /// A printable character was typed (UTF-32 scalar in `code`).
    pub const CHAR: u32 = 3;
    /// The pointer moved to (`x`, `y`) in window coordinates.
    pub const POINTER_MOVE: u32 = 4;
    /// A pointer button went down; `code` is the button (0 left, 1 right, 2 middle).
    pub const BUTTON_DOWN: u32 = 5;
    /// A pointer button went up.
    pub const BUTTON_UP: u32 = 6;
    /// The wheel turned by `code` notches (positive is away from the user).
    pub const WHEEL: u32 = 7;
}

/// Modifier bits carried with keyboard events.
pub mod modifiers {
    /// Either shift key is held.
    pub const SHIFT: u32 = 1 << 0;
    /// Either control key is held.
    pub const CTRL: u32 = 1 << 1;
    /// Either alt key is held.
    pub const ALT: u32 = 1 << 2;
    /// Caps lock is on.
    pub const CAPS_LOCK: u32 = 1 << 3;
}
