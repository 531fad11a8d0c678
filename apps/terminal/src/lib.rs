//! `terminal`: a Python REPL in a window, like CPython's interactive mode, over our own
//! interpreter (`apps/python`).
//!
//! The layers, bottom up, each a module:
//!
//! * [`line`]: the input line and its editing keys.
//! * [`history`]: entered lines, recalled with Up and Down.
//! * [`screen`]: the scrollback as lines, and the rows a window of a given size shows.
//! * [`keys`]: kernel input events to terminal actions (the key table is there).
//! * [`render`]: drawing the visible rows and the status bar, repainting only what changed.
//! * [`terminal`]: the state between frames and the frame's input handling (an `sdk::App`).
//! * [`driver`]: the REPL itself: banner, prompts, feeding lines to `python::Repl`, and the
//!   interpreter's hooks that keep the window alive while Python runs.
//!
//! How a long computation stays interruptible: the app's `main` is one long call that the
//! kernel suspends at each `yield`. While Python code runs, the interpreter calls the tick
//! hook every few hundred backward jumps and calls; when more than [`driver::FRAME_US`] have
//! passed since the last frame, the hook runs a frame (new output is drawn, events are read,
//! Ctrl+C is noticed) and yields, then returns whether to raise KeyboardInterrupt. `input()`
//! runs frames the same way until a line is entered.
//!
//! What the terminal promises: nothing typed, pasted or printed can make it panic; a program
//! that loops forever, recurses without end or allocates without end ends with
//! KeyboardInterrupt (Ctrl+C), RecursionError or MemoryError and the next prompt.
#![deny(unsafe_code)]

pub mod driver;
pub mod history;
pub mod keys;
pub mod line;
pub mod render;
pub mod screen;
pub mod terminal;

pub use driver::{Driver, Limits};
pub use terminal::{Mode, Terminal};
