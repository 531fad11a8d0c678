//! An in-memory kernel for host builds: what `cargo test` talks to instead of the OS.
//!
//! Each test thread has its own [`FakeKernel`] (a thread-local), so tests run in parallel
//! without seeing each other's state. A test sets the scene (window size, queued events,
//! clipboard, store, stylesheet, host names), runs app code through the ordinary safe API, and reads
//! back what the app did (log lines, title, presented frames, yields).
//!
//! The fake follows the contract of `kernel/abi` closely enough to test the wrappers' edge
//! cases: buffers are copied with the "return the full length" rule, limits return
//! [`abi::Error::Limit`], and every `yield` advances the clocks by one frame and moves the
//! network along (see `fake/network.rs`): connections open (or are refused) and DNS queries are
//! answered one frame after they start. It makes no attempt to be a real TCP/IP stack: TCP
//! connections are echo servers and UDP datagrams reach only this app's own sockets.

pub(crate) mod network;
pub(crate) mod port;

use abi::Event;
use gfx::Rect;
use std::cell::RefCell;
use std::collections::{BTreeMap, VecDeque};
use std::string::String;
use std::vec::Vec;

pub use network::Handle;

/// One call to `present`, as the fake kernel received it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Presented {
    pub width: u32,
    pub height: u32,
    pub damage: Rect,
    /// A copy of all `width * height` pixels.
    pub pixels: Vec<u32>,
}

impl Presented {
    /// The pixel at (`x`, `y`), if inside.
    pub fn pixel(&self, x: u32, y: u32) -> Option<u32> {
        if x >= self.width || y >= self.height {
            return None;
        }
        self.pixels
            .get(y as usize * self.width as usize + x as usize)
            .copied()
    }

    /// The frame as a binary PPM image (P6), for looking at a test's output.
    pub fn to_ppm(&self) -> Vec<u8> {
        let mut out = format!("P6\n{} {}\n255\n", self.width, self.height).into_bytes();
        for p in &self.pixels {
            out.extend_from_slice(&[(p >> 16) as u8, (p >> 8) as u8, *p as u8]);
        }
        out
    }
}

/// The whole state of the fake kernel; tests read and change it through [`with`].
#[derive(Debug)]
pub struct FakeKernel {
    /// Log lines (`sys.log` only; `println!` goes to the test's stdout).
    pub log: Vec<String>,
    /// Events not yet taken by `events`.
    pub events: VecDeque<Event>,
    /// The window's content size; (0, 0) means no window.
    pub window: (u32, u32),
    pub title: String,
    /// Every frame presented, oldest first.
    pub presents: Vec<Presented>,
    /// Keep at most this many presents (older ones are dropped).
    pub keep_presents: usize,
    pub monotonic_us: u64,
    pub wall_us: u64,
    /// How far the clocks move at each yield.
    pub frame_us: u64,
    pub yields: u64,
    pub stylesheet: String,
    pub clipboard: Vec<u8>,
    /// What `store_set` kept, by key (survives nothing: tests reset it with the kernel).
    pub store: BTreeMap<String, Vec<u8>>,
    /// Machine settings `config_get` answers (only `abi::CONFIG_NAMES` are readable).
    pub config: BTreeMap<String, Vec<u8>>,
    /// The state of the random generator (xorshift64*).
    pub random_state: u64,
    /// When false, network calls answer `NetworkDown`.
    pub network_up: bool,
    /// Names the fake DNS knows; "localhost" is always 127.0.0.1.
    pub hosts: BTreeMap<String, Vec<[u8; 4]>>,
    /// TCP ports that refuse connections.
    pub refused_ports: Vec<u16>,
    /// Open sockets and queries.
    pub handles: BTreeMap<i32, Handle>,
    pub next_handle: i32,
}

impl Default for FakeKernel {
    fn default() -> FakeKernel {
        FakeKernel {
            log: Vec::new(),
            events: VecDeque::new(),
            window: (320, 200),
            title: String::new(),
            presents: Vec::new(),
            keep_presents: 8,
            monotonic_us: 1_000_000,
            // 2024-02-29 12:34:56 UTC.
            wall_us: 1_709_210_096_000_000,
            frame_us: 16_667,
            yields: 0,
            stylesheet: String::from("theme = light\n"),
            clipboard: Vec::new(),
            store: BTreeMap::new(),
            config: BTreeMap::new(),
            random_state: 0x9e37_79b9_7f4a_7c15,
            network_up: true,
            hosts: BTreeMap::new(),
            refused_ports: vec![9],
            handles: BTreeMap::new(),
            next_handle: 1,
        }
    }
}

impl FakeKernel {
    /// Queues an event for the next `events` call.
    pub fn push_event(&mut self, event: Event) {
        self.events.push_back(event);
    }

    /// Changes the window size and queues the matching `RESIZE` event.
    pub fn resize(&mut self, width: u32, height: u32) {
        self.window = (width, height);
        self.push_event(Event {
            kind: abi::event::RESIZE,
            x: width as i32,
            y: height as i32,
            ..Event::default()
        });
    }

    /// The last frame presented.
    pub fn last_present(&self) -> Option<&Presented> {
        self.presents.last()
    }

    fn next_random(&mut self) -> u64 {
        let mut x = self.random_state;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.random_state = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
}

thread_local! {
    static KERNEL: RefCell<FakeKernel> = RefCell::new(FakeKernel::default());
}

/// Runs `f` on this thread's fake kernel.
pub fn with<R>(f: impl FnOnce(&mut FakeKernel) -> R) -> R {
    KERNEL.with(|k| f(&mut k.borrow_mut()))
}

/// Starts this thread over with a fresh fake kernel.
pub fn reset() {
    with(|k| *k = FakeKernel::default());
}

/// Copies of the log lines so far.
pub fn log_lines() -> Vec<String> {
    with(|k| k.log.clone())
}
