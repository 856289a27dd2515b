//! The waiting list: when an office has no free seat on the days a citizen can come, they ask to
//! be told, and a seat that frees there is offered to them first, held for them for a while.
//!
//! - `POST /api/v1/waitlist`: join (one entry per document), answered with the entry's code.
//! - `POST /api/v1/waitlist/{code}/lookup` and `/leave`: proved by the document, like an
//!   appointment's code.
//! - `GET /api/v1/offers/{offer}`: the seat offered; booked with `POST /api/v1/appointments`
//!   whose `hold` is the offer's id, by the entry's document.
//! - `GET /api/v1/staff/offices/{office}/waitlist`: how many wait, day by day.

use super::{DocumentInput, DocumentSummary, OfficeSummary, ServiceView, instant};
use chrono::{DateTime, FixedOffset, NaiveDate, Timelike};
use serde::{Deserialize, Serialize};

/// `POST /api/v1/waitlist`. Every field defaults to empty so that a missing one is answered with
/// that field's own error.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct WaitlistRequest {
    pub office: String,
    pub service: String,
    /// The first day they can come, YYYY-MM-DD, inside the booking window.
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub from: String,
    /// The last day they can come, YYYY-MM-DD, inside the booking window.
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub until: String,
    /// Only mornings or only afternoons; absent: any time of the day.
    pub part_of_day: Option<PartOfDay>,
    pub document: DocumentInput,
    pub name: String,
    /// Required here: the offer of a seat is sent there.
    pub email: String,
    pub consent: bool,
}

/// The times of day a citizen can come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PartOfDay {
    /// Slots starting before noon.
    Morning,
    /// Slots starting at noon or later.
    Afternoon,
}

impl PartOfDay {
    pub fn as_str(self) -> &'static str {
        match self {
            PartOfDay::Morning => "morning",
            PartOfDay::Afternoon => "afternoon",
        }
    }

    pub fn parse(text: &str) -> Option<PartOfDay> {
        match text {
            "morning" => Some(PartOfDay::Morning),
            "afternoon" => Some(PartOfDay::Afternoon),
            _ => None,
        }
    }

    /// Whether a slot starting at `start` (Bogotá's time) is in this part of the day.
    pub fn contains(self, start: &DateTime<FixedOffset>) -> bool {
        (start.hour() < 12) == (self == PartOfDay::Morning)
    }
}

/// An entry of the waiting list, as its citizen sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WaitlistView {
    /// "K7QX-M4PT": with the document, it finds the entry again (and leaves the list).
    pub code: String,
    pub office: OfficeSummary,
    pub service: ServiceView,
    pub from: NaiveDate,
    pub until: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part_of_day: Option<PartOfDay>,
    pub document: DocumentSummary,
    /// Masked, as in "Mi cita".
    pub email: String,
    /// Their place in the office's line: 1 is the first.
    pub position: u32,
    /// The seat held for them now, if one is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offer: Option<OfferView>,
}

/// `GET /api/v1/offers/{offer}`: a seat held for someone on a waiting list until `expires_at`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OfferView {
    /// The offer's id: the `hold` of the booking that takes it.
    pub offer: String,
    pub office: OfficeSummary,
    pub service: ServiceView,
    #[serde(deserialize_with = "instant::rfc3339")]
    pub start: DateTime<FixedOffset>,
    #[serde(deserialize_with = "instant::rfc3339")]
    pub end: DateTime<FixedOffset>,
    #[serde(deserialize_with = "instant::rfc3339")]
    pub expires_at: DateTime<FixedOffset>,
    /// Seconds until `expires_at` by the server's clock.
    pub expires_in: i64,
}

/// `GET /api/v1/staff/offices/{office}/waitlist`: how many citizens wait for each day of the booking
/// window (an entry counts on every day of its range), to see where desks are missing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WaitlistLengths {
    pub office: String,
    /// Entries waiting at the office now.
    pub waiting: u32,
    pub days: Vec<WaitingOnDay>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WaitingOnDay {
    pub date: NaiveDate,
    pub waiting: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn noon_starts_the_afternoon() {
        let at = |t: &str| DateTime::parse_from_rfc3339(&format!("2026-12-07T{t}:00-05:00")).unwrap();
        assert!(PartOfDay::Morning.contains(&at("08:00")));
        assert!(PartOfDay::Morning.contains(&at("11:45")));
        assert!(!PartOfDay::Morning.contains(&at("12:00")));
        assert!(PartOfDay::Afternoon.contains(&at("12:00")));
        assert!(PartOfDay::Afternoon.contains(&at("15:30")));
        assert!(!PartOfDay::Afternoon.contains(&at("09:00")));
    }
}
