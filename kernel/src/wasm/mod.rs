//! The app host: WASM apps run by wasmi, sandboxed by the interpreter and metered by fuel.
//!
//! There is no address space per app: an app can only touch its own linear memory, and it
//! reaches the kernel only through the functions it imports ([`host`] for `sys`, [`wasi`] for
//! the WASI subset), each of which checks its arguments. wasmi counts *fuel* (about one unit
//! per instruction). Each frame the running apps share [`APP_BUDGET_US`] of time: every app
//! gets a fuel slice worth its share, converted with the rate (fuel per microsecond) measured
//! on its own previous steps, since the same fuel costs very different time on a real CPU and
//! under emulation. An app that spends its slice is paused where it stands and resumed the
//! next frame, so a busy or hostile app slows only itself. Each app's memory is capped by a store limit ([`MEMORY_CAP`]); a trap stops
//! the app and its log keeps the reason.
//!
//! [`Apps`] keeps the catalogue (the embedded modules and those read from the boot drive) and
//! the running apps, and steps them once per frame.

pub mod app;
pub mod guest;
pub mod host;
pub mod log;
pub mod sockets;
pub mod state;
pub mod wasi;

use crate::log as serial_log;
use alloc::format;
use alloc::rc::Rc;
use alloc::string::String;
use alloc::vec::Vec;
use app::{App, Step};
use state::{Clipboard, HostState};

/// Time per frame all apps share; the rest of the 16.7 ms frame is the desktop's.
pub const APP_BUDGET_US: u64 = 9_000;
/// Bounds of one app's slice, whatever its measured rate.
const MIN_FUEL: u64 = 20_000;
const MAX_FUEL: u64 = 50_000_000;
/// Nested wasm calls an app may make before it traps ("call stack exhausted").
const MAX_CALL_DEPTH: usize = 20_000;
/// Height of wasmi's value stack an app may reach (wasmi's unit: stack cells).
const MAX_VALUE_STACK: usize = 16_000_000;
/// Largest linear memory an app may have.
pub const MEMORY_CAP: usize = 128 << 20;

/// A module the launcher can start.
pub struct CatalogEntry {
    pub name: String,
    pub bytes: Rc<[u8]>,
    /// Shown on the desktop as an icon (the embedded apps); boot-drive apps are listed too.
    pub on_desktop: bool,
}

/// The catalogue and the running apps.
pub struct Apps {
    engine: wasmi::Engine,
    pub catalog: Vec<CatalogEntry>,
    pub running: Vec<App>,
    pub clipboard: Clipboard,
    pub stylesheet: Rc<String>,
    /// Each app's session store, by app name.
    stores: alloc::collections::BTreeMap<String, state::SessionStore>,
    pub network: sockets::Network,
    /// Machine settings apps may read (`config_get`).
    pub config: state::Config,
    seed: u64,
}

impl Apps {
    pub fn new(seed: u64, stylesheet: String, network: sockets::Network) -> Apps {
        let mut config = wasmi::Config::default();
        config.consume_fuel(true);
        // Lazy translation would charge fuel while compiling a function on its first call,
        // and running out there is a trap that cannot be resumed; compile everything at load.
        config.compilation_mode(wasmi::CompilationMode::Eager);
        // Interpreters written in Rust (the Python terminal) nest several wasm calls per
        // call of the language they run; wasmi's default of 1000 nested calls would end a
        // Python program at ~200 levels. The engine's stacks grow on demand, so only an app
        // that really recurses this deep pays for it.
        config.set_max_recursion_depth(MAX_CALL_DEPTH);
        config.set_max_stack_height(MAX_VALUE_STACK);
        Apps {
            engine: wasmi::Engine::new(&config),
            catalog: Vec::new(),
            running: Vec::new(),
            clipboard: Rc::default(),
            stylesheet: Rc::new(stylesheet),
            stores: Default::default(),
            network,
            config: Rc::default(),
            seed,
        }
    }

    /// Adds a module to the catalogue after checking that it validates.
    pub fn register(
        &mut self,
        name: &str,
        bytes: Rc<[u8]>,
        on_desktop: bool,
    ) -> Result<(), String> {
        wasmi::Module::validate(&self.engine, &bytes).map_err(|e| format!("{e}"))?;
        self.add(name, bytes, on_desktop);
        Ok(())
    }

    /// Adds a module built with the kernel without validating it now (that costs boot time;
    /// `open` validates it like any other module).
    pub fn add(&mut self, name: &str, bytes: Rc<[u8]>, on_desktop: bool) {
        self.catalog.retain(|entry| entry.name != name);
        self.catalog.push(CatalogEntry {
            name: name.into(),
            bytes,
            on_desktop,
        });
    }

    /// Starts the catalogue's app `name` with the command-line arguments `args` (what WASI
    /// `args_get` gives after the name); returns its index in `running`. An app that is
    /// already running is not started twice (the arguments are then ignored).
    pub fn open(&mut self, name: &str, args: &[&str]) -> Result<usize, String> {
        if let Some(index) = self
            .running
            .iter()
            .position(|a| a.name == name && a.stopped.is_none())
        {
            return Ok(index);
        }
        let entry = self
            .catalog
            .iter()
            .find(|entry| entry.name == name)
            .ok_or_else(|| format!("no app named '{name}'"))?;
        self.seed = self
            .seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1);
        let store = self.stores.entry(name.into()).or_default().clone();
        let state = HostState::new(
            MEMORY_CAP,
            self.seed,
            self.clipboard.clone(),
            self.stylesheet.clone(),
            store,
            self.network.clone(),
        );
        let mut state = state;
        state.args = core::iter::once(name)
            .chain(args.iter().copied())
            .map(String::from)
            .collect();
        state.config = self.config.clone();
        let bytes = entry.bytes.clone();
        let app = App::load(&self.engine, name, &bytes, state).map_err(|e| e.0)?;
        self.running.retain(|a| a.name != name);
        self.running.push(app);
        serial_log!("app {}: started", name);
        Ok(self.running.len() - 1)
    }

    /// Stops a running app (its window closes; its log stays until it is opened again).
    pub fn kill(&mut self, name: &str) -> bool {
        match self
            .running
            .iter_mut()
            .find(|a| a.name == name && a.stopped.is_none())
        {
            Some(app) => {
                app.stop("killed".into());
                serial_log!("app {}: stopped (killed)", name);
                true
            }
            None => false,
        }
    }

    /// Runs every live app for one frame. `now_us` reads the monotonic clock.
    pub fn step_all(&mut self, now_us: &dyn Fn() -> u64, wall_us: i64) {
        let live = self
            .running
            .iter()
            .filter(|a| a.stopped.is_none())
            .count()
            .max(1) as u64;
        let share_us = APP_BUDGET_US / live;
        for app in &mut self.running {
            if app.stopped.is_some() {
                continue;
            }
            let start = now_us();
            let state = app.store.data_mut();
            state.now_us = start;
            state.wall_us = wall_us;
            let fuel = (app.stats.fuel_per_us * share_us).clamp(MIN_FUEL, MAX_FUEL);
            let step = app.step(fuel);
            let spent = now_us().saturating_sub(start);
            if spent > 100 {
                // Learn this app's speed in fuel per microsecond: drop at once to a slower
                // measurement (so an overrun is not repeated), rise slowly on faster ones.
                let rate = (app.stats.fuel_last / spent).max(1);
                app.stats.fuel_per_us = if rate < app.stats.fuel_per_us {
                    rate
                } else {
                    (app.stats.fuel_per_us * 7 + rate) / 8
                };
            }
            app.stats.time_us_last = spent;
            app.stats.time_us_total += spent;
            forward_log(app);
            if let Step::Stopped(reason) = step {
                serial_log!("app {}: stopped ({})", app.name, reason);
            }
        }
    }
}

/// Copies an app's new log lines to the serial log as `app NAME: line`.
fn forward_log(app: &mut App) {
    let name = app.name.clone();
    let log = &mut app.store.data_mut().log;
    while let Some(line) = log.pending_serial.pop_front() {
        if !line.starts_with("stopped (") {
            serial_log!("app {}: {}", name, line);
        }
    }
}

#[cfg(test)]
mod tests;
