//! Time: a monotonic clock from the TSC and the wall clock from the UEFI real-time clock.
//!
//! There are no timer interrupts, so time is read, never waited for. The time-stamp counter
//! ticks at a constant rate; its rate is measured once at boot against the firmware's
//! `Stall()` (UEFI §7.5.2), which OVMF implements with the ACPI PM timer. A few milliseconds
//! of measurement is enough: that replaces the usual wait for a real-time-clock second edge,
//! which costs up to a whole second of boot.
//!
//! The wall clock is read once through the runtime service `GetTime()` (UEFI §8.3.1, callable
//! after ExitBootServices) and advanced with the monotonic clock; `time` on the console reads
//! the real-time clock again.

use crate::arch::rdtsc;

/// The monotonic clock: microseconds since boot, from the TSC.
#[derive(Clone, Copy)]
pub struct Clock {
    start_tsc: u64,
    ticks_per_us: u64,
}

impl Clock {
    /// Builds a clock from a measurement: `ticks` TSC ticks passed during `micros` µs.
    pub fn from_measurement(start_tsc: u64, ticks: u64, micros: u64) -> Clock {
        Clock {
            start_tsc,
            ticks_per_us: (ticks / micros.max(1)).max(1),
        }
    }

    /// Microseconds since the clock started.
    pub fn now_us(&self) -> u64 {
        rdtsc().saturating_sub(self.start_tsc) / self.ticks_per_us
    }

    /// Milliseconds since the clock started.
    pub fn now_ms(&self) -> u64 {
        self.now_us() / 1000
    }

    /// The measured TSC rate in MHz.
    pub fn tsc_mhz(&self) -> u64 {
        self.ticks_per_us
    }
}

/// A calendar date and time (UTC).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateTime {
    pub year: u32,
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
}

/// Days since 1970-01-01 of a proleptic Gregorian date (the classic era-based conversion).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let month_index = (month + 9) % 12; // March = 0
    let day_of_year = (153 * month_index + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

impl DateTime {
    /// Seconds since the Unix epoch.
    pub fn to_unix(self) -> i64 {
        days_from_civil(self.year as i64, self.month as i64, self.day as i64) * 86_400
            + (self.hour * 3600 + self.minute * 60 + self.second) as i64
    }

    /// The date and time of a Unix timestamp (seconds).
    pub fn from_unix(seconds: i64) -> DateTime {
        let days = seconds.div_euclid(86_400);
        let rest = seconds.rem_euclid(86_400) as u32;
        // Inverse of `days_from_civil`.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let day_of_era = z - era * 146_097;
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let month_index = (5 * day_of_year + 2) / 153;
        let day = day_of_year - (153 * month_index + 2) / 5 + 1;
        let month = if month_index < 10 {
            month_index + 3
        } else {
            month_index - 9
        };
        let year = year_of_era + era * 400 + if month <= 2 { 1 } else { 0 };
        DateTime {
            year: year as u32,
            month: month as u32,
            day: day as u32,
            hour: rest / 3600,
            minute: rest / 60 % 60,
            second: rest % 60,
        }
    }
}

/// The wall clock: the real-time clock's reading at boot, advanced by the monotonic clock.
#[derive(Clone, Copy)]
pub struct WallClock {
    unix_at_start: i64,
}

impl WallClock {
    /// A wall clock that read `at_start` when the monotonic clock read zero.
    pub fn new(at_start: DateTime) -> WallClock {
        WallClock {
            unix_at_start: at_start.to_unix(),
        }
    }

    /// Unix time in microseconds now.
    pub fn unix_us_now(&self, clock: &Clock) -> i64 {
        self.unix_at_start * 1_000_000 + clock.now_us() as i64
    }

    /// Unix seconds now.
    pub fn unix_now(&self, clock: &Clock) -> i64 {
        self.unix_at_start + (clock.now_us() / 1_000_000) as i64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unix_round_trip() {
        let t = DateTime {
            year: 2026,
            month: 11,
            day: 24,
            hour: 21,
            minute: 12,
            second: 23,
        };
        assert_eq!(t.to_unix(), 1_795_554_743);
        assert_eq!(DateTime::from_unix(t.to_unix()), t);
        let epoch = DateTime {
            year: 1970,
            month: 1,
            day: 1,
            hour: 0,
            minute: 0,
            second: 0,
        };
        assert_eq!(epoch.to_unix(), 0);
        let leap = DateTime {
            year: 2024,
            month: 2,
            day: 29,
            hour: 23,
            minute: 59,
            second: 59,
        };
        assert_eq!(DateTime::from_unix(leap.to_unix()), leap);
    }
}
