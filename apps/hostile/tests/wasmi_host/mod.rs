//! A small stand-in for the kernel's WASM host, to run the built apps under wasmi on the
//! host and check that they link, yield, present, misbehave and die as designed.
//!
//! It follows `kernel/abi` and DESIGN.md's scheduling: `_start` runs as one resumable call,
//! `sys.yield` ends a frame (the host function returns an error, which makes wasmi's call
//! resumable), and a frame's fuel slice running out pauses the call until the next frame.
//! Every `(ptr, len)` is checked against the memory before use. The network is down (every
//! socket call answers `NetworkDown`), which is enough to exercise the apps' error paths.
//! This is a test double, not the kernel: the kernel's own host is `kernel/src/wasm/`.

mod wasi;

use sdk::abi::{limits, Error as SysError, Event};
use wasmi::{
    Caller, Config, Engine, Error, Extern, Func, Linker, Module, ResumableCall, Store, StoreLimits,
    StoreLimitsBuilder, Val,
};

/// The host's state for one app.
pub struct HostState {
    pub log: Vec<String>,
    pub stdout: String,
    pub title: String,
    pub window: (u32, u32),
    pub events: Vec<Event>,
    pub presents: u32,
    /// The last frame presented: width, height and all its pixels.
    pub last_frame: Option<(u32, u32, Vec<u32>)>,
    pub monotonic_us: u64,
    pub clipboard: Vec<u8>,
    yielded: bool,
    exit_code: Option<i32>,
    limits: StoreLimits,
}

/// How one frame of an app ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Step {
    /// It called `yield`.
    Yielded,
    /// Its fuel slice ran out.
    Paused,
    /// `main` returned or `proc_exit` was called (with this status).
    Exited(i32),
    /// It trapped; the reason.
    Trapped(String),
}

/// An app loaded into its own store.
pub struct App {
    pub store: Store<HostState>,
    call: Option<Pending>,
    start: Func,
    pub fuel_per_frame: u64,
}

enum Pending {
    Yield(wasmi::ResumableCallHostTrap),
    Fuel(wasmi::ResumableCallOutOfFuel),
}

/// The bytes `ptr..ptr+len` of memory, if they lie inside it.
pub(crate) fn range(memory: &[u8], ptr: i32, len: i32) -> Option<std::ops::Range<usize>> {
    let (start, len) = (ptr as u32 as usize, len as u32 as usize);
    let end = start.checked_add(len)?;
    (end <= memory.len()).then_some(start..end)
}

pub(crate) fn memory_of(caller: &Caller<'_, HostState>) -> Option<wasmi::Memory> {
    match caller.get_export("memory") {
        Some(Extern::Memory(m)) => Some(m),
        _ => None,
    }
}

/// Runs `f` on the bytes of a checked buffer and the host state.
pub(crate) fn with_buffer<R>(
    caller: &mut Caller<'_, HostState>,
    ptr: i32,
    len: i32,
    f: impl FnOnce(&mut [u8], &mut HostState) -> R,
) -> Result<R, SysError> {
    let memory = memory_of(caller).ok_or(SysError::BadPointer)?;
    let (bytes, state) = memory.data_and_store_mut(caller);
    let r = range(bytes, ptr, len).ok_or(SysError::BadPointer)?;
    Ok(f(&mut bytes[r], state))
}

pub(crate) fn code(result: Result<i32, SysError>) -> i32 {
    result.unwrap_or_else(|e| e.code())
}

/// Copies `source` into the buffer, returning the full length.
fn copy_out(
    c: &mut Caller<'_, HostState>,
    p: i32,
    l: i32,
    source: fn(&HostState) -> Vec<u8>,
) -> i32 {
    let data = source(c.data());
    code(with_buffer(c, p, l, |buf, _| {
        let n = buf.len().min(data.len());
        buf[..n].copy_from_slice(&data[..n]);
        data.len() as i32
    }))
}

fn define_sys(linker: &mut Linker<HostState>) -> Result<(), Error> {
    let down = SysError::NetworkDown.code();
    linker.func_wrap(
        "sys",
        "log",
        |mut c: Caller<'_, HostState>, p: i32, l: i32| {
            code(with_buffer(&mut c, p, l, |buf, s| {
                let end = buf.len().min(limits::MAX_LOG_LINE);
                s.log
                    .push(String::from_utf8_lossy(&buf[..end]).into_owned());
                0
            }))
        },
    )?;
    linker.func_wrap(
        "sys",
        "events",
        |mut c: Caller<'_, HostState>, p: i32, max: i32| {
            if max < 0 {
                return SysError::InvalidArgument.code();
            }
            let size = (max as u64 * Event::SIZE as u64).min(i32::MAX as u64) as i32;
            code(with_buffer(&mut c, p, size, |buf, s| {
                let n = s.events.len().min(max as usize);
                for (slot, e) in buf.chunks_exact_mut(Event::SIZE).zip(s.events.drain(..n)) {
                    slot.copy_from_slice(&e.to_bytes());
                }
                n as i32
            }))
        },
    )?;
    linker.func_wrap("sys", "window_size", |c: Caller<'_, HostState>| {
        let (w, h) = c.data().window;
        ((w as i64) << 32) | h as i64
    })?;
    linker.func_wrap(
        "sys",
        "present",
        |mut c: Caller<'_, HostState>, p: i32, w: i32, h: i32, x: i32, y: i32, dw: i32, dh: i32| {
            let side = limits::MAX_SURFACE_SIDE as i32;
            if !(1..=side).contains(&w) || !(1..=side).contains(&h) {
                return SysError::InvalidArgument.code();
            }
            let inside = x >= 0 && y >= 0 && dw > 0 && dh > 0;
            if !inside || x as i64 + dw as i64 > w as i64 || y as i64 + dh as i64 > h as i64 {
                return SysError::InvalidArgument.code();
            }
            code(with_buffer(&mut c, p, w * h * 4, |buf, s| {
                let pixels = buf
                    .chunks_exact(4)
                    .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
                    .collect();
                s.presents += 1;
                s.last_frame = Some((w as u32, h as u32, pixels));
                0
            }))
        },
    )?;
    linker.func_wrap(
        "sys",
        "set_title",
        |mut c: Caller<'_, HostState>, p: i32, l: i32| {
            code(with_buffer(
                &mut c,
                p,
                l,
                |buf, s| match std::str::from_utf8(buf) {
                    Ok(text) => {
                        s.title = text.to_string();
                        0
                    }
                    Err(_) => SysError::InvalidArgument.code(),
                },
            ))
        },
    )?;
    linker.func_wrap("sys", "time_monotonic", |c: Caller<'_, HostState>| {
        c.data().monotonic_us as i64
    })?;
    linker.func_wrap("sys", "time_wall", |c: Caller<'_, HostState>| {
        1_709_210_096_000_000 + c.data().monotonic_us as i64
    })?;
    linker.func_wrap(
        "sys",
        "random",
        |mut c: Caller<'_, HostState>, p: i32, l: i32| {
            code(with_buffer(&mut c, p, l, |buf, _| {
                buf.iter_mut()
                    .enumerate()
                    .for_each(|(i, b)| *b = (i * 151 + 7) as u8);
                0
            }))
        },
    )?;
    linker.func_wrap(
        "sys",
        "stylesheet",
        |mut c: Caller<'_, HostState>, p: i32, l: i32| {
            copy_out(&mut c, p, l, |_| b"theme = dark\n".to_vec())
        },
    )?;
    linker.func_wrap(
        "sys",
        "clipboard_get",
        |mut c: Caller<'_, HostState>, p: i32, l: i32| {
            copy_out(&mut c, p, l, |s| s.clipboard.clone())
        },
    )?;
    linker.func_wrap(
        "sys",
        "clipboard_set",
        |mut c: Caller<'_, HostState>, p: i32, l: i32| {
            code(with_buffer(&mut c, p, l, |buf, s| {
                if buf.len() > limits::MAX_CLIPBOARD || std::str::from_utf8(buf).is_err() {
                    return SysError::InvalidArgument.code();
                }
                s.clipboard = buf.to_vec();
                0
            }))
        },
    )?;
    linker.func_wrap("sys", "tcp_connect", move |_: i32, _: i32| down)?;
    linker.func_wrap("sys", "tcp_send", move |_: i32, _: i32, _: i32| down)?;
    linker.func_wrap("sys", "tcp_recv", move |_: i32, _: i32, _: i32| down)?;
    linker.func_wrap("sys", "tcp_close", move |_: i32| down)?;
    linker.func_wrap("sys", "tcp_state", move |_: i32| down)?;
    linker.func_wrap("sys", "udp_bind", move |_: i32| down)?;
    linker.func_wrap(
        "sys",
        "udp_send",
        move |_: i32, _: i32, _: i32, _: i32, _: i32| down,
    )?;
    linker.func_wrap("sys", "udp_recv", move |_: i32, _: i32, _: i32, _: i32| {
        down
    })?;
    linker.func_wrap("sys", "socket_close", move |_: i32| down)?;
    linker.func_wrap("sys", "dns_resolve", move |_: i32, _: i32| down)?;
    linker.func_wrap("sys", "dns_result", move |_: i32, _: i32, _: i32| down)?;
    linker.func_wrap(
        "sys",
        "yield",
        |mut c: Caller<'_, HostState>| -> Result<i32, Error> {
            c.data_mut().yielded = true;
            Err(Error::new("yield"))
        },
    )?;
    Ok(())
}

impl App {
    /// Loads `wasm` with a memory limit of `max_memory` bytes.
    pub fn load(wasm: &[u8], window: (u32, u32), max_memory: usize) -> Result<App, Error> {
        let mut config = Config::default();
        config.consume_fuel(true);
        let engine = Engine::new(&config);
        let module = Module::new(&engine, wasm)?;
        let state = HostState {
            log: Vec::new(),
            stdout: String::new(),
            title: String::new(),
            window,
            events: Vec::new(),
            presents: 0,
            last_frame: None,
            monotonic_us: 1_000_000,
            clipboard: Vec::new(),
            yielded: false,
            exit_code: None,
            limits: StoreLimitsBuilder::new().memory_size(max_memory).build(),
        };
        let mut store = Store::new(&engine, state);
        store.limiter(|s| &mut s.limits);
        let mut linker = Linker::new(&engine);
        define_sys(&mut linker)?;
        wasi::define(&mut linker)?;
        let instance = linker.instantiate_and_start(&mut store, &module)?;
        let start = instance
            .get_func(&store, "_start")
            .ok_or_else(|| Error::new("no _start"))?;
        Ok(App {
            store,
            call: None,
            start,
            fuel_per_frame: 50_000_000,
        })
    }

    /// Runs one frame; returns how it ended and the fuel it used.
    pub fn frame(&mut self) -> (Step, u64) {
        let _ = self.store.set_fuel(self.fuel_per_frame);
        self.store.data_mut().yielded = false;
        let result = match self.call.take() {
            None => self.start.call_resumable(&mut self.store, &[], &mut []),
            Some(Pending::Yield(inv)) => inv.resume(&mut self.store, &[Val::I32(0)], &mut []),
            Some(Pending::Fuel(inv)) => inv.resume(&mut self.store, &mut []),
        };
        let used = self.fuel_per_frame - self.store.get_fuel().unwrap_or(0);
        self.store.data_mut().monotonic_us += 16_667;
        let step = match result {
            Ok(ResumableCall::Finished) => Step::Exited(0),
            Ok(ResumableCall::OutOfFuel(inv)) => {
                self.call = Some(Pending::Fuel(inv));
                Step::Paused
            }
            Ok(ResumableCall::HostTrap(inv)) => {
                if let Some(status) = self.store.data().exit_code {
                    Step::Exited(status)
                } else if self.store.data().yielded {
                    self.call = Some(Pending::Yield(inv));
                    Step::Yielded
                } else {
                    Step::Trapped(inv.host_error().to_string())
                }
            }
            Err(e) => match e.i32_exit_status() {
                Some(status) => Step::Exited(status),
                None => Step::Trapped(e.to_string()),
            },
        };
        (step, used)
    }

    pub fn state(&mut self) -> &mut HostState {
        self.store.data_mut()
    }
}
