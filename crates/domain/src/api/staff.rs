//! The JSON of the officials' API (`/api/v1/staff`): sign-in, an office's agenda, check-in
//! against the document, no-shows, cancellations by the office, closures and history.
//! Documents are shown masked, as to citizens; only the check-in and the search by document
//! carry a whole number, in the request's body.

use super::{AppointmentStatus, DocumentInput, instant};
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

/// What an account may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// An official of one or more offices: their agenda, check-in, no-shows, cancellations.
    Funcionario,
    /// Every office, and also closures, desks and accounts.
    Administrador,
    /// An agent of the Contact Center: books, changes and cancels for callers at every office;
    /// nothing at a desk (check-in, no-shows) and no closures.
    ContactCenter,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Funcionario => "funcionario",
            Role::Administrador => "administrador",
            Role::ContactCenter => "contact_center",
        }
    }

    /// Check-in, no-shows and undoing them: for someone who sees the person at the office, not
    /// the Contact Center.
    pub fn at_a_desk(self) -> bool {
        match self {
            Role::Funcionario | Role::Administrador => true,
            Role::ContactCenter => false,
        }
    }

    pub fn parse(text: &str) -> Option<Role> {
        match text {
            "funcionario" => Some(Role::Funcionario),
            "administrador" => Some(Role::Administrador),
            "contact_center" => Some(Role::ContactCenter),
            _ => None,
        }
    }
}

/// `POST /api/v1/staff/appointments`: an official or a Contact Center agent books for a citizen
/// (on the phone, at the desk): the citizen's booking, with the consent given aloud.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct AssistedBooking {
    pub office: String,
    pub service: String,
    /// RFC 3339, e.g. "2026-12-01T08:00:00-05:00".
    pub start: String,
    pub document: DocumentInput,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// The hold taken while the agent types (`POST /api/v1/staff/holds`), if any.
    pub hold: Option<String>,
    pub consent: VerbalConsent,
}

/// The privacy notice (Ley 1581) was read to the citizen, who agreed aloud: recorded with the
/// account that read it, and when.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct VerbalConsent {
    pub verbal: bool,
}

/// `POST /api/v1/staff/appointments/{code}/reschedule`: a new time for a citizen who asked for
/// it (the reason goes into the history).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct AssistedMove {
    pub start: String,
    pub hold: Option<String>,
    pub reason: String,
}

/// `POST /api/v1/staff/session`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct SignIn {
    pub email: String,
    pub password: String,
}

/// `GET /api/v1/staff/me`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Me {
    pub email: String,
    pub role: Role,
    /// The offices this account acts on (every office for an administrador).
    pub offices: Vec<String>,
}

/// One appointment as an office sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AgendaEntry {
    pub code: String,
    pub office: String,
    #[serde(deserialize_with = "instant::rfc3339")]
    pub start: DateTime<FixedOffset>,
    #[serde(deserialize_with = "instant::rfc3339")]
    pub end: DateTime<FixedOffset>,
    /// The service's id.
    pub service: String,
    pub name: String,
    /// e.g. "CC •••050": the whole number is typed by the official from the document presented.
    pub document: String,
    pub status: AppointmentStatus,
    #[serde(default, deserialize_with = "instant::rfc3339_or_null", skip_serializing_if = "Option::is_none")]
    pub checked_in_at: Option<DateTime<FixedOffset>>,
    /// Why the office cancelled it, when it did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cancel_reason: Option<String>,
}

/// `GET /api/v1/staff/offices/{office}/agenda?date=YYYY-MM-DD`: ordered by time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Agenda {
    pub office: String,
    pub date: NaiveDate,
    pub appointments: Vec<AgendaEntry>,
}

/// `POST /api/v1/staff/appointments/{code}/check-in`: the document the person presents.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct CheckIn {
    pub document: DocumentInput,
}

/// `POST /api/v1/staff/appointments/search`: a person's appointments, found by document at the
/// desk (they lost the code).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct Search {
    pub document: DocumentInput,
}

/// The answer to a search: the person's appointments at the offices the account acts on,
/// latest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Found {
    pub appointments: Vec<AgendaEntry>,
}

/// `POST /api/v1/staff/appointments/{code}/cancel`: the office cancels it, saying why (shown
/// to the citizen).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct OfficeCancel {
    pub reason: String,
}

/// One thing that happened to an appointment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HistoryEntry {
    #[serde(deserialize_with = "instant::rfc3339")]
    pub at: DateTime<FixedOffset>,
    /// "booked", "rescheduled", "cancelled", "checked_in", "no_show", "reopened",
    /// "cancelled_by_office", "found_by_document".
    pub action: String,
    /// "ciudadano (web)", or the official's account, e.g. "funcionario 3 (ana@dian.gov.co)".
    pub actor: String,
    pub detail: String,
}

/// `GET /api/v1/staff/appointments/{code}/history`, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct History {
    pub code: String,
    pub events: Vec<HistoryEntry>,
}

/// The offices a closure applies to: `"all"`, or a list of ids.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(untagged)]
pub enum ClosureOffices {
    /// The text "all".
    All(AllOffices),
    Some(Vec<String>),
}

/// The word "all", and nothing else.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AllOffices {
    All,
}

impl ClosureOffices {
    /// Whether `office` is closed by it.
    pub fn includes(&self, office: &str) -> bool {
        match self {
            ClosureOffices::All(_) => true,
            ClosureOffices::Some(ids) => ids.iter().any(|id| id == office),
        }
    }
}

/// `POST /api/v1/staff/closures`: days (or hours of them) when offices do not attend. Without
/// times, whole days; with them, the slots that overlap `[from_time, to_time)` on each day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewClosure {
    pub offices: ClosureOffices,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// "HH:MM" (or "HH:MM:SS", as answers give it), Bogotá time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, pattern = r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]+)?)?$", example = "12:00"))]
    pub from_time: Option<NaiveTime>,
    /// "HH:MM" (or "HH:MM:SS"), Bogotá time, after `from_time`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, pattern = r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]+)?)?$", example = "16:00"))]
    pub to_time: Option<NaiveTime>,
    /// Shown to citizens (in Spanish, and in English when `reason_en` is missing).
    pub reason_es: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason_en: Option<String>,
}

/// A closure as stored, with the booked appointments it falls on (for the office to contact;
/// they stay booked until the closure's appointments are cancelled by a second call).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClosureView {
    pub id: i64,
    #[serde(flatten)]
    pub closure: NewClosure,
    #[serde(deserialize_with = "instant::rfc3339")]
    pub created_at: DateTime<FixedOffset>,
    pub affected: Vec<AgendaEntry>,
}

/// `GET /api/v1/staff/closures`: closures that end today or later.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Closures {
    pub closures: Vec<ClosureView>,
}

/// `POST /api/v1/staff/offices/{office}/desks`: how many officials attend at once, from a date
/// on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DesksChange {
    pub from: NaiveDate,
    pub desks: u32,
}

/// The answer to a change of desks: the booked appointments of slots that now hold more than
/// the desks (none is dropped: the office decides what to do with them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DesksChanged {
    pub office: String,
    pub from: NaiveDate,
    pub desks: u32,
    pub over_capacity: Vec<AgendaEntry>,
}
