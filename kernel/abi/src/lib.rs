//! The system-call contract between the kernel and WASM apps.
//!
//! Both sides use this crate (the kernel's `wasm/` host and `apps/sdk`), so every name,
//! constant and byte layout is written once. It has no dependencies and builds for every
//! target.
//!
//! # Shape of a call
//! Apps import functions from the WASM module [`MODULE`] (`"sys"`). Every argument is a plain
//! integer; a buffer is a `(ptr, len)` pair into the app's own linear memory, which the kernel
//! checks before touching. A result is `>= 0` on success or a negative [`Error`] code. No call
//! blocks: sockets are non-blocking and DNS answers through a handle the app polls.
//!
//! # Scheduling
//! An app's `main` runs as one long WASM call. It calls [`calls::YIELD`] once per frame; the
//! kernel suspends the call there and resumes it on the next frame. An app that never yields
//! is paused when it spends its fuel slice and resumed next frame, so it cannot freeze the
//! desktop.
#![no_std]

/// The import module of every system call.
pub const MODULE: &str = "sys";

/// Names of the system calls, with their WASM signatures.
pub mod calls {
    /// `log(ptr, len) -> i32`: appends a line (UTF-8; invalid bytes are replaced) to the app's
    /// log stream.
    pub const LOG: &str = "log";
    /// `events(ptr, max) -> i32`: copies up to `max` [`Event`](super::Event)s that arrived since
    /// the last call; returns how many.
    pub const EVENTS: &str = "events";
    /// `window_size() -> i64`: the window's content size, `width << 32 | height` (0 when the
    /// app has no window).
    pub const WINDOW_SIZE: &str = "window_size";
    /// `present(ptr, width, height, x, y, w, h) -> i32`: shows `width` x `height` pixels
    /// (0xAARRGGBB, rows of `width`) from the app's memory; only the damaged rectangle
    /// (`x`, `y`, `w`, `h`) needs to have changed.
    pub const PRESENT: &str = "present";
    /// `set_title(ptr, len) -> i32`: the window's title.
    pub const SET_TITLE: &str = "set_title";
    /// `time_monotonic() -> i64`: microseconds since boot.
    pub const TIME_MONOTONIC: &str = "time_monotonic";
    /// `time_wall() -> i64`: microseconds since the Unix epoch (UTC).
    pub const TIME_WALL: &str = "time_wall";
    /// `random(ptr, len) -> i32`: fills the buffer with random bytes.
    pub const RANDOM: &str = "random";
    /// `stylesheet(ptr, len) -> i32`: copies the shared stylesheet (text, one `name = value`
    /// per line) and returns its full length; call with `len` 0 to ask the size.
    pub const STYLESHEET: &str = "stylesheet";
    /// `clipboard_get(ptr, len) -> i32`: copies the clipboard (UTF-8); returns its full length.
    pub const CLIPBOARD_GET: &str = "clipboard_get";
    /// `clipboard_set(ptr, len) -> i32`: replaces the clipboard.
    pub const CLIPBOARD_SET: &str = "clipboard_set";
    /// `tcp_connect(ip, port) -> i32`: starts a connection (IPv4 as a big-endian u32); returns
    /// a socket handle.
    pub const TCP_CONNECT: &str = "tcp_connect";
    /// `tcp_send(handle, ptr, len) -> i32`: queues bytes; returns how many were taken.
    pub const TCP_SEND: &str = "tcp_send";
    /// `tcp_recv(handle, ptr, len) -> i32`: takes received bytes; 0 with state CLOSED means
    /// end of stream, `Error::WouldBlock` means nothing yet.
    pub const TCP_RECV: &str = "tcp_recv";
    /// `tcp_close(handle) -> i32`: closes the sending side and frees the handle once done.
    pub const TCP_CLOSE: &str = "tcp_close";
    /// `tcp_state(handle) -> i32`: one of [`tcp_state`](super::tcp_state).
    pub const TCP_STATE: &str = "tcp_state";
    /// `udp_bind(port) -> i32`: a UDP socket handle (port 0 picks one).
    pub const UDP_BIND: &str = "udp_bind";
    /// `udp_send(handle, ip, port, ptr, len) -> i32`.
    pub const UDP_SEND: &str = "udp_send";
    /// `udp_recv(handle, ptr, len, from_ptr) -> i32`: one datagram; writes the sender as
    /// (ip u32 BE, port u16 LE, 2 padding bytes) at `from_ptr` (8 bytes).
    pub const UDP_RECV: &str = "udp_recv";
    /// `socket_close(handle) -> i32`: frees a UDP socket.
    pub const SOCKET_CLOSE: &str = "socket_close";
    /// `dns_resolve(ptr, len) -> i32`: starts resolving a host name; returns a query handle.
    pub const DNS_RESOLVE: &str = "dns_resolve";
    /// `dns_result(handle, ptr, max) -> i32`: the IPv4 addresses found (4 bytes each, at most
    /// `max`), `Error::WouldBlock` while pending; the handle is freed once answered.
    pub const DNS_RESULT: &str = "dns_result";
    /// `store_set(key_ptr, key_len, ptr, len) -> i32`: keeps `len` bytes under a key for the
    /// rest of the session; they survive the app being closed and opened again (not a
    /// reboot). A zero length deletes the key.
    pub const STORE_SET: &str = "store_set";
    /// `store_get(key_ptr, key_len, ptr, len) -> i32`: copies the bytes kept under a key (as
    /// many as fit) and returns their full length; `Error::NotFound` when there is no such
    /// key.
    pub const STORE_GET: &str = "store_get";
    /// `config_get(name_ptr, name_len, ptr, len) -> i32`: copies a machine setting (as many
    /// bytes as fit) and returns its full length; `Error::NotFound` when the machine has no
    /// such setting. Only the names in [`CONFIG_NAMES`](super::CONFIG_NAMES) can be read.
    pub const CONFIG_GET: &str = "config_get";
    /// `yield() -> i32`: ends this frame's step; the app continues next frame.
    pub const YIELD: &str = "yield";
}

/// The machine settings apps may read with `config_get`: QEMU's
/// `-fw_cfg name=opt/os/ca,file=ca.pem` gives the browser an extra trusted certificate
/// authority (PEM) for tests and private networks. Other fw_cfg files stay the kernel's.
pub const CONFIG_NAMES: &[&str] = &["opt/os/ca"];

/// Error codes: every call returns `-(code)` on failure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(i32)]
pub enum Error {
    /// An argument is out of range (a size, a rectangle, a port).
    InvalidArgument = 1,
    /// A `(ptr, len)` pair does not lie inside the app's memory.
    BadPointer = 2,
    /// The handle does not name an open socket or query of this app.
    BadHandle = 3,
    /// Nothing to do yet: try again next frame.
    WouldBlock = 4,
    /// The app reached a limit (handles, log rate, memory).
    Limit = 5,
    /// Not supported here.
    NotSupported = 6,
    /// No network is up.
    NetworkDown = 7,
    /// The peer refused or reset the connection.
    ConnectionReset = 8,
    /// The name does not exist (NXDOMAIN).
    NameNotFound = 9,
    /// The name server failed or did not answer.
    DnsFailed = 10,
    /// The operation timed out.
    TimedOut = 11,
    /// The socket is not connected (or no longer).
    NotConnected = 12,
    /// No such key (`store_get`).
    NotFound = 13,
}

impl Error {
    /// The negative value a call returns.
    pub const fn code(self) -> i32 {
        -(self as i32)
    }

    /// The error a negative result stands for.
    pub fn from_code(code: i32) -> Option<Error> {
        Some(match code.checked_neg()? {
            1 => Error::InvalidArgument,
            2 => Error::BadPointer,
            3 => Error::BadHandle,
            4 => Error::WouldBlock,
            5 => Error::Limit,
            6 => Error::NotSupported,
            7 => Error::NetworkDown,
            8 => Error::ConnectionReset,
            9 => Error::NameNotFound,
            10 => Error::DnsFailed,
            11 => Error::TimedOut,
            12 => Error::NotConnected,
            13 => Error::NotFound,
            _ => return None,
        })
    }

    /// A short description for logs and error pages.
    pub const fn message(self) -> &'static str {
        match self {
            Error::InvalidArgument => "invalid argument",
            Error::BadPointer => "buffer outside the app's memory",
            Error::BadHandle => "bad handle",
            Error::WouldBlock => "would block",
            Error::Limit => "limit reached",
            Error::NotSupported => "not supported",
            Error::NetworkDown => "network is down",
            Error::ConnectionReset => "connection refused or reset",
            Error::NameNotFound => "name not found",
            Error::DnsFailed => "name server failure",
            Error::TimedOut => "timed out",
            Error::NotConnected => "not connected",
            Error::NotFound => "not found",
        }
    }
}

/// States a TCP socket reports through `tcp_state`.
pub mod tcp_state {
    /// The handshake is under way.
    pub const CONNECTING: i32 = 1;
    /// Data can flow.
    pub const ESTABLISHED: i32 = 2;
    /// The peer closed its side; received data may remain.
    pub const PEER_CLOSED: i32 = 3;
    /// Fully closed.
    pub const CLOSED: i32 = 4;
}

/// Event types.
pub mod event {
    /// A key went down (or repeated); `code` is an evdev key code.
    pub const KEY_DOWN: u32 = 1;
    /// A key went up.
    pub const KEY_UP: u32 = 2;
    /// A character was typed; `code` is its Unicode scalar value.
    pub const CHAR: u32 = 3;
    /// The pointer moved to (`x`, `y`) in window coordinates.
    pub const POINTER_MOVE: u32 = 4;
    /// A pointer button went down; `code` is the button (0 left, 1 right, 2 middle).
    pub const BUTTON_DOWN: u32 = 5;
    /// A pointer button went up.
    pub const BUTTON_UP: u32 = 6;
    /// The wheel turned by `code` notches (as i32; positive is away from the user).
    pub const WHEEL: u32 = 7;
    /// The window was resized; `x`, `y` carry the new content size.
    pub const RESIZE: u32 = 8;
    /// The window gained (`code` 1) or lost (`code` 0) the keyboard focus.
    pub const FOCUS: u32 = 9;
    /// The user asked the app to stop what it is doing (Ctrl+C).
    pub const INTERRUPT: u32 = 10;
}

/// Modifier bits carried with every event.
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

/// One input event as the kernel writes it into app memory: five little-endian u32/i32.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Event {
    /// One of [`event`].
    pub kind: u32,
    /// Key code, character, button, wheel steps or focus flag, by `kind`.
    pub code: u32,
    /// Pointer position in window coordinates (or the new size for `RESIZE`).
    pub x: i32,
    pub y: i32,
    /// [`modifiers`] bits.
    pub modifiers: u32,
}

impl Event {
    /// Bytes per event in app memory.
    pub const SIZE: usize = 20;

    /// A key went down (`code` an evdev key code) with these [`modifiers`].
    pub const fn key_down(code: u32, modifiers: u32) -> Event {
        Event {
            kind: event::KEY_DOWN,
            code,
            x: 0,
            y: 0,
            modifiers,
        }
    }

    /// A character was typed.
    pub const fn char(c: char) -> Event {
        Event {
            kind: event::CHAR,
            code: c as u32,
            x: 0,
            y: 0,
            modifiers: 0,
        }
    }

    /// The wire form.
    pub fn to_bytes(&self) -> [u8; Event::SIZE] {
        let mut bytes = [0; Event::SIZE];
        bytes[0..4].copy_from_slice(&self.kind.to_le_bytes());
        bytes[4..8].copy_from_slice(&self.code.to_le_bytes());
        bytes[8..12].copy_from_slice(&self.x.to_le_bytes());
        bytes[12..16].copy_from_slice(&self.y.to_le_bytes());
        bytes[16..20].copy_from_slice(&self.modifiers.to_le_bytes());
        bytes
    }

    /// Reads the wire form.
    pub fn from_bytes(bytes: &[u8; Event::SIZE]) -> Event {
        let word = |i: usize| [bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]];
        Event {
            kind: u32::from_le_bytes(word(0)),
            code: u32::from_le_bytes(word(4)),
            x: i32::from_le_bytes(word(8)),
            y: i32::from_le_bytes(word(12)),
            modifiers: u32::from_le_bytes(word(16)),
        }
    }
}

/// Limits the kernel enforces on every app.
pub mod limits {
    /// Largest window content the kernel accepts from `present` (pixels per side).
    pub const MAX_SURFACE_SIDE: u32 = 4096;
    /// Open sockets and DNS queries per app.
    pub const MAX_HANDLES: usize = 64;
    /// Log bytes an app may write per second before lines are dropped (and counted).
    pub const LOG_BYTES_PER_SECOND: usize = 64 * 1024;
    /// Longest log line kept; longer lines are cut.
    pub const MAX_LOG_LINE: usize = 1024;
    /// Largest clipboard content.
    pub const MAX_CLIPBOARD: usize = 1 << 20;
    /// Bytes an app may keep with `store_set`, all keys together.
    pub const MAX_STORE: usize = 16 << 20;
    /// Longest key for `store_set`/`store_get`.
    pub const MAX_STORE_KEY: usize = 256;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_round_trip_and_errors_map() {
        let e = Event {
            kind: event::CHAR,
            code: 'é' as u32,
            x: -3,
            y: 70000,
            modifiers: 5,
        };
        assert_eq!(Event::from_bytes(&e.to_bytes()), e);
        for code in 1..=13 {
            let error = Error::from_code(-code).unwrap();
            assert_eq!(error.code(), -code);
            assert!(!error.message().is_empty());
        }
        assert_eq!(Error::from_code(-99), None);
        assert_eq!(Error::from_code(0), None);
        assert_eq!(Error::from_code(i32::MIN), None);
    }
}
