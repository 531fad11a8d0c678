//! An app's log stream: the lines it wrote (through `sys.log` or WASI stdout/stderr) and what
//! the kernel said about it (started, stopped and why).
//!
//! The log keeps the last [`KEEP_LINES`] lines and forwards each to the serial log as
//! `app NAME: text`. A flood is rate-limited: past `abi::limits::LOG_BYTES_PER_SECOND` in one
//! second, lines are dropped and counted, and one line says how many were lost.

use abi::limits::{LOG_BYTES_PER_SECOND, MAX_LOG_LINE};
use alloc::collections::VecDeque;
use alloc::string::String;

/// Lines kept per app.
pub const KEEP_LINES: usize = 500;
/// Lines per app per second copied to the serial log (all are kept in the app's log).
pub const SERIAL_LINES_PER_SECOND: u32 = 40;

/// One app's log.
pub struct AppLog {
    pub lines: VecDeque<String>,
    /// Bytes written in the current second, and which second that is.
    window_bytes: usize,
    window_second: u64,
    /// Lines dropped by the rate limit in the current second.
    pub dropped: u64,
    /// Every line ever dropped.
    pub dropped_total: u64,
    /// Text after the last newline of stdout-style writes.
    partial: String,
    /// Lines that still have to go to the serial log.
    pub pending_serial: VecDeque<String>,
    /// Serial lines still allowed this second.
    serial_budget: u32,
}

impl Default for AppLog {
    fn default() -> Self {
        AppLog {
            lines: VecDeque::new(),
            window_bytes: 0,
            window_second: 0,
            dropped: 0,
            dropped_total: 0,
            partial: String::new(),
            pending_serial: VecDeque::new(),
            serial_budget: SERIAL_LINES_PER_SECOND,
        }
    }
}

impl AppLog {
    /// Adds one line (cut to `MAX_LOG_LINE` bytes) written at `now_us`.
    pub fn push(&mut self, line: &str, now_us: u64) {
        let second = now_us / 1_000_000;
        if second != self.window_second {
            if self.dropped > 0 {
                let note = alloc::format!("(log rate limit: {} lines dropped)", self.dropped);
                self.store(note);
            }
            self.window_second = second;
            self.serial_budget = SERIAL_LINES_PER_SECOND;
            self.window_bytes = 0;
            self.dropped = 0;
        }
        if self.window_bytes + line.len() > LOG_BYTES_PER_SECOND {
            self.dropped += 1;
            self.dropped_total += 1;
            return;
        }
        self.window_bytes += line.len();
        let mut end = line.len().min(MAX_LOG_LINE);
        while !line.is_char_boundary(end) {
            end -= 1;
        }
        self.store(String::from(&line[..end]));
    }

    /// Adds stdout-style bytes: complete lines are logged, the rest waits for its newline.
    pub fn write(&mut self, bytes: &[u8], now_us: u64) {
        let text = String::from_utf8_lossy(bytes);
        self.partial.push_str(&text);
        while let Some(newline) = self.partial.find('\n') {
            let line: String = self.partial.drain(..=newline).collect();
            self.push(line.trim_end_matches(['\n', '\r']), now_us);
        }
        if self.partial.len() > MAX_LOG_LINE {
            let line = core::mem::take(&mut self.partial);
            self.push(&line, now_us);
        }
    }

    /// A line from the kernel about the app (never rate-limited).
    pub fn note(&mut self, line: String) {
        self.serial_budget = self.serial_budget.max(1);
        self.store(line);
    }

    fn store(&mut self, line: String) {
        if self.lines.len() == KEEP_LINES {
            self.lines.pop_front();
        }
        if self.serial_budget > 0 {
            self.serial_budget -= 1;
            self.pending_serial.push_back(line.clone());
        }
        self.lines.push_back(line);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floods_are_limited_and_reported() {
        let mut log = AppLog::default();
        let line = "x".repeat(1000);
        for _ in 0..200 {
            log.push(&line, 5_000_000);
        }
        assert_eq!(log.lines.len(), LOG_BYTES_PER_SECOND / 1000);
        assert_eq!(log.dropped, 200 - 65);
        log.push("next second", 6_000_000);
        assert!(log.lines.iter().any(|l| l.contains("135 lines dropped")));
        assert_eq!(log.lines.back().unwrap(), "next second");
    }

    #[test]
    fn stdout_bytes_become_lines() {
        let mut log = AppLog::default();
        log.write(b"hello ", 0);
        log.write(b"world\nsecond\xff line\npartial", 0);
        let lines: Vec<&String> = log.lines.iter().collect();
        assert_eq!(lines, ["hello world", "second\u{fffd} line"]);
        assert_eq!(log.lines.len(), 2);
    }
}
