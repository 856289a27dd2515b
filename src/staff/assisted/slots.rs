//! The days and times an office has, from its availability over the booking window, as lists to
//! choose from: every day it attends, and the holidays and closures a caller may ask about,
//! each with its free seats. The seat kept for this citizen counts as free, however the
//! availability counted it.

use super::list_field::Item;
use chrono::{DateTime, FixedOffset, NaiveDate};
use citas_domain::api::{AvailabilityView, DayReason, DayView};
use citas_domain::format::{long_date, time_of_day};
use citas_domain::lang::Lang;
use citas_domain::time::in_bogota;

/// The days, as "martes 1 de diciembre de 2026 — 12 cupos libres" (value: 2026-12-01).
pub fn days(availability: &AvailabilityView, kept: Option<DateTime<FixedOffset>>) -> Vec<Item> {
    availability
        .days
        .iter()
        .filter_map(|day| {
            let date = long_date(day.date, Lang::Es);
            let (said, open) = match day.reason {
                None if day.open => {
                    let free = free_seats(day, kept);
                    (seats(free), free > 0)
                }
                Some(DayReason::Holiday) => {
                    (format!("festivo ({})", day.holiday.clone().unwrap_or_default()), false)
                }
                Some(DayReason::Closure) => ("oficina cerrada".to_owned(), false),
                _ => return None,
            };
            Some(Item { value: day.date.to_string(), text: format!("{date} — {said}"), disabled: !open })
        })
        .collect()
}

/// The times of `date`, as "8:00 a. m. — 2 cupos libres" (value: the start, RFC 3339).
pub fn times(
    availability: &AvailabilityView,
    date: NaiveDate,
    kept: Option<DateTime<FixedOffset>>,
) -> Vec<Item> {
    let day = availability.days.iter().find(|d| d.date == date);
    day.map(|d| d.slots.as_slice())
        .unwrap_or_default()
        .iter()
        .map(|slot| {
            let time = time_of_day(in_bogota(&slot.start).time(), Lang::Es);
            let said = if kept == Some(slot.start) {
                "apartada para este ciudadano".to_owned()
            } else {
                seats(slot.available as usize)
            };
            Item {
                value: slot.start.to_rfc3339(),
                text: format!("{time} — {said}"),
                disabled: !open_for(slot.start, slot.available, kept),
            }
        })
        .collect()
}

fn open_for(start: DateTime<FixedOffset>, available: u32, kept: Option<DateTime<FixedOffset>>) -> bool {
    available > 0 || kept == Some(start)
}

fn free_seats(day: &DayView, kept: Option<DateTime<FixedOffset>>) -> usize {
    let kept_here = day.slots.iter().any(|s| kept == Some(s.start) && s.available == 0);
    day.free_seats() as usize + usize::from(kept_here)
}

fn seats(free: usize) -> String {
    match free {
        0 => "sin cupos".to_owned(),
        1 => "1 cupo libre".to_owned(),
        n => format!("{n} cupos libres"),
    }
}
