//! Civil time in Colombia.
//!
//! Colombia has used UTC−5 all year since 1993 (no daylight saving), so a fixed offset is
//! exact and spares the client a time-zone database.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Timelike};

const BOGOTA_OFFSET_SECONDS: i32 = -5 * 3600;

/// America/Bogota as a fixed offset.
pub fn bogota() -> FixedOffset {
    FixedOffset::east_opt(BOGOTA_OFFSET_SECONDS).expect("−05:00 is a valid offset")
}

/// A wall-clock time in Bogotá as an instant.
pub fn at_bogota(local: NaiveDateTime) -> DateTime<FixedOffset> {
    bogota()
        .from_local_datetime(&local)
        .single()
        .expect("a fixed offset maps every local time to exactly one instant")
}

/// Any instant, seen on a Bogotá clock.
pub fn in_bogota<Tz: TimeZone>(instant: &DateTime<Tz>) -> DateTime<FixedOffset> {
    instant.with_timezone(&bogota())
}

/// The calendar date in Bogotá at this instant.
pub fn bogota_date<Tz: TimeZone>(instant: &DateTime<Tz>) -> NaiveDate {
    in_bogota(instant).date_naive()
}

// "08:30" is written and read by hand rather than with chrono's `format`/`parse_from_str`:
// those pull chrono's whole strftime engine into the citizen's download.

/// A time of day as "HH:MM", the form used in URLs, the API and configuration files.
pub fn clock(time: NaiveTime) -> String {
    format!("{:02}:{:02}", time.hour(), time.minute())
}

/// Reads "HH:MM" (or "H:MM"); anything else is `None`.
pub fn parse_clock(text: &str) -> Option<NaiveTime> {
    let (hour, minute) = text.split_once(':')?;
    let digits = |s: &str, max_len: usize| {
        (!s.is_empty() && s.len() <= max_len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())?
    };
    if minute.len() != 2 {
        return None;
    }
    NaiveTime::from_hms_opt(digits(hour, 2)?, digits(minute, 2)?, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_times_round_trip() {
        let t = NaiveTime::from_hms_opt(8, 5, 0).unwrap();
        assert_eq!(clock(t), "08:05");
        assert_eq!(parse_clock("08:05"), Some(t));
        assert_eq!(parse_clock("8:05"), Some(t));
        assert_eq!(parse_clock("15:30"), NaiveTime::from_hms_opt(15, 30, 0));
    }

    #[test]
    fn malformed_clock_times_are_refused() {
        for bad in ["", "8", "08:5", "08:005", "24:00", "12:60", "+8:00", "08-00", "008:00", " 8:00", "ab:cd"]
        {
            assert_eq!(parse_clock(bad), None, "{bad:?}");
        }
    }
}
