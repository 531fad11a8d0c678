//! `hostile`: apps that misbehave on purpose, to show the kernel survives them.
//!
//! Each binary does one bad thing, logging before and after through `sys.log`, so the
//! system test that starts it can read the kernel's log of the app and check both sides:
//! the app was refused (an error code, a trap, a pause) and the desktop kept running.
//!
//! | binary | what it does | what the kernel should do |
//! |---|---|---|
//! | `hostile-pointers` | every call with buffers outside memory, straddling its end, wrapping past 4 GiB, negative | answer `BadPointer`/`InvalidArgument`, touch nothing |
//! | `hostile-memory` | grows its memory until refused | stop it at the store's limit |
//! | `hostile-loop` | spins without ever yielding | pause it when its fuel slice runs out, every frame |
//! | `hostile-recursion` | recurses without end | trap (stack overflow), stop the app, keep the reason |
//! | `hostile-unreachable` | executes `unreachable` | trap, stop the app, keep the reason |
//! | `hostile-logflood` | logs as fast as it can | rate-limit the log, count the dropped lines |
//! | `hostile-sockets` | opens sockets and queries until refused | answer `Limit` at `MAX_HANDLES`, free them again |
//! | `hostile-names` | invalid UTF-8 as log text, title, host name, clipboard | replace or refuse, never panic |
//!
//! On the host the binaries build (so the workspace builds and lints everywhere) but the
//! system calls are stand-ins: running them there proves nothing.

use sdk::abi::Error;

/// The log line for a call's result: the number, and the error's meaning when negative.
pub fn describe(result: i64) -> String {
    if result >= 0 {
        return format!("{result} (ok)");
    }
    let error = i32::try_from(result)
        .ok()
        .filter(|&code| code != i32::MIN)
        .and_then(Error::from_code);
    match error {
        Some(e) => format!("{result} ({})", e.message()),
        None => format!("{result} (unknown error)"),
    }
}

/// Logs `line`; failures are ignored (the log may be rate-limited, which is the point).
pub fn say(line: &str) {
    let _ = sdk::log(line);
}

/// Yields for ever: the app stays alive doing nothing, so a test can see it was not
/// stopped.
pub fn yield_forever() -> ! {
    loop {
        let _ = sdk::yield_now();
    }
}

/// The size of this app's linear memory in bytes (0 on the host).
pub fn memory_bytes() -> u64 {
    #[cfg(target_arch = "wasm32")]
    {
        core::arch::wasm32::memory_size(0) as u64 * PAGE
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        0
    }
}

/// Bytes per WebAssembly page.
pub const PAGE: u64 = 65_536;

/// One hostile `(ptr, len)` pair and why it is hostile.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BadBuffer {
    pub what: &'static str,
    pub ptr: i32,
    pub len: i32,
}

/// The hostile buffers for a memory of `end` bytes; each must be refused as a whole.
pub fn bad_buffers(end: u64) -> Vec<BadBuffer> {
    let at = |offset: i64| (end as i64 + offset) as u32 as i32;
    let b = |what, ptr, len| BadBuffer { what, ptr, len };
    vec![
        b("starts at the end of memory", at(0), 1),
        b("straddles the end of memory", at(-8), 16),
        b("one byte too long", at(-16), 17),
        b("starts far past the end", 0x7fff_fff0, 16),
        b("ptr + len wraps past 4 GiB", -16, 32),
        b("negative ptr", -1, 1),
        b("negative len", 16, -1),
        b("len i32::MIN", 0, i32::MIN),
        b("len i32::MAX", 0, i32::MAX),
        b("len from the last byte wraps", at(-1), i32::MAX),
        b("empty, past the end", at(PAGE as i64), 0),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_read_well() {
        assert_eq!(describe(5), "5 (ok)");
        assert_eq!(describe(-2), "-2 (buffer outside the app's memory)");
        assert_eq!(describe(-77), "-77 (unknown error)");
        assert_eq!(describe(i32::MIN as i64), "-2147483648 (unknown error)");
        assert_eq!(describe(i64::MIN), format!("{} (unknown error)", i64::MIN));
    }

    #[test]
    fn every_bad_buffer_leaves_memory_or_is_negative() {
        let end = 17 * PAGE;
        for b in bad_buffers(end) {
            let (ptr, len) = (b.ptr as u32 as u64, b.len as u32 as u64);
            let outside = ptr + len > end || b.ptr < 0 || b.len < 0;
            assert!(outside || (len == 0 && ptr > end), "{b:?}");
        }
    }
}
