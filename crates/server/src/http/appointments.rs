//! `POST /api/v1/appointments`: book a seat.

use super::{AppState, Json};
use crate::db::{Unique, begin_write, unique_violation};
use crate::error::ApiError;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::{DateTime, Duration, FixedOffset};
use citas_domain::api::{
    ARRIVE_EARLY_MINUTES, AppointmentStatus, AppointmentView, BookingRequest, DocumentSummary,
    PRIVACY_NOTICE_VERSION, ServiceView,
};
use citas_domain::catalog::{Catalog, Office, Service};
use citas_domain::code::AppointmentCode;
use citas_domain::contact::{Email, PersonName, Phone};
use citas_domain::document::{Document, DocumentKind};
use citas_domain::schedule::{Slot, SlotError, bookable_slot};
use rand::Rng;

/// A code collision or a lost race for a seat is retried this many times in all.
const MAX_ATTEMPTS: usize = 5;

/// A booking request whose every field is valid.
struct NewBooking<'a> {
    office: &'a Office,
    service: &'a Service,
    slot: Slot,
    document: Document,
    name: PersonName,
    email: Option<Email>,
    phone: Option<Phone>,
}

pub async fn create(
    State(app): State<AppState>,
    Json(request): Json<BookingRequest>,
) -> Result<(StatusCode, Json<AppointmentView>), ApiError> {
    let now = app.clock.now();
    let booking = NewBooking::parse(&app.catalog, &request, now)?;
    for _ in 0..MAX_ATTEMPTS {
        match insert(&app, &booking, &new_code(), now).await {
            Attempt::Retry => continue,
            Attempt::Refused(error) => return Err(error),
            Attempt::Booked(view) => {
                tracing::info!(code = %view.code, office = %view.office.id, start = %view.start, "appointment booked");
                return Ok((StatusCode::CREATED, Json(*view)));
            }
        }
    }
    Err(ApiError::new(
        StatusCode::SERVICE_UNAVAILABLE,
        "busy",
        "Hay muchas solicitudes para esa hora en este momento. Intente de nuevo.",
    ))
}

impl<'a> NewBooking<'a> {
    fn parse(catalog: &'a Catalog, r: &BookingRequest, now: DateTime<FixedOffset>) -> Result<Self, ApiError> {
        let office = catalog.office(&r.office).ok_or_else(ApiError::unknown_office)?;
        let service = catalog.service(&r.service).ok_or_else(|| {
            ApiError::not_found("unknown_service", "No existe ese servicio. Elija uno de la lista.")
                .on("service")
        })?;
        let kind = DocumentKind::parse(&r.document.kind).ok_or_else(|| {
            ApiError::invalid(
                "invalid_document",
                "Elija el tipo de documento: cédula de ciudadanía (CC), cédula de extranjería (CE) o NIT.",
            )
            .on("document.kind")
        })?;
        let document = Document::parse(kind, &r.document.number, &catalog.documents)
            .map_err(|e| ApiError::invalid("invalid_document", e.to_string()).on("document.number"))?;
        let name = PersonName::parse(&r.name)
            .map_err(|e| ApiError::invalid("invalid_name", e.to_string()).on("name"))?;
        let email = optional(r.email.as_deref())
            .map(Email::parse)
            .transpose()
            .map_err(|e| ApiError::invalid("invalid_email", e.to_string()).on("email"))?;
        let phone = optional(r.phone.as_deref())
            .map(Phone::parse)
            .transpose()
            .map_err(|e| ApiError::invalid("invalid_phone", e.to_string()).on("phone"))?;
        if !r.consent {
            return Err(ApiError::invalid(
                "consent_required",
                "Para agendar debe autorizar el tratamiento de sus datos personales.",
            )
            .on("consent"));
        }
        let start = DateTime::parse_from_rfc3339(r.start.trim()).map_err(|_| {
            ApiError::invalid(
                "invalid_start",
                "La hora de la cita no es válida: use RFC 3339, por ejemplo 2026-12-01T08:00:00-05:00.",
            )
            .on("start")
        })?;
        let slot = bookable_slot(catalog, office, start, now).map_err(|e| {
            let code = match e {
                SlotError::NotASlot => "not_a_slot",
                SlotError::OutsideHours => "outside_hours",
                SlotError::Holiday(_) => "holiday",
                SlotError::Closure(_) => "closure",
                SlotError::OutsideWindow => "outside_window",
            };
            ApiError::invalid(code, e.to_string()).on("start")
        })?;
        Ok(NewBooking { office, service, slot, document, name, email, phone })
    }
}

/// An empty optional field is the same as a missing one.
fn optional(value: Option<&str>) -> Option<&str> {
    value.filter(|v| !v.trim().is_empty())
}

fn new_code() -> AppointmentCode {
    let mut rng = rand::rng();
    AppointmentCode::from_random(std::array::from_fn(|_| rng.random()))
}

enum Attempt {
    Booked(Box<AppointmentView>),
    Refused(ApiError),
    /// Lost a race that a fresh attempt can win (code collision, seat taken meanwhile).
    Retry,
}

/// Takes the lowest free seat of the slot and records the appointment, in one transaction.
async fn insert(
    app: &AppState,
    b: &NewBooking<'_>,
    code: &AppointmentCode,
    now: DateTime<FixedOffset>,
) -> Attempt {
    let attempt = async {
        let mut tx = begin_write(&app.db).await?;
        let start = b.slot.start.timestamp();
        // An appointment that has started no longer holds its document.
        sqlx::query(
            "UPDATE appointments SET active_document = NULL
              WHERE active_document = $1 AND start_at <= $2",
        )
        .bind(b.document.key())
        .bind(now.timestamp())
        .execute(&mut *tx)
        .await?;

        let taken: Vec<i64> =
            sqlx::query_scalar("SELECT seat FROM seats WHERE office_id = $1 AND start_at = $2")
                .bind(&b.office.id)
                .bind(start)
                .fetch_all(&mut *tx)
                .await?;
        let Some(seat) = (0..i64::from(b.office.desks)).find(|s| !taken.contains(s)) else {
            return Ok(Attempt::Refused(slot_full()));
        };

        let id: i64 = sqlx::query_scalar(
            "INSERT INTO appointments (code, office_id, service_id, start_at, end_at,
                 document_kind, document_number, active_document, name, email, phone,
                 status, consent_at, privacy_notice, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'booked', $12, $13, $12, $12)
             RETURNING id",
        )
        .bind(code.as_str())
        .bind(&b.office.id)
        .bind(&b.service.id)
        .bind(start)
        .bind(b.slot.end.timestamp())
        .bind(b.document.kind().code())
        .bind(b.document.number())
        .bind(b.document.key())
        .bind(b.name.as_str())
        .bind(b.email.as_ref().map(Email::as_str))
        .bind(b.phone.as_ref().map(Phone::as_str))
        .bind(now.timestamp())
        .bind(PRIVACY_NOTICE_VERSION)
        .fetch_one(&mut *tx)
        .await?;

        sqlx::query("INSERT INTO seats (office_id, start_at, seat, appointment_id) VALUES ($1, $2, $3, $4)")
            .bind(&b.office.id)
            .bind(start)
            .bind(seat)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("INSERT INTO appointment_events (appointment_id, at, action) VALUES ($1, $2, 'booked')")
            .bind(id)
            .bind(now.timestamp())
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok::<_, sqlx::Error>(Attempt::Booked(Box::new(view(b, code, now))))
    };
    match attempt.await {
        Ok(attempt) => attempt,
        Err(e) => match unique_violation(&e) {
            Some(Unique::ActiveDocument) => Attempt::Refused(
                ApiError::conflict(
                    "document_has_appointment",
                    "Ese documento ya tiene una cita agendada. Si necesita otra fecha, modifique o cancele la que tiene.",
                )
                .on("document.number"),
            ),
            Some(Unique::Code | Unique::Seat) => Attempt::Retry,
            None => Attempt::Refused(e.into()),
        },
    }
}

fn slot_full() -> ApiError {
    ApiError::conflict("slot_full", "Alguien acaba de tomar el último cupo de esa hora. Elija otra hora.")
        .on("start")
}

fn view(b: &NewBooking<'_>, code: &AppointmentCode, now: DateTime<FixedOffset>) -> AppointmentView {
    AppointmentView {
        code: code.to_string(),
        status: AppointmentStatus::Booked,
        office: b.office.into(),
        service: ServiceView::from(b.service),
        start: b.slot.start,
        end: b.slot.end,
        arrive_by: b.slot.start - Duration::minutes(ARRIVE_EARLY_MINUTES),
        document: DocumentSummary { kind: b.document.kind(), masked: b.document.masked() },
        name: b.name.as_str().to_owned(),
        email: b.email.as_ref().map(|e| e.as_str().to_owned()),
        phone: b.phone.as_ref().map(|p| p.as_str().to_owned()),
        created_at: now,
    }
}
