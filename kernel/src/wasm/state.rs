//! What the kernel keeps for one app between system calls: its store data.
//!
//! wasmi hands every host function a `Caller` whose data is this [`HostState`]. The loop
//! fills the inputs before it runs the app for a frame (events, window size, time) and takes
//! the outputs afterwards (presented pixels, title, log lines, exit status).

use super::log::AppLog;
use alloc::collections::VecDeque;
use alloc::rc::Rc;
use alloc::string::String;
use alloc::vec::Vec;
use core::cell::RefCell;
use wasmi::{Memory, StoreLimits};

/// Pixels an app presented, copied out of its memory.
pub struct Presented {
    pub width: u32,
    pub height: u32,
    /// `width * height` pixels, 0xAARRGGBB.
    pub pixels: Vec<u32>,
    /// The damaged part, in content coordinates: (x, y, w, h).
    pub damage: (u32, u32, u32, u32),
}

/// A small xorshift generator for `sys.random` and WASI `random_get`, seeded from the TSC.
/// It is not cryptographic; TLS in the browser mixes in its own entropy on top.
pub struct Random(u64);

impl Random {
    pub fn new(seed: u64) -> Random {
        Random(seed | 1)
    }

    pub fn fill(&mut self, bytes: &mut [u8]) {
        for chunk in bytes.chunks_mut(8) {
            // xorshift64* (Vigna, 2016).
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            let value = self.0.wrapping_mul(0x2545_f491_4f6c_dd1d).to_le_bytes();
            chunk.copy_from_slice(&value[..chunk.len()]);
        }
    }
}

/// The shared clipboard (one for the whole desktop).
pub type Clipboard = Rc<RefCell<String>>;

/// What an app keeps for the session with `store_set` (it outlives the app's instances).
pub type SessionStore = Rc<RefCell<alloc::collections::BTreeMap<String, Vec<u8>>>>;

/// Why an app's WASM call paused or ended, raised by a host function.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal {
    /// `sys.yield` or `sched_yield`: continue next frame.
    Yield,
    /// WASI `proc_exit` with this status.
    Exit(i32),
}

impl core::fmt::Display for Signal {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Signal::Yield => f.write_str("yield"),
            Signal::Exit(code) => write!(f, "exit {code}"),
        }
    }
}

impl wasmi::errors::HostError for Signal {}

/// Per-app data inside the wasmi store.
pub struct HostState {
    pub limits: StoreLimits,
    /// The app's exported memory (set right after instantiation).
    pub memory: Option<Memory>,
    pub log: AppLog,
    /// Events waiting for `sys.events`.
    pub events: VecDeque<abi::Event>,
    /// Content size of the app's window; (0, 0) when it has none.
    pub window_size: (u32, u32),
    pub presented: Option<Presented>,
    pub title: Option<String>,
    /// Microseconds since boot and since the epoch, as of this frame.
    pub now_us: u64,
    /// The live monotonic clock (None in host tests: `now_us` then stands for it).
    pub clock: Option<crate::clock::Clock>,
    pub wall_us: i64,
    pub random: Random,
    pub clipboard: Clipboard,
    pub stylesheet: Rc<String>,
    pub store: SessionStore,
    pub sockets: super::sockets::Sockets,
    /// System calls made (all kinds), for the audit view.
    pub calls: u64,
    /// The command line WASI `args_get` gives: the app's name, then its arguments.
    pub args: Vec<String>,
    /// Machine settings `config_get` may answer (name, bytes).
    pub config: Config,
}

/// Machine settings read once at boot and shared by every app (see `abi::CONFIG_NAMES`).
pub type Config = Rc<Vec<(String, Vec<u8>)>>;

impl HostState {
    pub fn new(
        memory_cap: usize,
        seed: u64,
        clipboard: Clipboard,
        stylesheet: Rc<String>,
        store: SessionStore,
        network: super::sockets::Network,
    ) -> Self {
        HostState {
            limits: wasmi::StoreLimitsBuilder::new()
                .memory_size(memory_cap)
                .memories(1)
                .instances(1)
                // memory.grow at the cap returns -1, as WASM specifies. (Trapping instead would
                // also turn "not enough fuel left to grow" into a trap that cannot resume.)
                .trap_on_grow_failure(false)
                .build(),
            memory: None,
            log: AppLog::default(),
            events: VecDeque::new(),
            window_size: (0, 0),
            presented: None,
            title: None,
            now_us: 0,
            clock: None,
            wall_us: 0,
            random: Random::new(seed),
            clipboard,
            stylesheet,
            store,
            sockets: super::sockets::Sockets::new(network),
            calls: 0,
            args: Vec::new(),
            config: Rc::default(),
        }
    }
}
