//! `POST /api/v1/appointments`: book a seat.

use super::{
    Attempt, COLUMNS, SeatSource, Stored, parse_document, record, refused, slot, slot_error, view,
    with_retries,
};
use crate::db::{Unique, unique_violation};
use crate::error::{ApiError, Message};
use crate::http::{AppState, Json};
use axum::extract::State;
use axum::http::StatusCode;
use chrono::{DateTime, FixedOffset};
use citas_domain::api::{AppointmentView, BookingRequest, PRIVACY_NOTICE_VERSION};
use citas_domain::catalog::{Catalog, Office, Service};
use citas_domain::code::AppointmentCode;
use citas_domain::contact::{Email, PersonName, Phone};
use citas_domain::document::Document;
use citas_domain::lang::Text;
use citas_domain::schedule::{BookingWindow, Slot, SlotError};
use rand::Rng;

/// A booking request whose every field is valid.
struct NewBooking<'a> {
    office: &'a Office,
    service: &'a Service,
    slot: Slot,
    document: Document,
    name: PersonName,
    email: Option<Email>,
    phone: Option<Phone>,
    hold: Option<String>,
}

pub async fn create(
    State(app): State<AppState>,
    Json(request): Json<BookingRequest>,
) -> Result<(StatusCode, Json<AppointmentView>), ApiError> {
    let now = app.clock.now();
    let booking = NewBooking::parse(&app.catalog, &request, now)?;
    let view = with_retries(|| insert(&app, &booking, now)).await?;
    app.seats_changed(&booking.office.id);
    tracing::info!(code = %view.code, office = %view.office.id, start = %view.start, "appointment booked");
    metrics::counter!("citas_bookings_total", "office" => view.office.id.clone()).increment(1);
    Ok((StatusCode::CREATED, Json(view)))
}

impl<'a> NewBooking<'a> {
    fn parse(catalog: &'a Catalog, r: &BookingRequest, now: DateTime<FixedOffset>) -> Result<Self, ApiError> {
        let office = catalog.office(&r.office).ok_or_else(ApiError::unknown_office)?;
        let service = catalog.service(&r.service).ok_or_else(ApiError::unknown_service)?;
        let document = parse_document(catalog, &r.document)?;
        let name = PersonName::parse(&r.name)
            .map_err(|e| ApiError::invalid("invalid_name", Message::of(&e)).on("name"))?;
        let email = optional(r.email.as_deref())
            .map(Email::parse)
            .transpose()
            .map_err(|e| ApiError::invalid("invalid_email", Message::of(&e)).on("email"))?;
        let phone = optional(r.phone.as_deref())
            .map(Phone::parse)
            .transpose()
            .map_err(|e| ApiError::invalid("invalid_phone", Message::of(&e)).on("phone"))?;
        if !r.consent {
            return Err(ApiError::invalid(
                "consent_required",
                Text {
                    es: "Para agendar debe autorizar el tratamiento de sus datos personales.",
                    en: "To book you must authorize the processing of your personal data.",
                },
            )
            .on("consent"));
        }
        let slot = slot(catalog, office, &r.start)?;
        let hold = optional(r.hold.as_deref()).map(str::to_owned);
        // A live hold was taken inside the window; it stays good even if the notice passes.
        if hold.is_none() && !BookingWindow::at(now, &catalog.booking).contains(slot.start) {
            return Err(slot_error(SlotError::OutsideWindow));
        }
        Ok(NewBooking { office, service, slot, document, name, email, phone, hold })
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

/// Takes the held or the lowest free seat of the slot and records the appointment, in one
/// transaction.
async fn insert(app: &AppState, b: &NewBooking<'_>, now: DateTime<FixedOffset>) -> Attempt<AppointmentView> {
    let attempt = async {
        let mut tx = app.db.begin_write().await?;
        let start = b.slot.start.timestamp();
        let seat =
            match SeatSource::choose(&mut tx, b.hold.as_deref(), b.office, start, now.timestamp()).await? {
                Ok(seat) => seat,
                Err(refusal) => return Ok(Attempt::Refused(refusal)),
            };
        let stored: Stored = sqlx::query_as(&format!(
            "INSERT INTO appointments (code, office_id, service_id, start_at, end_at,
                 document_kind, document_number, active_document, name, email, phone,
                 status, consent_at, privacy_notice, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'booked', $12, $13, $12, $12)
             RETURNING {COLUMNS}"
        ))
        .bind(new_code().as_str())
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
        seat.take(&mut tx, &b.office.id, start, stored.id).await?;
        record(&mut tx, stored.id, now, "booked", &format!("{} {}", b.office.id, b.slot.start.to_rfc3339()))
            .await?;
        tx.commit().await?;
        Ok::<_, sqlx::Error>(Attempt::Done(view(&app.catalog, &stored)))
    };
    match attempt.await {
        Ok(done) => done,
        // The document still holds an appointment: if that one has started, it no longer
        // holds the document — free it and try again. (Checked only now, to keep the common
        // path short; a failed statement ends the transaction on PostgreSQL, so separately.)
        Err(e) if unique_violation(&e) == Some(Unique::ActiveDocument) => {
            let freed = sqlx::query(
                "UPDATE appointments SET active_document = NULL WHERE active_document = $1 AND start_at <= $2",
            )
            .bind(b.document.key())
            .bind(now.timestamp())
            .execute(app.db.pool())
            .await;
            match freed {
                Ok(done) if done.rows_affected() > 0 => Attempt::Retry,
                Ok(_) => refused(e),
                Err(other) => refused(other),
            }
        }
        Err(e) => refused(e),
    }
}
