//! Civil time in Colombia.
//!
//! Colombia has used UTC−5 all year since 1993 (no daylight saving), so a fixed offset is
//! exact and spares the client a time-zone database.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, TimeZone};

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
