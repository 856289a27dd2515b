//! Free seats per slot and the reason each closed day is closed: what the calendar draws.

use crate::api::{AvailabilityView, DayReason, DayView, SlotView};
use crate::calendar::{ClosureReason, OfficeCalendar};
use crate::catalog::{Catalog, Office};
use crate::geo::distance_km;
use crate::lang::{Lang, Localized};
use crate::schedule::{BookingWindow, ClosedReason, DayPlan, day_plan};
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};
use std::fmt;
use std::ops::RangeInclusive;

/// The longest range one availability request may cover.
pub const MAX_RANGE_DAYS: i64 = 62;

/// The years the calendar answers for. Far enough on either side for any appointment, and far
/// from the limits of the date arithmetic (a day after the last date chrono can represent
/// does not exist).
pub const CALENDAR_YEARS: RangeInclusive<i32> = 2000..=2199;

/// Whether the calendar answers for `date`.
pub fn in_calendar(date: NaiveDate) -> bool {
    CALENDAR_YEARS.contains(&date.year())
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RangeError {
    Reversed,
    TooLong,
}

impl Localized for RangeError {
    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (RangeError::Reversed, Lang::Es) => {
                "La fecha inicial debe ser anterior o igual a la final.".into()
            }
            (RangeError::Reversed, Lang::En) => "The start date must be on or before the end date.".into(),
            (RangeError::TooLong, Lang::Es) => {
                format!("Consulte como máximo {MAX_RANGE_DAYS} días a la vez.")
            }
            (RangeError::TooLong, Lang::En) => format!("Ask for {MAX_RANGE_DAYS} days at most at a time."),
        }
    }
}

impl fmt::Display for RangeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::Es))
    }
}

pub fn check_range(from: NaiveDate, to: NaiveDate) -> Result<(), RangeError> {
    if from > to {
        Err(RangeError::Reversed)
    } else if (to - from).num_days() + 1 > MAX_RANGE_DAYS {
        Err(RangeError::TooLong)
    } else {
        Ok(())
    }
}

/// One entry per date from `from` to `to`; slots only inside the booking window at `now`,
/// with the closures and desks of `calendar`. `taken(start)` says how many seats of the slot
/// starting then are already occupied.
pub fn availability(
    catalog: &Catalog,
    office: &Office,
    calendar: &OfficeCalendar,
    from: NaiveDate,
    to: NaiveDate,
    now: DateTime<FixedOffset>,
    taken: impl Fn(DateTime<FixedOffset>) -> u32,
) -> AvailabilityView {
    let window = BookingWindow::at(now, &catalog.booking);
    let days = from
        .iter_days()
        .take_while(|d| *d <= to)
        .map(|date| day_view(catalog, office, calendar, date, &window, &taken))
        .collect();
    AvailabilityView { office: office.id.clone(), from, to, as_of: now, days }
}

/// The first slot with a free seat in an availability view.
pub fn first_free(view: &AvailabilityView) -> Option<DateTime<FixedOffset>> {
    view.days.iter().flat_map(|d| &d.slots).find(|s| s.available > 0).map(|s| s.start)
}

/// Other offices with a known location, nearest first, with their distance in km.
pub fn nearest<'a>(catalog: &'a Catalog, from: &Office) -> Vec<(&'a Office, f64)> {
    let Some(here) = from.location() else { return Vec::new() };
    let mut others: Vec<(&Office, f64)> = catalog
        .offices
        .iter()
        .filter(|o| o.id != from.id)
        .filter_map(|o| Some((o, distance_km(here, o.location()?))))
        .collect();
    others.sort_by(|a, b| a.1.total_cmp(&b.1));
    others
}

fn day_view(
    catalog: &Catalog,
    office: &Office,
    calendar: &OfficeCalendar,
    date: NaiveDate,
    window: &BookingWindow,
    taken: &impl Fn(DateTime<FixedOffset>) -> u32,
) -> DayView {
    let closed = |reason, holiday: Option<&str>, closure: Option<&ClosureReason>| DayView {
        date,
        open: false,
        reason: Some(reason),
        holiday: holiday.map(str::to_owned),
        closure: closure.map(|c| c.es.clone()),
        closure_en: closure.and_then(|c| c.en.clone()),
        slots: Vec::new(),
    };
    let slots = match day_plan(catalog, office, calendar, date) {
        DayPlan::Closed(ClosedReason::Weekend) => return closed(DayReason::Weekend, None, None),
        DayPlan::Closed(ClosedReason::Holiday(holiday)) => {
            return closed(DayReason::Holiday, Some(holiday.name), None);
        }
        DayPlan::Closed(ClosedReason::Closure(why)) => {
            return closed(DayReason::Closure, None, Some(&why));
        }
        DayPlan::Open(slots) => slots,
    };
    if date > window.last_date {
        return closed(DayReason::NotYetOpen, None, None);
    }
    let desks = calendar.desks_on(office, date);
    let slots: Vec<SlotView> = slots
        .into_iter()
        .filter(|s| window.contains(s.start))
        .map(|s| SlotView {
            start: s.start,
            end: s.end,
            capacity: desks,
            available: desks.saturating_sub(taken(s.start)),
        })
        .collect();
    if slots.is_empty() {
        return closed(DayReason::Past, None, None);
    }
    DayView { date, open: true, reason: None, holiday: None, closure: None, closure_en: None, slots }
}
