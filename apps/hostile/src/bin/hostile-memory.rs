//! hostile-memory: grows linear memory until the kernel refuses (or stops the app).
//!
//! It asks for one MiB (16 pages) at a time, writes a byte into each new page so the
//! memory is really used, logs every 16 MiB, and yields after each 16 MiB so the kernel's
//! statistics can follow. When a grow fails it logs the total and yields for ever: a kernel
//! with a store limit answers -1 to `memory.grow` without stopping the app.

use hostile::{say, yield_forever};

/// Pages per step (1 MiB).
#[cfg(target_arch = "wasm32")]
const STEP_PAGES: usize = 16;
/// Steps between yields and log lines (16 MiB).
const STEPS_PER_FRAME: u32 = 16;

#[cfg(target_arch = "wasm32")]
fn grow() -> Option<usize> {
    let first = core::arch::wasm32::memory_grow(0, STEP_PAGES);
    if first == usize::MAX {
        return None;
    }
    for page in first..first + STEP_PAGES {
        touch(page * 65_536);
    }
    Some(first)
}

/// Writes one byte at `address`, which lies in a page this program just grew.
#[cfg(target_arch = "wasm32")]
#[allow(unsafe_code)]
fn touch(address: usize) {
    // SAFETY: the page at `address` was just added by memory.grow; nothing else uses it.
    unsafe { core::ptr::write_volatile(address as *mut u8, 1) };
}

#[cfg(not(target_arch = "wasm32"))]
fn grow() -> Option<usize> {
    None
}

fn main() {
    say("hostile-memory: growing memory 1 MiB at a time");
    let mut mib: u64 = 0;
    loop {
        for _ in 0..STEPS_PER_FRAME {
            if grow().is_none() {
                say(&format!(
                    "hostile-memory: memory.grow refused after {mib} MiB more"
                ));
                yield_forever();
            }
            mib += 1;
        }
        say(&format!(
            "hostile-memory: grew {mib} MiB, memory is {} MiB",
            hostile::memory_bytes() >> 20
        ));
        let _ = sdk::yield_now();
    }
}
