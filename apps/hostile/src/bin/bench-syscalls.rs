//! Not hostile: measures what one system call costs. Each of five frames it makes 20 000
//! `time_monotonic` calls (the cheapest call: no arguments to check) and logs the time per
//! call, then idles. `make bench` reads the lines from the app's log.

use hostile::say;

const CALLS: u32 = 20_000;

fn main() {
    for _ in 0..5 {
        let start = sdk::monotonic_us().unwrap_or(0);
        let mut last = start;
        for _ in 0..CALLS {
            last = sdk::monotonic_us().unwrap_or(last);
        }
        let elapsed = last.saturating_sub(start).max(1);
        say(&format!(
            "bench-syscalls: {CALLS} calls in {elapsed} us, {} ns per call",
            elapsed * 1000 / CALLS as u64
        ));
        let _ = sdk::yield_now();
    }
    loop {
        let _ = sdk::yield_now();
    }
}
