//! Holds: the seat a citizen picked is kept for them while they type their details.
//! `POST /api/v1/holds`, `DELETE /api/v1/holds/{hold}`, `POST /api/v1/holds/{hold}/extend`.

use super::appointments::{Attempt, attempts, hold_expired, no_seat, slot, slot_error, slot_full};
use super::{AppState, Json, PathParam};
use crate::db::{Unique, unique_violation};
use crate::error::ApiError;
use crate::seats;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::{DateTime, Duration};
use citas_domain::api::{HoldRequest, HoldView};
use citas_domain::lang::Text;
use citas_domain::schedule::{BookingWindow, SlotError};
use citas_domain::time::in_bogota;
use rand::Rng;

pub async fn create(
    State(app): State<AppState>,
    Json(request): Json<HoldRequest>,
) -> Result<(StatusCode, Json<HoldView>), ApiError> {
    let now = app.clock.now();
    let office = app.catalog.office(&request.office).ok_or_else(ApiError::unknown_office)?;
    app.catalog.service(&request.service).ok_or_else(ApiError::unknown_service)?;
    let slot = slot(&app.catalog, office, &request.start)?;
    if !BookingWindow::at(now, &app.catalog.booking).contains(slot.start) {
        return Err(slot_error(SlotError::OutsideWindow));
    }
    let client = request.client.as_deref().filter(|c| !c.is_empty());
    if client.is_some_and(|c| c.len() > 64 || !c.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')) {
        return Err(ApiError::invalid(
            "invalid_client",
            Text {
                es: "El identificador del navegador no es válido.",
                en: "The browser identifier is not valid.",
            },
        )
        .on("client"));
    }
    let expires_at = now + Duration::minutes(i64::from(app.catalog.booking.hold_minutes));
    // Two holds drawing the same id (128 random bits: in practice never) or a lost race for a
    // seat are tried again, within the budget of bookings.
    for _ in 0..attempts(&app.catalog) {
        let hold = new_hold_id();
        let mut tx = app.db.begin_write().await?;
        // The browser's previous hold goes first, so re-choosing the last seat works.
        let released = match client {
            Some(client) => seats::release_client_holds(&mut tx, client).await?,
            None => Vec::new(),
        };
        let start = slot.start.timestamp();
        let held = seats::hold(
            &mut tx,
            &office.id,
            start,
            office.desks,
            &hold,
            client,
            expires_at.timestamp(),
            now.timestamp(),
        )
        .await;
        match held {
            Ok(Some(_)) => {}
            Ok(None) => match no_seat::<()>(&mut tx, None, office, start, now.timestamp()).await? {
                Attempt::Refused(refusal) => return Err(refusal),
                _ => continue,
            },
            // Two holds drew the same id: draw again.
            Err(e) if unique_violation(&e) == Some(Unique::Seat) => continue,
            Err(e) => return Err(e.into()),
        }
        tx.commit().await?;
        released.iter().chain([&office.id]).for_each(|o| app.seats_changed(o));
        metrics::counter!("citas_holds_total").increment(1);
        let view = HoldView {
            hold,
            office: office.id.clone(),
            start: slot.start,
            expires_at,
            expires_in: (expires_at - now).num_seconds(),
            extended: false,
        };
        return Ok((StatusCode::CREATED, Json(view)));
    }
    Err(slot_full())
}

/// Releasing is idempotent: an unknown or already released hold answers the same.
pub async fn release(
    State(app): State<AppState>,
    PathParam(hold): PathParam<String>,
) -> Result<StatusCode, ApiError> {
    let mut conn = app.db.pool().acquire().await?;
    if let Some(office) = seats::release_hold(&mut conn, &hold).await? {
        app.seats_changed(&office);
    }
    Ok(StatusCode::NO_CONTENT)
}

/// One more hold period, once.
pub async fn extend(
    State(app): State<AppState>,
    PathParam(hold): PathParam<String>,
) -> Result<Json<HoldView>, ApiError> {
    let now = app.clock.now();
    let mut tx = app.db.begin_write().await?;
    let held = seats::live_hold(&mut tx, &hold, now.timestamp()).await?.ok_or_else(hold_expired)?;
    if held.hold_extended != 0 {
        return Err(ApiError::conflict(
            "hold_already_extended",
            Text {
                es: "Ya usó la extensión de tiempo. Confirme la cita o elija de nuevo una hora.",
                en: "You have already used the extra time. Confirm the appointment or choose a time again.",
            },
        ));
    }
    let expires_at = now + Duration::minutes(i64::from(app.catalog.booking.hold_minutes));
    seats::extend_hold(&mut tx, &hold, expires_at.timestamp()).await?;
    tx.commit().await?;
    Ok(Json(HoldView {
        hold,
        office: held.office_id,
        start: in_bogota(&DateTime::from_timestamp(held.start_at, 0).unwrap_or_default()),
        expires_at,
        expires_in: (expires_at - now).num_seconds(),
        extended: true,
    }))
}

/// 128 random bits, hex: unguessable, so the id alone may release or extend the hold.
fn new_hold_id() -> String {
    let bytes: [u8; 16] = rand::rng().random();
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
