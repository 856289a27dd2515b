//! Booking, moving and cancelling for a citizen: a Contact Center agent for whoever calls, or an
//! official at the desk for whoever comes without a phone. The citizen's rules and statements,
//! with the consent given aloud recorded with the account, and the history naming the account
//! ("Contact Center", "oficina de Cali"). Limited per account (`[staff] assisted_per_minute`),
//! not per client address: a call centre's agents share one.

use super::{Official, entry};
use crate::error::ApiError;
use crate::http::appointments::{Booker, book, move_to, optional, parse};
use crate::http::language::Language;
use crate::http::{AppState, Json, PathParam, holds};
use axum::extract::State;
use axum::http::StatusCode;
use citas_domain::api::staff::{AgendaEntry, AssistedBooking, AssistedMove};
use citas_domain::api::{
    AppointmentView, BookingRequest, DocumentInput, ErrorBody, ErrorCode, HoldRequest, HoldView,
};
use citas_domain::code::AppointmentCode;
use citas_domain::document::{Document, DocumentKind};
use citas_domain::reason::Reason;

#[utoipa::path(
    post,
    path = "/api/v1/staff/holds",
    operation_id = "staff_hold",
    tag = "staff",
    request_body = HoldRequest,
    responses(
        (status = 201, description = "A seat kept while the agent or official types, as a citizen's hold (`client` is not needed: the account's next hold replaces it).", body = HoldView),
        (status = 401, description = "`unauthenticated`.", body = ErrorBody),
        (status = 403, description = "`origin_refused`; `forbidden`: not one of the official's offices.", body = ErrorBody),
        (status = 404, description = "`unknown_office`, `unknown_service`.", body = ErrorBody),
        (status = 409, description = "`slot_full`.", body = ErrorBody),
        (status = 422, description = "The slot's codes: `invalid_start`, `not_a_slot`, `outside_hours`, `holiday`, `closure`, `outside_window`.", body = ErrorBody),
        (status = 429, description = "`too_many_requests`: the account's `[staff] assisted_per_minute`.", body = ErrorBody, headers(("Retry-After" = u32, description = "Seconds until trying again may work."))),
    ),
    security(("citas_funcionario" = []))
)]
/// `POST /api/v1/staff/holds`.
pub async fn hold(
    State(app): State<AppState>,
    official: Official,
    Json(request): Json<HoldRequest>,
) -> Result<(StatusCode, Json<HoldView>), ApiError> {
    official.office(&app.catalog, &request.office)?;
    app.assisted.spend(official.account.id)?;
    let (client, address) = account_keys(&official);
    Ok((StatusCode::CREATED, Json(holds::place(&app, &request, Ok(&client), &address, None).await?)))
}

#[utoipa::path(
    post,
    path = "/api/v1/staff/appointments",
    operation_id = "staff_book",
    tag = "staff",
    request_body = AssistedBooking,
    responses(
        (status = 201, description = "Booked for the citizen; the history names the account, and the consent given aloud is recorded with it. With an `email`, the usual confirmation is sent.", body = AppointmentView),
        (status = 401, description = "`unauthenticated`.", body = ErrorBody),
        (status = 403, description = "`origin_refused`; `forbidden`: not one of the official's offices.", body = ErrorBody),
        (status = 404, description = "`unknown_office`, `unknown_service`.", body = ErrorBody),
        (status = 409, description = "`slot_full`, `document_has_appointment`, `offer_not_yours`.", body = ErrorBody),
        (status = 410, description = "`hold_expired`.", body = ErrorBody),
        (status = 422, description = "`consent_required` (`consent.verbal` must be true), and the citizen booking's field and slot codes.", body = ErrorBody),
        (status = 429, description = "`too_many_requests`: the account's `[staff] assisted_per_minute`.", body = ErrorBody, headers(("Retry-After" = u32, description = "Seconds until trying again may work."))),
    ),
    security(("citas_funcionario" = []))
)]
/// `POST /api/v1/staff/appointments`: the citizen's booking, by an official or agent for them.
/// Not bound by the citizens' limits per client address; by the account's own.
pub async fn create(
    State(app): State<AppState>,
    official: Official,
    Language(language): Language,
    Json(r): Json<AssistedBooking>,
) -> Result<(StatusCode, Json<AppointmentView>), ApiError> {
    official.office(&app.catalog, &r.office)?;
    app.assisted.spend(official.account.id)?;
    let request = BookingRequest {
        office: r.office,
        service: r.service,
        start: r.start,
        document: r.document,
        name: r.name,
        email: r.email,
        phone: r.phone,
        consent: r.consent.verbal,
        hold: r.hold,
    };
    let (_, address) = account_keys(&official);
    let booker = Booker {
        address,
        bookings_per_address: None,
        by: official.actor(&app.catalog, &request.office),
        consent_by: Some(official.account.id),
    };
    let new = parse(&app.catalog, &request, None, booker, language, app.clock.now())?;
    Ok((StatusCode::CREATED, Json(book(&app, &request, &new).await?)))
}

#[utoipa::path(
    post,
    path = "/api/v1/staff/appointments/{code}/reschedule",
    operation_id = "staff_reschedule",
    tag = "staff",
    params(("code" = String, Path, description = "The appointment's code, e.g. K7QX-M4PT.")),
    request_body = AssistedMove,
    responses(
        (status = 200, description = "Moved, as the citizen would move it (the old seat returns after the fair release's delay); the history names the account, with the reason.", body = AgendaEntry),
        (status = 401, description = "`unauthenticated`.", body = ErrorBody),
        (status = 403, description = "`origin_refused`; `forbidden`: the appointment is at another office.", body = ErrorBody),
        (status = 404, description = "`not_found`.", body = ErrorBody),
        (status = 409, description = "`appointment_past`, `appointment_cancelled`, `office_unavailable`, `slot_full`.", body = ErrorBody),
        (status = 410, description = "`hold_expired`.", body = ErrorBody),
        (status = 422, description = "`invalid_reason`, and the slot's codes.", body = ErrorBody),
        (status = 429, description = "`too_many_requests`: the account's `[staff] assisted_per_minute`.", body = ErrorBody, headers(("Retry-After" = u32, description = "Seconds until trying again may work."))),
    ),
    security(("citas_funcionario" = []))
)]
/// `POST /api/v1/staff/appointments/{code}/reschedule {start, hold?, reason}`.
pub async fn reschedule(
    State(app): State<AppState>,
    official: Official,
    PathParam(code): PathParam<String>,
    Json(body): Json<AssistedMove>,
) -> Result<Json<AgendaEntry>, ApiError> {
    let found = official.appointment(&app, &code).await?;
    let reason = Reason::parse(&body.reason)?;
    app.assisted.spend(official.account.id)?;
    let code = AppointmentCode::parse(&found.code).ok_or(ErrorCode::NotFound)?;
    let input = DocumentInput { kind: found.document_kind.clone(), number: found.document_number.clone() };
    let kind = DocumentKind::parse(&input.kind).ok_or(ErrorCode::NotFound)?;
    let document =
        Document::parse(kind, &input.number, &app.catalog.documents).map_err(|_| ErrorCode::NotFound)?;
    let by = official.actor(&app.catalog, &found.office_id);
    let to = (body.start.as_str(), optional(body.hold.as_deref()));
    let moved = move_to(&app, &code, &document, to, &by, Some(reason.as_str())).await?;
    Ok(Json(entry(&moved)))
}

/// The browser id and client address an account's holds and bookings are kept under: its own,
/// so that its next hold replaces its last, and no citizen's limit counts them.
fn account_keys(official: &Official) -> (String, String) {
    (format!("staff-{}", official.account.id), format!("staff:{}", official.account.id))
}
