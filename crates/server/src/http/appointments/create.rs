//! `POST /api/v1/appointments`: book a seat.

use super::{optional, parse_document, slot, view};
use crate::error::ApiError;
use crate::http::{AppState, Json};
use crate::store::NewAppointment;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::{DateTime, FixedOffset};
use citas_domain::api::{AppointmentView, BookingRequest, ErrorCode};
use citas_domain::catalog::Catalog;
use citas_domain::contact::{Email, PersonName, Phone};

pub async fn create(
    State(app): State<AppState>,
    Json(request): Json<BookingRequest>,
) -> Result<(StatusCode, Json<AppointmentView>), ApiError> {
    let new = parse(&app.catalog, &request, app.clock.now())?;
    let booked = app.store.book(&new).await?;
    let view = view(&app.catalog, &booked);
    app.seats_changed(&booked.office_id);
    tracing::info!(code = %view.code, office = %view.office.id, start = %view.start, "appointment booked");
    metrics::counter!("citas_bookings_total", "office" => view.office.id.clone()).increment(1);
    Ok((StatusCode::CREATED, Json(view)))
}

/// The booking as asked, every field checked in the order the form shows them.
fn parse<'a>(
    catalog: &'a Catalog,
    r: &BookingRequest,
    now: DateTime<FixedOffset>,
) -> Result<NewAppointment<'a>, ApiError> {
    let office = catalog.office(&r.office).ok_or(ErrorCode::UnknownOffice)?;
    let service = catalog.service(&r.service).ok_or(ErrorCode::UnknownService)?;
    let document = parse_document(catalog, &r.document)?;
    let name = PersonName::parse(&r.name)?;
    let email = optional(r.email.as_deref()).map(Email::parse).transpose()?;
    let phone = optional(r.phone.as_deref()).map(Phone::parse).transpose()?;
    if !r.consent {
        return Err(ErrorCode::ConsentRequired.into());
    }
    let hold = optional(r.hold.as_deref()).map(str::to_owned);
    let slot = slot(catalog, office, &r.start, hold.as_deref(), now)?;
    Ok(NewAppointment { office, service, slot, document, name, email, phone, hold, requested_at: now })
}
