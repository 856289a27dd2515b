//! Holds: the seat a citizen picked is kept for them while they type their details.
//! `POST /api/v1/holds`, `DELETE /api/v1/holds/{hold}`, `POST /api/v1/holds/{hold}/extend`.

use super::appointments::{Attempt, attempts, hold_expired, no_seat, slot, slot_error, slot_full};
use super::{AppState, Json, PathParam};
use crate::db::{Backend, Unique, unique_violation};
use crate::error::ApiError;
use crate::seats;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::{DateTime, Duration};
use citas_domain::api::{HoldRequest, HoldView};
use citas_domain::catalog::Office;
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
        let new = seats::NewHold {
            office: &office.id,
            start: slot.start.timestamp(),
            desks: office.desks,
            hold: &hold,
            client,
            expires_at: expires_at.timestamp(),
            now: now.timestamp(),
        };
        let released = match place(&app, office, &new).await {
            Ok(Attempt::Done(released)) => released,
            Ok(Attempt::Refused(refusal)) => return Err(refusal),
            Ok(Attempt::Retry) => continue,
            // Two holds drew the same id: draw again.
            Err(e) if unique_violation(&e) == Some(Unique::Seat) => continue,
            Err(e) => return Err(e.into()),
        };
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

/// Releases the browser's previous holds first, so that re-choosing its last seat works, then
/// holds the lowest free seat; done, the offices where holds were released. One trip on SQLite
/// (`seats::release_and_hold`); on PostgreSQL a transaction, as one statement would not see its
/// own release.
async fn place(
    app: &AppState,
    office: &Office,
    new: &seats::NewHold<'_>,
) -> Result<Attempt<Vec<String>>, sqlx::Error> {
    match app.db.backend() {
        Backend::Sqlite => {
            let (released, seat) = seats::release_and_hold(&app.db, new).await?;
            if seat.is_some() {
                return Ok(Attempt::Done(released));
            }
            no_seat(&mut *app.db.pool().acquire().await?, None, office, new.start, new.now).await
        }
        Backend::Postgres => {
            let mut tx = app.db.begin_write().await?;
            let released = match new.client {
                Some(client) => seats::release_client_holds(&mut tx, client).await?,
                None => Vec::new(),
            };
            if seats::hold(&mut tx, new).await?.is_some() {
                tx.commit().await?;
                return Ok(Attempt::Done(released));
            }
            // In the transaction, which sees its own release; dropping it rolls the release back.
            no_seat(&mut tx, None, office, new.start, new.now).await
        }
    }
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
