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
use citas_domain::api::staff::{
    ClosureOffices, ClosureView, Closures, DesksChange, DesksChanged, NewClosure, Role,
};
use citas_domain::api::{ErrorBody, ErrorCode};
use citas_domain::calendar_checks::{check_closure, check_desks};
use citas_domain::time::bogota_date;

impl Official {
    /// Closures and desks are the administrators'.
    fn administrador(&self) -> Result<(), ApiError> {
        match self.account.role {
            Role::Administrador => Ok(()),
            Role::Funcionario | Role::ContactCenter => Err(ErrorCode::Forbidden.into()),
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

#[utoipa::path(
    post,
    path = "/api/v1/staff/closures",
    operation_id = "staff_create_closure",
    tag = "staff",
    request_body = NewClosure,
    responses(
        (status = 201, description = "The closure, in force at once on every instance, with the booked appointments it falls on (still booked: for the offices to contact).", body = ClosureView),
        (status = 400, description = "`invalid_json`, `invalid_request`.", body = ErrorBody),
        (status = 401, description = "`unauthenticated`: no session, or it has ended (idle, too old, or its account disabled or given a new password).", body = ErrorBody),
        (status = 403, description = "`origin_refused`: `Origin` does not name this site; `forbidden`: not an administrador.", body = ErrorBody),
        (status = 422, description = "`invalid_closure`, `field` naming the part at fault (no offices, an unknown office, `to` before `from` or before today, too long, a time without the other, times reversed or outside hours, a reason empty, too long or with control characters).", body = ErrorBody),
    ),
    security(("citas_funcionario" = []))
)]
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

#[utoipa::path(
    get,
    path = "/api/v1/staff/closures",
    operation_id = "staff_list_closures",
    tag = "staff",
    responses(
        (status = 200, description = "The closures that end today or later and touch the official's offices, each with the booked appointments it falls on.", body = Closures),
        (status = 401, description = "`unauthenticated`: no session, or it has ended (idle, too old, or its account disabled or given a new password).", body = ErrorBody),
    ),
    security(("citas_funcionario" = []))
)]
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

#[utoipa::path(
    get,
    path = "/api/v1/staff/closures/{id}",
    operation_id = "staff_show_closure",
    tag = "staff",
    params(("id" = i64, Path, description = "The closure's id.")),
    responses(
        (status = 200, description = "The closure with the booked appointments it falls on now.", body = ClosureView),
        (status = 400, description = "`invalid_path`.", body = ErrorBody),
        (status = 401, description = "`unauthenticated`: no session, or it has ended (idle, too old, or its account disabled or given a new password).", body = ErrorBody),
        (status = 403, description = "`forbidden`: it touches none of the official's offices.", body = ErrorBody),
        (status = 404, description = "`unknown_closure`.", body = ErrorBody),
    ),
    security(("citas_funcionario" = []))
)]
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

#[utoipa::path(
    delete,
    path = "/api/v1/staff/closures/{id}",
    operation_id = "staff_delete_closure",
    tag = "staff",
    params(("id" = i64, Path, description = "The closure's id.")),
    responses(
        (status = 204, description = "Deleted: its days open again at once (appointments it cancelled stay cancelled)."),
        (status = 400, description = "`invalid_path`.", body = ErrorBody),
        (status = 401, description = "`unauthenticated`: no session, or it has ended (idle, too old, or its account disabled or given a new password).", body = ErrorBody),
        (status = 403, description = "`origin_refused`: `Origin` does not name this site; `forbidden`: not an administrador.", body = ErrorBody),
        (status = 404, description = "`unknown_closure`.", body = ErrorBody),
    ),
    security(("citas_funcionario" = []))
)]
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

#[utoipa::path(
    post,
    path = "/api/v1/staff/closures/{id}/cancel-appointments",
    operation_id = "staff_cancel_closure_appointments",
    tag = "staff",
    params(("id" = i64, Path, description = "The closure's id.")),
    responses(
        (status = 200, description = "The closure, `affected` listing the appointments it fell on, now cancelled with its reason.", body = ClosureView),
        (status = 400, description = "`invalid_path`.", body = ErrorBody),
        (status = 401, description = "`unauthenticated`: no session, or it has ended (idle, too old, or its account disabled or given a new password).", body = ErrorBody),
        (status = 403, description = "`origin_refused`: `Origin` does not name this site; `forbidden`: not an administrador.", body = ErrorBody),
        (status = 404, description = "`unknown_closure`.", body = ErrorBody),
    ),
    security(("citas_funcionario" = []))
)]
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

#[utoipa::path(
    post,
    path = "/api/v1/staff/offices/{office}/desks",
    operation_id = "staff_change_desks",
    tag = "staff",
    params(("office" = String, Path, description = "The office's id, e.g. bogota.")),
    request_body = DesksChange,
    responses(
        (status = 200, description = "The office attends with that many desks from that date on; `over_capacity` lists the booked appointments of slots now over them (none is dropped).", body = DesksChanged),
        (status = 400, description = "`invalid_json`, `invalid_request`, `invalid_path`.", body = ErrorBody),
        (status = 401, description = "`unauthenticated`: no session, or it has ended (idle, too old, or its account disabled or given a new password).", body = ErrorBody),
        (status = 403, description = "`origin_refused`: `Origin` does not name this site; `forbidden`: not an administrador.", body = ErrorBody),
        (status = 404, description = "`unknown_office`.", body = ErrorBody),
        (status = 422, description = "`invalid_desks`: desks out of range, or a date in the past (`field` says which).", body = ErrorBody),
    ),
    security(("citas_funcionario" = []))
)]
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
