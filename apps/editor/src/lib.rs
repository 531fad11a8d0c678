//! `editor`: a text editor for notes and code, running as a WASM app on the uitk toolkit.
//!
//! The layers, bottom up, each a module:
//!
//! * [`buffer`]: the text, UTF-8 in a gap buffer with a line index; positions are byte
//!   offsets kept on character boundaries.
//! * [`motion`]: where the cursor goes (characters, words, lines, columns).
//! * [`undo`]: the edit history, with typed runs grouped into one undo step.
//! * [`document`]: one open document — text, cursor and selection, history, scroll.
//! * [`command`]: key events (evdev codes from `kernel/abi`) to editor commands.
//! * [`find`]: the find bar's search.
//! * [`editor`]: the open documents (tabs) and what each command does; pure but for the
//!   clipboard, so the key handling is tested on the host.
//! * [`session`]: the documents as bytes for the kernel's per-app store (`store_set` and
//!   `store_get`), so they survive closing and reopening the app.
//! * [`view`] and [`render`]: the window's parts, and drawing only what changed (row
//!   signatures, the tile cache for scrolling).
//! * [`app`]: the frame loop's side: events in, pointer handling, saving, damage out.
//!
//! What the editor promises: the text is always valid UTF-8 (every edit keeps byte offsets
//! on character boundaries); nothing the user types or the store returns can make it panic
//! (a stored session that does not parse is ignored); a frame without input costs no
//! drawing and no allocation; a keystroke repaints the rows it changed and the status line.
#![deny(unsafe_code)]

pub mod app;
pub mod buffer;
pub mod command;
pub mod document;
pub mod editor;
pub mod find;
pub mod motion;
pub mod render;
pub mod session;
pub mod undo;
pub mod view;

pub use app::EditorApp;
pub use buffer::Buffer;
pub use document::{Document, Motion};
pub use editor::Editor;
