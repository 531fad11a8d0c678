//! Safe wrappers for the calls that are not networking: log, events, window, time, random,
//! stylesheet, clipboard, store, yield.
//!
//! Each returns `Result<_, abi::Error>`. A negative result the ABI does not name (a newer
//! kernel, a bug) becomes [`Error::NotSupported`] rather than a panic. Arguments the kernel
//! would refuse anyway (a `present` whose pixels do not cover the image) are refused here
//! first, with the same error, so a mistake shows up in the app's own code path.

use crate::port;
use crate::Result;
use abi::{limits, Error, Event};
use gfx::{Bitmap, Rect};
use std::string::String;
use std::vec::Vec;

/// Events read per `events` call; a busy frame takes several calls.
const EVENT_BATCH: usize = 64;
/// At most this many batches per frame, so a flood of input cannot stall a frame.
const MAX_EVENT_BATCHES: usize = 16;
/// Largest machine setting the SDK will fetch.
const MAX_CONFIG: usize = 1024 * 1024;
/// Largest stylesheet the SDK will fetch.
const MAX_STYLESHEET: usize = 64 * 1024;

/// Decodes a call's result: `>= 0` is a value, negative is an [`Error`].
pub fn check(result: i32) -> Result<u32> {
    if result >= 0 {
        Ok(result as u32)
    } else {
        Err(error_from(result))
    }
}

/// The error a negative result names; unknown codes become [`Error::NotSupported`].
fn error_from(code: i32) -> Error {
    // `Error::from_code` negates its argument, which overflows for i32::MIN.
    if code == i32::MIN {
        return Error::NotSupported;
    }
    Error::from_code(code).unwrap_or(Error::NotSupported)
}

/// Decodes a 64-bit result (`window_size`, the clocks).
fn check64(result: i64) -> Result<u64> {
    if result >= 0 {
        Ok(result as u64)
    } else {
        Err(error_from(i32::try_from(result).unwrap_or(i32::MIN)))
    }
}

/// Appends `line` to the app's log (the kernel replaces invalid UTF-8 and cuts long lines).
pub fn log(line: &str) -> Result<()> {
    log_bytes(line.as_bytes())
}

/// Appends raw bytes as one log line.
pub fn log_bytes(line: &[u8]) -> Result<()> {
    check(port::log(line)).map(drop)
}

/// All events that arrived since the last call, oldest first.
pub fn events() -> Result<Vec<Event>> {
    let mut out = Vec::new();
    let mut buf = [0u8; EVENT_BATCH * Event::SIZE];
    for _ in 0..MAX_EVENT_BATCHES {
        let n = (check(port::events(&mut buf, EVENT_BATCH))? as usize).min(EVENT_BATCH);
        for chunk in buf.chunks_exact(Event::SIZE).take(n) {
            let mut bytes = [0u8; Event::SIZE];
            bytes.copy_from_slice(chunk);
            out.push(Event::from_bytes(&bytes));
        }
        if n < EVENT_BATCH {
            break;
        }
    }
    Ok(out)
}

/// The window's content size in pixels; (0, 0) when the app has no window.
pub fn window_size() -> Result<(u32, u32)> {
    let packed = check64(port::window_size())?;
    Ok(((packed >> 32) as u32, packed as u32))
}

/// Shows `width` x `height` pixels (rows of `width`, 0xAARRGGBB); only `damage` has to have
/// changed since the last present. An empty damage (after clipping to the image) presents
/// nothing and succeeds.
pub fn present(pixels: &[u32], width: u32, height: u32, damage: Rect) -> Result<()> {
    let side = limits::MAX_SURFACE_SIDE;
    if width == 0 || height == 0 || width > side || height > side {
        return Err(Error::InvalidArgument);
    }
    if pixels.len() < width as usize * height as usize {
        return Err(Error::InvalidArgument);
    }
    let damage = damage.intersect(&Rect::new(0, 0, width as i32, height as i32));
    if damage.is_empty() {
        return Ok(());
    }
    check(port::present(pixels, width, height, damage)).map(drop)
}

/// Presents a whole bitmap, of which `damage` changed.
pub fn present_bitmap(bitmap: &Bitmap, damage: Rect) -> Result<()> {
    present(&bitmap.pixels, bitmap.width, bitmap.height, damage)
}

/// Sets the window's title.
pub fn set_title(title: &str) -> Result<()> {
    check(port::set_title(title.as_bytes())).map(drop)
}

/// Microseconds since boot.
pub fn monotonic_us() -> Result<u64> {
    check64(port::time_monotonic())
}

/// Microseconds since the Unix epoch, UTC.
pub fn wall_us() -> Result<u64> {
    check64(port::time_wall())
}

/// Fills `buf` with random bytes.
pub fn random_bytes(buf: &mut [u8]) -> Result<()> {
    check(port::random(buf)).map(drop)
}

/// A random 64-bit number.
pub fn random_u64() -> Result<u64> {
    let mut bytes = [0u8; 8];
    random_bytes(&mut bytes)?;
    Ok(u64::from_le_bytes(bytes))
}

/// Fetches bytes the kernel copies with the "returns the full length" rule: asks the size,
/// copies, and starts over (a few times) if the value grew in between.
fn fetch_bytes(call: impl Fn(&mut [u8]) -> i32, max: usize) -> Result<Vec<u8>> {
    let mut size = check(call(&mut []))? as usize;
    for _ in 0..4 {
        if size > max {
            return Err(Error::Limit);
        }
        let mut buf = vec![0u8; size];
        let full = check(call(&mut buf))? as usize;
        if full <= size {
            buf.truncate(full);
            return Ok(buf);
        }
        size = full;
    }
    Err(Error::WouldBlock)
}

/// Like [`fetch_bytes`], as text (invalid UTF-8 is replaced).
fn fetch_text(call: fn(&mut [u8]) -> i32, max: usize) -> Result<String> {
    let buf = fetch_bytes(call, max)?;
    // Valid UTF-8 (the usual case) is taken as it is, without a second pass.
    Ok(String::from_utf8(buf)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}

/// The shared stylesheet as text (one `name = value` per line); see [`crate::style`].
pub fn stylesheet_text() -> Result<String> {
    fetch_text(port::stylesheet, MAX_STYLESHEET)
}

/// The clipboard's text (invalid UTF-8 is replaced).
pub fn clipboard_get() -> Result<String> {
    fetch_text(port::clipboard_get, limits::MAX_CLIPBOARD)
}

/// Replaces the clipboard.
pub fn clipboard_set(text: &str) -> Result<()> {
    if text.len() > limits::MAX_CLIPBOARD {
        return Err(Error::Limit);
    }
    check(port::clipboard_set(text.as_bytes())).map(drop)
}

/// Keeps `value` under `key` for the rest of the session: it survives the app being closed
/// and opened again (not a reboot). An empty value deletes the key. All keys of an app
/// together hold at most `limits::MAX_STORE` bytes ([`Error::Limit`] beyond).
pub fn store_set(key: &str, value: &[u8]) -> Result<()> {
    if key.len() > limits::MAX_STORE_KEY {
        return Err(Error::InvalidArgument);
    }
    check(port::store_set(key.as_bytes(), value)).map(drop)
}

/// The bytes kept under `key`; [`Error::NotFound`] when there are none.
pub fn store_get(key: &str) -> Result<Vec<u8>> {
    if key.len() > limits::MAX_STORE_KEY {
        return Err(Error::InvalidArgument);
    }
    fetch_bytes(
        |buf| port::store_get(key.as_bytes(), buf),
        limits::MAX_STORE,
    )
}

/// A machine setting (see `abi::CONFIG_NAMES`): e.g. `opt/os/ca`, an extra trusted
/// certificate authority; [`Error::NotFound`] when the machine was started without it.
pub fn config_get(name: &str) -> Result<Vec<u8>> {
    fetch_bytes(|buf| port::config_get(name.as_bytes(), buf), MAX_CONFIG)
}

/// Ends this frame's step; returns when the kernel resumes the app on the next frame.
pub fn yield_now() -> Result<()> {
    check(port::sys_yield()).map(drop)
}
