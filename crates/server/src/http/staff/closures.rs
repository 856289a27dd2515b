//! Closures and desks: the administrators' changes to when and how much an office attends. A
//! closure closes availability at once, on every instance (each reads the calendar from the
//! database); the booked appointments it falls on are listed for the offices to contact, and
//! cancelled only when an administrator confirms it with a second call. A change of desks lists
//! the appointments of slots left over capacity, and drops none.

use super::{Official, entry};
use crate::error::ApiError;
use crate::http::{AppState, Json, PathParam};
use crate::store::{Cancelling, StoredClosure, instant};
use axum::extract::State;
use axum::http::StatusCode;
use citas_domain::api::ErrorCode;
use citas_domain::api::staff::{
    ClosureOffices, ClosureView, Closures, DesksChange, DesksChanged, NewClosure, Role,
};
use citas_domain::calendar_checks::{check_closure, check_desks};
use citas_domain::time::bogota_date;

impl Official {
    /// Closures and desks are the administrators'.
    fn administrador(&self) -> Result<(), ApiError> {
        match self.account.role {
            Role::Administrador => Ok(()),
            Role::Funcionario => Err(ErrorCode::Forbidden.into()),
        }
    }

    /// Whether a closure touches one of this official's offices.
    fn concerned_by(&self, closure: &NewClosure) -> bool {
        match &closure.offices {
            ClosureOffices::All(_) => true,
            ClosureOffices::Some(ids) => ids.iter().any(|id| self.acts_at(id)),
        }
    }
}

/// `POST /api/v1/staff/closures` → 201 with the booked appointments it falls on.
pub async fn create(
    State(app): State<AppState>,
    official: Official,
    Json(body): Json<NewClosure>,
) -> Result<(StatusCode, Json<ClosureView>), ApiError> {
    official.administrador()?;
    let now = app.clock.now();
    let closure = check_closure(&app.catalog, &body, bogota_date(&now))?;
    let id = app.store.add_closure(&closure, Some(official.account.id), now.timestamp()).await?;
    forget_answers(&app, &closure);
    tracing::info!(account = official.account.id, closure = id, "closure added");
    let stored = StoredClosure { id, closure, created_at: now.timestamp() };
    Ok((StatusCode::CREATED, Json(view(&app, stored).await?)))
}

/// `GET /api/v1/staff/closures`: those that end today or later and touch the official's offices.
pub async fn list(State(app): State<AppState>, official: Official) -> Result<Json<Closures>, ApiError> {
    let today = bogota_date(&app.clock.now());
    let mut closures = Vec::new();
    for stored in app.store.closures_from(today).await? {
        if official.concerned_by(&stored.closure) {
            closures.push(view(&app, stored).await?);
        }
    }
    Ok(Json(Closures { closures }))
}

/// `GET /api/v1/staff/closures/{id}`.
pub async fn show(
    State(app): State<AppState>,
    official: Official,
    PathParam(id): PathParam<i64>,
) -> Result<Json<ClosureView>, ApiError> {
    let stored = app.store.closure(id).await?.ok_or(ErrorCode::UnknownClosure)?;
    if !official.concerned_by(&stored.closure) {
        return Err(ErrorCode::Forbidden.into());
    }
    Ok(Json(view(&app, stored).await?))
}

/// `DELETE /api/v1/staff/closures/{id}` → 204: its days open again at once (appointments it
/// cancelled stay cancelled).
pub async fn delete(
    State(app): State<AppState>,
    official: Official,
    PathParam(id): PathParam<i64>,
) -> Result<StatusCode, ApiError> {
    official.administrador()?;
    let stored = app.store.closure(id).await?.ok_or(ErrorCode::UnknownClosure)?;
    if !app.store.delete_closure(id).await? {
        return Err(ErrorCode::UnknownClosure.into());
    }
    forget_answers(&app, &stored.closure);
    tracing::info!(account = official.account.id, closure = id, "closure deleted");
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /api/v1/staff/closures/{id}/cancel-appointments`: the administrator confirms that the
/// booked appointments the closure falls on are cancelled, with its reason; the answer lists
/// them, cancelled.
pub async fn cancel_appointments(
    State(app): State<AppState>,
    official: Official,
    PathParam(id): PathParam<i64>,
) -> Result<Json<ClosureView>, ApiError> {
    official.administrador()?;
    let stored = app.store.closure(id).await?.ok_or(ErrorCode::UnknownClosure)?;
    let now = app.clock.now();
    let mut cancelled = Vec::new();
    for found in app.store.affected_by_closure(&stored.closure).await? {
        let by = Cancelling {
            actor: &official.actor(&app.catalog, &found.office_id),
            reason: Some(&stored.closure.reason_es),
        };
        let cancellation = app.store.cancel_found(&found, now, app.abuse.release_at(now), &by).await?;
        app.seats_changed(&found.office_id);
        cancelled.push(entry(&cancellation.appointment));
    }
    tracing::info!(
        account = official.account.id,
        closure = id,
        cancelled = cancelled.len(),
        "closure confirmed"
    );
    let StoredClosure { id, closure, created_at } = stored;
    Ok(Json(ClosureView { id, closure, created_at: instant(created_at), affected: cancelled }))
}

/// `POST /api/v1/staff/offices/{office}/desks {from, desks}`: the office attends with that many
/// desks from that date on; the answer lists the booked appointments of slots now over them.
pub async fn desks(
    State(app): State<AppState>,
    official: Official,
    PathParam(office): PathParam<String>,
    Json(body): Json<DesksChange>,
) -> Result<Json<DesksChanged>, ApiError> {
    official.administrador()?;
    let office = official.office(&app.catalog, &office)?;
    let now = app.clock.now();
    check_desks(&body, bogota_date(&now))?;
    app.store
        .set_desks(&office.id, body.from, body.desks, Some(official.account.id), now.timestamp())
        .await?;
    app.seats_changed(&office.id);
    let over = app.store.over_capacity(&office.id, body.from, body.desks).await?;
    tracing::info!(account = official.account.id, "desks changed");
    Ok(Json(DesksChanged {
        office: office.id.clone(),
        from: body.from,
        desks: body.desks,
        over_capacity: over.iter().map(entry).collect(),
    }))
}

/// A closure with the booked appointments it falls on now.
async fn view(app: &AppState, stored: StoredClosure) -> Result<ClosureView, ApiError> {
    let affected = app.store.affected_by_closure(&stored.closure).await?;
    let StoredClosure { id, closure, created_at } = stored;
    Ok(ClosureView {
        id,
        closure,
        created_at: instant(created_at),
        affected: affected.iter().map(entry).collect(),
    })
}

/// This instance's cached availability of the closure's offices is no longer true (others
/// compute theirs anew within a second).
fn forget_answers(app: &AppState, closure: &NewClosure) {
    for office in &app.catalog.offices {
        if closure.offices.includes(&office.id) {
            app.seats_changed(&office.id);
        }
    }
}
