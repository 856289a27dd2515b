//! The JSON of the HTTP API (`/api/v1`), shared so the client and server cannot drift apart.
//! Times are RFC 3339 with the Bogotá offset, e.g. "2026-12-01T08:00:00-05:00".

use crate::catalog::{BookingRules, Catalog, Office, Service};
use crate::document::{DocumentKind, DocumentRules};
use crate::lang::Lang;
use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

mod error;
pub mod instant;
pub mod privacy;
pub mod staff;
pub mod waitlist;
pub use error::{ErrorBody, ErrorCode, ErrorDetail};

/// Citizens must arrive this many minutes before their time (the announcement).
pub const ARRIVE_EARLY_MINUTES: i64 = 15;

/// Version of the personal-data notice (Ley 1581 de 2012) a citizen accepts when booking;
/// stored with each appointment so the authorization can be proved later.
pub const PRIVACY_NOTICE_VERSION: &str = "2026-11-25";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ServiceView {
    pub id: String,
    /// Spanish.
    pub name: String,
    pub description: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_en: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description_en: Option<String>,
}

impl ServiceView {
    pub fn name(&self, lang: Lang) -> &str {
        match (lang, &self.name_en) {
            (Lang::En, Some(name)) => name,
            _ => &self.name,
        }
    }

    pub fn description(&self, lang: Lang) -> &str {
        match (lang, &self.description_en) {
            (Lang::En, Some(description)) => description,
            _ => &self.description,
        }
    }
}

impl From<&Service> for ServiceView {
    fn from(s: &Service) -> Self {
        ServiceView {
            id: s.id.clone(),
            name: s.name.clone(),
            description: s.description.clone(),
            name_en: s.name_en.clone(),
            description_en: s.description_en.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HoursView {
    /// "08:00"
    pub opens: String,
    /// "16:00"
    pub closes: String,
    /// ISO weekday numbers the office attends (1 = Monday).
    pub weekdays: Vec<u8>,
}

/// `GET /api/v1/offices` returns a list of these.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OfficeView {
    pub id: String,
    pub city: String,
    pub department: String,
    pub dane_code: String,
    pub name: String,
    pub address: Option<String>,
    pub postal_code: Option<String>,
    pub notes: Option<String>,
    pub hours: HoursView,
    pub slot_minutes: u32,
    pub desks: u32,
    pub services: Vec<ServiceView>,
    #[serde(default)]
    pub latitude: Option<f64>,
    #[serde(default)]
    pub longitude: Option<f64>,
}

impl OfficeView {
    pub fn new(catalog: &Catalog, office: &Office) -> OfficeView {
        OfficeView {
            id: office.id.clone(),
            city: office.city.clone(),
            department: office.department.clone(),
            dane_code: office.dane_code.clone(),
            name: office.name.clone(),
            address: office.address.clone(),
            postal_code: office.postal_code.clone(),
            notes: office.notes.clone(),
            hours: HoursView {
                opens: crate::time::clock(catalog.hours.opens),
                closes: crate::time::clock(catalog.hours.closes),
                weekdays: vec![1, 2, 3, 4, 5],
            },
            slot_minutes: office.slot_minutes,
            desks: office.desks,
            services: catalog.services.iter().map(ServiceView::from).collect(),
            latitude: office.latitude,
            longitude: office.longitude,
        }
    }
}

/// `GET /api/v1/settings`: the rules the client needs to check input as the server will.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SettingsView {
    pub booking: BookingRules,
    pub documents: DocumentRules,
    pub arrive_early_minutes: i64,
    pub privacy_notice_version: String,
    /// How long a seat offered to the waiting list is held for the citizen it is offered to.
    pub waitlist_offer_minutes: u32,
}

/// `GET /api/v1/offices/{office}/availability`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AvailabilityView {
    pub office: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The server's clock when this was computed: availability is a snapshot.
    #[serde(deserialize_with = "instant::rfc3339")]
    pub as_of: DateTime<FixedOffset>,
    pub days: Vec<DayView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DayView {
    pub date: NaiveDate,
    /// True when the day has slots a citizen may book now (some may be full).
    pub open: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<DayReason>,
    /// The holiday's name, when `reason` is `holiday`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub holiday: Option<String>,
    /// The administrator's explanation, when `reason` is `closure` (Spanish).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closure: Option<String>,
    /// The same in English, when the administrator gave it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closure_en: Option<String>,
    pub slots: Vec<SlotView>,
}

impl DayView {
    pub fn free_seats(&self) -> u32 {
        self.slots.iter().map(|s| s.available).sum()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DayReason {
    Weekend,
    Holiday,
    Closure,
    /// The day is over, or its remaining slots are too soon to book.
    Past,
    /// Beyond the booking horizon: bookings for it open later.
    NotYetOpen,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SlotView {
    #[serde(deserialize_with = "instant::rfc3339")]
    pub start: DateTime<FixedOffset>,
    #[serde(deserialize_with = "instant::rfc3339")]
    pub end: DateTime<FixedOffset>,
    pub capacity: u32,
    pub available: u32,
}

/// `GET /api/v1/offices/{office}/alternatives`: when an office has no free seat, the nearest
/// ones that have, and when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AlternativesView {
    pub office: String,
    /// The office's own first free slot in the booking window, if any.
    #[serde(default, deserialize_with = "instant::rfc3339_or_null")]
    pub first_free: Option<DateTime<FixedOffset>>,
    /// Up to three other offices with a free seat, nearest first.
    pub nearby: Vec<NearbyOffice>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NearbyOffice {
    pub office: OfficeSummary,
    /// Straight-line distance between the cities.
    pub distance_km: u32,
    #[serde(deserialize_with = "instant::rfc3339")]
    pub first_free: DateTime<FixedOffset>,
}

/// `POST /api/v1/appointments`. Every field defaults to empty so that a missing one is
/// answered with that field's own precise error rather than a generic parse failure.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct BookingRequest {
    pub office: String,
    pub service: String,
    /// RFC 3339, e.g. "2026-12-01T08:00:00-05:00".
    pub start: String,
    pub document: DocumentInput,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub consent: bool,
    /// The hold taken when the time was chosen (`POST /api/v1/holds`), if any.
    pub hold: Option<String>,
}

/// `POST /api/v1/holds`: keep one seat while the citizen finishes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct HoldRequest {
    pub office: String,
    pub service: String,
    pub start: String,
    /// A random id of the browser: its new hold replaces its previous one. Required.
    #[cfg_attr(feature = "openapi", schema(pattern = "^[A-Za-z0-9-]{1,64}$"))]
    pub client: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HoldView {
    pub hold: String,
    pub office: String,
    #[serde(deserialize_with = "instant::rfc3339")]
    pub start: DateTime<FixedOffset>,
    #[serde(deserialize_with = "instant::rfc3339")]
    pub expires_at: DateTime<FixedOffset>,
    /// Seconds until `expires_at` by the server's clock, so clients need not trust their own.
    pub expires_in: i64,
    /// Whether the one extension has been used.
    pub extended: bool,
}

/// `POST /api/v1/appointments/{code}/lookup` and `/cancel`: the document proves it is theirs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct DocumentProof {
    pub document: DocumentInput,
}

/// `POST /api/v1/appointments/{code}/reschedule`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct RescheduleRequest {
    pub document: DocumentInput,
    pub start: String,
    pub hold: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct DocumentInput {
    /// "CC", "CE" or "NIT".
    pub kind: String,
    pub number: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AppointmentStatus {
    Booked,
    /// The person came with the booked document and was attended.
    Attended,
    /// Nobody came by the start plus the grace period.
    NoShow,
    Cancelled,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OfficeSummary {
    pub id: String,
    pub city: String,
    pub name: String,
    pub address: Option<String>,
    pub postal_code: Option<String>,
}

impl From<&Office> for OfficeSummary {
    fn from(o: &Office) -> Self {
        OfficeSummary {
            id: o.id.clone(),
            city: o.city.clone(),
            name: o.name.clone(),
            address: o.address.clone(),
            postal_code: o.postal_code.clone(),
        }
    }
}

/// The document as shown back: never the whole number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DocumentSummary {
    pub kind: DocumentKind,
    /// e.g. "CC •••050".
    pub masked: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AppointmentView {
    /// "K7QX-M4PT".
    pub code: String,
    pub status: AppointmentStatus,
    pub office: OfficeSummary,
    pub service: ServiceView,
    #[serde(deserialize_with = "instant::rfc3339")]
    pub start: DateTime<FixedOffset>,
    #[serde(deserialize_with = "instant::rfc3339")]
    pub end: DateTime<FixedOffset>,
    /// When to be at the office: `ARRIVE_EARLY_MINUTES` before `start`.
    #[serde(deserialize_with = "instant::rfc3339")]
    pub arrive_by: DateTime<FixedOffset>,
    pub document: DocumentSummary,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    #[serde(deserialize_with = "instant::rfc3339")]
    pub created_at: DateTime<FixedOffset>,
    /// Last change (booking, new time or cancellation).
    #[serde(deserialize_with = "instant::rfc3339")]
    pub updated_at: DateTime<FixedOffset>,
    /// Why the office cancelled it, when it was the office.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cancel_reason: Option<String>,
    /// Who made its latest change, when it was not the citizen on the web: "Contact Center",
    /// "oficina de Cali" (never the person).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changed_by: Option<String>,
}
