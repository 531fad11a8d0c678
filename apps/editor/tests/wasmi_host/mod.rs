//! A stand-in kernel host that runs the built `editor.wasm` under wasmi, frame by frame, to
//! measure the fuel a frame costs (what the kernel's fuel slices count).
//!
//! It provides the `sys` calls the editor imports (including `store_set`/`store_get`) and
//! reuses the WASI subset of `apps/hostile`'s stand-in host. `yield` ends a frame by
//! returning a host error, which makes the call resumable, as in the kernel.

#[path = "../../../hostile/tests/wasmi_host/wasi.rs"]
mod wasi;

use sdk::abi::{Error as SysError, Event};
use std::collections::BTreeMap;
use wasmi::{
    Caller, Config, Engine, Error, Extern, Func, Linker, Module, ResumableCall,
    ResumableCallHostTrap, Store, Val,
};

/// The host's state for the app.
#[derive(Default)]
pub struct HostState {
    pub log: Vec<String>,
    pub stdout: String,
    pub window: (u32, u32),
    pub events: Vec<Event>,
    pub presents: u32,
    pub monotonic_us: u64,
    pub clipboard: Vec<u8>,
    pub store: BTreeMap<Vec<u8>, Vec<u8>>,
    yielded: bool,
    pub exit_code: Option<i32>,
}

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

/// Reads a buffer out of the app's memory.
fn read(c: &mut Caller<'_, HostState>, p: i32, l: i32) -> Result<Vec<u8>, SysError> {
    with_buffer(c, p, l, |buf, _| buf.to_vec())
}

/// Copies `data` into the buffer, returning the full length.
fn copy_out(c: &mut Caller<'_, HostState>, p: i32, l: i32, data: &[u8]) -> i32 {
    code(with_buffer(c, p, l, |buf, _| {
        let n = buf.len().min(data.len());
        buf[..n].copy_from_slice(&data[..n]);
        data.len() as i32
    }))
}

type C<'a> = Caller<'a, HostState>;

fn define_sys(linker: &mut Linker<HostState>) -> Result<(), Error> {
    linker.func_wrap("sys", "log", |mut c: C, p: i32, l: i32| {
        code(read(&mut c, p, l).map(|b| {
            let line = String::from_utf8_lossy(&b).into_owned();
            c.data_mut().log.push(line);
            0
        }))
    })?;
    linker.func_wrap("sys", "events", |mut c: C, p: i32, max: i32| {
        let size = (max.max(0) as usize * Event::SIZE) as i32;
        code(with_buffer(&mut c, p, size, |buf, s| {
            let n = s.events.len().min(max.max(0) as usize);
            for (slot, e) in buf.chunks_exact_mut(Event::SIZE).zip(s.events.drain(..n)) {
                slot.copy_from_slice(&e.to_bytes());
            }
            n as i32
        }))
    })?;
    linker.func_wrap("sys", "window_size", |c: C| {
        let (w, h) = c.data().window;
        ((w as i64) << 32) | h as i64
    })?;
    linker.func_wrap(
        "sys",
        "present",
        |mut c: C, p: i32, w: i32, h: i32, _x: i32, _y: i32, _dw: i32, _dh: i32| {
            code(with_buffer(&mut c, p, w * h * 4, |_, s| {
                s.presents += 1;
                0
            }))
        },
    )?;
    linker.func_wrap("sys", "set_title", |_: C, _p: i32, _l: i32| 0)?;
    linker.func_wrap("sys", "time_monotonic", |c: C| c.data().monotonic_us as i64)?;
    linker.func_wrap("sys", "time_wall", |c: C| c.data().monotonic_us as i64)?;
    linker.func_wrap("sys", "random", |_: C, _p: i32, _l: i32| 0)?;
    linker.func_wrap("sys", "stylesheet", |mut c: C, p: i32, l: i32| {
        copy_out(&mut c, p, l, b"theme = light\n")
    })?;
    linker.func_wrap("sys", "clipboard_get", |mut c: C, p: i32, l: i32| {
        let data = c.data().clipboard.clone();
        copy_out(&mut c, p, l, &data)
    })?;
    linker.func_wrap("sys", "clipboard_set", |mut c: C, p: i32, l: i32| {
        code(read(&mut c, p, l).map(|b| {
            c.data_mut().clipboard = b;
            0
        }))
    })?;
    linker.func_wrap(
        "sys",
        "store_set",
        |mut c: C, kp: i32, kl: i32, p: i32, l: i32| {
            let key = read(&mut c, kp, kl);
            let value = read(&mut c, p, l);
            code(key.and_then(|k| {
                c.data_mut().store.insert(k, value?);
                Ok(0)
            }))
        },
    )?;
    linker.func_wrap(
        "sys",
        "store_get",
        |mut c: C, kp: i32, kl: i32, p: i32, l: i32| match read(&mut c, kp, kl) {
            Ok(key) => match c.data().store.get(&key).cloned() {
                Some(data) => copy_out(&mut c, p, l, &data),
                None => SysError::NotFound.code(),
            },
            Err(e) => e.code(),
        },
    )?;
    linker.func_wrap("sys", "yield", |mut c: C| -> Result<i32, Error> {
        c.data_mut().yielded = true;
        Err(Error::new("yield"))
    })?;
    Ok(())
}

enum Pending {
    Yield(ResumableCallHostTrap),
    Fuel(wasmi::ResumableCallOutOfFuel),
}

/// The app loaded in its store.
pub struct App {
    pub store: Store<HostState>,
    call: Option<Pending>,
    start: Func,
    pub fuel_per_frame: u64,
}

impl App {
    pub fn load(wasm: &[u8], window: (u32, u32)) -> Result<App, Error> {
        let mut config = Config::default();
        config.consume_fuel(true);
        let engine = Engine::new(&config);
        let module = Module::new(&engine, wasm)?;
        let state = HostState {
            window,
            monotonic_us: 1_000_000,
            ..HostState::default()
        };
        let mut store = Store::new(&engine, state);
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
            fuel_per_frame: 10_000_000_000,
        })
    }

    /// Runs one frame to its `yield`; returns the fuel it used (`None` if it did not yield).
    pub fn frame(&mut self) -> Option<u64> {
        let _ = self.store.set_fuel(self.fuel_per_frame);
        self.store.data_mut().yielded = false;
        let result = match self.call.take() {
            None => self.start.call_resumable(&mut self.store, &[], &mut []),
            Some(Pending::Yield(inv)) => inv.resume(&mut self.store, &[Val::I32(0)], &mut []),
            Some(Pending::Fuel(inv)) => inv.resume(&mut self.store, &mut []),
        };
        let used = self.fuel_per_frame - self.store.get_fuel().unwrap_or(0);
        self.store.data_mut().monotonic_us += 16_667;
        match result {
            Ok(ResumableCall::HostTrap(inv)) if self.store.data().yielded => {
                self.call = Some(Pending::Yield(inv));
                Some(used)
            }
            Ok(ResumableCall::OutOfFuel(inv)) => {
                self.call = Some(Pending::Fuel(inv));
                None
            }
            _ => None,
        }
    }

    pub fn state(&mut self) -> &mut HostState {
        self.store.data_mut()
    }
}
