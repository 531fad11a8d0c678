//! The WASI preview1 functions the stand-in host gives apps: the subset DESIGN.md names
//! (`fd_write` to the log, clocks, random, empty args and environment, `proc_exit`).

use super::{code, memory_of, range, with_buffer, HostState};
use wasmi::{Caller, Error, Linker};

/// WASI preview1: the subset DESIGN.md names.
pub fn define(linker: &mut Linker<HostState>) -> Result<(), Error> {
    const WASI: &str = "wasi_snapshot_preview1";
    const BADF: i32 = 8;
    const INVAL: i32 = 28;
    linker.func_wrap(
        WASI,
        "fd_write",
        |mut c: Caller<'_, HostState>, fd: i32, iovs: i32, count: i32, written: i32| {
            let Some(memory) = memory_of(&c) else {
                return INVAL;
            };
            let (bytes, state) = memory.data_and_store_mut(&mut c);
            if fd != 1 && fd != 2 {
                return BADF;
            }
            let Some(list) = range(bytes, iovs, count.saturating_mul(8)) else {
                return INVAL;
            };
            let mut total = 0u32;
            let mut text = Vec::new();
            for iov in bytes[list].chunks_exact(8) {
                let ptr = i32::from_le_bytes([iov[0], iov[1], iov[2], iov[3]]);
                let len = i32::from_le_bytes([iov[4], iov[5], iov[6], iov[7]]);
                let Some(r) = range(bytes, ptr, len) else {
                    return INVAL;
                };
                text.extend_from_slice(&bytes[r]);
                total = total.wrapping_add(len as u32);
            }
            state.stdout.push_str(&String::from_utf8_lossy(&text));
            match range(bytes, written, 4) {
                Some(r) => {
                    bytes[r].copy_from_slice(&total.to_le_bytes());
                    0
                }
                None => INVAL,
            }
        },
    )?;
    let zero_pair = |mut c: Caller<'_, HostState>, a: i32, b: i32| {
        let Some(memory) = memory_of(&c) else {
            return INVAL;
        };
        let bytes = memory.data_mut(&mut c);
        match (range(bytes, a, 4), range(bytes, b, 4)) {
            (Some(ra), Some(rb)) => {
                bytes[ra].fill(0);
                bytes[rb].fill(0);
                0
            }
            _ => INVAL,
        }
    };
    linker.func_wrap(WASI, "environ_sizes_get", zero_pair)?;
    linker.func_wrap(WASI, "args_sizes_get", zero_pair)?;
    linker.func_wrap(WASI, "environ_get", |_: i32, _: i32| 0)?;
    linker.func_wrap(WASI, "args_get", |_: i32, _: i32| 0)?;
    linker.func_wrap(
        WASI,
        "clock_time_get",
        |mut c: Caller<'_, HostState>, id: i32, _precision: i64, out: i32| {
            let us = c.data().monotonic_us;
            let ns = if id == 0 {
                1_709_210_096_000_000 + us
            } else {
                us
            } * 1000;
            let Some(memory) = memory_of(&c) else {
                return INVAL;
            };
            let bytes = memory.data_mut(&mut c);
            match range(bytes, out, 8) {
                Some(r) => {
                    bytes[r].copy_from_slice(&ns.to_le_bytes());
                    0
                }
                None => INVAL,
            }
        },
    )?;
    linker.func_wrap(
        WASI,
        "random_get",
        |mut c: Caller<'_, HostState>, p: i32, l: i32| {
            code(with_buffer(&mut c, p, l, |buf, _| {
                buf.iter_mut()
                    .enumerate()
                    .for_each(|(i, b)| *b = (i * 97 + 13) as u8);
                0
            }))
        },
    )?;
    linker.func_wrap(
        WASI,
        "proc_exit",
        |mut c: Caller<'_, HostState>, status: i32| -> Result<(), Error> {
            c.data_mut().exit_code = Some(status);
            Err(Error::i32_exit(status))
        },
    )?;
    Ok(())
}
