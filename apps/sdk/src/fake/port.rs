//! The system calls of the fake kernel, with the same signatures as the wasm `port`.
//!
//! Each function does what `kernel/abi` documents for its call, on the thread's
//! [`FakeKernel`](super::FakeKernel). Network calls are in [`super::network`].

use super::{with, Presented};
use abi::{limits, Error, Event};
use gfx::Rect;
use std::string::String;

pub use super::network::{
    dns_resolve, dns_result, socket_close, tcp_close, tcp_connect, tcp_recv, tcp_send, tcp_state,
    udp_bind, udp_recv, udp_send,
};

/// A length as the i32 a call returns.
fn count(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

pub fn log(text: &[u8]) -> i32 {
    let end = text.len().min(limits::MAX_LOG_LINE);
    let line = String::from_utf8_lossy(&text[..end]).into_owned();
    with(|k| k.log.push(line));
    0
}

pub fn events(buf: &mut [u8], max: usize) -> i32 {
    with(|k| {
        let mut n = 0;
        for slot in buf.chunks_exact_mut(Event::SIZE).take(max) {
            match k.events.pop_front() {
                Some(event) => slot.copy_from_slice(&event.to_bytes()),
                None => break,
            }
            n += 1;
        }
        count(n)
    })
}

pub fn window_size() -> i64 {
    with(|k| ((k.window.0 as i64) << 32) | k.window.1 as i64)
}

pub fn present(pixels: &[u32], width: u32, height: u32, damage: Rect) -> i32 {
    let side = limits::MAX_SURFACE_SIDE;
    if width == 0 || height == 0 || width > side || height > side {
        return Error::InvalidArgument.code();
    }
    let needed = width as usize * height as usize;
    let bounds = Rect::new(0, 0, width as i32, height as i32);
    if pixels.len() < needed {
        return Error::BadPointer.code();
    }
    if damage.is_empty() || !bounds.contains_rect(&damage) {
        return Error::InvalidArgument.code();
    }
    with(|k| {
        k.presents.push(Presented {
            width,
            height,
            damage,
            pixels: pixels[..needed].to_vec(),
        });
        let extra = k.presents.len().saturating_sub(k.keep_presents.max(1));
        k.presents.drain(..extra);
    });
    0
}

pub fn set_title(title: &[u8]) -> i32 {
    match core::str::from_utf8(title) {
        Ok(text) => with(|k| k.title = String::from(text)),
        Err(_) => return Error::InvalidArgument.code(),
    }
    0
}

pub fn time_monotonic() -> i64 {
    with(|k| k.monotonic_us as i64)
}

pub fn time_wall() -> i64 {
    with(|k| k.wall_us as i64)
}

pub fn random(buf: &mut [u8]) -> i32 {
    with(|k| {
        for chunk in buf.chunks_mut(8) {
            let bytes = k.next_random().to_le_bytes();
            chunk.copy_from_slice(&bytes[..chunk.len()]);
        }
    });
    0
}

/// Copies what fits of `source` into `buf` and returns the full length.
fn copy_out(source: &[u8], buf: &mut [u8]) -> i32 {
    let n = source.len().min(buf.len());
    buf[..n].copy_from_slice(&source[..n]);
    count(source.len())
}

pub fn stylesheet(buf: &mut [u8]) -> i32 {
    with(|k| copy_out(k.stylesheet.as_bytes(), buf))
}

pub fn clipboard_get(buf: &mut [u8]) -> i32 {
    with(|k| copy_out(&k.clipboard, buf))
}

pub fn clipboard_set(text: &[u8]) -> i32 {
    if text.len() > limits::MAX_CLIPBOARD {
        return Error::Limit.code();
    }
    if core::str::from_utf8(text).is_err() {
        return Error::InvalidArgument.code();
    }
    with(|k| k.clipboard = text.to_vec());
    0
}

pub fn store_set(key: &[u8], value: &[u8]) -> i32 {
    if key.len() > limits::MAX_STORE_KEY {
        return Error::InvalidArgument.code();
    }
    let key = String::from_utf8_lossy(key).into_owned();
    with(|k| {
        let others: usize = k
            .store
            .iter()
            .filter(|(name, _)| **name != key)
            .map(|(name, bytes)| name.len() + bytes.len())
            .sum();
        if others + key.len() + value.len() > limits::MAX_STORE {
            return Error::Limit.code();
        }
        if value.is_empty() {
            k.store.remove(&key);
        } else {
            k.store.insert(key, value.to_vec());
        }
        0
    })
}

pub fn store_get(key: &[u8], buf: &mut [u8]) -> i32 {
    if key.len() > limits::MAX_STORE_KEY {
        return Error::InvalidArgument.code();
    }
    let key = String::from_utf8_lossy(key).into_owned();
    with(|k| match k.store.get(&key) {
        Some(bytes) => copy_out(bytes, buf),
        None => Error::NotFound.code(),
    })
}

pub fn config_get(name: &[u8], buf: &mut [u8]) -> i32 {
    let name = String::from_utf8_lossy(name).into_owned();
    with(|k| match k.config.get(&name) {
        Some(bytes) if abi::CONFIG_NAMES.contains(&name.as_str()) => copy_out(bytes, buf),
        _ => Error::NotFound.code(),
    })
}

/// Ends the frame: the clocks move on by one frame and so does the network.
pub fn sys_yield() -> i32 {
    with(|k| {
        k.yields += 1;
        k.monotonic_us += k.frame_us;
        k.wall_us += k.frame_us;
        super::network::advance(k);
    });
    0
}
