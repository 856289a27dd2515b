//! Find, move or cancel an appointment. Every request proves ownership with the document; a
//! code given too many wrong documents is locked for a while (`Store::find`). The answer shows
//! the e-mail and phone masked: the code and document are not proof enough to read them.

use super::{calendar_of_day, optional, parse_code, parse_document, slot, view};
use crate::error::ApiError;
use crate::http::{AppState, Json, PathParam};
use crate::store::{Actor, Appointment, Move};
use axum::extract::State;
use chrono::{DateTime, FixedOffset};
use citas_domain::api::{AppointmentView, DocumentProof, ErrorBody, ErrorCode, RescheduleRequest};
use citas_domain::code::AppointmentCode;
use citas_domain::contact::{masked_email, masked_phone};
use citas_domain::document::Document;

#[utoipa::path(
    post,
    path = "/api/v1/appointments/{code}/lookup",
    tag = "appointments",
    params(("code" = String, Path, description = "The appointment's code, e.g. K7QX-M4PT.")),
    request_body = DocumentProof,
    responses(
        (status = 200, description = "The appointment, its e-mail and phone masked.", body = AppointmentView),
        (status = 400, description = "`invalid_json`, `invalid_request`, `invalid_path`.", body = ErrorBody),
        (status = 404, description = "`not_found`: the same for an unknown code and a wrong document.", body = ErrorBody),
        (status = 422, description = "`invalid_document`.", body = ErrorBody),
        (status = 429, description = "`code_locked` (too many wrong documents for this code), `too_many_requests`.", body = ErrorBody, headers(("Retry-After" = u32, description = "Seconds until trying again may work."))),
    )
)]
/// `POST /api/v1/appointments/{code}/lookup`.
pub async fn lookup(
    State(app): State<AppState>,
    PathParam(code): PathParam<String>,
    Json(proof): Json<DocumentProof>,
) -> Result<Json<AppointmentView>, ApiError> {
    let document = parse_document(&app.catalog, &proof.document)?;
    let found = app.store.find(&parse_code(&code)?, &document, app.clock.now().timestamp()).await?;
    Ok(Json(masked(view(&app.catalog, &found))))
}

#[utoipa::path(
    post,
    path = "/api/v1/appointments/{code}/reschedule",
    tag = "appointments",
    params(("code" = String, Path, description = "The appointment's code, e.g. K7QX-M4PT.")),
    request_body = RescheduleRequest,
    responses(
        (status = 200, description = "Moved (contacts masked); the old seat returns to availability after the release delay.", body = AppointmentView),
        (status = 400, description = "`invalid_json`, `invalid_request`, `invalid_path`.", body = ErrorBody),
        (status = 404, description = "`not_found`.", body = ErrorBody),
        (status = 409, description = "`appointment_past`, `appointment_cancelled`, `office_unavailable`, `slot_full`.", body = ErrorBody),
        (status = 410, description = "`hold_expired`.", body = ErrorBody),
        (status = 422, description = "`invalid_document`, `invalid_start`, `not_a_slot`, `outside_hours`, `holiday`, `closure`, `outside_window`, `hold_mismatch`.", body = ErrorBody),
        (status = 429, description = "`code_locked` (too many wrong documents for this code), `too_many_requests`.", body = ErrorBody, headers(("Retry-After" = u32, description = "Seconds until trying again may work."))),
    )
)]
/// `POST /api/v1/appointments/{code}/reschedule`: the new seat is taken and the old one freed
/// together (returning to the others after the configured delay); if the new time cannot be
/// had, nothing changes.
pub async fn reschedule(
    State(app): State<AppState>,
    PathParam(code): PathParam<String>,
    Json(request): Json<RescheduleRequest>,
) -> Result<Json<AppointmentView>, ApiError> {
    let document = parse_document(&app.catalog, &request.document)?;
    let code = parse_code(&code)?;
    let hold = optional(request.hold.as_deref());
    let moved = move_to(&app, &code, &document, (&request.start, hold), &Actor::citizen(), None).await?;
    Ok(Json(masked(view(&app.catalog, &moved))))
}

/// Moves the appointment with `code`, proved by `document`, to a start (through a hold), as `by`
/// says and for the reason `why` (an official's, for the history): only an upcoming, booked one,
/// to a slot of its office; the old seat returns after the fair release's delay.
pub(in crate::http) async fn move_to(
    app: &AppState,
    code: &AppointmentCode,
    document: &Document,
    (start, hold): (&str, Option<&str>),
    by: &Actor,
    why: Option<&str>,
) -> Result<Appointment, ApiError> {
    let now = app.clock.now();
    // Every office's: the appointment's office is known once it is found.
    let calendar = calendar_of_day(&app.store, None, start).await?;
    let moved = app
        .store
        .reschedule(code, document, now, app.abuse.release_at(now), |found| {
            changeable(found, now)?;
            let office = app.catalog.office(&found.office_id).ok_or(ErrorCode::OfficeUnavailable)?;
            let (slot, desks) = slot(&app.catalog, &calendar, office, start, hold, now)?;
            let here = slot.start.timestamp() == found.start_at;
            Ok::<_, ApiError>((!here).then_some(Move { office, slot, desks, hold, by, why }))
        })
        .await?;
    app.seats_changed(&moved.office_id);
    tracing::info!(code = %code, start = %moved.start_at, by = %by.label, "appointment rescheduled");
    Ok(moved)
}

#[utoipa::path(
    post,
    path = "/api/v1/appointments/{code}/cancel",
    tag = "appointments",
    params(("code" = String, Path, description = "The appointment's code, e.g. K7QX-M4PT.")),
    request_body = DocumentProof,
    responses(
        (status = 200, description = "Cancelled (contacts masked); asking again answers the same.", body = AppointmentView),
        (status = 400, description = "`invalid_json`, `invalid_request`, `invalid_path`.", body = ErrorBody),
        (status = 404, description = "`not_found`.", body = ErrorBody),
        (status = 409, description = "`appointment_past`.", body = ErrorBody),
        (status = 422, description = "`invalid_document`.", body = ErrorBody),
        (status = 429, description = "`code_locked` (too many wrong documents for this code), `too_many_requests`.", body = ErrorBody, headers(("Retry-After" = u32, description = "Seconds until trying again may work."))),
    )
)]
/// `POST /api/v1/appointments/{code}/cancel`: cancelled at once; its seat returns to the others
/// after the configured delay. Cancelling again answers the same.
pub async fn cancel(
    State(app): State<AppState>,
    PathParam(code): PathParam<String>,
    Json(proof): Json<DocumentProof>,
) -> Result<Json<AppointmentView>, ApiError> {
    let document = parse_document(&app.catalog, &proof.document)?;
    let code = parse_code(&code)?;
    let now = app.clock.now();
    let release = app.abuse.release_at(now);
    let cancellation =
        app.store.cancel(&code, &document, now, release, |found| changeable(found, now)).await?;
    if cancellation.cancelled_now {
        app.seats_changed(&cancellation.appointment.office_id);
        tracing::info!(code = %code, "appointment cancelled");
    }
    Ok(Json(masked(view(&app.catalog, &cancellation.appointment))))
}

/// The appointment with its e-mail and phone masked.
fn masked(view: AppointmentView) -> AppointmentView {
    AppointmentView {
        email: view.email.as_deref().map(masked_email),
        phone: view.phone.as_deref().map(masked_phone),
        ..view
    }
}

/// Only upcoming, booked appointments can change.
fn changeable(found: &Appointment, now: DateTime<FixedOffset>) -> Result<(), ApiError> {
    if found.is_cancelled() {
        return Err(ErrorCode::AppointmentCancelled.into());
    }
    // Once the office recorded whether the person came, it is over even if its time is not.
    if found.start_at <= now.timestamp() || found.attendance.is_some() {
        return Err(ErrorCode::AppointmentPast.into());
    }
    Ok(())
}
