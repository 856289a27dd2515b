//! When an office attends: which days are open, which slots they have, and which of those a
//! citizen may book now.

use crate::catalog::{BookingRules, Catalog, Office};
use crate::holidays::holiday_on;
use crate::time::{at_bogota, bogota_date, in_bogota};
use chrono::{DateTime, Datelike, Days, Duration, FixedOffset, NaiveDate, Timelike, Weekday};
use std::fmt;

/// One appointment time at one office.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    pub start: DateTime<FixedOffset>,
    pub end: DateTime<FixedOffset>,
}

/// Why an office does not attend on a day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClosedReason {
    Weekend,
    Holiday(&'static str),
    Closure(String),
}

/// What a day looks like at an office, before looking at bookings or the clock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DayPlan {
    Closed(ClosedReason),
    Open(Vec<Slot>),
}

/// The days a weekend falls on, for an office that attends Monday to Friday.
pub fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The slots of `office` on `date`: from the opening time, every `slot_minutes`, the last one
/// ending by the closing time.
pub fn day_plan(catalog: &Catalog, office: &Office, date: NaiveDate) -> DayPlan {
    if is_weekend(date) {
        return DayPlan::Closed(ClosedReason::Weekend);
    }
    if let Some(holiday) = holiday_on(date) {
        return DayPlan::Closed(ClosedReason::Holiday(holiday.name));
    }
    if let Some(closure) = catalog.closure(&office.id, date) {
        return DayPlan::Closed(ClosedReason::Closure(closure.reason.clone()));
    }
    let length = Duration::minutes(i64::from(office.slot_minutes));
    let closes = at_bogota(date.and_time(catalog.hours.closes));
    let mut start = at_bogota(date.and_time(catalog.hours.opens));
    let mut slots = Vec::new();
    while start + length <= closes {
        slots.push(Slot { start, end: start + length });
        start += length;
    }
    DayPlan::Open(slots)
}

/// The span of time in which a citizen may book, as of one instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BookingWindow {
    /// Slots starting before this are too soon (or past).
    pub earliest: DateTime<FixedOffset>,
    /// The last date that can be booked.
    pub last_date: NaiveDate,
}

impl BookingWindow {
    pub fn at(now: DateTime<FixedOffset>, rules: &BookingRules) -> BookingWindow {
        let earliest = in_bogota(&now) + Duration::minutes(i64::from(rules.min_notice_minutes));
        let last_date = bogota_date(&now) + Days::new(u64::from(rules.horizon_days));
        BookingWindow { earliest, last_date }
    }

    pub fn first_date(&self) -> NaiveDate {
        bogota_date(&self.earliest)
    }

    pub fn contains(&self, start: DateTime<FixedOffset>) -> bool {
        start >= self.earliest && bogota_date(&start) <= self.last_date
    }
}

/// Why a requested start time cannot be booked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SlotError {
    /// Not on the office's slot grid (e.g. 8:10 with 30-minute slots), or seconds given.
    NotASlot,
    /// Saturday, Sunday, or outside the opening hours.
    OutsideHours,
    Holiday(&'static str),
    Closure(String),
    /// Too soon, past, or beyond the booking horizon.
    OutsideWindow,
}

impl fmt::Display for SlotError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SlotError::NotASlot => f.write_str("Esa hora no corresponde a un turno de la oficina."),
            SlotError::OutsideHours => f.write_str(
                "La atención presencial es de lunes a viernes, de 8:00 a. m. a 4:00 p. m.",
            ),
            SlotError::Holiday(name) => write!(f, "Ese día es festivo ({name}): no hay atención."),
            SlotError::Closure(reason) => write!(f, "Ese día la oficina no atiende: {reason}."),
            SlotError::OutsideWindow => f.write_str(
                "Esa hora ya no se puede reservar: las citas se piden con anticipación y dentro de las fechas disponibles.",
            ),
        }
    }
}

impl std::error::Error for SlotError {}

/// The slot starting at `start` at `office`, if a citizen may book it at `now`.
pub fn bookable_slot(
    catalog: &Catalog,
    office: &Office,
    start: DateTime<FixedOffset>,
    now: DateTime<FixedOffset>,
) -> Result<Slot, SlotError> {
    let slot = slot_at(catalog, office, start)?;
    if !BookingWindow::at(now, &catalog.booking).contains(slot.start) {
        return Err(SlotError::OutsideWindow);
    }
    Ok(slot)
}

/// The slot starting at `start` at `office`, whatever the clock says (a seat held while it
/// was bookable stays the citizen's even if the minimum notice passes meanwhile).
pub fn slot_at(catalog: &Catalog, office: &Office, start: DateTime<FixedOffset>) -> Result<Slot, SlotError> {
    let start = in_bogota(&start);
    let slots = match day_plan(catalog, office, start.date_naive()) {
        DayPlan::Closed(ClosedReason::Weekend) => return Err(SlotError::OutsideHours),
        DayPlan::Closed(ClosedReason::Holiday(name)) => return Err(SlotError::Holiday(name)),
        DayPlan::Closed(ClosedReason::Closure(reason)) => return Err(SlotError::Closure(reason)),
        DayPlan::Open(slots) => slots,
    };
    if start.time() < catalog.hours.opens || slots.last().is_none_or(|last| start >= last.end) {
        return Err(SlotError::OutsideHours);
    }
    slots.into_iter().find(|s| s.start == start && start.nanosecond() == 0).ok_or(SlotError::NotASlot)
}
