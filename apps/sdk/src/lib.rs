//! `sdk`: the guest side of the system-call contract, for apps written in Rust.
//!
//! An app is a `wasm32-wasip1` command. The kernel runs its `main` under wasmi as one long
//! call and suspends it each time it calls `yield` (see `kernel/abi`, which this crate
//! follows name for name). Standard output and standard error already reach the app's log
//! through WASI `fd_write`, so `println!` works; everything else an app can ask the kernel
//! goes through the `sys` imports, in three layers:
//!
//! * [`raw`]: the imports themselves, integers in and out, `unsafe` to call. Only the
//!   hostile test apps use them directly.
//! * [`system`] and [`net`]: safe wrappers. Buffers are slices, results are
//!   `Result<_, abi::Error>`, the two-step "ask the size, then copy" calls (stylesheet,
//!   clipboard) are done for you, sockets close themselves when dropped.
//! * [`app`]: the frame loop. An app implements [`App::update`]; [`run`] collects the
//!   frame's events, keeps a window-sized [`gfx::Bitmap`] (reallocated when the window is
//!   resized), calls `update`, presents only the damaged rectangle (nothing at all when
//!   nothing was drawn) and yields until the next frame.
//!
//! [`input`] turns the kernel's raw events (evdev key codes, pointer moves) into the
//! [`gfx::uitk::Input`] the toolkit reads, and [`style`] turns the stylesheet text into a
//! [`gfx::uitk::Stylesheet`].
//!
//! # Host builds
//! On any target other than `wasm32` there is no kernel to import from. The safe layer then
//! talks to [`fake`], an in-memory kernel (log lines, an event queue, a window size, recorded
//! presents, a loopback network), so `cargo test` on the host exercises the same wrapper and
//! loop code that runs in the OS, and apps can test their drawing with it.
#![deny(unsafe_code)]

pub mod app;
pub mod input;
pub mod net;
pub mod raw;
pub mod style;
pub mod system;

#[cfg(not(target_arch = "wasm32"))]
pub mod fake;
#[cfg(target_arch = "wasm32")]
mod port;
#[cfg(not(target_arch = "wasm32"))]
use fake::port;

pub use abi::{Error, Event};
pub use app::{run, App, Frame, Runner};
pub use system::{
    clipboard_get, clipboard_set, config_get, events, log, monotonic_us, present, present_bitmap,
    random_bytes, random_u64, set_title, store_get, store_set, stylesheet_text, wall_us,
    window_size, yield_now,
};
/// The drawing crate and the ABI crate, so an app needs only `sdk` as a dependency.
pub use {abi, gfx};

/// What every wrapper returns.
pub type Result<T> = core::result::Result<T, Error>;

/// Formats a line and appends it to the app's log (`sys.log`); errors are ignored.
///
/// ```no_run
/// # let (n, us) = (1, 2);
/// sdk::log!("frame {} took {} us", n, us);
/// ```
#[macro_export]
macro_rules! log {
    ($($arg:tt)*) => {
        let _ = $crate::system::log(&::std::format!($($arg)*));
    };
}
