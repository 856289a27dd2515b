//! The database: SQLite in WAL mode with durable commits.

use anyhow::Context;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Sqlite, SqlitePool, Transaction};
use std::str::FromStr;
use std::time::Duration;

pub type Db = SqlitePool;

/// Opens (creating if needed) the database at `url` and brings its schema up to date.
pub async fn connect(url: &str) -> anyhow::Result<Db> {
    let options = SqliteConnectOptions::from_str(url)
        .with_context(|| format!("invalid database URL {url:?}"))?
        .create_if_missing(true)
        // Readers never block the writer, and the writer never blocks readers.
        .journal_mode(SqliteJournalMode::Wal)
        // FULL syncs the WAL on every commit: a 201 means the booking survives a power cut.
        .synchronous(SqliteSynchronous::Full)
        .busy_timeout(Duration::from_secs(10))
        .foreign_keys(true);
    if let Some(parent) = options.get_filename().parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create the directory {}", parent.display()))?;
    }
    let pool = SqlitePoolOptions::new()
        .max_connections(8)
        .acquire_timeout(Duration::from_secs(30))
        .connect_with(options)
        .await
        .with_context(|| format!("cannot open the database {url:?}"))?;
    sqlx::migrate!("./migrations/sqlite").run(&pool).await.context("database migration failed")?;
    Ok(pool)
}

/// A transaction that writes. `BEGIN IMMEDIATE` takes SQLite's write lock up front: a
/// deferred transaction that reads and then writes would fail with SQLITE_BUSY when another
/// writer committed in between, whatever the busy timeout.
pub async fn begin_write(db: &Db) -> Result<Transaction<'static, Sqlite>, sqlx::Error> {
    db.begin_with("BEGIN IMMEDIATE").await
}

/// The uniqueness rules the schema enforces, which callers turn into answers for citizens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unique {
    /// Two appointments drew the same code.
    Code,
    /// The document already holds an active appointment.
    ActiveDocument,
    /// The seat was taken by a concurrent booking.
    Seat,
}

/// Which uniqueness rule `err` broke, if it is such a violation.
pub fn unique_violation(err: &sqlx::Error) -> Option<Unique> {
    let db = err.as_database_error().filter(|e| e.is_unique_violation())?;
    // SQLite names the columns in the message ("UNIQUE constraint failed: seats.office_id, …").
    let message = db.message();
    if message.contains("appointments.code") {
        Some(Unique::Code)
    } else if message.contains("appointments.active_document") {
        Some(Unique::ActiveDocument)
    } else if message.contains("seats.") {
        Some(Unique::Seat)
    } else {
        None
    }
}
