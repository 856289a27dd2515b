//! When an office attends: which days are open, which slots they have, and which of those a
//! citizen may book now.

use crate::calendar::{ClosureReason, OfficeCalendar};
use crate::catalog::{BookingRules, Catalog, Office};
use crate::holidays::{Holiday, holiday_on};
use crate::lang::{Lang, Localized};
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
    Holiday(Holiday),
    Closure(ClosureReason),
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
/// ending by the closing time, less those the calendar's closures remove. A day whose every
/// slot is removed is closed, for the first closure's reason.
pub fn day_plan(catalog: &Catalog, office: &Office, calendar: &OfficeCalendar, date: NaiveDate) -> DayPlan {
    if is_weekend(date) {
        return DayPlan::Closed(ClosedReason::Weekend);
    }
    if let Some(holiday) = holiday_on(date) {
        return DayPlan::Closed(ClosedReason::Holiday(holiday));
    }
    if let Some(closure) = calendar.closure_of_day(&office.id, date) {
        return DayPlan::Closed(ClosedReason::Closure(closure.reason.clone()));
    }
    let every = grid(catalog, office, date);
    let open: Vec<Slot> =
        every.iter().filter(|s| calendar.closure_of_slot(&office.id, s).is_none()).copied().collect();
    match every.first().and_then(|first| calendar.closure_of_slot(&office.id, first)) {
        Some(closure) if open.is_empty() => DayPlan::Closed(ClosedReason::Closure(closure.reason.clone())),
        _ => DayPlan::Open(open),
    }
}

/// Every slot of a working day at `office`, closures aside.
fn grid(catalog: &Catalog, office: &Office, date: NaiveDate) -> Vec<Slot> {
    let length = Duration::minutes(i64::from(office.slot_minutes));
    let closes = at_bogota(date.and_time(catalog.hours.closes));
    let mut start = at_bogota(date.and_time(catalog.hours.opens));
    let mut slots = Vec::new();
    while start + length <= closes {
        slots.push(Slot { start, end: start + length });
        start += length;
    }
    slots
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
    Holiday(Holiday),
    /// Closed by an administrator at that time.
    Closure(ClosureReason),
    /// Too soon, past, or beyond the booking horizon.
    OutsideWindow,
}

impl Localized for SlotError {
    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (SlotError::NotASlot, Lang::Es) => "Esa hora no corresponde a un turno de la oficina.".into(),
            (SlotError::NotASlot, Lang::En) => "That time is not one of the office's appointment times.".into(),
            (SlotError::OutsideHours, Lang::Es) => {
                "La atención presencial es de lunes a viernes, de 8:00\u{a0}a.\u{a0}m. a 4:00\u{a0}p.\u{a0}m.".into()
            }
            (SlotError::OutsideHours, Lang::En) => {
                "In-person attention is Monday to Friday, from 8:00 AM to 4:00 PM.".into()
            }
            (SlotError::Holiday(h), Lang::Es) => format!("Ese día es festivo ({}): no hay atención.", h.name),
            (SlotError::Holiday(h), Lang::En) => {
                format!("That day is a public holiday ({}): the office is closed.", h.name_en)
            }
            (SlotError::Closure(reason), Lang::Es) => {
                format!("La oficina no atiende a esa hora: {}.", reason.in_lang(Lang::Es))
            }
            (SlotError::Closure(reason), Lang::En) => {
                format!("The office is closed at that time: {}.", reason.in_lang(Lang::En))
            }
            (SlotError::OutsideWindow, Lang::Es) => "Esa hora ya no se puede reservar: las citas se piden con anticipación y dentro de las fechas disponibles.".into(),
            (SlotError::OutsideWindow, Lang::En) => "That time can no longer be booked: appointments are booked in advance and within the available dates.".into(),
        }
    }
}

impl fmt::Display for SlotError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::Es))
    }
}

impl std::error::Error for SlotError {}

/// The slot starting at `start` at `office`, if a citizen may book it at `now`.
pub fn bookable_slot(
    catalog: &Catalog,
    office: &Office,
    calendar: &OfficeCalendar,
    start: DateTime<FixedOffset>,
    now: DateTime<FixedOffset>,
) -> Result<Slot, SlotError> {
    let slot = slot_at(catalog, office, calendar, start)?;
    if !BookingWindow::at(now, &catalog.booking).contains(slot.start) {
        return Err(SlotError::OutsideWindow);
    }
    Ok(slot)
}

/// The slot starting at `start` at `office`, whatever the clock says (a seat held while it
/// was bookable stays the citizen's even if the minimum notice passes meanwhile). A slot that a
/// closure removes is refused with its reason, wherever on the grid it falls.
pub fn slot_at(
    catalog: &Catalog,
    office: &Office,
    calendar: &OfficeCalendar,
    start: DateTime<FixedOffset>,
) -> Result<Slot, SlotError> {
    let start = in_bogota(&start);
    let date = start.date_naive();
    if is_weekend(date) {
        return Err(SlotError::OutsideHours);
    }
    if let Some(holiday) = holiday_on(date) {
        return Err(SlotError::Holiday(holiday));
    }
    if let Some(closure) = calendar.closure_of_day(&office.id, date) {
        return Err(SlotError::Closure(closure.reason.clone()));
    }
    let slots = grid(catalog, office, date);
    if start.time() < catalog.hours.opens || slots.last().is_none_or(|last| start >= last.end) {
        return Err(SlotError::OutsideHours);
    }
    let slot =
        slots.into_iter().find(|s| s.start == start && start.nanosecond() == 0).ok_or(SlotError::NotASlot)?;
    match calendar.closure_of_slot(&office.id, &slot) {
        Some(closure) => Err(SlotError::Closure(closure.reason.clone())),
        None => Ok(slot),
    }
}
