//! The store on SQLite: one machine, one file.
//!
//! SQLite has one write lock. Each write here is one batch of statements that opens its own
//! `BEGIN IMMEDIATE` transaction and ends it with `COMMIT`, sent to the connection in one trip
//! (`one_trip`): the lock is held for that trip only, instead of one trip per statement, each
//! waiting its turn among every other request's tasks. `BEGIN IMMEDIATE` takes the lock up
//! front, so a batch that reads and then writes never fails because another writer committed
//! in between. Within a batch nothing else writes, so what its statements read stays true
//! until its `COMMIT`.
//!
//! sqlx binds `$N` to the N-th argument in every statement of a batch.

use super::queue::{self, Queued};
use super::{Appointment, Cancelling, Freed, Move, NewHold, Placed};
use anyhow::Context;
use chrono::{DateTime, FixedOffset};
use sqlx::query::QueryAs;
use sqlx::sqlite::{
    SqliteArguments, SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteRow, SqliteSynchronous,
};
use sqlx::{FromRow, Sqlite, SqlitePool};
use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

/// Opens (creating it and its directory if needed) the database file and brings its schema up
/// to date.
pub async fn connect(url: &str, max_connections: u32) -> anyhow::Result<SqlitePool> {
    let options = SqliteConnectOptions::from_str(url)
        .with_context(|| format!("not an SQLite URL: {:?}", super::loggable(url)))?
        .create_if_missing(true)
        // WAL: readers never block the writer. FULL syncs the WAL at every commit: a 201 means
        // the booking survives a power cut.
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Full)
        .busy_timeout(Duration::from_secs(10))
        .foreign_keys(true)
        // What is erased or resealed is overwritten with zeros in the file, not left in its
        // free space for a copy of the file to show.
        .pragma("secure_delete", "ON");
    if let Some(dir) = options.get_filename().parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create the directory {}", dir.display()))?;
    }
    let pool = SqlitePoolOptions::new()
        .max_connections(max_connections)
        .acquire_timeout(Duration::from_secs(30))
        .connect_with(options)
        .await
        .with_context(|| format!("cannot open the database {:?}", super::loggable(url)))?;
    sqlx::migrate!("./migrations/sqlite").run(&pool).await.context("database migration failed")?;
    Ok(pool)
}

/// Free space under which the instance says it is not ready: a few hours of bookings, with
/// room for the WAL to be checkpointed.
const MIN_FREE_BYTES: u64 = 16 * 1024 * 1024;

pub fn has_room(pool: &SqlitePool) -> bool {
    let options = pool.connect_options();
    let file = options.get_filename();
    let dir = file.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    // An in-memory database, or a filesystem that cannot say, has room as far as we know.
    rustix::fs::statvfs(dir).map_or(true, |s| s.f_bavail.saturating_mul(s.f_frsize) >= MIN_FREE_BYTES)
}

type Batch<T> = QueryAs<'static, Sqlite, T, SqliteArguments<'static>>;

/// Runs a batch that is its own transaction (`BEGIN IMMEDIATE; …; COMMIT`) in one trip: its
/// rows. sqlx does not know of that transaction, so it is ended here: a failed batch is rolled
/// back before the connection goes back to the pool (or the connection is closed), in a task of
/// its own so that a client hanging up half-way cannot leave the write lock taken.
async fn one_trip<T>(pool: &SqlitePool, batch: Batch<T>) -> Result<Vec<T>, sqlx::Error>
where
    T: for<'r> FromRow<'r, SqliteRow> + Send + Unpin + 'static,
{
    let mut conn = pool.acquire().await?;
    let run = tokio::spawn(async move {
        let rows = batch.fetch_all(&mut *conn).await;
        if rows.is_err() {
            match sqlx::query("ROLLBACK").execute(&mut *conn).await {
                // A failed BEGIN, or an `OR ROLLBACK` that ended the transaction already.
                Err(e) if e.to_string().contains("no transaction is active") => {}
                Ok(_) => {}
                Err(_) => {
                    let _ = conn.close().await;
                }
            }
        }
        rows
    });
    run.await.map_err(|e| sqlx::Error::Io(std::io::Error::other(e)))?
}

/// Writes a batch of bookings (`book.sql`): the appointments written.
pub async fn book(pool: &SqlitePool, batch: &[&Queued]) -> Result<Vec<Appointment>, sqlx::Error> {
    let sql = sqlx::query_as(include_str!("book.sql")).bind(queue::as_json(batch)?).bind(queue::clock(batch));
    one_trip(pool, sql).await
}

/// Releases the browser's holds and holds the lowest free seat of the slot (`hold.sql`). Under
/// the write lock nothing races it: a seat not taken means the slot is full, or the client
/// address keeps its most live holds.
pub async fn hold(pool: &SqlitePool, new: &NewHold<'_>, id: &str) -> Result<Placed, sqlx::Error> {
    let sql = sqlx::query_as(include_str!("hold.sql"))
        .bind(new.office.id.clone())
        .bind(new.start.timestamp())
        .bind(new.now.timestamp())
        .bind(i64::from(new.desks))
        .bind(id.to_owned())
        .bind(new.client.to_owned())
        .bind(new.expires_at.timestamp())
        .bind(new.address.to_owned())
        .bind(new.most_per_address.unwrap_or(i64::MAX));
    let rows: Vec<(Option<String>, Option<i64>)> = one_trip(pool, sql).await?;
    if rows.iter().all(|(_, seat)| seat.is_none()) {
        return Ok(Placed::Full);
    }
    Ok(Placed::Held(rows.into_iter().filter_map(|(released, _)| released).collect()))
}

/// Moves `found` as `to` says (`move_to_free_seat.sql`, `move_to_hold.sql`): the appointment
/// moved, or `None` when it changed nothing.
pub async fn reschedule(
    pool: &SqlitePool,
    found: &Appointment,
    to: &Move<'_>,
    now: DateTime<FixedOffset>,
    freed: &Freed,
) -> Result<Option<Appointment>, sqlx::Error> {
    let sql = match to.hold {
        Some(_) => include_str!("move_to_hold.sql"),
        None => include_str!("move_to_free_seat.sql"),
    };
    let batch = sqlx::query_as(sql)
        .bind(found.id)
        .bind(found.start_at)
        .bind(to.office.id.clone())
        .bind(to.slot.start.timestamp())
        .bind(to.slot.end.timestamp())
        .bind(now.timestamp())
        .bind(i64::from(to.desks))
        .bind(to.hold.map(str::to_owned))
        .bind(super::moved_detail(found, to))
        .bind(freed.at)
        .bind(freed.id.clone())
        .bind(to.by.label.clone())
        .bind(to.by.account);
    Ok(one_trip(pool, batch).await?.into_iter().next())
}

/// Cancels the appointment `id` as `by` says and frees its seat as `freed` says (`cancel.sql`):
/// the appointment, or `None` when it was cancelled already.
pub async fn cancel(
    pool: &SqlitePool,
    id: i64,
    now: DateTime<FixedOffset>,
    freed: &Freed,
    by: &Cancelling<'_>,
) -> Result<Option<Appointment>, sqlx::Error> {
    let batch = sqlx::query_as(include_str!("cancel.sql"))
        .bind(id)
        .bind(now.timestamp())
        .bind(freed.at)
        .bind(freed.id.clone())
        .bind(by.reason.map(str::to_owned))
        .bind(by.actor.label.clone())
        .bind(by.actor.account);
    Ok(one_trip(pool, batch).await?.into_iter().next())
}
