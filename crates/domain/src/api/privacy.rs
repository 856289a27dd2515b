//! The citizen's rights over their data (Ley 1581 de 2012, art. 8; Decreto 1377 de 2013): to
//! know everything stored about them, and to have it deleted.

use super::staff::HistoryEntry;
use super::waitlist::PartOfDay;
use super::{AppointmentView, DocumentInput, OfficeSummary, ServiceView, instant};
use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

/// `POST /api/v1/appointments/{code}/data`: everything kept about the document that booked the
/// appointment, proved by that document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PersonalData {
    pub document: DocumentInput,
    /// Every appointment of the document whose data is still kept, latest first.
    pub appointments: Vec<StoredAppointment>,
    /// The document's entry of the waiting list, while it waits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub waiting: Option<StoredEntry>,
    /// Days after an appointment that its personal data is kept; after a cancellation, fewer.
    pub kept_days: u32,
    pub kept_days_cancelled: u32,
}

/// One appointment as stored: its data in full, its authorization, its history, its messages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StoredAppointment {
    pub appointment: AppointmentView,
    /// The language of its messages.
    pub language: String,
    /// When the privacy notice was accepted, and its version.
    #[serde(deserialize_with = "instant::rfc3339")]
    pub consent_at: DateTime<FixedOffset>,
    pub privacy_notice: String,
    pub history: Vec<HistoryEntry>,
    pub messages: Vec<MessageRecord>,
}

/// An entry of the waiting list as stored: its days, and what it keeps about its citizen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StoredEntry {
    pub code: String,
    pub office: OfficeSummary,
    pub service: ServiceView,
    pub from: NaiveDate,
    pub until: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part_of_day: Option<PartOfDay>,
    pub name: String,
    pub email: String,
    /// The language of its messages.
    pub language: String,
    #[serde(deserialize_with = "instant::rfc3339")]
    pub consent_at: DateTime<FixedOffset>,
    pub privacy_notice: String,
}

/// A message queued for the citizen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MessageRecord {
    /// "confirmation", "reminder", "moved" or "cancelled".
    pub kind: String,
    /// "email" or "sms".
    pub channel: String,
    /// "pending", "sent", "skipped" or "given_up".
    pub state: String,
    #[serde(deserialize_with = "instant::rfc3339")]
    pub queued_at: DateTime<FixedOffset>,
}

/// `POST /api/v1/appointments/{code}/erase` and its staff twin: what was deleted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Erased {
    /// Appointments whose name, document, e-mail and phone were erased.
    pub erased: u32,
    /// The upcoming appointment cancelled first, if there was one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cancelled: Option<String>,
}

/// `POST /api/v1/staff/appointments/{code}/erase`: the request the office received, and how.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct EraseRequest {
    /// e.g. "Solicitud escrita radicada 2026-001234"; 1–200 characters, kept on one line.
    pub reason: String,
}
