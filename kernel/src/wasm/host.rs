//! The system calls: the `sys` functions every app may import (see `abi::calls`).
//!
//! Each function takes plain integers, checks every `(ptr, len)` against the app's memory
//! through [`guest`], and returns `>= 0` or a negative `abi::Error` code. None of them can
//! panic or block. `yield` pauses the app's call: it raises [`Signal::Yield`], which wasmi
//! reports as a resumable host trap; the scheduler resumes the call next frame.

use super::guest;
use super::state::{HostState, Presented, Signal};
use abi::{calls, limits, Error, MODULE};
use alloc::string::String;
use alloc::vec;
use wasmi::{Caller, Linker};

type Result<T> = core::result::Result<T, Error>;

/// Folds a call's result into the i32 the app receives.
fn answer(result: Result<i32>) -> i32 {
    result.unwrap_or_else(Error::code)
}

/// The app's memory and state together (a call's working view).
fn parts<'a>(caller: &'a mut Caller<'_, HostState>) -> Result<(&'a mut [u8], &'a mut HostState)> {
    let memory = caller.data().memory.ok_or(Error::NotSupported)?;
    let (bytes, state) = memory.data_and_store_mut(caller);
    state.calls += 1;
    Ok((bytes, state))
}

fn log(caller: &mut Caller<'_, HostState>, ptr: i32, len: i32) -> Result<i32> {
    let (memory, state) = parts(caller)?;
    let text = String::from_utf8_lossy(guest::read(memory, ptr, len)?).into_owned();
    let now = state.now_us;
    for line in text.lines() {
        state.log.push(line, now);
    }
    Ok(0)
}

fn events(caller: &mut Caller<'_, HostState>, ptr: i32, max: i32) -> Result<i32> {
    let (memory, state) = parts(caller)?;
    // The whole buffer the app offers must be its own, whether or not events fill it.
    let capacity = max
        .checked_mul(abi::Event::SIZE as i32)
        .ok_or(Error::InvalidArgument)?;
    if capacity < 0 {
        return Err(Error::InvalidArgument);
    }
    let out = guest::write(memory, ptr, capacity)?;
    let count = state.events.len().min(max as usize);
    for (chunk, event) in out
        .chunks_exact_mut(abi::Event::SIZE)
        .zip(state.events.drain(..count))
    {
        chunk.copy_from_slice(&event.to_bytes());
    }
    Ok(count as i32)
}

#[allow(clippy::too_many_arguments)]
fn present(
    caller: &mut Caller<'_, HostState>,
    ptr: i32,
    width: i32,
    height: i32,
    x: i32,
    y: i32,
    w: i32,
    h: i32,
) -> Result<i32> {
    let (memory, state) = parts(caller)?;
    let side = 1..=limits::MAX_SURFACE_SIDE as i32;
    if !side.contains(&width) || !side.contains(&height) {
        return Err(Error::InvalidArgument);
    }
    // The damage rectangle must lie inside the surface.
    let outside = |start: i32, size: i32, limit: i32| {
        start < 0 || size < 0 || start.checked_add(size).is_none_or(|end| end > limit)
    };
    if outside(x, w, width) || outside(y, h, height) {
        return Err(Error::InvalidArgument);
    }
    let (width, height) = (width as u32, height as u32);
    let bytes = guest::read(memory, ptr, (width * height * 4) as i32)?;
    // Keep the previous pixels when the size is unchanged: only the damage is copied.
    let mut frame = match state.presented.take() {
        Some(previous) if previous.width == width && previous.height == height => previous,
        _ => Presented {
            width,
            height,
            pixels: vec![0; (width * height) as usize],
            damage: (0, 0, 0, 0),
        },
    };
    let (x, y, w, h) = (x as u32, y as u32, w as u32, h as u32);
    for row in y..y + h {
        let start = (row * width + x) as usize;
        let source = &bytes[start * 4..(start + w as usize) * 4];
        for (pixel, b) in frame.pixels[start..start + w as usize]
            .iter_mut()
            .zip(source.chunks_exact(4))
        {
            *pixel = u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
        }
    }
    frame.damage = union(frame.damage, (x, y, w, h));
    state.presented = Some(frame);
    Ok(0)
}

/// The smallest rectangle covering both (an empty one counts as nothing).
fn union(a: (u32, u32, u32, u32), b: (u32, u32, u32, u32)) -> (u32, u32, u32, u32) {
    if a.2 == 0 || a.3 == 0 {
        return b;
    }
    if b.2 == 0 || b.3 == 0 {
        return a;
    }
    let x0 = a.0.min(b.0);
    let y0 = a.1.min(b.1);
    let x1 = (a.0 + a.2).max(b.0 + b.2);
    let y1 = (a.1 + a.3).max(b.1 + b.3);
    (x0, y0, x1 - x0, y1 - y0)
}

fn set_title(caller: &mut Caller<'_, HostState>, ptr: i32, len: i32) -> Result<i32> {
    let (memory, state) = parts(caller)?;
    let bytes = guest::read(memory, ptr, len.min(256))?;
    state.title = Some(String::from_utf8_lossy(bytes).into_owned());
    Ok(0)
}

fn random(caller: &mut Caller<'_, HostState>, ptr: i32, len: i32) -> Result<i32> {
    let (memory, state) = parts(caller)?;
    state.random.fill(guest::write(memory, ptr, len)?);
    Ok(len)
}

/// Copies `text` into the app's buffer (as much as fits); returns the full length.
fn copy_out(memory: &mut [u8], ptr: i32, len: i32, text: &[u8]) -> Result<i32> {
    let out = guest::write(memory, ptr, len)?;
    let n = out.len().min(text.len());
    out[..n].copy_from_slice(&text[..n]);
    i32::try_from(text.len()).map_err(|_| Error::Limit)
}

fn stylesheet(caller: &mut Caller<'_, HostState>, ptr: i32, len: i32) -> Result<i32> {
    let (memory, state) = parts(caller)?;
    let sheet = state.stylesheet.clone();
    copy_out(memory, ptr, len, sheet.as_bytes())
}

fn clipboard_get(caller: &mut Caller<'_, HostState>, ptr: i32, len: i32) -> Result<i32> {
    let (memory, state) = parts(caller)?;
    let text = state.clipboard.borrow().clone();
    copy_out(memory, ptr, len, text.as_bytes())
}

fn clipboard_set(caller: &mut Caller<'_, HostState>, ptr: i32, len: i32) -> Result<i32> {
    let (memory, state) = parts(caller)?;
    if len as usize > limits::MAX_CLIPBOARD {
        return Err(Error::Limit);
    }
    let text = String::from_utf8_lossy(guest::read(memory, ptr, len)?).into_owned();
    *state.clipboard.borrow_mut() = text;
    Ok(0)
}

fn store_set(
    caller: &mut Caller<'_, HostState>,
    key: (i32, i32),
    value: (i32, i32),
) -> Result<i32> {
    let (memory, state) = parts(caller)?;
    if key.1 as usize > limits::MAX_STORE_KEY {
        return Err(Error::InvalidArgument);
    }
    let key = String::from_utf8_lossy(guest::read(memory, key.0, key.1)?).into_owned();
    let value = guest::read(memory, value.0, value.1)?;
    let mut store = state.store.borrow_mut();
    let others: usize = store
        .iter()
        .filter(|(k, _)| **k != key)
        .map(|(k, v)| k.len() + v.len())
        .sum();
    if others + key.len() + value.len() > limits::MAX_STORE {
        return Err(Error::Limit);
    }
    if value.is_empty() {
        store.remove(&key);
    } else {
        store.insert(key, value.to_vec());
    }
    Ok(0)
}

fn store_get(caller: &mut Caller<'_, HostState>, key: (i32, i32), out: (i32, i32)) -> Result<i32> {
    let (memory, state) = parts(caller)?;
    if key.1 as usize > limits::MAX_STORE_KEY {
        return Err(Error::InvalidArgument);
    }
    let key = String::from_utf8_lossy(guest::read(memory, key.0, key.1)?).into_owned();
    let store = state.store.clone();
    let store = store.borrow();
    let value = store.get(&key).ok_or(Error::NotFound)?;
    copy_out(memory, out.0, out.1, value)
}

/// `config_get`: a machine setting from the allowlist ([`abi::CONFIG_NAMES`]).
fn config_get(
    caller: &mut Caller<'_, HostState>,
    name: (i32, i32),
    out: (i32, i32),
) -> Result<i32> {
    let (memory, state) = parts(caller)?;
    if name.1 as usize > limits::MAX_STORE_KEY {
        return Err(Error::InvalidArgument);
    }
    let name = guest::read(memory, name.0, name.1)?;
    let name = core::str::from_utf8(name).map_err(|_| Error::InvalidArgument)?;
    if !abi::CONFIG_NAMES.contains(&name) {
        return Err(Error::NotFound);
    }
    let config = state.config.clone();
    let value = config
        .iter()
        .find(|(key, _)| key == name)
        .ok_or(Error::NotFound)?;
    copy_out(memory, out.0, out.1, &value.1)
}

/// Reads a host name argument (UTF-8, at most 253 bytes as DNS allows).
fn host_name(memory: &[u8], ptr: i32, len: i32) -> Result<String> {
    if !(1..=253).contains(&len) {
        return Err(Error::InvalidArgument);
    }
    let bytes = guest::read(memory, ptr, len)?;
    core::str::from_utf8(bytes)
        .map(String::from)
        .map_err(|_| Error::InvalidArgument)
}

fn tcp_send(caller: &mut Caller<'_, HostState>, handle: i32, ptr: i32, len: i32) -> Result<i32> {
    let (memory, state) = parts(caller)?;
    let data = guest::read(memory, ptr, len)?;
    state.sockets.tcp_send(handle, data)
}

fn tcp_recv(caller: &mut Caller<'_, HostState>, handle: i32, ptr: i32, len: i32) -> Result<i32> {
    let (memory, state) = parts(caller)?;
    let buffer = guest::write(memory, ptr, len)?;
    state.sockets.tcp_recv(handle, buffer)
}

fn udp_send(
    caller: &mut Caller<'_, HostState>,
    h: i32,
    ip: i32,
    port: i32,
    ptr: i32,
    len: i32,
) -> Result<i32> {
    let (memory, state) = parts(caller)?;
    let data = guest::read(memory, ptr, len)?;
    state.sockets.udp_send(h, ip, port, data)
}

fn udp_recv(
    caller: &mut Caller<'_, HostState>,
    h: i32,
    ptr: i32,
    len: i32,
    from: i32,
) -> Result<i32> {
    let (memory, state) = parts(caller)?;
    guest::write(memory, from, 8)?;
    let mut sender = [0u8; 8];
    let n = state
        .sockets
        .udp_recv(h, guest::write(memory, ptr, len)?, &mut sender)?;
    guest::put(memory, from, &sender)?;
    Ok(n)
}

fn dns_resolve(caller: &mut Caller<'_, HostState>, ptr: i32, len: i32) -> Result<i32> {
    let (memory, state) = parts(caller)?;
    let name = host_name(memory, ptr, len)?;
    state.sockets.dns_resolve(&name)
}

fn dns_result(caller: &mut Caller<'_, HostState>, handle: i32, ptr: i32, max: i32) -> Result<i32> {
    let (memory, state) = parts(caller)?;
    let len = max
        .checked_mul(4)
        .filter(|l| *l >= 0)
        .ok_or(Error::InvalidArgument)?;
    let out = guest::write(memory, ptr, len)?;
    state.sockets.dns_result(handle, out)
}

/// Defines every `sys` function in `linker`.
pub fn define(linker: &mut Linker<HostState>) -> core::result::Result<(), wasmi::Error> {
    linker.func_wrap(
        MODULE,
        calls::LOG,
        |mut c: Caller<'_, HostState>, p: i32, l: i32| answer(log(&mut c, p, l)),
    )?;
    linker.func_wrap(
        MODULE,
        calls::EVENTS,
        |mut c: Caller<'_, HostState>, p: i32, m: i32| answer(events(&mut c, p, m)),
    )?;
    linker.func_wrap(
        MODULE,
        calls::WINDOW_SIZE,
        |c: Caller<'_, HostState>| -> i64 {
            let (w, h) = c.data().window_size;
            (w as i64) << 32 | h as i64
        },
    )?;
    linker.func_wrap(
        MODULE,
        calls::PRESENT,
        |mut c: Caller<'_, HostState>, p: i32, w: i32, h: i32, x: i32, y: i32, dw: i32, dh: i32| {
            answer(present(&mut c, p, w, h, x, y, dw, dh))
        },
    )?;
    linker.func_wrap(
        MODULE,
        calls::SET_TITLE,
        |mut c: Caller<'_, HostState>, p: i32, l: i32| answer(set_title(&mut c, p, l)),
    )?;
    linker.func_wrap(
        MODULE,
        calls::TIME_MONOTONIC,
        |c: Caller<'_, HostState>| -> i64 {
            let state = c.data();
            state
                .clock
                .map(|clock| clock.now_us())
                .unwrap_or(state.now_us) as i64
        },
    )?;
    linker.func_wrap(
        MODULE,
        calls::TIME_WALL,
        |c: Caller<'_, HostState>| -> i64 { c.data().wall_us },
    )?;
    linker.func_wrap(
        MODULE,
        calls::RANDOM,
        |mut c: Caller<'_, HostState>, p: i32, l: i32| answer(random(&mut c, p, l)),
    )?;
    linker.func_wrap(
        MODULE,
        calls::STYLESHEET,
        |mut c: Caller<'_, HostState>, p: i32, l: i32| answer(stylesheet(&mut c, p, l)),
    )?;
    linker.func_wrap(
        MODULE,
        calls::CLIPBOARD_GET,
        |mut c: Caller<'_, HostState>, p: i32, l: i32| answer(clipboard_get(&mut c, p, l)),
    )?;
    linker.func_wrap(
        MODULE,
        calls::CLIPBOARD_SET,
        |mut c: Caller<'_, HostState>, p: i32, l: i32| answer(clipboard_set(&mut c, p, l)),
    )?;
    linker.func_wrap(
        MODULE,
        calls::TCP_CONNECT,
        |mut c: Caller<'_, HostState>, ip: i32, port: i32| {
            answer(parts(&mut c).and_then(|(_, state)| state.sockets.tcp_connect(ip, port)))
        },
    )?;
    linker.func_wrap(
        MODULE,
        calls::TCP_SEND,
        |mut c: Caller<'_, HostState>, h: i32, p: i32, l: i32| answer(tcp_send(&mut c, h, p, l)),
    )?;
    linker.func_wrap(
        MODULE,
        calls::TCP_RECV,
        |mut c: Caller<'_, HostState>, h: i32, p: i32, l: i32| answer(tcp_recv(&mut c, h, p, l)),
    )?;
    linker.func_wrap(
        MODULE,
        calls::TCP_CLOSE,
        |mut c: Caller<'_, HostState>, h: i32| {
            answer(parts(&mut c).and_then(|(_, state)| state.sockets.tcp_close(h)))
        },
    )?;
    linker.func_wrap(
        MODULE,
        calls::TCP_STATE,
        |mut c: Caller<'_, HostState>, h: i32| {
            answer(parts(&mut c).and_then(|(_, state)| state.sockets.tcp_state(h)))
        },
    )?;
    linker.func_wrap(
        MODULE,
        calls::UDP_BIND,
        |mut c: Caller<'_, HostState>, port: i32| {
            answer(parts(&mut c).and_then(|(_, state)| state.sockets.udp_bind(port)))
        },
    )?;
    linker.func_wrap(
        MODULE,
        calls::UDP_SEND,
        |mut c: Caller<'_, HostState>, h: i32, ip: i32, port: i32, p: i32, l: i32| {
            answer(udp_send(&mut c, h, ip, port, p, l))
        },
    )?;
    linker.func_wrap(
        MODULE,
        calls::UDP_RECV,
        |mut c: Caller<'_, HostState>, h: i32, p: i32, l: i32, from: i32| {
            answer(udp_recv(&mut c, h, p, l, from))
        },
    )?;
    linker.func_wrap(
        MODULE,
        calls::SOCKET_CLOSE,
        |mut c: Caller<'_, HostState>, h: i32| {
            answer(parts(&mut c).and_then(|(_, state)| state.sockets.socket_close(h)))
        },
    )?;
    linker.func_wrap(
        MODULE,
        calls::DNS_RESOLVE,
        |mut c: Caller<'_, HostState>, p: i32, l: i32| answer(dns_resolve(&mut c, p, l)),
    )?;
    linker.func_wrap(
        MODULE,
        calls::DNS_RESULT,
        |mut c: Caller<'_, HostState>, h: i32, p: i32, max: i32| {
            answer(dns_result(&mut c, h, p, max))
        },
    )?;
    linker.func_wrap(
        MODULE,
        calls::STORE_SET,
        |mut c: Caller<'_, HostState>, kp: i32, kl: i32, p: i32, l: i32| {
            answer(store_set(&mut c, (kp, kl), (p, l)))
        },
    )?;
    linker.func_wrap(
        MODULE,
        calls::CONFIG_GET,
        |mut c: Caller<'_, HostState>, np: i32, nl: i32, p: i32, l: i32| {
            answer(config_get(&mut c, (np, nl), (p, l)))
        },
    )?;
    linker.func_wrap(
        MODULE,
        calls::STORE_GET,
        |mut c: Caller<'_, HostState>, kp: i32, kl: i32, p: i32, l: i32| {
            answer(store_get(&mut c, (kp, kl), (p, l)))
        },
    )?;
    linker.func_wrap(
        MODULE,
        calls::YIELD,
        |_c: Caller<'_, HostState>| -> core::result::Result<i32, wasmi::Error> {
            Err(wasmi::Error::host(Signal::Yield))
        },
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn damage_unions() {
        assert_eq!(union((0, 0, 0, 0), (5, 5, 2, 2)), (5, 5, 2, 2));
        assert_eq!(union((0, 0, 4, 4), (5, 5, 2, 2)), (0, 0, 7, 7));
        assert_eq!(union((1, 1, 1, 1), (0, 0, 0, 9)), (1, 1, 1, 1));
    }
}
