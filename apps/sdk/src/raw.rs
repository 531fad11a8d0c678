//! The raw system calls: the `sys` imports exactly as `kernel/abi` lists them.
//!
//! Every function takes and returns plain integers; a buffer is a `(ptr, len)` pair of
//! addresses in this module's linear memory. Nothing here checks anything: that is the
//! kernel's job, and the point of `apps/hostile`, which calls these with hostile arguments.
//! Everyone else should use the safe wrappers in [`crate::system`] and [`crate::net`].
//!
//! On `wasm32` the functions are imports of the module [`abi::MODULE`]. On other targets
//! (host tests, `cargo clippy --workspace`) they are stand-ins with the same signatures that
//! answer [`abi::Error::NotSupported`], so code written against this module compiles
//! everywhere; the safe layer's host fallback is [`crate::fake`], not this.
//!
//! # Safety
//! A call hands the kernel integers it will treat as addresses in this app's memory. The
//! kernel never touches memory outside it, but inside it the kernel writes wherever it is
//! told: a caller must make sure that any buffer the call may *write* (`events`, `random`,
//! `stylesheet`, `clipboard_get`, `store_get`, `tcp_recv`, `udp_recv`, `dns_result`) is memory it owns
//! and that nothing else reads while the call runs.
#![allow(unsafe_code)]

#[cfg(target_arch = "wasm32")]
#[link(wasm_import_module = "sys")]
extern "C" {
    /// `log(ptr, len) -> i32`
    pub fn log(ptr: i32, len: i32) -> i32;
    /// `events(ptr, max) -> i32`: writes up to `max` 20-byte events.
    pub fn events(ptr: i32, max: i32) -> i32;
    /// `window_size() -> i64`: `width << 32 | height`.
    pub fn window_size() -> i64;
    /// `present(ptr, width, height, x, y, w, h) -> i32`
    pub fn present(ptr: i32, width: i32, height: i32, x: i32, y: i32, w: i32, h: i32) -> i32;
    /// `set_title(ptr, len) -> i32`
    pub fn set_title(ptr: i32, len: i32) -> i32;
    /// `time_monotonic() -> i64`: microseconds since boot.
    pub fn time_monotonic() -> i64;
    /// `time_wall() -> i64`: microseconds since the Unix epoch.
    pub fn time_wall() -> i64;
    /// `random(ptr, len) -> i32`
    pub fn random(ptr: i32, len: i32) -> i32;
    /// `stylesheet(ptr, len) -> i32`: returns the full length.
    pub fn stylesheet(ptr: i32, len: i32) -> i32;
    /// `clipboard_get(ptr, len) -> i32`: returns the full length.
    pub fn clipboard_get(ptr: i32, len: i32) -> i32;
    /// `clipboard_set(ptr, len) -> i32`
    pub fn clipboard_set(ptr: i32, len: i32) -> i32;
    /// `tcp_connect(ip, port) -> i32`: `ip` is a big-endian IPv4 address.
    pub fn tcp_connect(ip: i32, port: i32) -> i32;
    /// `tcp_send(handle, ptr, len) -> i32`
    pub fn tcp_send(handle: i32, ptr: i32, len: i32) -> i32;
    /// `tcp_recv(handle, ptr, len) -> i32`
    pub fn tcp_recv(handle: i32, ptr: i32, len: i32) -> i32;
    /// `tcp_close(handle) -> i32`
    pub fn tcp_close(handle: i32) -> i32;
    /// `tcp_state(handle) -> i32`
    pub fn tcp_state(handle: i32) -> i32;
    /// `udp_bind(port) -> i32`
    pub fn udp_bind(port: i32) -> i32;
    /// `udp_send(handle, ip, port, ptr, len) -> i32`
    pub fn udp_send(handle: i32, ip: i32, port: i32, ptr: i32, len: i32) -> i32;
    /// `udp_recv(handle, ptr, len, from_ptr) -> i32`: the sender goes to 8 bytes at
    /// `from_ptr`.
    pub fn udp_recv(handle: i32, ptr: i32, len: i32, from_ptr: i32) -> i32;
    /// `socket_close(handle) -> i32`
    pub fn socket_close(handle: i32) -> i32;
    /// `dns_resolve(ptr, len) -> i32`
    pub fn dns_resolve(ptr: i32, len: i32) -> i32;
    /// `dns_result(handle, ptr, max) -> i32`: up to `max` 4-byte addresses.
    pub fn dns_result(handle: i32, ptr: i32, max: i32) -> i32;
    /// `store_set(key_ptr, key_len, ptr, len) -> i32`: keeps the bytes for the session.
    pub fn store_set(key_ptr: i32, key_len: i32, ptr: i32, len: i32) -> i32;
    /// `store_get(key_ptr, key_len, ptr, len) -> i32`: returns the full length.
    pub fn store_get(key_ptr: i32, key_len: i32, ptr: i32, len: i32) -> i32;
    /// `config_get(name_ptr, name_len, ptr, len) -> i32`: returns the full length.
    pub fn config_get(name_ptr: i32, name_len: i32, ptr: i32, len: i32) -> i32;
    /// `yield() -> i32` (`yield` is a Rust keyword, hence the other name).
    #[link_name = "yield"]
    pub fn sys_yield() -> i32;
}

#[cfg(not(target_arch = "wasm32"))]
pub use stand_in::*;

/// Host stand-ins: same names and signatures, no kernel behind them.
#[cfg(not(target_arch = "wasm32"))]
#[allow(clippy::missing_safety_doc, clippy::too_many_arguments)]
mod stand_in {
    use abi::Error;

    const NO: i32 = Error::NotSupported.code();

    pub unsafe fn log(_ptr: i32, _len: i32) -> i32 {
        NO
    }
    pub unsafe fn events(_ptr: i32, _max: i32) -> i32 {
        NO
    }
    pub unsafe fn window_size() -> i64 {
        0
    }
    pub unsafe fn present(_p: i32, _w: i32, _h: i32, _x: i32, _y: i32, _dw: i32, _dh: i32) -> i32 {
        NO
    }
    pub unsafe fn set_title(_ptr: i32, _len: i32) -> i32 {
        NO
    }
    pub unsafe fn time_monotonic() -> i64 {
        0
    }
    pub unsafe fn time_wall() -> i64 {
        0
    }
    pub unsafe fn random(_ptr: i32, _len: i32) -> i32 {
        NO
    }
    pub unsafe fn stylesheet(_ptr: i32, _len: i32) -> i32 {
        NO
    }
    pub unsafe fn clipboard_get(_ptr: i32, _len: i32) -> i32 {
        NO
    }
    pub unsafe fn clipboard_set(_ptr: i32, _len: i32) -> i32 {
        NO
    }
    pub unsafe fn tcp_connect(_ip: i32, _port: i32) -> i32 {
        NO
    }
    pub unsafe fn tcp_send(_handle: i32, _ptr: i32, _len: i32) -> i32 {
        NO
    }
    pub unsafe fn tcp_recv(_handle: i32, _ptr: i32, _len: i32) -> i32 {
        NO
    }
    pub unsafe fn tcp_close(_handle: i32) -> i32 {
        NO
    }
    pub unsafe fn tcp_state(_handle: i32) -> i32 {
        NO
    }
    pub unsafe fn udp_bind(_port: i32) -> i32 {
        NO
    }
    pub unsafe fn udp_send(_handle: i32, _ip: i32, _port: i32, _ptr: i32, _len: i32) -> i32 {
        NO
    }
    pub unsafe fn udp_recv(_handle: i32, _ptr: i32, _len: i32, _from: i32) -> i32 {
        NO
    }
    pub unsafe fn socket_close(_handle: i32) -> i32 {
        NO
    }
    pub unsafe fn dns_resolve(_ptr: i32, _len: i32) -> i32 {
        NO
    }
    pub unsafe fn dns_result(_handle: i32, _ptr: i32, _max: i32) -> i32 {
        NO
    }
    pub unsafe fn store_set(_key: i32, _key_len: i32, _ptr: i32, _len: i32) -> i32 {
        NO
    }
    pub unsafe fn store_get(_key: i32, _key_len: i32, _ptr: i32, _len: i32) -> i32 {
        NO
    }
    pub unsafe fn config_get(_name: i32, _name_len: i32, _ptr: i32, _len: i32) -> i32 {
        NO
    }
    pub unsafe fn sys_yield() -> i32 {
        NO
    }
}
