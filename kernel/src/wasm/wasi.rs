//! A subset of WASI preview 1, enough for Rust `std` programs.
//!
//! WASI (`wasi_snapshot_preview1`, the WASI snapshot-01 spec) gives command modules a POSIX-
//! like world. We implement what a std program needs to print, read clocks and random bytes,
//! see their command-line arguments (an empty environment), yield and exit:
//!
//! | function | here |
//! |---|---|
//! | `fd_write` | fds 1 and 2 go to the app's log; others `EBADF` |
//! | `clock_time_get`, `clock_res_get` | realtime and monotonic clocks |
//! | `random_get` | the app's random generator |
//! | `args_sizes_get`, `args_get` | the app's name and the arguments it was opened with |
//! | `environ_*` | empty |
//! | `proc_exit` | stops the app with its status |
//! | `sched_yield` | ends the frame's step, like `sys.yield` |
//! | `fd_prestat_get` | `EBADF` (no preopened directories) |
//!
//! Every other WASI import a module declares is bound at load time to a function of its own
//! signature that answers `ENOSYS` ([`define_missing`]).

use super::guest;
use super::state::{HostState, Signal};
use wasmi::{Caller, Error, Linker, Module, Val};

pub const MODULE: &str = "wasi_snapshot_preview1";

/// WASI errno values (snapshot-01 `errno`).
mod errno {
    pub const SUCCESS: i32 = 0;
    pub const BADF: i32 = 8;
    pub const FAULT: i32 = 21;
    pub const INVAL: i32 = 28;
    pub const NOSYS: i32 = 52;
}

/// Clock ids (snapshot-01 `clockid`).
const CLOCK_REALTIME: i32 = 0;
const CLOCK_MONOTONIC: i32 = 1;

fn memory<'a>(caller: &'a mut Caller<'_, HostState>) -> Option<(&'a mut [u8], &'a mut HostState)> {
    let memory = caller.data().memory?;
    let (bytes, state) = memory.data_and_store_mut(caller);
    state.calls += 1;
    Some((bytes, state))
}

fn read_u32(bytes: &[u8], at: i32) -> Option<u32> {
    let b = guest::read(bytes, at, 4).ok()?;
    Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

fn fd_write(
    caller: &mut Caller<'_, HostState>,
    fd: i32,
    iovs: i32,
    count: i32,
    written: i32,
) -> i32 {
    let Some((bytes, state)) = memory(caller) else {
        return errno::FAULT;
    };
    if fd != 1 && fd != 2 {
        return errno::BADF;
    }
    let mut total = 0u32;
    for i in 0..count.clamp(0, 1024) {
        let entry = iovs.wrapping_add(i * 8);
        let (Some(ptr), Some(len)) = (
            read_u32(bytes, entry),
            read_u32(bytes, entry.wrapping_add(4)),
        ) else {
            return errno::FAULT;
        };
        let Ok(data) = guest::read(bytes, ptr as i32, len as i32) else {
            return errno::FAULT;
        };
        let now = state.now_us;
        state.log.write(data, now);
        total = total.saturating_add(len);
    }
    match guest::put(bytes, written, &total.to_le_bytes()) {
        Ok(()) => errno::SUCCESS,
        Err(_) => errno::FAULT,
    }
}

fn clock_time_get(caller: &mut Caller<'_, HostState>, id: i32, out: i32) -> i32 {
    let Some((bytes, state)) = memory(caller) else {
        return errno::FAULT;
    };
    let nanos = match id {
        CLOCK_REALTIME => (state.wall_us.max(0) as u64) * 1000,
        CLOCK_MONOTONIC => state.now_us * 1000,
        _ => return errno::INVAL,
    };
    match guest::put(bytes, out, &nanos.to_le_bytes()) {
        Ok(()) => errno::SUCCESS,
        Err(_) => errno::FAULT,
    }
}

/// Writes zero counts (no arguments, no environment) at two pointers.
fn empty_sizes(caller: &mut Caller<'_, HostState>, count: i32, size: i32) -> i32 {
    let Some((bytes, _)) = memory(caller) else {
        return errno::FAULT;
    };
    match guest::put(bytes, count, &[0; 4]).and_then(|_| guest::put(bytes, size, &[0; 4])) {
        Ok(()) => errno::SUCCESS,
        Err(_) => errno::FAULT,
    }
}

/// `args_sizes_get`: how many arguments, and the bytes they take with their NULs.
fn args_sizes(caller: &mut Caller<'_, HostState>, count: i32, size: i32) -> i32 {
    let Some((bytes, state)) = memory(caller) else {
        return errno::FAULT;
    };
    let n = state.args.len() as u32;
    let total: usize = state.args.iter().map(|a| a.len() + 1).sum();
    let total = total as u32;
    match guest::put(bytes, count, &n.to_le_bytes())
        .and_then(|_| guest::put(bytes, size, &total.to_le_bytes()))
    {
        Ok(()) => errno::SUCCESS,
        Err(_) => errno::FAULT,
    }
}

/// `args_get`: writes each argument NUL-terminated from `buf` on, and its address into the
/// pointer array at `argv` (the sizes come from `args_sizes_get`).
fn args_get(caller: &mut Caller<'_, HostState>, argv: i32, buf: i32) -> i32 {
    let Some((bytes, state)) = memory(caller) else {
        return errno::FAULT;
    };
    let mut at = buf as u32;
    for (i, arg) in state.args.iter().enumerate() {
        let slot = argv.wrapping_add(4 * i as i32);
        let mut text = arg.clone().into_bytes();
        text.push(0);
        if guest::put(bytes, slot, &at.to_le_bytes())
            .and_then(|_| guest::put(bytes, at as i32, &text))
            .is_err()
        {
            return errno::FAULT;
        }
        at = at.wrapping_add(text.len() as u32);
    }
    errno::SUCCESS
}

/// The functions [`define`] implements.
const IMPLEMENTED: &[&str] = &[
    "fd_write",
    "clock_time_get",
    "clock_res_get",
    "random_get",
    "args_sizes_get",
    "environ_sizes_get",
    "args_get",
    "environ_get",
    "fd_prestat_get",
    "proc_exit",
    "sched_yield",
];

/// Defines the implemented WASI functions.
pub fn define(linker: &mut Linker<HostState>) -> Result<(), Error> {
    linker.func_wrap(
        MODULE,
        "fd_write",
        |mut c: Caller<'_, HostState>, fd: i32, iovs: i32, n: i32, out: i32| {
            fd_write(&mut c, fd, iovs, n, out)
        },
    )?;
    linker.func_wrap(
        MODULE,
        "clock_time_get",
        |mut c: Caller<'_, HostState>, id: i32, _precision: i64, out: i32| {
            clock_time_get(&mut c, id, out)
        },
    )?;
    linker.func_wrap(
        MODULE,
        "clock_res_get",
        |mut c: Caller<'_, HostState>, id: i32, out: i32| {
            let Some((bytes, _)) = memory(&mut c) else {
                return errno::FAULT;
            };
            if id != CLOCK_REALTIME && id != CLOCK_MONOTONIC {
                return errno::INVAL;
            }
            match guest::put(bytes, out, &1000u64.to_le_bytes()) {
                Ok(()) => errno::SUCCESS,
                Err(_) => errno::FAULT,
            }
        },
    )?;
    linker.func_wrap(
        MODULE,
        "random_get",
        |mut c: Caller<'_, HostState>, ptr: i32, len: i32| {
            let Some((bytes, state)) = memory(&mut c) else {
                return errno::FAULT;
            };
            match guest::write(bytes, ptr, len) {
                Ok(out) => {
                    state.random.fill(out);
                    errno::SUCCESS
                }
                Err(_) => errno::FAULT,
            }
        },
    )?;
    linker.func_wrap(
        MODULE,
        "args_sizes_get",
        |mut c: Caller<'_, HostState>, n: i32, size: i32| args_sizes(&mut c, n, size),
    )?;
    linker.func_wrap(
        MODULE,
        "environ_sizes_get",
        |mut c: Caller<'_, HostState>, n: i32, size: i32| empty_sizes(&mut c, n, size),
    )?;
    linker.func_wrap(
        MODULE,
        "args_get",
        |mut c: Caller<'_, HostState>, argv: i32, buf: i32| args_get(&mut c, argv, buf),
    )?;
    linker.func_wrap(
        MODULE,
        "environ_get",
        |_c: Caller<'_, HostState>, _a: i32, _b: i32| errno::SUCCESS,
    )?;
    linker.func_wrap(
        MODULE,
        "fd_prestat_get",
        |_c: Caller<'_, HostState>, _fd: i32, _out: i32| errno::BADF,
    )?;
    linker.func_wrap(
        MODULE,
        "proc_exit",
        |_c: Caller<'_, HostState>, code: i32| -> Result<(), Error> {
            Err(Error::host(Signal::Exit(code)))
        },
    )?;
    linker.func_wrap(
        MODULE,
        "sched_yield",
        |_c: Caller<'_, HostState>| -> Result<i32, Error> { Err(Error::host(Signal::Yield)) },
    )?;
    Ok(())
}

/// Binds every WASI function `module` imports that [`define`] did not to an `ENOSYS` stub
/// (returning zeros for results that are not an errno).
pub fn define_missing(linker: &mut Linker<HostState>, module: &Module) -> Result<(), Error> {
    for import in module.imports() {
        if import.module() != MODULE {
            continue;
        }
        let wasmi::ExternType::Func(ty) = import.ty() else {
            continue;
        };
        if IMPLEMENTED.contains(&import.name()) {
            continue;
        }
        let results: alloc::vec::Vec<wasmi::ValType> = ty.results().to_vec();
        linker.func_new(
            MODULE,
            import.name(),
            ty.clone(),
            move |_c, _params, out: &mut [Val]| {
                for (slot, ty) in out.iter_mut().zip(&results) {
                    *slot = Val::default_for_ty(*ty);
                }
                if let Some(Val::I32(first)) = out.first_mut() {
                    *first = errno::NOSYS;
                }
                Ok(())
            },
        )?;
    }
    Ok(())
}
