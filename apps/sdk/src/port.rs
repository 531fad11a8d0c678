//! The kernel as the safe layer sees it: each system call with slices instead of addresses.
//!
//! This is the only place where Rust buffers become `(ptr, len)` integers. On the host the
//! same functions exist in `fake::port`, backed by the in-memory kernel, so everything above
//! this module is tested there. Results are passed through untouched (`>= 0` or a negative
//! [`abi::Error`] code); [`crate::system::check`] decodes them.
#![allow(unsafe_code)]

use crate::raw;
use gfx::Rect;

/// A pointer as the 32-bit address the kernel expects (wasm32 pointers are 32 bits).
fn addr<T>(ptr: *const T) -> i32 {
    ptr as usize as i32
}

/// A length as i32; a slice longer than 2 GiB is passed as shorter, never as longer.
fn length(len: usize) -> i32 {
    i32::try_from(len).unwrap_or(i32::MAX)
}

pub fn log(text: &[u8]) -> i32 {
    // SAFETY: log only reads `text`, which is borrowed for the call.
    unsafe { raw::log(addr(text.as_ptr()), length(text.len())) }
}

/// Fills `buf` (whose length is `max` * `Event::SIZE` or more) with up to `max` events.
pub fn events(buf: &mut [u8], max: usize) -> i32 {
    let max = max.min(buf.len() / abi::Event::SIZE);
    // SAFETY: the kernel writes at most `max` events of `Event::SIZE` bytes, which fit in
    // `buf`, borrowed mutably for the call.
    unsafe { raw::events(addr(buf.as_ptr()), length(max)) }
}

pub fn window_size() -> i64 {
    // SAFETY: no memory is involved.
    unsafe { raw::window_size() }
}

/// The caller has checked that `pixels` holds `width * height` pixels and `damage` lies
/// inside them.
pub fn present(pixels: &[u32], width: u32, height: u32, damage: Rect) -> i32 {
    // SAFETY: present only reads the `width * height` pixels of `pixels`, borrowed for the
    // call.
    unsafe {
        raw::present(
            addr(pixels.as_ptr()),
            width as i32,
            height as i32,
            damage.x,
            damage.y,
            damage.w,
            damage.h,
        )
    }
}

pub fn set_title(title: &[u8]) -> i32 {
    // SAFETY: set_title only reads `title`.
    unsafe { raw::set_title(addr(title.as_ptr()), length(title.len())) }
}

pub fn time_monotonic() -> i64 {
    // SAFETY: no memory is involved.
    unsafe { raw::time_monotonic() }
}

pub fn time_wall() -> i64 {
    // SAFETY: no memory is involved.
    unsafe { raw::time_wall() }
}

pub fn random(buf: &mut [u8]) -> i32 {
    // SAFETY: the kernel writes at most `buf.len()` bytes into `buf`, borrowed mutably.
    unsafe { raw::random(addr(buf.as_ptr()), length(buf.len())) }
}

pub fn stylesheet(buf: &mut [u8]) -> i32 {
    // SAFETY: the kernel writes at most `buf.len()` bytes into `buf`, borrowed mutably.
    unsafe { raw::stylesheet(addr(buf.as_ptr()), length(buf.len())) }
}

pub fn clipboard_get(buf: &mut [u8]) -> i32 {
    // SAFETY: the kernel writes at most `buf.len()` bytes into `buf`, borrowed mutably.
    unsafe { raw::clipboard_get(addr(buf.as_ptr()), length(buf.len())) }
}

pub fn clipboard_set(text: &[u8]) -> i32 {
    // SAFETY: clipboard_set only reads `text`.
    unsafe { raw::clipboard_set(addr(text.as_ptr()), length(text.len())) }
}

pub fn tcp_connect(ip: u32, port: u16) -> i32 {
    // SAFETY: no memory is involved.
    unsafe { raw::tcp_connect(ip as i32, port as i32) }
}

pub fn tcp_send(handle: i32, data: &[u8]) -> i32 {
    // SAFETY: tcp_send only reads `data`.
    unsafe { raw::tcp_send(handle, addr(data.as_ptr()), length(data.len())) }
}

pub fn tcp_recv(handle: i32, buf: &mut [u8]) -> i32 {
    // SAFETY: the kernel writes at most `buf.len()` bytes into `buf`, borrowed mutably.
    unsafe { raw::tcp_recv(handle, addr(buf.as_ptr()), length(buf.len())) }
}

pub fn tcp_close(handle: i32) -> i32 {
    // SAFETY: no memory is involved.
    unsafe { raw::tcp_close(handle) }
}

pub fn tcp_state(handle: i32) -> i32 {
    // SAFETY: no memory is involved.
    unsafe { raw::tcp_state(handle) }
}

pub fn udp_bind(port: u16) -> i32 {
    // SAFETY: no memory is involved.
    unsafe { raw::udp_bind(port as i32) }
}

pub fn udp_send(handle: i32, ip: u32, port: u16, data: &[u8]) -> i32 {
    // SAFETY: udp_send only reads `data`.
    unsafe {
        raw::udp_send(
            handle,
            ip as i32,
            port as i32,
            addr(data.as_ptr()),
            length(data.len()),
        )
    }
}

pub fn udp_recv(handle: i32, buf: &mut [u8], from: &mut [u8; 8]) -> i32 {
    // SAFETY: the kernel writes at most `buf.len()` bytes into `buf` and 8 bytes into
    // `from`, both borrowed mutably and distinct.
    unsafe {
        raw::udp_recv(
            handle,
            addr(buf.as_ptr()),
            length(buf.len()),
            addr(from.as_ptr()),
        )
    }
}

pub fn socket_close(handle: i32) -> i32 {
    // SAFETY: no memory is involved.
    unsafe { raw::socket_close(handle) }
}

pub fn dns_resolve(name: &[u8]) -> i32 {
    // SAFETY: dns_resolve only reads `name`.
    unsafe { raw::dns_resolve(addr(name.as_ptr()), length(name.len())) }
}

/// Up to `buf.len() / 4` addresses.
pub fn dns_result(handle: i32, buf: &mut [u8]) -> i32 {
    // SAFETY: the kernel writes at most `max` addresses of 4 bytes, which fit in `buf`.
    unsafe { raw::dns_result(handle, addr(buf.as_ptr()), length(buf.len() / 4)) }
}

pub fn store_set(key: &[u8], value: &[u8]) -> i32 {
    // SAFETY: store_set only reads `key` and `value`, both borrowed for the call.
    unsafe {
        raw::store_set(
            addr(key.as_ptr()),
            length(key.len()),
            addr(value.as_ptr()),
            length(value.len()),
        )
    }
}

pub fn store_get(key: &[u8], buf: &mut [u8]) -> i32 {
    // SAFETY: store_get reads `key` and writes at most `buf.len()` bytes into `buf`, which is
    // borrowed mutably and distinct from `key`.
    unsafe {
        raw::store_get(
            addr(key.as_ptr()),
            length(key.len()),
            addr(buf.as_ptr()),
            length(buf.len()),
        )
    }
}

pub fn config_get(name: &[u8], buf: &mut [u8]) -> i32 {
    // SAFETY: config_get reads `name` and writes at most `buf.len()` bytes into `buf`, which
    // is borrowed mutably and distinct from `name`.
    unsafe {
        raw::config_get(
            addr(name.as_ptr()),
            length(name.len()),
            addr(buf.as_ptr()),
            length(buf.len()),
        )
    }
}

pub fn sys_yield() -> i32 {
    // SAFETY: no memory is involved.
    unsafe { raw::sys_yield() }
}
