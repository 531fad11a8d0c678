//! The chronometer: a stopwatch measured on the monotonic clock.
//!
//! It keeps the time banked by earlier runs plus, while running, the moment the current run
//! started; elapsed time is their sum, so starting and stopping many times loses nothing to
//! rounding. The wall clock is never used here: it may jump (an NTP step, a user setting it),
//! the monotonic clock does not.

/// A start/stop/reset stopwatch.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stopwatch {
    banked_us: u64,
    running_since: Option<u64>,
}

impl Stopwatch {
    pub fn is_running(&self) -> bool {
        self.running_since.is_some()
    }

    /// Microseconds measured at monotonic time `now_us`.
    pub fn elapsed(&self, now_us: u64) -> u64 {
        let current = self
            .running_since
            .map_or(0, |since| now_us.saturating_sub(since));
        self.banked_us.saturating_add(current)
    }

    pub fn start(&mut self, now_us: u64) {
        if self.running_since.is_none() {
            self.running_since = Some(now_us);
        }
    }

    pub fn stop(&mut self, now_us: u64) {
        self.banked_us = self.elapsed(now_us);
        self.running_since = None;
    }

    /// Starts when stopped, stops when running.
    pub fn toggle(&mut self, now_us: u64) {
        if self.is_running() {
            self.stop(now_us);
        } else {
            self.start(now_us);
        }
    }

    /// Back to zero; a running stopwatch keeps running from zero.
    pub fn reset(&mut self, now_us: u64) {
        self.banked_us = 0;
        if self.running_since.is_some() {
            self.running_since = Some(now_us);
        }
    }
}

/// "mm:ss.cs" (minutes grow past 99 rather than wrap).
pub fn format(elapsed_us: u64) -> String {
    let centis = elapsed_us / 10_000;
    let (minutes, seconds, centis) = (centis / 6000, centis / 100 % 60, centis % 100);
    format!("{minutes:02}:{seconds:02}.{centis:02}")
}
