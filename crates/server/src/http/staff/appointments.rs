//! What an office does to one appointment: check-in against the document presented, no-show,
//! reopen, cancel with a reason; and finding a person's appointments by document, and an
//! appointment's history. Each change goes into the history with the official's account.

use super::{Official, entry};
use crate::appointment_view::history_entry;
use crate::error::ApiError;
use crate::http::appointments::{erase_document, parse_document};
use crate::http::{AppState, Json, PathParam};
use crate::store::{Appointment, Attendance, Cancelling, instant};
use axum::extract::State;
use chrono::{DateTime, Duration, FixedOffset};
use citas_domain::api::privacy::{EraseRequest, Erased};
use citas_domain::api::staff::{AgendaEntry, CheckIn, Found, History, OfficeCancel, Search};
use citas_domain::api::{AppointmentStatus, ErrorBody, ErrorCode};
use citas_domain::document::{Document, DocumentKind};
use citas_domain::reason::Reason;
use citas_domain::time::bogota_date;

#[utoipa::path(
    post,
    path = "/api/v1/staff/appointments/{code}/check-in",
    operation_id = "staff_check_in",
    tag = "staff",
    params(("code" = String, Path, description = "The appointment's code, e.g. K7QX-M4PT.")),
    request_body = CheckIn,
    responses(
        (status = 200, description = "Attended: the document presented is the one it was booked with.", body = AgendaEntry),
        (status = 400, description = "`invalid_json`, `invalid_request`, `invalid_path`.", body = ErrorBody),
        (status = 401, description = "`unauthenticated`: no session, or it has ended (idle, too old, or its account disabled or given a new password).", body = ErrorBody),
        (status = 403, description = "`origin_refused`: `Origin` does not name this site; `forbidden`: the appointment is at another office.", body = ErrorBody),
        (status = 404, description = "`not_found`.", body = ErrorBody),
        (status = 409, description = "`appointment_not_today`, `appointment_not_booked`.", body = ErrorBody),
        (status = 422, description = "`document_mismatch`: another document than the booked one (recorded in the history as `check_in_refused`); `invalid_document`.", body = ErrorBody),
    ),
    security(("citas_funcionario" = []))
)]
/// `POST /api/v1/staff/appointments/{code}/check-in {document}`: the person is attended only
/// with the document the appointment was booked with.
pub async fn check_in(
    State(app): State<AppState>,
    official: Official,
    PathParam(code): PathParam<String>,
    Json(body): Json<CheckIn>,
) -> Result<Json<AgendaEntry>, ApiError> {
    official.at_a_desk()?;
    let found = official.appointment(&app, &code).await?;
    let now = app.clock.now();
    if !is_today(&found, now) {
        return Err(ErrorCode::AppointmentNotToday.into());
    }
    if found.status() != AppointmentStatus::Booked {
        return Err(ErrorCode::AppointmentNotBooked.into());
    }
    let presented = parse_document(&app.catalog, &body.document)?;
    let by = official.actor(&app.catalog, &found.office_id);
    if (presented.kind().code(), presented.number())
        != (found.document_kind.as_str(), found.document_number.as_str())
    {
        app.store.record(found.id, now.timestamp(), "check_in_refused", "otro documento", &by).await?;
        return Err(ErrorCode::DocumentMismatch.into());
    }
    let attended = app.store.attend(found.id, Attendance::Attended, now.timestamp(), &by).await?;
    Ok(Json(entry(&attended.ok_or(ErrorCode::AppointmentNotBooked)?)))
}

#[utoipa::path(
    post,
    path = "/api/v1/staff/appointments/{code}/no-show",
    operation_id = "staff_no_show",
    tag = "staff",
    params(("code" = String, Path, description = "The appointment's code, e.g. K7QX-M4PT.")),
    responses(
        (status = 200, description = "Marked `no_show`.", body = AgendaEntry),
        (status = 400, description = "`invalid_path`.", body = ErrorBody),
        (status = 401, description = "`unauthenticated`: no session, or it has ended (idle, too old, or its account disabled or given a new password).", body = ErrorBody),
        (status = 403, description = "`origin_refused`: `Origin` does not name this site; `forbidden`: the appointment is at another office.", body = ErrorBody),
        (status = 404, description = "`not_found`.", body = ErrorBody),
        (status = 409, description = "`too_early_for_no_show`: before the start plus `[staff] no_show_grace_minutes`; `appointment_not_booked`.", body = ErrorBody),
    ),
    security(("citas_funcionario" = []))
)]
/// `POST /api/v1/staff/appointments/{code}/no-show`: nobody came, once the start plus the
/// grace period has passed.
pub async fn no_show(
    State(app): State<AppState>,
    official: Official,
    PathParam(code): PathParam<String>,
) -> Result<Json<AgendaEntry>, ApiError> {
    official.at_a_desk()?;
    let found = official.appointment(&app, &code).await?;
    let now = app.clock.now();
    if found.status() != AppointmentStatus::Booked {
        return Err(ErrorCode::AppointmentNotBooked.into());
    }
    let grace = Duration::minutes(i64::from(app.staff.no_show_grace_minutes));
    if now < instant(found.start_at) + grace {
        return Err(ErrorCode::TooEarlyForNoShow.into());
    }
    let by = official.actor(&app.catalog, &found.office_id);
    let marked = app.store.attend(found.id, Attendance::NoShow, now.timestamp(), &by).await?;
    Ok(Json(entry(&marked.ok_or(ErrorCode::AppointmentNotBooked)?)))
}

#[utoipa::path(
    post,
    path = "/api/v1/staff/appointments/{code}/reopen",
    operation_id = "staff_reopen",
    tag = "staff",
    params(("code" = String, Path, description = "The appointment's code, e.g. K7QX-M4PT.")),
    responses(
        (status = 200, description = "`booked` again: the check-in or no-show undone.", body = AgendaEntry),
        (status = 400, description = "`invalid_path`.", body = ErrorBody),
        (status = 401, description = "`unauthenticated`: no session, or it has ended (idle, too old, or its account disabled or given a new password).", body = ErrorBody),
        (status = 403, description = "`origin_refused`: `Origin` does not name this site; `forbidden`: the appointment is at another office.", body = ErrorBody),
        (status = 404, description = "`not_found`.", body = ErrorBody),
        (status = 409, description = "`appointment_not_today`, `nothing_to_reopen`.", body = ErrorBody),
    ),
    security(("citas_funcionario" = []))
)]
/// `POST /api/v1/staff/appointments/{code}/reopen`: undoes a check-in or a no-show, the same
/// day.
pub async fn reopen(
    State(app): State<AppState>,
    official: Official,
    PathParam(code): PathParam<String>,
) -> Result<Json<AgendaEntry>, ApiError> {
    official.at_a_desk()?;
    let found = official.appointment(&app, &code).await?;
    let now = app.clock.now();
    if !is_today(&found, now) {
        return Err(ErrorCode::AppointmentNotToday.into());
    }
    let by = official.actor(&app.catalog, &found.office_id);
    let reopened = app.store.reopen(found.id, now.timestamp(), &by).await?;
    Ok(Json(entry(&reopened.ok_or(ErrorCode::NothingToReopen)?)))
}

#[utoipa::path(
    post,
    path = "/api/v1/staff/appointments/{code}/cancel",
    operation_id = "staff_cancel",
    tag = "staff",
    params(("code" = String, Path, description = "The appointment's code, e.g. K7QX-M4PT.")),
    request_body = OfficeCancel,
    responses(
        (status = 200, description = "`cancelled`, the reason shown to the citizen; the seat returns after the fair-release delay. Already cancelled: as it is.", body = AgendaEntry),
        (status = 400, description = "`invalid_json`, `invalid_request`, `invalid_path`.", body = ErrorBody),
        (status = 401, description = "`unauthenticated`: no session, or it has ended (idle, too old, or its account disabled or given a new password).", body = ErrorBody),
        (status = 403, description = "`origin_refused`: `Origin` does not name this site; `forbidden`: the appointment is at another office.", body = ErrorBody),
        (status = 404, description = "`not_found`.", body = ErrorBody),
        (status = 409, description = "`appointment_past`, `appointment_not_booked` (attended or a no-show).", body = ErrorBody),
        (status = 422, description = "`invalid_reason`: 1–200 characters (line breaks become spaces), no control characters.", body = ErrorBody),
    ),
    security(("citas_funcionario" = []))
)]
/// `POST /api/v1/staff/appointments/{code}/cancel {reason}`: the office cancels an upcoming
/// appointment; the citizen sees the reason in "Mi cita", and the seat returns to the others
/// after the fair-release delay, as any freed seat. Cancelled already, it answers as it is.
pub async fn cancel(
    State(app): State<AppState>,
    official: Official,
    PathParam(code): PathParam<String>,
    Json(body): Json<OfficeCancel>,
) -> Result<Json<AgendaEntry>, ApiError> {
    let found = official.appointment(&app, &code).await?;
    let reason = Reason::parse(&body.reason)?;
    app.assisted.spend(official.account.id)?;
    let now = app.clock.now();
    match found.status() {
        AppointmentStatus::Cancelled => return Ok(Json(entry(&found))),
        AppointmentStatus::Attended | AppointmentStatus::NoShow => {
            return Err(ErrorCode::AppointmentNotBooked.into());
        }
        AppointmentStatus::Booked if found.start_at <= now.timestamp() => {
            return Err(ErrorCode::AppointmentPast.into());
        }
        AppointmentStatus::Booked => {}
    }
    let by =
        Cancelling { actor: &official.actor(&app.catalog, &found.office_id), reason: Some(reason.as_str()) };
    let cancellation = app.store.cancel_found(&found, now, app.abuse.release_at(now), &by).await?;
    if cancellation.cancelled_now {
        app.seats_changed(&found.office_id);
        tracing::info!(account = official.account.id, "appointment cancelled by the office");
    }
    Ok(Json(entry(&cancellation.appointment)))
}

#[utoipa::path(
    post,
    path = "/api/v1/staff/appointments/search",
    operation_id = "staff_search",
    tag = "staff",
    request_body = Search,
    responses(
        (status = 200, description = "The person's appointments at the official's offices, latest first (at most 50); each records `found_by_document` in its history.", body = Found),
        (status = 400, description = "`invalid_json`, `invalid_request`.", body = ErrorBody),
        (status = 401, description = "`unauthenticated`: no session, or it has ended (idle, too old, or its account disabled or given a new password).", body = ErrorBody),
        (status = 403, description = "`origin_refused`: `Origin` does not name this site.", body = ErrorBody),
        (status = 422, description = "`invalid_document`.", body = ErrorBody),
    ),
    security(("citas_funcionario" = []))
)]
/// `POST /api/v1/staff/appointments/search {document}`: a person's appointments at the
/// official's offices, latest first, for someone at the desk who lost the code. Each one found
/// records in its history that it was looked up, and by whom.
pub async fn search(
    State(app): State<AppState>,
    official: Official,
    Json(body): Json<Search>,
) -> Result<Json<Found>, ApiError> {
    let document = parse_document(&app.catalog, &body.document)?;
    let now = app.clock.now().timestamp();
    let found = app.store.by_document(&document).await?;
    let mut appointments = Vec::new();
    for a in found.iter().filter(|a| official.acts_at(&a.office_id)) {
        let by = official.actor(&app.catalog, &a.office_id);
        app.store.record(a.id, now, "found_by_document", "", &by).await?;
        appointments.push(entry(a));
    }
    Ok(Json(Found { appointments }))
}

#[utoipa::path(
    get,
    path = "/api/v1/staff/appointments/{code}/history",
    operation_id = "staff_history",
    tag = "staff",
    params(("code" = String, Path, description = "The appointment's code, e.g. K7QX-M4PT.")),
    responses(
        (status = 200, description = "What happened to the appointment, oldest first; no document numbers.", body = History),
        (status = 400, description = "`invalid_path`.", body = ErrorBody),
        (status = 401, description = "`unauthenticated`: no session, or it has ended (idle, too old, or its account disabled or given a new password).", body = ErrorBody),
        (status = 403, description = "`forbidden`: the appointment is at another office.", body = ErrorBody),
        (status = 404, description = "`not_found`.", body = ErrorBody),
    ),
    security(("citas_funcionario" = []))
)]
/// `GET /api/v1/staff/appointments/{code}/history`, oldest first.
pub async fn history(
    State(app): State<AppState>,
    official: Official,
    PathParam(code): PathParam<String>,
) -> Result<Json<History>, ApiError> {
    let found = official.appointment(&app, &code).await?;
    let events = app.store.history(found.id).await?;
    Ok(Json(History { code: entry(&found).code, events: events.into_iter().map(history_entry).collect() }))
}

#[utoipa::path(
    post,
    path = "/api/v1/staff/appointments/{code}/erase",
    operation_id = "staff_erase",
    tag = "staff",
    params(("code" = String, Path, description = "The appointment's code, e.g. K7QX-M4PT.")),
    request_body = EraseRequest,
    responses(
        (status = 200, description = "The document's upcoming appointment, if any, cancelled; then the name, document, e-mail and phone of every appointment of that document erased. Recorded in each history with the account and the reason. Erased already: `erased` 0.", body = Erased),
        (status = 400, description = "`invalid_json`, `invalid_request`, `invalid_path`.", body = ErrorBody),
        (status = 401, description = "`unauthenticated`: no session, or it has ended (idle, too old, or its account disabled or given a new password).", body = ErrorBody),
        (status = 403, description = "`origin_refused`: `Origin` does not name this site; `forbidden`: the appointment is at another office.", body = ErrorBody),
        (status = 404, description = "`not_found`.", body = ErrorBody),
        (status = 422, description = "`invalid_reason`: how the request came, 1–200 characters (line breaks become spaces), no control characters.", body = ErrorBody),
    ),
    security(("citas_funcionario" = []))
)]
/// `POST /api/v1/staff/appointments/{code}/erase {reason}`: the holder of the document asked
/// the office, by another channel, to delete their data (Ley 1581 de 2012, art. 8), and the
/// official checked who they are. Does for them what "Mi cita" does.
pub async fn erase(
    State(app): State<AppState>,
    official: Official,
    PathParam(code): PathParam<String>,
    Json(body): Json<EraseRequest>,
) -> Result<Json<Erased>, ApiError> {
    let found = official.appointment(&app, &code).await?;
    let reason = Reason::parse(&body.reason)?;
    let kind = DocumentKind::parse(&found.document_kind).ok_or(ErrorCode::NotFound)?;
    // Erased already: its number is gone, and nothing is left to erase.
    let Ok(document) = Document::parse(kind, &found.document_number, &app.catalog.documents) else {
        return Ok(Json(Erased { erased: 0, cancelled: None }));
    };
    let by = official.actor(&app.catalog, &found.office_id);
    let erased = erase_document(&app, &document, app.clock.now(), &by, reason.as_str()).await?;
    tracing::info!(
        account = official.account.id,
        "personal data erased at the holder's request to an office"
    );
    Ok(Json(erased))
}

/// Whether `found` is on today's agenda (in Bogotá): check-in and reopen are for today's only.
fn is_today(found: &Appointment, now: DateTime<FixedOffset>) -> bool {
    bogota_date(&instant(found.start_at)) == bogota_date(&now)
}
