//! `POST /api/v1/appointments`: book a seat.

use super::batch::{self, Queued};
use super::{
    Attempt, Stored, document_has_appointment, parse_document, refused, seat_refusal, slot, slot_error, view,
    with_retries,
};
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
    let stored = match app.bookings.book(booking.queued(now)).await {
        Some(stored) => stored,
        None => with_retries(&app.catalog, || alone(&app, &booking, now)).await?,
    };
    let view = view(&app.catalog, &stored);
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

    /// The booking as a batch writes it, with a new code.
    fn queued(&self, now: DateTime<FixedOffset>) -> Queued {
        Queued {
            code: new_code().as_str().to_owned(),
            office_id: self.office.id.clone(),
            service_id: self.service.id.clone(),
            start_at: self.slot.start.timestamp(),
            end_at: self.slot.end.timestamp(),
            document_kind: self.document.kind().code().to_owned(),
            document_number: self.document.number().to_owned(),
            active_document: self.document.key().to_owned(),
            name: self.name.as_str().to_owned(),
            email: self.email.as_ref().map(|e| e.as_str().to_owned()),
            phone: self.phone.as_ref().map(|p| p.as_str().to_owned()),
            privacy_notice: PRIVACY_NOTICE_VERSION.to_owned(),
            desks: i64::from(self.office.desks),
            hold: self.hold.clone(),
            requested_at: now.timestamp(),
            detail: format!("{} {}", self.office.id, self.slot.start.to_rfc3339()),
        }
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

/// The booking on its own, after a batch did not book it: refused if something stands in its
/// way (most often, its slot filled), else written again.
async fn alone(app: &AppState, b: &NewBooking<'_>, now: DateTime<FixedOffset>) -> Attempt<Stored> {
    match refusal(app, b, now.timestamp()).await {
        Ok(Some(refusal)) => return Attempt::Refused(refusal),
        Ok(None) => {}
        Err(e) => return refused(e),
    }
    match batch::write(&app.db, &[&b.queued(now)]).await {
        Ok(written) => match written.into_iter().next() {
            Some(stored) => Attempt::Done(stored),
            // A concurrent request took the seat it chose: the next attempt sees that.
            None => Attempt::Retry,
        },
        // A code already taken is tried again with a new one; a concurrent booking of the
        // same document that committed first is that document's appointment.
        Err(e) => refused(e),
    }
}

/// What stands in the way of a booking now: its hold ran out or is for another slot, its slot
/// is full, or its document holds an appointment. An appointment that has started no longer
/// holds the document, and is let go here.
async fn refusal(app: &AppState, b: &NewBooking<'_>, now: i64) -> Result<Option<ApiError>, sqlx::Error> {
    let mut conn = app.db.pool().acquire().await?;
    let seat = seat_refusal(&mut conn, b.hold.as_deref(), b.office, b.slot.start.timestamp(), now).await?;
    if seat.is_some() {
        return Ok(seat);
    }
    let held: Option<i64> =
        sqlx::query_scalar("SELECT start_at FROM appointments WHERE active_document = $1")
            .bind(b.document.key())
            .fetch_optional(&mut *conn)
            .await?;
    match held {
        Some(started) if started <= now => {
            sqlx::query("UPDATE appointments SET active_document = NULL WHERE active_document = $1 AND start_at <= $2")
                .bind(b.document.key())
                .bind(now)
                .execute(&mut *conn)
                .await?;
            Ok(None)
        }
        Some(_) => Ok(Some(document_has_appointment())),
        None => Ok(None),
    }
}
