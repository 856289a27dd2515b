//! Appointments: book (`create`), find, move or cancel one (`change`), and what is kept about
//! its citizen (`privacy`).
//! What both need: how an appointment is shown, and how its document and time are read.

pub(super) mod change;
pub(super) mod create;
pub(super) mod privacy;

pub(in crate::http) use change::move_to;
pub use change::{cancel, lookup, reschedule};
pub use create::create;
pub(in crate::http) use create::{Booker, book, parse};
pub(in crate::http) use privacy::erase_document;
pub use privacy::{data, erase};

pub(super) use crate::appointment_view::view;
use crate::error::ApiError;
use crate::store::Store;
use chrono::{DateTime, FixedOffset};
use citas_domain::api::{DocumentInput, ErrorCode};
use citas_domain::availability::in_calendar;
use citas_domain::calendar::OfficeCalendar;
use citas_domain::catalog::{Catalog, Office};
use citas_domain::code::AppointmentCode;
use citas_domain::document::{Document, DocumentKind};
use citas_domain::schedule::{BookingWindow, Slot, SlotError, slot_at};
use citas_domain::time::bogota_date;

pub(in crate::http) fn parse_document(
    catalog: &Catalog,
    input: &DocumentInput,
) -> Result<Document, ApiError> {
    let kind = DocumentKind::parse(&input.kind).ok_or(ErrorCode::InvalidDocument)?;
    Ok(Document::parse(kind, &input.number, &catalog.documents)?)
}

/// An appointment's code as typed: one that cannot be a code is found nowhere.
fn parse_code(code: &str) -> Result<AppointmentCode, ApiError> {
    Ok(AppointmentCode::parse(code).ok_or(ErrorCode::NotFound)?)
}

/// The calendar that bears on the day a request asks for (of `office`, or of every office when
/// the office is not known yet), read from the database in this request: a closure or a change
/// of desks holds at once, on every instance. A start that is not a date asks for no day, and
/// `slot` refuses it.
pub(super) async fn calendar_of_day(
    store: &Store,
    office: Option<&str>,
    start: &str,
) -> Result<OfficeCalendar, ApiError> {
    let Some(day) = parse_start(start).ok().map(|s| bogota_date(&s)) else {
        return Ok(OfficeCalendar::default());
    };
    Ok(match office {
        Some(office) => store.calendar(office, day, day).await?,
        None => store.calendar_everywhere(day, day).await?,
    })
}

/// The slot at `start` and the office's desks that day, refused with the reason when it is not
/// one of the office's slots (or a closure removes it), or, without a hold, when it is outside
/// the booking window: a live hold was taken inside the window, and stays good even if the
/// notice passes meanwhile.
pub(super) fn slot(
    catalog: &Catalog,
    calendar: &OfficeCalendar,
    office: &Office,
    start: &str,
    hold: Option<&str>,
    now: DateTime<FixedOffset>,
) -> Result<(Slot, u32), ApiError> {
    let start = parse_start(start)?;
    let slot = slot_at(catalog, office, calendar, start)?;
    if hold.is_none() && !BookingWindow::at(now, &catalog.booking).contains(slot.start) {
        return Err(SlotError::OutsideWindow.into());
    }
    Ok((slot, calendar.desks_on(office, bogota_date(&slot.start))))
}

/// A requested start: RFC 3339, in the years the calendar answers for.
fn parse_start(start: &str) -> Result<DateTime<FixedOffset>, ApiError> {
    let start = DateTime::parse_from_rfc3339(start.trim()).map_err(|_| ErrorCode::InvalidStart)?;
    if !in_calendar(start.date_naive()) {
        return Err(SlotError::OutsideWindow.into());
    }
    Ok(start)
}

/// An empty optional field is the same as a missing one.
pub(in crate::http) fn optional(value: Option<&str>) -> Option<&str> {
    value.filter(|v| !v.trim().is_empty())
}
