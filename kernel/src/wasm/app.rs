//! One running app: a WASM instance in its own store, and where its call stands.
//!
//! An app is one long call of its `_start` export. Each frame the scheduler gives it a fuel
//! slice and runs [`App::step`]:
//!
//! - the call reaches `sys.yield` → wasmi returns a resumable *host trap*; the app is paused
//!   and resumed with the yield's result next frame;
//! - the call spends its fuel → wasmi returns a resumable *out of fuel*; the app is paused
//!   mid-instruction stream and continues next frame with a fresh slice (it is throttled, the
//!   desktop is not);
//! - the call returns, calls `proc_exit`, or traps (unreachable, out-of-bounds access, stack
//!   exhausted, memory cap) → the app stops, and its log keeps the reason.

use super::state::{HostState, Signal};
use super::{host, wasi};
use alloc::format;
use alloc::string::{String, ToString};
use wasmi::{Engine, Func, Linker, Module, ResumableCall, Store, Val};

/// A first guess of fuel per microsecond (emulated CPUs are slow), refined by measurement.
const INITIAL_FUEL_PER_US: u64 = 30;

/// Where the app's call stands between frames.
enum Run {
    /// `_start` has not been called yet.
    Ready,
    /// Paused at `sys.yield`/`sched_yield`.
    Yielded(wasmi::ResumableCallHostTrap),
    /// Paused because its fuel ran out.
    OutOfFuel(wasmi::ResumableCallOutOfFuel),
    /// Finished, exited or trapped.
    Stopped,
}

/// What one step did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// The app yielded: it is done for this frame.
    Yielded,
    /// The app spent its whole slice (it will continue next frame).
    Throttled,
    /// The app stopped; the reason is also in its log.
    Stopped(String),
    /// The app was already stopped.
    Idle,
}

/// Why a module could not be loaded.
#[derive(Debug)]
pub struct LoadError(pub String);

/// Counters for the audit view and the `stats:` lines.
#[derive(Clone, Copy, Default, Debug)]
pub struct AppStats {
    pub fuel_total: u64,
    pub fuel_last: u64,
    pub time_us_total: u64,
    pub time_us_last: u64,
    pub steps: u64,
    pub throttled_steps: u64,
    /// Measured speed: fuel spent per microsecond of step time.
    pub fuel_per_us: u64,
}

/// A loaded app.
pub struct App {
    pub name: String,
    pub store: Store<HostState>,
    entry: Func,
    run: Run,
    /// Why it stopped, once it has.
    pub stopped: Option<String>,
    /// True when the module imports `sys.present` (it wants a window).
    pub windowed: bool,
    pub stats: AppStats,
}

impl App {
    /// Validates and instantiates `bytes`. A module must export `_start` and `memory`, and
    /// import only `sys` and `wasi_snapshot_preview1` functions.
    pub fn load(
        engine: &Engine,
        name: &str,
        bytes: &[u8],
        state: HostState,
    ) -> Result<App, LoadError> {
        let module =
            Module::new(engine, bytes).map_err(|e| LoadError(format!("invalid module: {e}")))?;
        let mut windowed = false;
        for import in module.imports() {
            match import.module() {
                abi::MODULE => windowed |= import.name() == abi::calls::PRESENT,
                wasi::MODULE => {}
                other => {
                    return Err(LoadError(format!(
                        "imports {other}.{}, which does not exist",
                        import.name()
                    )))
                }
            }
        }
        let mut linker = Linker::<HostState>::new(engine);
        host::define(&mut linker).map_err(|e| LoadError(e.to_string()))?;
        wasi::define(&mut linker).map_err(|e| LoadError(e.to_string()))?;
        wasi::define_missing(&mut linker, &module).map_err(|e| LoadError(e.to_string()))?;
        let mut store = Store::new(engine, state);
        store.limiter(|state| &mut state.limits);
        let instance = linker
            .instantiate_and_start(&mut store, &module)
            .map_err(|e| LoadError(format!("cannot instantiate: {e}")))?;
        let memory = instance
            .get_memory(&store, "memory")
            .ok_or_else(|| LoadError("exports no memory".into()))?;
        let entry = instance
            .get_func(&store, "_start")
            .ok_or_else(|| LoadError("exports no _start".into()))?;
        if !entry.ty(&store).params().is_empty() || !entry.ty(&store).results().is_empty() {
            return Err(LoadError("_start must take and return nothing".into()));
        }
        store.data_mut().memory = Some(memory);
        Ok(App {
            name: name.into(),
            store,
            entry,
            run: Run::Ready,
            stopped: None,
            windowed,
            stats: AppStats {
                fuel_per_us: INITIAL_FUEL_PER_US,
                ..AppStats::default()
            },
        })
    }

    /// Bytes of linear memory the app uses.
    pub fn memory_bytes(&self) -> usize {
        self.store
            .data()
            .memory
            .map(|m| m.data_size(&self.store))
            .unwrap_or(0)
    }

    /// Runs the app until it yields, spends `fuel`, or stops.
    pub fn step(&mut self, fuel: u64) -> Step {
        if self.stopped.is_some() {
            return Step::Idle;
        }
        if self.store.set_fuel(fuel).is_err() {
            return self.stop("fuel metering is off".into());
        }
        let run = core::mem::replace(&mut self.run, Run::Stopped);
        let result = match run {
            Run::Ready => self.entry.call_resumable(&mut self.store, &[], &mut []),
            Run::Yielded(call) => call.resume(&mut self.store, &[Val::I32(0)], &mut []),
            Run::OutOfFuel(call) => call.resume(&mut self.store, &mut []),
            Run::Stopped => return Step::Idle,
        };
        let used = fuel - self.store.get_fuel().unwrap_or(0);
        self.stats.fuel_last = used;
        self.stats.fuel_total += used;
        self.stats.steps += 1;
        match result {
            Ok(ResumableCall::Finished) => self.stop("finished".into()),
            Ok(ResumableCall::OutOfFuel(call)) => {
                self.stats.throttled_steps += 1;
                self.run = Run::OutOfFuel(call);
                Step::Throttled
            }
            Ok(ResumableCall::HostTrap(call)) => match call.host_error().downcast_ref::<Signal>() {
                Some(Signal::Yield) => {
                    self.run = Run::Yielded(call);
                    Step::Yielded
                }
                Some(Signal::Exit(code)) => {
                    let code = *code;
                    self.stop(format!("exit {code}"))
                }
                None => {
                    let reason = format!("trap: {}", call.host_error());
                    self.stop(reason)
                }
            },
            Err(error) => {
                let reason = describe_trap(&error, self.memory_bytes());
                self.stop(reason)
            }
        }
    }

    /// Stops the app for `reason`.
    pub fn stop(&mut self, reason: String) -> Step {
        self.run = Run::Stopped;
        self.store.data_mut().sockets.close_all();
        self.store
            .data_mut()
            .log
            .note(format!("stopped ({reason})"));
        self.stopped = Some(reason.clone());
        Step::Stopped(reason)
    }
}

/// A short reason for a trap, naming the common causes in plain words.
fn describe_trap(error: &wasmi::Error, memory_bytes: usize) -> String {
    // An app whose memory.grow was refused at the cap usually aborts right after.
    let at_cap = memory_bytes + (1 << 20) > super::MEMORY_CAP;
    if let Some(code) = error.as_trap_code() {
        if at_cap {
            return format!(
                "trap: {code} at the memory cap of {} MiB",
                super::MEMORY_CAP >> 20
            );
        }
        return format!("trap: {code}");
    }
    if let Some(status) = error.i32_exit_status() {
        return format!("exit {status}");
    }
    let text = error.to_string();
    if text.contains("grow") || text.contains("limit") {
        format!("memory cap reached: {text}")
    } else {
        format!("trap: {text}")
    }
}
