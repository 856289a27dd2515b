//! Appointments: book (`create`), and find, move or cancel one (`change`).
//! What both need: the stored row, how it is shown, how it is found, and its history.

mod batch;
mod change;
mod create;

pub use batch::Batches;
pub use change::{cancel, lookup, reschedule};
pub use create::create;

use crate::error::{ApiError, Message};
use axum::http::StatusCode;
use chrono::{DateTime, Duration, FixedOffset};
use citas_domain::api::{
    ARRIVE_EARLY_MINUTES, AppointmentStatus, AppointmentView, DocumentInput, DocumentSummary, OfficeSummary,
    ServiceView,
};
use citas_domain::catalog::{Catalog, Office};
use citas_domain::code::AppointmentCode;
use citas_domain::document::{Document, DocumentKind, masked};
use citas_domain::lang::Text;
use citas_domain::schedule::{Slot, SlotError, slot_at};
use citas_domain::time::in_bogota;
use sqlx::AnyConnection;
use std::sync::LazyLock;

/// The columns every query of an appointment returns.
const COLUMNS: &str = "id, code, office_id, service_id, start_at, end_at, document_kind, document_number,
                       name, email, phone, status, created_at, updated_at";

/// An appointment as stored.
#[derive(Debug, sqlx::FromRow)]
struct Stored {
    id: i64,
    code: String,
    office_id: String,
    service_id: String,
    start_at: i64,
    end_at: i64,
    document_kind: String,
    document_number: String,
    name: String,
    email: Option<String>,
    phone: Option<String>,
    status: String,
    created_at: i64,
    updated_at: i64,
}

impl Stored {
    fn is_cancelled(&self) -> bool {
        self.status == "cancelled"
    }
}

fn instant(unix: i64) -> DateTime<FixedOffset> {
    in_bogota(&DateTime::from_timestamp(unix, 0).unwrap_or_default())
}

/// How an appointment is shown: never with the whole document number.
fn view(catalog: &Catalog, s: &Stored) -> AppointmentView {
    let start = instant(s.start_at);
    // An office or service removed from the configuration still shows by its id.
    let office = catalog.office(&s.office_id).map(OfficeSummary::from).unwrap_or_else(|| OfficeSummary {
        id: s.office_id.clone(),
        city: s.office_id.clone(),
        name: s.office_id.clone(),
        address: None,
        postal_code: None,
    });
    let service = catalog.service(&s.service_id).map(ServiceView::from).unwrap_or_else(|| ServiceView {
        id: s.service_id.clone(),
        name: s.service_id.clone(),
        description: String::new(),
        name_en: None,
        description_en: None,
    });
    let kind = DocumentKind::parse(&s.document_kind).unwrap_or(DocumentKind::Cc);
    AppointmentView {
        code: AppointmentCode::parse(&s.code).map_or_else(|| s.code.clone(), |c| c.to_string()),
        status: if s.is_cancelled() { AppointmentStatus::Cancelled } else { AppointmentStatus::Booked },
        office,
        service,
        start,
        end: instant(s.end_at),
        arrive_by: start - Duration::minutes(ARRIVE_EARLY_MINUTES),
        document: DocumentSummary { kind, masked: masked(kind, &s.document_number) },
        name: s.name.clone(),
        email: s.email.clone(),
        phone: s.phone.clone(),
        created_at: instant(s.created_at),
        updated_at: instant(s.updated_at),
    }
}

/// The appointment with this code, if this document booked it. An unknown code and a wrong
/// document get the same answer, so nobody can probe who has an appointment.
async fn find(conn: &mut AnyConnection, code: &str, document: &Document) -> Result<Stored, ApiError> {
    let not_found = || {
        ApiError::not_found(
            "not_found",
            Text {
                es: "No encontramos una cita con ese código y ese documento. Revise los dos.",
                en: "We found no appointment with that code and that document. Check both.",
            },
        )
    };
    let code = AppointmentCode::parse(code).ok_or_else(not_found)?;
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM appointments WHERE code = $1 AND document_kind = $2 AND document_number = $3"
    ))
    .bind(code.as_str())
    .bind(document.kind().code())
    .bind(document.number())
    .fetch_optional(conn)
    .await?
    .ok_or_else(not_found)
}

async fn reload(conn: &mut AnyConnection, id: i64) -> Result<Stored, sqlx::Error> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM appointments WHERE id = $1"))
        .bind(id)
        .fetch_one(conn)
        .await
}

/// How every statement that adds to an appointment's history begins; its values follow.
/// Details never hold the document number.
const NEW_HISTORY_ENTRY: &str = "INSERT INTO appointment_events (appointment_id, at, action, detail)";

/// Adds to the appointment's history.
async fn record(
    conn: &mut AnyConnection,
    appointment: i64,
    at: DateTime<FixedOffset>,
    action: &str,
    detail: &str,
) -> Result<(), sqlx::Error> {
    static SQL: LazyLock<String> = LazyLock::new(|| format!("{NEW_HISTORY_ENTRY} VALUES ($1, $2, $3, $4)"));
    sqlx::query(&SQL)
        .bind(appointment)
        .bind(at.timestamp())
        .bind(action)
        .bind(detail)
        .execute(conn)
        .await
        .map(drop)
}

fn parse_document(catalog: &Catalog, input: &DocumentInput) -> Result<Document, ApiError> {
    let kind = DocumentKind::parse(&input.kind).ok_or_else(|| {
        ApiError::invalid(
            "invalid_document",
            Text {
                es: "Elija el tipo de documento: cédula de ciudadanía (CC), cédula de extranjería (CE) o NIT.",
                en: "Choose the kind of document: cédula de ciudadanía (CC), cédula de extranjería (CE) or NIT.",
            },
        )
        .on("document.kind")
    })?;
    Document::parse(kind, &input.number, &catalog.documents)
        .map_err(|e| ApiError::invalid("invalid_document", Message::of(&e)).on("document.number"))
}

fn parse_start(start: &str) -> Result<DateTime<FixedOffset>, ApiError> {
    DateTime::parse_from_rfc3339(start.trim()).map_err(|_| {
        ApiError::invalid(
            "invalid_start",
            Text {
                es: "La hora de la cita no es válida: use RFC 3339, por ejemplo 2026-12-01T08:00:00-05:00.",
                en: "The appointment time is not valid: use RFC 3339, for example 2026-12-01T08:00:00-05:00.",
            },
        )
        .on("start")
    })
}

/// The slot at `start`, refused with the reason when it is not one of the office's slots.
pub(super) fn slot(catalog: &Catalog, office: &Office, start: &str) -> Result<Slot, ApiError> {
    slot_at(catalog, office, parse_start(start)?).map_err(slot_error)
}

pub(super) fn slot_error(e: SlotError) -> ApiError {
    let code = match e {
        SlotError::NotASlot => "not_a_slot",
        SlotError::OutsideHours => "outside_hours",
        SlotError::Holiday(_) => "holiday",
        SlotError::Closure(_) => "closure",
        SlotError::OutsideWindow => "outside_window",
    };
    ApiError::invalid(code, Message::of(&e)).on("start")
}

pub(super) fn slot_full() -> ApiError {
    ApiError::conflict(
        "slot_full",
        Text {
            es: "Alguien acaba de tomar el último cupo de esa hora. Elija otra hora.",
            en: "Someone has just taken the last seat at that time. Choose another time.",
        },
    )
    .on("start")
}

pub(super) fn hold_expired() -> ApiError {
    ApiError::new(
        StatusCode::GONE,
        "hold_expired",
        Text {
            es: "Se venció el tiempo para confirmar esa hora y quedó libre para otras personas. Elija de nuevo una hora.",
            en: "The time to confirm that slot ran out and it is free for others again. Choose a time again.",
        },
    )
    .on("hold")
}

fn hold_mismatch() -> ApiError {
    ApiError::invalid(
        "hold_mismatch",
        Text {
            es: "La hora reservada no corresponde a la oficina y hora de la solicitud.",
            en: "The held time does not match the office and time of the request.",
        },
    )
    .on("hold")
}

pub(super) fn document_has_appointment() -> ApiError {
    ApiError::conflict(
        "document_has_appointment",
        Text {
            es: "Ese documento ya tiene una cita agendada. Si necesita otra fecha, modifique o cancele la que tiene.",
            en: "That document already has an appointment. If you need another date, change or cancel the one you have.",
        },
    )
    .on("document.number")
}

/// How a write attempt ended.
pub(super) enum Attempt<T> {
    Done(T),
    Refused(ApiError),
    /// Lost a race that a fresh attempt can win (code collision, seat taken meanwhile).
    Retry,
}

/// Attempts for a write: a few for code collisions and transient conflicts, plus one per
/// desk, because each race for a seat that is lost is a seat someone else took.
pub(super) fn attempts(catalog: &Catalog) -> usize {
    5 + catalog.offices.iter().map(|o| o.desks as usize).max().unwrap_or(0)
}

fn too_busy() -> ApiError {
    ApiError::new(
        StatusCode::SERVICE_UNAVAILABLE,
        "busy",
        Text {
            es: "Hay muchas solicitudes para esa hora en este momento. Intente de nuevo.",
            en: "There are many requests for that time right now. Please try again.",
        },
    )
}

/// Runs `attempt` until it is done, refused, or has lost too many races.
async fn with_retries<T, F, Fut>(catalog: &Catalog, mut attempt: F) -> Result<T, ApiError>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Attempt<T>>,
{
    for _ in 0..attempts(catalog) {
        match attempt().await {
            Attempt::Done(value) => return Ok(value),
            Attempt::Refused(error) => return Err(error),
            Attempt::Retry => continue,
        }
    }
    Err(too_busy())
}

/// Gives an appointment that moves the citizen's live hold for the new slot, or else the
/// lowest free seat there.
async fn take_seat(
    conn: &mut AnyConnection,
    hold: Option<&str>,
    office: &Office,
    start: i64,
    appointment: i64,
    now: i64,
) -> Result<Attempt<()>, sqlx::Error> {
    let taken = match hold {
        Some(hold) => {
            crate::seats::convert_hold(&mut *conn, hold, &office.id, start, appointment, now).await?
        }
        None => {
            crate::seats::book(&mut *conn, &office.id, start, office.desks, appointment, now).await?.is_some()
        }
    };
    if taken { Ok(Attempt::Done(())) } else { no_seat(conn, hold, office, start, now).await }
}

/// Why a seat-taking statement took nothing: the hold did not convert, the slot is full, or
/// a concurrent request took the chosen seat first (then a new attempt follows).
pub(super) async fn no_seat<T>(
    conn: &mut AnyConnection,
    hold: Option<&str>,
    office: &Office,
    start: i64,
    now: i64,
) -> Result<Attempt<T>, sqlx::Error> {
    Ok(match seat_refusal(conn, hold, office, start, now).await? {
        Some(refusal) => Attempt::Refused(refusal),
        None => Attempt::Retry,
    })
}

/// What keeps a request from a seat of the slot now: its hold has expired (or never was) or is
/// for another slot, or, without a hold, every seat is taken. `None` when the seat is there.
pub(super) async fn seat_refusal(
    conn: &mut AnyConnection,
    hold: Option<&str>,
    office: &Office,
    start: i64,
    now: i64,
) -> Result<Option<ApiError>, sqlx::Error> {
    Ok(match hold {
        Some(hold) => match crate::seats::live_hold(conn, hold, now).await? {
            None => Some(hold_expired()),
            Some(h) if (h.office_id.as_str(), h.start_at) != (office.id.as_str(), start) => {
                Some(hold_mismatch())
            }
            Some(_) => None,
        },
        None if crate::seats::has_a_free_seat(conn, &office.id, start, office.desks, now).await? => None,
        None => Some(slot_full()),
    })
}

/// Maps what the database refused to what the citizen is told.
fn refused<T>(e: sqlx::Error) -> Attempt<T> {
    use crate::db::{Unique, is_transient, unique_violation};
    if is_transient(&e) {
        return Attempt::Retry;
    }
    match unique_violation(&e) {
        Some(Unique::ActiveDocument) => Attempt::Refused(document_has_appointment()),
        Some(Unique::Code | Unique::Seat) => Attempt::Retry,
        None => Attempt::Refused(e.into()),
    }
}
