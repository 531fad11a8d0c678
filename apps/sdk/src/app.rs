//! The frame loop: what every graphical app's `main` hands control to.
//!
//! ```no_run
//! struct Counter { clicks: u32 }
//! impl sdk::App for Counter {
//!     fn update(&mut self, frame: &mut sdk::Frame) {
//!         if frame.input().pressed { self.clicks += 1; }
//!         let mut surface = frame.surface();
//!         surface.clear(gfx::Color::WHITE);
//!         frame.damage_all();
//!     }
//! }
//! fn main() { sdk::run(Counter { clicks: 0 }) }
//! ```
//!
//! Each step of [`Runner`] is one frame:
//!
//! 1. take every event that arrived since the last frame, and read the window size;
//! 2. when the size changed, reallocate the window-sized back buffer (the whole of it then
//!    counts as damaged, so the new size is always presented);
//! 3. call [`App::update`] with a [`Frame`]: the events, their summary as toolkit
//!    [`Input`], the size, the clocks, the stylesheet and a [`Surface`] over the back buffer;
//!    the app marks what it changed with [`Frame::damage`];
//! 4. present the union of the damaged rectangles, or nothing when nothing was damaged (or
//!    there is no window: size (0, 0));
//! 5. `yield`, so the kernel runs the other apps and resumes this one next frame.
//!
//! The back buffer persists between frames, so an app may redraw only what changed.

use crate::input::InputTracker;
use crate::system;
use abi::{event, limits, Event};
use gfx::uitk::{Input, Stylesheet};
use gfx::{Bitmap, Color, Rect, Surface};
use std::vec::Vec;

/// A program driven by the frame loop.
pub trait App {
    /// Handles one frame: reacts to input, draws, marks damage.
    fn update(&mut self, frame: &mut Frame);
}

/// What an app sees during one frame.
pub struct Frame<'a> {
    events: &'a [Event],
    input: &'a Input,
    stylesheet: &'a Stylesheet,
    bitmap: &'a mut Bitmap,
    damage: Rect,
    resized: bool,
    monotonic_us: u64,
    wall_us: u64,
    index: u64,
    exit: bool,
}

impl<'a> Frame<'a> {
    /// The raw events of this frame, oldest first.
    pub fn events(&self) -> &'a [Event] {
        self.events
    }

    /// This frame's input, summarised for the toolkit.
    pub fn input(&self) -> &'a Input {
        self.input
    }

    /// True when the user asked the app to stop what it is doing (Ctrl+C).
    pub fn interrupted(&self) -> bool {
        self.events.iter().any(|e| e.kind == event::INTERRUPT)
    }

    /// The shared stylesheet (read once when the app started).
    pub fn stylesheet(&self) -> &'a Stylesheet {
        self.stylesheet
    }

    /// The window's content size; (0, 0) when there is no window.
    pub fn size(&self) -> (u32, u32) {
        (self.bitmap.width, self.bitmap.height)
    }

    /// `(0, 0, width, height)`.
    pub fn bounds(&self) -> Rect {
        Rect::new(0, 0, self.bitmap.width as i32, self.bitmap.height as i32)
    }

    /// False when the app has no window (nothing drawn will be shown).
    pub fn has_window(&self) -> bool {
        self.bitmap.width > 0 && self.bitmap.height > 0
    }

    /// True on the first frame and whenever the window changed size: the back buffer is
    /// new (black) and must be redrawn entirely.
    pub fn resized(&self) -> bool {
        self.resized
    }

    /// Microseconds since boot, read at the start of this frame.
    pub fn monotonic_us(&self) -> u64 {
        self.monotonic_us
    }

    /// Microseconds since the Unix epoch (UTC), read at the start of this frame.
    pub fn wall_us(&self) -> u64 {
        self.wall_us
    }

    /// Frames run so far, this one included (the first frame is 1).
    pub fn index(&self) -> u64 {
        self.index
    }

    /// A surface over the window-sized back buffer.
    pub fn surface(&mut self) -> Surface<'_> {
        self.bitmap.surface()
    }

    /// The back buffer itself.
    pub fn bitmap(&self) -> &Bitmap {
        self.bitmap
    }

    /// Marks `rect` as changed: it will be presented at the end of the frame.
    pub fn damage(&mut self, rect: Rect) {
        let rect = rect.intersect(&self.bounds());
        self.damage = self.damage.union(&rect);
    }

    /// Marks the whole window as changed.
    pub fn damage_all(&mut self) {
        self.damage = self.bounds();
    }

    /// The damage so far this frame.
    pub fn damaged(&self) -> Rect {
        self.damage
    }

    /// Ends the loop after this frame ([`run`] then returns).
    pub fn exit(&mut self) {
        self.exit = true;
    }
}

/// What one [`Runner::step`] did, for tests and statistics.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StepReport {
    /// The rectangle presented, if any.
    pub presented: Option<Rect>,
    pub events: usize,
    pub resized: bool,
    /// The app asked to exit.
    pub exit: bool,
}

/// The state the frame loop keeps between frames.
pub struct Runner {
    bitmap: Bitmap,
    tracker: InputTracker,
    stylesheet: Stylesheet,
    frames: u64,
    /// The back buffer has never been allocated at the current size.
    fresh: bool,
}

impl Default for Runner {
    fn default() -> Runner {
        Runner::new()
    }
}

impl Runner {
    /// A loop with no window yet; reads the stylesheet once.
    pub fn new() -> Runner {
        Runner {
            bitmap: Bitmap::new(0, 0, Color::BLACK),
            tracker: InputTracker::new(),
            stylesheet: crate::style::load(),
            frames: 0,
            fresh: true,
        }
    }

    /// The back buffer (what was last drawn).
    pub fn bitmap(&self) -> &Bitmap {
        &self.bitmap
    }

    /// Runs one frame of `app` without yielding (the caller yields).
    pub fn frame(&mut self, app: &mut impl App) -> StepReport {
        let events: Vec<Event> = system::events().unwrap_or_default();
        let side = limits::MAX_SURFACE_SIDE;
        let (w, h) = system::window_size().unwrap_or((0, 0));
        let (w, h) = (w.min(side), h.min(side));
        let resized = self.fresh || (w, h) != (self.bitmap.width, self.bitmap.height);
        if resized {
            self.bitmap = Bitmap::new(w, h, Color::BLACK);
            self.fresh = false;
        }
        let input = self.tracker.frame(&events);
        self.frames += 1;
        let mut frame = Frame {
            events: &events,
            input: &input,
            stylesheet: &self.stylesheet,
            bitmap: &mut self.bitmap,
            damage: Rect::default(),
            resized,
            monotonic_us: system::monotonic_us().unwrap_or(0),
            wall_us: system::wall_us().unwrap_or(0),
            index: self.frames,
            exit: false,
        };
        app.update(&mut frame);
        if resized {
            frame.damage_all();
        }
        let (damage, exit) = (frame.damage, frame.exit);
        let mut presented = None;
        let drawn = frame.has_window() && !damage.is_empty();
        if drawn && system::present_bitmap(&self.bitmap, damage).is_ok() {
            presented = Some(damage);
        }
        StepReport {
            presented,
            events: events.len(),
            resized,
            exit,
        }
    }

    /// Runs one frame, then yields to the kernel.
    pub fn step(&mut self, app: &mut impl App) -> StepReport {
        let report = self.frame(app);
        let _ = system::yield_now();
        report
    }
}

/// Runs `app` frame after frame until it calls [`Frame::exit`].
pub fn run(mut app: impl App) {
    let mut runner = Runner::new();
    while !runner.step(&mut app).exit {}
}
