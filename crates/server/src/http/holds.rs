//! Holds: the seat a citizen picked is kept for them while they type their details.
//! `POST /api/v1/holds`, `DELETE /api/v1/holds/{hold}`, `POST /api/v1/holds/{hold}/extend`.

use super::appointments::{calendar_of_day, slot};
use super::client_address::ClientAddress;
use super::proof_of_work::Proven;
use super::{AppState, Json, PathParam, openapi};
use crate::error::ApiError;
use crate::store::{NewHold, instant};
use axum::extract::State;
use axum::http::StatusCode;
use chrono::Duration;
use citas_domain::api::{ErrorBody, ErrorCode, HoldRequest, HoldView};

#[utoipa::path(
    post,
    path = "/api/v1/holds",
    tag = "holds",
    params(("Altcha" = Option<String>, Header, description = openapi::ALTCHA)),
    request_body = HoldRequest,
    responses(
        (status = 201, description = "One seat kept for the citizen for `hold_minutes`.", body = HoldView),
        (status = 400, description = "`proof_of_work_missing`, `proof_of_work_invalid`, `invalid_json`, `invalid_request`.", body = ErrorBody),
        (status = 404, description = "`unknown_office`, `unknown_service`.", body = ErrorBody),
        (status = 409, description = "`slot_full`.", body = ErrorBody),
        (status = 422, description = "`invalid_client` (also when missing), `invalid_start`, `not_a_slot`, `outside_hours`, `holiday`, `closure`, `outside_window`.", body = ErrorBody),
        (status = 429, description = "`too_many_holds` (until the first of the address's holds expires), `too_many_requests`.", body = ErrorBody, headers(("Retry-After" = u32, description = "Seconds until trying again may work."))),
    )
)]
/// A hold needs the browser's id (`client`): its new hold replaces its previous ones, and the
/// holds of the browsers at one client address are limited together.
pub async fn create(
    State(app): State<AppState>,
    ClientAddress(address): ClientAddress,
    _: Proven,
    Json(request): Json<HoldRequest>,
) -> Result<(StatusCode, Json<HoldView>), ApiError> {
    let client = request.client.as_deref().unwrap_or_default();
    let valid = !client.is_empty()
        && client.len() <= 64
        && client.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    let browser = valid.then_some(client).ok_or(ErrorCode::InvalidClient.into());
    let address = address.to_string();
    let view = place(&app, &request, browser, &address, app.abuse.most_holds_per_address()).await?;
    Ok((StatusCode::CREATED, Json(view)))
}

/// Holds a seat of the slot `request` asks for, for the browser `client` (refused, if it is an
/// error, once the slot is known to be good) at `address`, which may keep at most
/// `most_per_address` live holds (`None`: no limit).
pub(super) async fn place(
    app: &AppState,
    request: &HoldRequest,
    client: Result<&str, ApiError>,
    address: &str,
    most_per_address: Option<i64>,
) -> Result<HoldView, ApiError> {
    let now = app.clock.now();
    let office = app.catalog.office(&request.office).ok_or(ErrorCode::UnknownOffice)?;
    app.catalog.service(&request.service).ok_or(ErrorCode::UnknownService)?;
    let calendar = calendar_of_day(&app.store, Some(&office.id), &request.start).await?;
    let (slot, desks) = slot(&app.catalog, &calendar, office, &request.start, None, now)?;
    let client = client?;
    let expires_at = now + Duration::minutes(i64::from(app.catalog.booking.hold_minutes));
    let new =
        NewHold { office, start: slot.start, desks, client, address, most_per_address, expires_at, now };
    let held = app.store.hold(&new).await?;
    held.released.iter().chain([&office.id]).for_each(|o| app.seats_changed(o));
    metrics::counter!("citas_holds_total").increment(1);
    Ok(HoldView {
        hold: held.id,
        office: office.id.clone(),
        start: slot.start,
        expires_at,
        expires_in: (expires_at - now).num_seconds(),
        extended: false,
    })
}

#[utoipa::path(
    delete,
    path = "/api/v1/holds/{hold}",
    tag = "holds",
    params(("hold" = String, Path, description = "The hold's id.")),
    responses((status = 204, description = "Released, or already released or expired."))
)]
/// Releasing is idempotent: an unknown or already released hold answers the same.
pub async fn release(
    State(app): State<AppState>,
    PathParam(hold): PathParam<String>,
) -> Result<StatusCode, ApiError> {
    if let Some(office) = app.store.release_hold(&hold).await? {
        app.seats_changed(&office);
    }
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(
    post,
    path = "/api/v1/holds/{hold}/extend",
    tag = "holds",
    params(("hold" = String, Path, description = "The hold's id.")),
    responses(
        (status = 200, description = "The hold with its new expiry.", body = HoldView),
        (status = 409, description = "`hold_already_extended`.", body = ErrorBody),
        (status = 410, description = "`hold_expired`.", body = ErrorBody),
    )
)]
/// One more hold period, once.
pub async fn extend(
    State(app): State<AppState>,
    PathParam(hold): PathParam<String>,
) -> Result<Json<HoldView>, ApiError> {
    let now = app.clock.now();
    let expires_at = now + Duration::minutes(i64::from(app.catalog.booking.hold_minutes));
    let held = app.store.extend_hold(&hold, expires_at.timestamp(), now.timestamp()).await?;
    Ok(Json(HoldView {
        hold,
        office: held.office_id,
        start: instant(held.start_at),
        expires_at,
        expires_in: (expires_at - now).num_seconds(),
        extended: true,
    }))
}
