//! Slot generation and the booking window around weekends, holidays, closures and edges.

use chrono::{DateTime, FixedOffset, NaiveDate};
use citas_domain::api::DayReason;
use citas_domain::api::staff::{ClosureOffices, DesksChange};
use citas_domain::availability::{MAX_RANGE_DAYS, RangeError, availability, check_range};
use citas_domain::calendar::{Closure, ClosureReason, DesksFrom, OfficeCalendar};
use citas_domain::catalog::{BookingRules, Catalog, Office, OpeningHours, Service};
use citas_domain::holidays::holiday_on;
use citas_domain::lang::{Lang, Localized};
use citas_domain::schedule::{BookingWindow, ClosedReason, DayPlan, SlotError, bookable_slot, day_plan};

fn catalog() -> Catalog {
    Catalog {
        booking: BookingRules { min_notice_minutes: 60, horizon_days: 30, hold_minutes: 10 },
        hours: OpeningHours::default(),
        documents: Default::default(),
        services: vec![Service {
            id: "dudas".into(),
            name: "Dudas".into(),
            description: "".into(),
            name_en: None,
            description_en: None,
        }],
        offices: vec![office("bogota", 30), office("cali", 45)],
        embedding: Default::default(),
    }
}

/// Cali moves on Friday 11 December; Bogotá closes on Thursday 3 December from 12:00 to 14:00
/// and on Wednesday 16 December from 8:00 to 16:00, and attends with 4 desks from 14 December.
fn calendar() -> OfficeCalendar {
    let reason = |es: &str, en: Option<&str>| ClosureReason { es: es.into(), en: en.map(Into::into) };
    OfficeCalendar {
        closures: vec![
            Closure {
                offices: ClosureOffices::Some(vec!["cali".into()]),
                from: date("2026-12-11"),
                to: date("2026-12-11"),
                hours: None,
                reason: reason("Traslado de sede", Some("Moving premises")),
            },
            Closure {
                offices: ClosureOffices::Some(vec!["bogota".into()]),
                from: date("2026-12-03"),
                to: date("2026-12-03"),
                hours: Some((time("12:00"), time("14:00"))),
                reason: reason("Capacitación", None),
            },
            Closure {
                offices: ClosureOffices::Some(vec!["bogota".into()]),
                from: date("2026-12-16"),
                to: date("2026-12-16"),
                hours: Some((time("08:00"), time("16:00"))),
                reason: reason("Simulacro de evacuación", Some("Evacuation drill")),
            },
        ],
        desks: vec![DesksFrom {
            office: "bogota".into(),
            change: DesksChange { from: date("2026-12-14"), desks: 4 },
        }],
    }
}

fn time(s: &str) -> chrono::NaiveTime {
    citas_domain::time::parse_clock(s).unwrap()
}

fn office(id: &str, slot_minutes: u32) -> Office {
    Office {
        id: id.into(),
        city: id.into(),
        department: "".into(),
        dane_code: "".into(),
        name: id.into(),
        address: None,
        postal_code: None,
        notes: None,
        desks: 2,
        slot_minutes,
        latitude: None,
        longitude: None,
    }
}

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

fn slots(c: &Catalog, office: &str, d: &str) -> Vec<String> {
    match day_plan(c, c.office(office).unwrap(), &calendar(), date(d)) {
        DayPlan::Open(slots) => slots.iter().map(|s| s.start.format("%H:%M").to_string()).collect(),
        DayPlan::Closed(reason) => panic!("{d} closed: {reason:?}"),
    }
}

#[test]
fn a_working_day_has_slots_from_8_with_the_last_ending_by_16() {
    let c = catalog();
    let bogota = slots(&c, "bogota", "2026-12-01");
    assert_eq!(bogota.len(), 16);
    assert_eq!(bogota.first().unwrap(), "08:00");
    assert_eq!(bogota.last().unwrap(), "15:30");
    // 45-minute slots: 15:30 would end at 16:15, so the last starts at 14:45.
    let cali = slots(&c, "cali", "2026-12-01");
    assert_eq!(cali.len(), 10);
    assert_eq!(cali.last().unwrap(), "14:45");
}

#[test]
fn weekends_holidays_and_closures_have_no_slots() {
    let c = catalog();
    let bogota = c.office("bogota").unwrap();
    let cali = c.office("cali").unwrap();
    assert_eq!(day_plan(&c, bogota, &calendar(), date("2026-12-05")), DayPlan::Closed(ClosedReason::Weekend));
    assert_eq!(day_plan(&c, bogota, &calendar(), date("2026-12-06")), DayPlan::Closed(ClosedReason::Weekend));
    assert_eq!(
        day_plan(&c, bogota, &calendar(), date("2026-12-08")),
        DayPlan::Closed(ClosedReason::Holiday(holiday_on(date("2026-12-08")).unwrap()))
    );
    assert_eq!(
        day_plan(&c, cali, &calendar(), date("2026-12-11")),
        DayPlan::Closed(ClosedReason::Closure(ClosureReason {
            es: "Traslado de sede".into(),
            en: Some("Moving premises".into())
        }))
    );
    // The closure is Cali's only.
    assert!(matches!(day_plan(&c, bogota, &calendar(), date("2026-12-11")), DayPlan::Open(_)));
}

#[test]
fn the_window_starts_one_hour_ahead_and_ends_thirty_days_later() {
    let c = catalog();
    let window = BookingWindow::at(at("2026-12-01T09:10:00-05:00"), &c.booking);
    assert_eq!(window.earliest, at("2026-12-01T10:10:00-05:00"));
    assert_eq!(window.last_date, date("2026-12-31"));
    // Late at night in UTC is still the same Bogotá day.
    let window = BookingWindow::at(at("2026-12-02T03:00:00Z"), &c.booking);
    assert_eq!(window.first_date(), date("2026-12-01"));
}

#[test]
fn availability_explains_every_day_and_lists_only_bookable_slots() {
    let c = catalog();
    let now = at("2026-12-01T09:10:00-05:00");
    let booked = at("2026-12-01T11:00:00-05:00");
    let view = availability(
        &c,
        c.office("bogota").unwrap(),
        &calendar(),
        date("2026-11-30"),
        date("2027-01-04"),
        now,
        |s| {
            if s == booked { 2 } else { 0 }
        },
    );
    assert_eq!(view.days.len(), 36);
    let day = |d: &str| view.days.iter().find(|x| x.date == date(d)).unwrap();

    assert_eq!(day("2026-11-30").reason, Some(DayReason::Past));
    let today = day("2026-12-01");
    assert!(today.open);
    // 10:10 is the earliest: 10:30 is the first slot left today.
    assert_eq!(today.slots.first().unwrap().start, at("2026-12-01T10:30:00-05:00"));
    let full = today.slots.iter().find(|s| s.start == booked).unwrap();
    assert_eq!((full.capacity, full.available), (2, 0));
    assert_eq!(day("2026-12-05").reason, Some(DayReason::Weekend));
    let holiday = day("2026-12-08");
    assert_eq!((holiday.open, holiday.reason), (false, Some(DayReason::Holiday)));
    assert_eq!(holiday.holiday.as_deref(), Some("Inmaculada Concepción"));
    assert!(day("2026-12-31").open);
    assert_eq!(day("2027-01-01").reason, Some(DayReason::Holiday));
    assert_eq!(day("2027-01-04").reason, Some(DayReason::NotYetOpen));
    assert!(view.days.iter().filter(|d| !d.open).all(|d| d.slots.is_empty()));
}

#[test]
fn after_the_last_slot_today_is_past() {
    let c = catalog();
    let view = availability(
        &c,
        c.office("bogota").unwrap(),
        &calendar(),
        date("2026-12-01"),
        date("2026-12-02"),
        at("2026-12-01T14:31:00-05:00"),
        |_| 0,
    );
    assert_eq!(view.days[0].reason, Some(DayReason::Past));
    assert_eq!(view.days[1].slots.len(), 16);
}

#[test]
fn a_requested_start_is_checked_like_the_calendar() {
    let c = catalog();
    let bogota = c.office("bogota").unwrap();
    let now = at("2026-12-01T09:10:00-05:00");
    let check = |s: &str| bookable_slot(&c, bogota, &calendar(), at(s), now);

    let slot = check("2026-12-02T08:30:00-05:00").unwrap();
    assert_eq!(slot.end, at("2026-12-02T09:00:00-05:00"));
    // The same instant written in UTC is the same slot.
    assert_eq!(check("2026-12-02T13:30:00Z").unwrap(), slot);
    assert_eq!(check("2026-12-02T08:10:00-05:00"), Err(SlotError::NotASlot));
    assert_eq!(check("2026-12-02T08:30:30-05:00"), Err(SlotError::NotASlot));
    assert_eq!(check("2026-12-02T07:30:00-05:00"), Err(SlotError::OutsideHours));
    assert_eq!(check("2026-12-02T16:00:00-05:00"), Err(SlotError::OutsideHours));
    assert_eq!(check("2026-12-05T09:00:00-05:00"), Err(SlotError::OutsideHours));
    let holiday = holiday_on(date("2026-12-08")).unwrap();
    assert_eq!(holiday.name, "Inmaculada Concepción");
    assert_eq!(holiday.name(citas_domain::lang::Lang::En), "Immaculate Conception");
    assert_eq!(check("2026-12-08T09:00:00-05:00"), Err(SlotError::Holiday(holiday)));
    // Edges of the window: 10:00 is less than an hour away, 10:30 is fine.
    assert_eq!(check("2026-12-01T10:00:00-05:00"), Err(SlotError::OutsideWindow));
    assert!(check("2026-12-01T10:30:00-05:00").is_ok());
    assert!(check("2026-12-31T15:30:00-05:00").is_ok());
    assert_eq!(check("2027-01-04T08:00:00-05:00"), Err(SlotError::OutsideWindow));
    assert_eq!(check("2026-11-30T08:00:00-05:00"), Err(SlotError::OutsideWindow));
    let cali = c.office("cali").unwrap();
    assert_eq!(
        bookable_slot(&c, cali, &calendar(), at("2026-12-11T08:00:00-05:00"), now),
        Err(SlotError::Closure(ClosureReason {
            es: "Traslado de sede".into(),
            en: Some("Moving premises".into())
        }))
    );
    // Within a closure's hours, the slots that overlap them; the rest of the day is open.
    let closed = check("2026-12-03T12:30:00-05:00").unwrap_err();
    assert_eq!(closed.message(Lang::En), "The office is closed at that time: Capacitación.");
    assert!(check("2026-12-03T11:30:00-05:00").is_ok());
    assert!(check("2026-12-03T14:00:00-05:00").is_ok());
}

#[test]
fn ranges_are_capped() {
    assert!(check_range(date("2026-12-01"), date("2026-12-01")).is_ok());
    let last = date("2026-12-01") + chrono::Days::new(MAX_RANGE_DAYS as u64 - 1);
    assert!(check_range(date("2026-12-01"), last).is_ok());
    assert_eq!(check_range(date("2026-12-01"), last.succ_opt().unwrap()), Err(RangeError::TooLong));
    assert_eq!(check_range(date("2026-12-02"), date("2026-12-01")), Err(RangeError::Reversed));
}

#[test]
fn a_closure_of_some_hours_removes_the_slots_that_overlap_them() {
    let c = catalog();
    let thursday = slots(&c, "bogota", "2026-12-03");
    assert_eq!(thursday.len(), 12);
    assert!(thursday.contains(&"11:30".to_owned()) && thursday.contains(&"14:00".to_owned()));
    assert!(!thursday.iter().any(|s| ["12:00", "12:30", "13:00", "13:30"].contains(&s.as_str())));
    // 45-minute slots: 11:00–11:45 ends before the closure and 14:00 starts as it ends;
    // 11:45–12:30 overlaps its start.
    let cali_calendar = OfficeCalendar {
        closures: vec![Closure {
            offices: ClosureOffices::All(citas_domain::api::staff::AllOffices::All),
            from: date("2026-12-03"),
            to: date("2026-12-04"),
            hours: Some((time("12:00"), time("14:00"))),
            reason: ClosureReason { es: "Capacitación".into(), en: None },
        }],
        desks: Vec::new(),
    };
    let cali = match day_plan(&c, c.office("cali").unwrap(), &cali_calendar, date("2026-12-04")) {
        DayPlan::Open(slots) => slots.iter().map(|s| s.start.format("%H:%M").to_string()).collect::<Vec<_>>(),
        closed => panic!("{closed:?}"),
    };
    assert_eq!(cali, ["08:00", "08:45", "09:30", "10:15", "11:00", "14:00", "14:45"]);
}

#[test]
fn a_day_without_slots_left_is_closed_and_its_reason_comes_in_both_languages() {
    let c = catalog();
    let now = at("2026-12-01T09:10:00-05:00");
    let bogota = c.office("bogota").unwrap();
    let view = availability(&c, bogota, &calendar(), date("2026-12-16"), date("2026-12-16"), now, |_| 0);
    let drill = &view.days[0];
    assert_eq!((drill.open, drill.reason), (false, Some(DayReason::Closure)));
    assert_eq!(drill.closure.as_deref(), Some("Simulacro de evacuación"));
    assert_eq!(drill.closure_en.as_deref(), Some("Evacuation drill"));
    let json = serde_json::to_value(&view.days[0]).unwrap();
    assert_eq!(json["closure_en"], "Evacuation drill");
    let cali = c.office("cali").unwrap();
    let moving = availability(&c, cali, &calendar(), date("2026-12-11"), date("2026-12-11"), now, |_| 0);
    assert_eq!(moving.days[0].closure.as_deref(), Some("Traslado de sede"));
    let open = serde_json::to_value(&view_of(&c, "2026-12-02").days[0]).unwrap();
    assert!(open.get("closure_en").is_none(), "left out when there is none");
}

#[test]
fn desks_change_from_their_date_on() {
    let c = catalog();
    let bogota = c.office("bogota").unwrap();
    assert_eq!(calendar().desks_on(bogota, date("2026-12-11")), 2, "the configured desks before");
    assert_eq!(calendar().desks_on(bogota, date("2026-12-14")), 4);
    assert_eq!(calendar().desks_on(bogota, date("2027-03-01")), 4);
    assert_eq!(calendar().desks_on(c.office("cali").unwrap(), date("2026-12-14")), 2, "Bogotá's only");
    let view = view_of(&c, "2026-12-11");
    assert_eq!(view.days[0].slots[0].capacity, 2);
    let view = view_of(&c, "2026-12-14");
    assert_eq!((view.days[0].slots[0].capacity, view.days[0].slots[0].available), (4, 3));
}

/// Bogotá's availability on one day, one seat of each slot taken.
fn view_of(c: &Catalog, d: &str) -> citas_domain::api::AvailabilityView {
    let now = at("2026-12-01T09:10:00-05:00");
    availability(c, c.office("bogota").unwrap(), &calendar(), date(d), date(d), now, |_| 1)
}
