//! hostile-logflood: logs as fast as it can, yielding every 1000 lines.
//!
//! The kernel must rate-limit it (`abi::limits::LOG_BYTES_PER_SECOND`) and count what it
//! dropped. Every 60 frames the app logs how many lines it sent and how many calls failed,
//! which a rate-limited log may itself drop.

use hostile::say;

const LINES_PER_FRAME: u64 = 1000;

fn main() {
    say("hostile-logflood: flooding the log");
    let mut sent: u64 = 0;
    let mut refused: u64 = 0;
    let mut frames: u64 = 0;
    let mut line = String::with_capacity(64);
    loop {
        for _ in 0..LINES_PER_FRAME {
            use std::fmt::Write;
            line.clear();
            let _ = write!(line, "hostile-logflood: line {sent}");
            if sdk::log(&line).is_err() {
                refused += 1;
            }
            sent += 1;
        }
        frames += 1;
        if frames.is_multiple_of(60) {
            say(&format!(
                "hostile-logflood: {sent} lines sent, {refused} refused, {frames} frames"
            ));
        }
        let _ = sdk::yield_now();
    }
}
