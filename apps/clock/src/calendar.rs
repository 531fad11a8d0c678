//! From a count of microseconds since the Unix epoch to a calendar date and a time of day,
//! in UTC (the kernel's wall clock is UTC and the OS has no time zones).
//!
//! The date part counts days in the proleptic Gregorian calendar. Shifting the year to
//! start on 1 March puts the leap day at the very end, so every month before it has a fixed
//! length and the days of a 400-year era (146 097 days, exactly 20 871 weeks) split into
//! years with a few integer divisions: the well-known "days from civil" inversion described
//! by Howard Hinnant in *chrono-Compatible Low-Level Date Algorithms*.

/// A moment in UTC.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateTime {
    pub year: i64,
    /// 1..=12
    pub month: u32,
    /// 1..=31
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
    pub microsecond: u32,
    /// 0 is Monday, 6 is Sunday.
    pub weekday: u32,
}

pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

pub const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

const DAYS_PER_ERA: i64 = 146_097;
const SECONDS_PER_DAY: i64 = 86_400;

/// The civil date of day `days` after 1970-01-01: (year, month, day).
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    // Count from 0000-03-01, the start of an era in the shifted calendar.
    let z = days + 719_468;
    let era = z.div_euclid(DAYS_PER_ERA);
    let day_of_era = z.rem_euclid(DAYS_PER_ERA); // 0..=146096
                                                 // Years of the era: 365 days each, plus a leap day every 4 years, except every 100,
                                                 // except every 400 (the last day of the era).
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    // Months from March: 153 days per 5 months (31 30 31 30 31).
    let shifted_month = (5 * day_of_year + 2) / 153; // 0 = March .. 11 = February
    let day = (day_of_year - (153 * shifted_month + 2) / 5 + 1) as u32;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

impl DateTime {
    /// The UTC date and time `micros` microseconds after the epoch.
    pub fn from_unix_micros(micros: u64) -> DateTime {
        let seconds = (micros / 1_000_000) as i64;
        let days = seconds.div_euclid(SECONDS_PER_DAY);
        let of_day = seconds.rem_euclid(SECONDS_PER_DAY) as u32;
        let (year, month, day) = civil_from_days(days);
        DateTime {
            year,
            month,
            day,
            hour: of_day / 3600,
            minute: of_day / 60 % 60,
            second: of_day % 60,
            microsecond: (micros % 1_000_000) as u32,
            // 1970-01-01 was a Thursday (3).
            weekday: (days + 3).rem_euclid(7) as u32,
        }
    }

    /// "13:05:09"
    pub fn time_text(&self) -> String {
        format!("{:02}:{:02}:{:02}", self.hour, self.minute, self.second)
    }

    /// "Thursday 29 February 2024"
    pub fn date_text(&self) -> String {
        let weekday = WEEKDAYS.get(self.weekday as usize).unwrap_or(&"");
        let month = (self.month as usize)
            .checked_sub(1)
            .and_then(|m| MONTHS.get(m));
        let month = month.unwrap_or(&"");
        format!("{weekday} {} {month} {}", self.day, self.year)
    }
}
