//! A civil calendar date (proleptic Gregorian, no time of day, no zone): the unit the region rules
//! are written in. Parsed from and written as `YYYY-MM-DD`.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A valid calendar date from 0000-01-01 to 9999-12-31. Ordered by year, then month, then day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Date {
    // Field order matters: the derived `Ord` compares year first.
    year: u16,
    month: u8,
    day: u8,
}

const MS_PER_DAY: u64 = 86_400_000;

impl Date {
    /// The latest representable date; [`Date::from_unix_ms`] saturates here.
    pub const MAX: Date = Date {
        year: 9999,
        month: 12,
        day: 31,
    };

    /// The date, if `year`-`month`-`day` exists (year 0 to 9999).
    pub const fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let valid = year <= 9999 && month >= 1 && month <= 12 && day >= 1;
        if valid && day <= days_in_month(year, month) {
            Some(Date { year, month, day })
        } else {
            None
        }
    }

    /// Parses exactly `YYYY-MM-DD` (ASCII digits, zero-padded); anything else is `None`.
    pub fn parse(text: &str) -> Option<Date> {
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        let number = |range: std::ops::Range<usize>| -> Option<u16> {
            bytes[range].iter().try_fold(0u16, |acc, &b| {
                b.is_ascii_digit().then(|| acc * 10 + u16::from(b - b'0'))
            })
        };
        let month = u8::try_from(number(5..7)?).ok()?;
        let day = u8::try_from(number(8..10)?).ok()?;
        Date::new(number(0..4)?, month, day)
    }

    /// The UTC date of a moment given in milliseconds since the Unix epoch (1970-01-01T00:00Z).
    /// Moments after 9999-12-31 give [`Date::MAX`].
    pub fn from_unix_ms(ms: u64) -> Date {
        // Howard Hinnant's `civil_from_days`, for days >= 0 (unsigned arithmetic throughout).
        let z = ms / MS_PER_DAY + 719_468;
        let era = z / 146_097;
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + u64::from(month <= 2);
        match (u16::try_from(year), u8::try_from(month), u8::try_from(day)) {
            (Ok(year), Ok(month), Ok(day)) => Date::new(year, month, day).unwrap_or(Date::MAX),
            _ => Date::MAX,
        }
    }

    /// The moment this date begins in UTC, in milliseconds since the Unix epoch (0 for dates
    /// before 1970): the inverse of [`Date::from_unix_ms`] at midnight.
    pub fn start_ms(self) -> u64 {
        // Howard Hinnant's `days_from_civil`, shifted so that every date counts from 0000-03-01.
        let (year, month) = (u64::from(self.year), u64::from(self.month));
        let year = if month <= 2 {
            year.wrapping_sub(1)
        } else {
            year
        };
        let Some(year) = year.checked_add(400) else {
            return 0; // 0000-01 and -02: before 1970 anyway
        };
        let era = year / 400;
        let yoe = year - era * 400;
        let mp = if month > 2 { month - 3 } else { month + 9 };
        let doy = (153 * mp + 2) / 5 + u64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        let days = (era * 146_097 + doe).saturating_sub(719_468 + 146_097);
        days * MS_PER_DAY
    }

    pub fn year(self) -> u16 {
        self.year
    }

    pub fn month(self) -> u8 {
        self.month
    }

    pub fn day(self) -> u8 {
        self.day
    }
}

const fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl std::str::FromStr for Date {
    type Err = String;

    fn from_str(text: &str) -> Result<Date, String> {
        Date::parse(text).ok_or_else(|| format!("not a YYYY-MM-DD date: {text:?}"))
    }
}

impl TryFrom<String> for Date {
    type Error = String;

    fn try_from(text: String) -> Result<Date, String> {
        text.parse()
    }
}

impl From<Date> for String {
    fn from(date: Date) -> String {
        date.to_string()
    }
}
