//! The store on PostgreSQL: several instances on one database.
//!
//! A booking batch is one statement (`book.sql`). Moves, cancellations and holds are
//! transactions at READ COMMITTED: each first claims the row it changes (the appointment, or
//! for a hold the seat it inserts), and each of its statements sees what other transactions
//! committed before that statement began. Whatever a transaction could not take, it rolls back,
//! and the caller finds out why.

use super::queue::{self, Queued};
use super::{Actor, Appointment, Cancelling, Freed, Move, NewHold, Placed};
use anyhow::Context;
use chrono::{DateTime, FixedOffset};
use sqlx::PgPool;
use sqlx::postgres::PgPoolOptions;
use std::time::Duration;

/// Connects (`max_connections` per instance) and brings the schema up to date: the first
/// instance to start migrates, the others wait for its lock.
pub async fn connect(url: &str, max_connections: u32) -> anyhow::Result<PgPool> {
    let pool = PgPoolOptions::new()
        .max_connections(max_connections)
        .acquire_timeout(Duration::from_secs(30))
        .connect(url)
        .await
        .with_context(|| format!("cannot open the database {:?}", super::loggable(url)))?;
    sqlx::migrate!("./migrations/postgres").run(&pool).await.context("database migration failed")?;
    Ok(pool)
}

/// Writes a batch of bookings (`book.sql`): the appointments written.
pub async fn book(pool: &PgPool, batch: &[&Queued]) -> Result<Vec<Appointment>, sqlx::Error> {
    sqlx::query_as(include_str!("book.sql"))
        .bind(queue::as_json(batch)?)
        .bind(queue::clock(batch))
        .fetch_all(pool)
        .await
}

/// Releases the browser's holds and holds the lowest free seat of the slot, in one
/// transaction, holding the lock of the client address, whose live holds must stay under its
/// limit. When no seat was taken, the transaction, which sees its own release, tells a full
/// slot (or an address at its limit) from a seat a concurrent request took first; either way it
/// is rolled back and the browser keeps its holds.
pub async fn hold(pool: &PgPool, new: &NewHold<'_>, id: &str) -> Result<Placed, sqlx::Error> {
    let mut tx = pool.begin().await?;
    sqlx::query(include_str!("lock_address.sql")).bind(new.address).execute(&mut *tx).await?;
    let released = sqlx::query_scalar(include_str!("release_browser_holds.sql"))
        .bind(new.client)
        .fetch_all(&mut *tx)
        .await?;
    let (held, _): (i64, Option<i64>) = sqlx::query_as(include_str!("../address_holds.sql"))
        .bind(new.address)
        .bind(new.now.timestamp())
        .bind(new.client)
        .fetch_one(&mut *tx)
        .await?;
    if new.most_per_address.is_some_and(|most| held >= most) {
        return Ok(Placed::Full);
    }
    let seat: Option<i64> = sqlx::query_scalar(include_str!("hold.sql"))
        .bind(&new.office.id)
        .bind(new.start.timestamp())
        .bind(new.now.timestamp())
        .bind(i64::from(new.desks))
        .bind(id)
        .bind(new.client)
        .bind(new.expires_at.timestamp())
        .bind(new.address)
        .fetch_optional(&mut *tx)
        .await?;
    if seat.is_none() {
        let start = new.start.timestamp();
        let taken: Option<(i64, i64)> = sqlx::query_as(include_str!("../seats_taken_at_office.sql"))
            .bind(&new.office.id)
            .bind(start)
            .bind(start + 1)
            .bind(new.now.timestamp())
            .fetch_optional(&mut *tx)
            .await?;
        let full = taken.is_some_and(|(_, n)| n >= i64::from(new.desks));
        return Ok(if full { Placed::Full } else { Placed::Lost });
    }
    tx.commit().await?;
    Ok(Placed::Held(released))
}

/// Moves `found` as `to` says, in one transaction: the appointment is claimed as it was read,
/// its old seat freed, the new one taken. The appointment moved, or `None` when it changed
/// nothing (it changed since it was read, or the new seat could not be had).
pub async fn reschedule(
    pool: &PgPool,
    found: &Appointment,
    to: &Move<'_>,
    now: DateTime<FixedOffset>,
    freed: &Freed,
) -> Result<Option<Appointment>, sqlx::Error> {
    let (office, start, now_at) = (&to.office.id, to.slot.start.timestamp(), now.timestamp());
    let mut tx = pool.begin().await?;
    let claimed = sqlx::query(include_str!("claim_move.sql"))
        .bind(found.id)
        .bind(start)
        .bind(to.slot.end.timestamp())
        .bind(now_at)
        .bind(found.start_at)
        .execute(&mut *tx)
        .await?;
    if claimed.rows_affected() == 0 {
        return Ok(None);
    }
    free_seat_of(&mut tx, found.id, freed).await?;
    let taken = match to.hold {
        Some(hold) => sqlx::query(include_str!("take_held_seat.sql"))
            .bind(office)
            .bind(start)
            .bind(now_at)
            .bind(hold)
            .bind(found.id)
            .execute(&mut *tx)
            .await?
            .rows_affected(),
        None => sqlx::query(include_str!("take_free_seat.sql"))
            .bind(office)
            .bind(start)
            .bind(now_at)
            .bind(i64::from(to.desks))
            .bind(found.id)
            .execute(&mut *tx)
            .await?
            .rows_affected(),
    };
    if taken == 0 {
        return Ok(None);
    }
    record(&mut tx, found.id, now_at, "rescheduled", &super::moved_detail(found, to), to.by).await?;
    let moved = sqlx::query_as(include_str!("../appointment.sql")).bind(found.id).fetch_one(&mut *tx).await?;
    tx.commit().await?;
    Ok(Some(moved))
}

/// Cancels the appointment `id` and frees its seat as `freed` says, in one transaction: the appointment, or
/// `None` when it was cancelled already.
pub async fn cancel(
    pool: &PgPool,
    id: i64,
    now: DateTime<FixedOffset>,
    freed: &Freed,
    by: &Cancelling<'_>,
) -> Result<Option<Appointment>, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let claimed = sqlx::query(include_str!("claim_cancel.sql"))
        .bind(id)
        .bind(now.timestamp())
        .bind(by.reason)
        .execute(&mut *tx)
        .await?;
    if claimed.rows_affected() == 0 {
        return Ok(None);
    }
    free_seat_of(&mut tx, id, freed).await?;
    let (action, detail) = match by.reason {
        Some(reason) => ("cancelled_by_office", reason),
        None => ("cancelled", ""),
    };
    record(&mut tx, id, now.timestamp(), action, detail, by.actor).await?;
    let cancelled = sqlx::query_as(include_str!("../appointment.sql")).bind(id).fetch_one(&mut *tx).await?;
    tx.commit().await?;
    Ok(Some(cancelled))
}

/// Frees the seat of the appointment `id` as `freed` says (`free_seat_of.sql`).
async fn free_seat_of(tx: &mut sqlx::PgConnection, id: i64, freed: &Freed) -> Result<(), sqlx::Error> {
    sqlx::query(include_str!("free_seat_of.sql"))
        .bind(id)
        .bind(freed.at)
        .bind(&freed.id)
        .execute(tx)
        .await
        .map(drop)
}

async fn record(
    tx: &mut sqlx::PgConnection,
    appointment: i64,
    at: i64,
    action: &str,
    detail: &str,
    by: &Actor,
) -> Result<(), sqlx::Error> {
    sqlx::query(include_str!("../record_event.sql"))
        .bind(appointment)
        .bind(at)
        .bind(action)
        .bind(detail)
        .bind(&by.label)
        .bind(by.account)
        .execute(tx)
        .await
        .map(drop)
}
