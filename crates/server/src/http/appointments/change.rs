//! Find, move or cancel an appointment. Every request proves ownership with the document.

use super::{
    Attempt, COLUMNS, NEW_HISTORY_ENTRY, Stored, find, no_seat, parse_document, record, refused, reload,
    slot, slot_error, take_seat, view, with_retries,
};
use crate::db::{Backend, push};
use crate::error::ApiError;
use crate::http::{AppState, Json, PathParam};
use crate::seats::{self, SlotArgs};
use axum::extract::State;
use chrono::{DateTime, FixedOffset};
use citas_domain::api::{AppointmentView, DocumentProof, RescheduleRequest};
use citas_domain::catalog::Office;
use citas_domain::document::Document;
use citas_domain::lang::Text;
use citas_domain::schedule::{BookingWindow, Slot, SlotError};
use sqlx::any::AnyArguments;
use std::sync::LazyLock;

/// `POST /api/v1/appointments/{code}/lookup`.
pub async fn lookup(
    State(app): State<AppState>,
    PathParam(code): PathParam<String>,
    Json(proof): Json<DocumentProof>,
) -> Result<Json<AppointmentView>, ApiError> {
    let document = parse_document(&app.catalog, &proof.document)?;
    let mut conn = app.db.pool().acquire().await?;
    let stored = find(&mut conn, &code, &document).await?;
    Ok(Json(view(&app.catalog, &stored)))
}

/// `POST /api/v1/appointments/{code}/reschedule`: the new seat is taken and the old one freed
/// in one transaction; if the new time is full, nothing changes.
pub async fn reschedule(
    State(app): State<AppState>,
    PathParam(code): PathParam<String>,
    Json(request): Json<RescheduleRequest>,
) -> Result<Json<AppointmentView>, ApiError> {
    let document = parse_document(&app.catalog, &request.document)?;
    let hold = request.hold.as_deref().filter(|h| !h.trim().is_empty());
    let now = app.clock.now();
    let asked = MoveRequest { code: &code, document: &document, start: &request.start, hold, now };
    let moved = with_retries(&app.catalog, || async {
        let attempt = match app.db.backend() {
            Backend::Sqlite => move_in_one_trip(&app, &asked).await,
            Backend::Postgres => move_in_transaction(&app, &asked).await,
        };
        attempt.unwrap_or_else(refused)
    })
    .await?;
    app.seats_changed(&moved.office_id);
    tracing::info!(code = %code, start = %moved.start_at, "appointment rescheduled");
    Ok(Json(view(&app.catalog, &moved)))
}

/// A move as asked: the appointment, the document that proves it is the citizen's, the new
/// start, and the hold taken for it, if any.
struct MoveRequest<'a> {
    code: &'a str,
    document: &'a Document,
    start: &'a str,
    hold: Option<&'a str>,
    now: DateTime<FixedOffset>,
}

/// Where an appointment moves: its office and the new slot, both checked.
struct Move<'a> {
    office: &'a Office,
    slot: Slot,
}

/// The appointment as found and its move checked; or how the attempt ends: refused, or done
/// when the appointment is there already.
fn plan<'a>(
    app: &'a AppState,
    found: Result<Stored, ApiError>,
    asked: &MoveRequest<'_>,
) -> Result<(Stored, Move<'a>), Box<Attempt<Stored>>> {
    let stored = found.map_err(Attempt::Refused)?;
    match check_move(app, &stored, asked) {
        Ok(planned) if planned.slot.start.timestamp() != stored.start_at => Ok((stored, planned)),
        Ok(_) => Err(Box::new(Attempt::Done(stored))),
        Err(refusal) => Err(Box::new(Attempt::Refused(refusal))),
    }
}

/// The move of `stored` as asked, against the booking rules.
fn check_move<'a>(app: &'a AppState, stored: &Stored, asked: &MoveRequest<'_>) -> Result<Move<'a>, ApiError> {
    changeable(stored.is_cancelled(), stored.start_at, asked.now)?;
    let office = app.catalog.office(&stored.office_id).ok_or_else(|| {
        ApiError::conflict(
            "office_unavailable",
            Text {
                es: "Esa oficina ya no agenda citas. Cancele esta cita y agende en otra oficina.",
                en: "That office no longer takes appointments. Cancel this one and book at another office.",
            },
        )
    })?;
    let slot = slot(&app.catalog, office, asked.start)?;
    if asked.hold.is_none() && !BookingWindow::at(asked.now, &app.catalog.booking).contains(slot.start) {
        return Err(slot_error(SlotError::OutsideWindow));
    }
    Ok(Move { office, slot })
}

fn moved_detail(stored: &Stored, slot: &Slot) -> String {
    format!("{} → {}", super::instant(stored.start_at).to_rfc3339(), slot.start.to_rfc3339())
}

/// The new slot in a move's arguments (see `move_in_one_trip`).
const NEW_SLOT: SlotArgs = SlotArgs { office: "$3", start: "$4", now: "$6", desks: "$7" };

/// On SQLite, as a cancellation (`cancel_in_one_trip`): the appointment is read, then moved by
/// one batch, which holds the write lock for one trip instead of eight.
async fn move_in_one_trip(app: &AppState, asked: &MoveRequest<'_>) -> Result<Attempt<Stored>, sqlx::Error> {
    static TO_A_FREE_SEAT: LazyLock<String> = LazyLock::new(|| {
        sqlite_move(
            &seats::a_seat_is_free(&NEW_SLOT),
            &seats::claim_seat(
                &NEW_SLOT,
                "appointment_id",
                "$1",
                &format!(", (SELECT 1 WHERE {SEATLESS_THERE}) AS moved"),
            ),
        )
    });
    static TO_THE_HOLD: LazyLock<String> = LazyLock::new(|| {
        sqlite_move(
            &seats::the_hold_is_live(&NEW_SLOT, "$7"),
            &format!("{} AND {SEATLESS_THERE}", seats::claim_held_seat(&NEW_SLOT, "$7", "$1")),
        )
    });
    let found = find(&mut *app.db.pool().acquire().await?, asked.code, asked.document).await;
    let (stored, Move { office, slot }) = match plan(app, found, asked) {
        Ok(planned) => planned,
        Err(end) => return Ok(*end),
    };
    let (hold, now) = (asked.hold, asked.now);
    let mut args = AnyArguments::default();
    push(&mut args, stored.id)?;
    push(&mut args, stored.start_at)?;
    push(&mut args, office.id.clone())?;
    push(&mut args, slot.start.timestamp())?;
    push(&mut args, slot.end.timestamp())?;
    push(&mut args, now.timestamp())?;
    let sql = match hold {
        Some(hold) => {
            push(&mut args, hold.to_owned())?;
            &*TO_THE_HOLD
        }
        None => {
            push(&mut args, i64::from(office.desks))?;
            &*TO_A_FREE_SEAT
        }
    };
    push(&mut args, moved_detail(&stored, &slot))?;
    let moved: Vec<Stored> = app.db.sqlite_transaction(sql, args).await?;
    if let Some(moved) = moved.into_iter().next() {
        return Ok(Attempt::Done(moved));
    }
    let mut conn = app.db.pool().acquire().await?;
    let current = reload(&mut conn, stored.id).await?;
    if (current.is_cancelled(), current.start_at) != (stored.is_cancelled(), stored.start_at) {
        // Changed since it was read: start over from what is there now.
        return Ok(Attempt::Retry);
    }
    no_seat(&mut conn, hold, office, slot.start.timestamp(), now.timestamp()).await
}

/// The appointment $1 is booked at the new start $4 and holds no seat (an SQL condition).
const SEATLESS_THERE: &str = "EXISTS (SELECT 1 FROM appointments moving WHERE moving.id = $1
                              AND moving.status = 'booked' AND moving.start_at = $4
                              AND NOT EXISTS (SELECT 1 FROM seats mine WHERE mine.appointment_id = $1))";

/// The move as one batch, from $1 the appointment, $2 its start as read, $3–$7 the new slot
/// (`NEW_SLOT`, $7 the office's desks or the hold) and $8 the history's detail. The
/// appointment moves only if it is still booked where it was read and the new seat is there
/// to take (`available`); then its history says so, its old seat is freed and the new one
/// taken (`claim`), and it is returned. A booked appointment left without a seat, which would
/// mean a claim that did not match `available`, rolls everything back (a row that breaks the
/// seats' NOT NULL and CHECK constraints, `OR ROLLBACK`) rather than lose the citizen's seat.
fn sqlite_move(available: &str, claim: &str) -> String {
    format!(
        "BEGIN IMMEDIATE;
         UPDATE appointments SET start_at = $4, end_at = $5, updated_at = $6
          WHERE id = $1 AND status = 'booked' AND start_at = $2 AND {available};
         {NEW_HISTORY_ENTRY} SELECT $1, $6, 'rescheduled', $8 WHERE changes() = 1;
         DELETE FROM seats WHERE appointment_id = $1
            AND start_at <> (SELECT start_at FROM appointments WHERE id = $1);
         {claim};
         INSERT OR ROLLBACK INTO seats (office_id, start_at, seat)
         SELECT NULL, NULL, NULL WHERE EXISTS (
                SELECT 1 FROM appointments WHERE id = $1 AND status = 'booked'
                   AND NOT EXISTS (SELECT 1 FROM seats WHERE appointment_id = $1));
         SELECT {COLUMNS} FROM appointments WHERE id = $1 AND start_at = $4 AND status = 'booked';
         COMMIT"
    )
}

/// On PostgreSQL, a transaction, retried when it loses a race.
async fn move_in_transaction(
    app: &AppState,
    asked: &MoveRequest<'_>,
) -> Result<Attempt<Stored>, sqlx::Error> {
    let mut tx = app.db.begin_write().await?;
    let found = find(&mut tx, asked.code, asked.document).await;
    let (stored, Move { office, slot }) = match plan(app, found, asked) {
        Ok(planned) => planned,
        Err(end) => return Ok(*end),
    };
    let (hold, now) = (asked.hold, asked.now);
    let start = slot.start.timestamp();
    // Claim the appointment first, as it was read: a cancellation or another move that got
    // there first makes this match nothing, and the attempt starts over from what is there
    // now. (The row stays locked until commit.)
    let claimed = sqlx::query(
        "UPDATE appointments SET start_at = $2, end_at = $3, updated_at = $4
          WHERE id = $1 AND status = 'booked' AND start_at = $5",
    )
    .bind(stored.id)
    .bind(start)
    .bind(slot.end.timestamp())
    .bind(now.timestamp())
    .bind(stored.start_at)
    .execute(&mut *tx)
    .await?;
    if claimed.rows_affected() == 0 {
        return Ok(Attempt::Retry);
    }
    // Free the old seat (a seat row names one appointment), then take the new one; if that
    // fails the transaction rolls back and the old seat is kept.
    seats::release_appointment(&mut tx, stored.id).await?;
    match take_seat(&mut tx, hold, office, start, stored.id, now.timestamp()).await? {
        Attempt::Done(()) => {}
        Attempt::Refused(refusal) => return Ok(Attempt::Refused(refusal)),
        Attempt::Retry => return Ok(Attempt::Retry),
    }
    record(&mut tx, stored.id, now, "rescheduled", &moved_detail(&stored, &slot)).await?;
    let updated = reload(&mut tx, stored.id).await?;
    tx.commit().await?;
    Ok(Attempt::Done(updated))
}

/// `POST /api/v1/appointments/{code}/cancel`: the seat is free at once. Cancelling again
/// answers the same.
pub async fn cancel(
    State(app): State<AppState>,
    PathParam(code): PathParam<String>,
    Json(proof): Json<DocumentProof>,
) -> Result<Json<AppointmentView>, ApiError> {
    let document = parse_document(&app.catalog, &proof.document)?;
    let now = app.clock.now();
    let (appointment, cancelled_now) = match app.db.backend() {
        Backend::Sqlite => cancel_in_one_trip(&app, &code, &document, now).await?,
        Backend::Postgres => cancel_in_transaction(&app, &code, &document, now).await?,
    };
    if cancelled_now {
        app.seats_changed(&appointment.office_id);
        tracing::info!(code = %code, "appointment cancelled");
    }
    Ok(Json(view(&app.catalog, &appointment)))
}

/// On SQLite: the appointment is read, then cancelled, its seat freed and its history written
/// by one batch (`Db::sqlite_transaction`). SQLite has one write lock, and a transaction would
/// hold it across six trips to the connection's thread, each waiting its turn among every
/// other request's tasks, while no booking anywhere can commit. The batch changes nothing if
/// the appointment was cancelled since it was read (its history is written only by the batch
/// whose claim changed the row); a move meanwhile is cancelled all the same.
/// The appointment, and whether this request cancelled it.
async fn cancel_in_one_trip(
    app: &AppState,
    code: &str,
    document: &Document,
    now: DateTime<FixedOffset>,
) -> Result<(Stored, bool), ApiError> {
    static SQL: LazyLock<String> = LazyLock::new(|| {
        format!(
            "BEGIN IMMEDIATE;
             UPDATE appointments SET status = 'cancelled', active_document = NULL, updated_at = $2
              WHERE id = $1 AND status = 'booked' RETURNING {COLUMNS};
             {NEW_HISTORY_ENTRY} SELECT $1, $2, 'cancelled', '' WHERE changes() = 1;
             DELETE FROM seats WHERE appointment_id = $1;
             COMMIT"
        )
    });
    // Read on a connection of its own, given back before the batch takes one: holding it
    // while waiting for another could use up the pool.
    let stored = find(&mut *app.db.pool().acquire().await?, code, document).await?;
    if stored.is_cancelled() {
        return Ok((stored, false));
    }
    changeable(false, stored.start_at, now)?;
    let mut args = AnyArguments::default();
    push(&mut args, stored.id)?;
    push(&mut args, now.timestamp())?;
    let cancelled: Vec<Stored> = app.db.sqlite_transaction(&SQL, args).await?;
    match cancelled.into_iter().next() {
        Some(cancelled) => Ok((cancelled, true)),
        // Cancelled meanwhile by another request: the same answer.
        None => Ok((reload(&mut *app.db.pool().acquire().await?, stored.id).await?, false)),
    }
}

/// On PostgreSQL, a transaction: each statement sees what committed before it started, so a
/// move that commits while the cancellation waits for the row has its new seat freed too. (One
/// statement would see the seats as they were when it began, and leave the new seat taken.)
async fn cancel_in_transaction(
    app: &AppState,
    code: &str,
    document: &Document,
    now: DateTime<FixedOffset>,
) -> Result<(Stored, bool), ApiError> {
    let mut tx = app.db.begin_write().await?;
    let stored = find(&mut tx, code, document).await?;
    if stored.is_cancelled() {
        return Ok((stored, false));
    }
    changeable(false, stored.start_at, now)?;
    // Claim the appointment first (the row stays locked until commit): a concurrent move
    // finishes before, or waits and then finds it cancelled.
    let claimed = sqlx::query(
        "UPDATE appointments SET status = 'cancelled', active_document = NULL, updated_at = $2
          WHERE id = $1 AND status = 'booked'",
    )
    .bind(stored.id)
    .bind(now.timestamp())
    .execute(&mut *tx)
    .await?;
    if claimed.rows_affected() == 0 {
        // Cancelled meanwhile by another request: the same answer.
        drop(tx);
        let mut conn = app.db.pool().acquire().await?;
        return Ok((reload(&mut conn, stored.id).await?, false));
    }
    seats::release_appointment(&mut tx, stored.id).await?;
    record(&mut tx, stored.id, now, "cancelled", "").await?;
    let cancelled = reload(&mut tx, stored.id).await?;
    tx.commit().await?;
    Ok((cancelled, true))
}

/// Only upcoming, booked appointments can change.
fn changeable(cancelled: bool, start_at: i64, now: DateTime<FixedOffset>) -> Result<(), ApiError> {
    if cancelled {
        return Err(ApiError::conflict(
            "appointment_cancelled",
            Text {
                es: "Esta cita fue cancelada y no se puede cambiar. Agende una nueva.",
                en: "This appointment was cancelled and cannot be changed. Book a new one.",
            },
        ));
    }
    if start_at <= now.timestamp() {
        return Err(ApiError::conflict(
            "appointment_past",
            Text {
                es: "Esta cita ya empezó o ya pasó: no se puede cambiar ni cancelar.",
                en: "This appointment has started or is over: it can no longer be changed or cancelled.",
            },
        ));
    }
    Ok(())
}
