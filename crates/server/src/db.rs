//! The database: SQLite (one machine, the default) or PostgreSQL (several instances), behind
//! sqlx's `Any` driver so every query is written once. Correctness never rests on this
//! process: seats and documents are kept unique by the schema, and transactions decide races.

use anyhow::{Context, bail};
use sqlx::any::{AnyArguments, AnyPoolOptions, AnyRow, install_default_drivers};
use sqlx::{Any, AnyPool, Arguments, Connection, Executor, FromRow, Transaction};
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Clone, Debug)]
pub struct Db {
    pool: AnyPool,
    backend: Backend,
}

impl Db {
    /// Opens (creating an SQLite file if needed) the database at `url` and brings its schema
    /// up to date. `max_connections` sizes the pool (for PostgreSQL, per instance).
    pub async fn connect(url: &str, max_connections: u32) -> anyhow::Result<Db> {
        install_default_drivers();
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Backend::Postgres
        } else {
            bail!("unsupported database URL {url:?}: use sqlite://… or postgres://…");
        };
        let url = match backend {
            Backend::Sqlite => sqlite_url(url)?,
            Backend::Postgres => url.to_owned(),
        };
        let pool = AnyPoolOptions::new()
            .max_connections(max_connections)
            .acquire_timeout(Duration::from_secs(30))
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        // WAL: readers never block the writer. FULL syncs the WAL on every
                        // commit: a 201 means the booking survives a power cut.
                        conn.execute(
                            "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;
                             PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON;",
                        )
                        .await?;
                    }
                    Ok(())
                })
            })
            .connect(&url)
            .await
            .with_context(|| format!("cannot open the database {url:?}"))?;
        let migrated = match backend {
            Backend::Sqlite => sqlx::migrate!("./migrations/sqlite").run(&pool).await,
            Backend::Postgres => sqlx::migrate!("./migrations/postgres").run(&pool).await,
        };
        migrated.context("database migration failed")?;
        Ok(Db { pool, backend })
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// A transaction that writes. On SQLite, `BEGIN IMMEDIATE` takes the write lock up front:
    /// a deferred transaction that reads and then writes would fail with SQLITE_BUSY when
    /// another writer committed in between, whatever the busy timeout.
    pub async fn begin_write(&self) -> Result<Transaction<'static, Any>, sqlx::Error> {
        match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await,
            Backend::Postgres => self.pool.begin().await,
        }
    }

    /// Runs `sql` on SQLite: a batch that opens its own transaction with `BEGIN IMMEDIATE` and
    /// ends it with `COMMIT`. Writers queue for SQLite's one write lock, and a batch holds it
    /// for one trip to the connection's thread where a `Transaction` holds it for three (BEGIN,
    /// the work, COMMIT), each waiting its turn among every other request's tasks. sqlx does not
    /// know of that transaction, so it is ended here: a failed batch is rolled back before the
    /// connection goes back to the pool (or the connection is closed), in a task of its own so
    /// that a client hanging up half-way cannot leave the write lock taken.
    pub async fn sqlite_transaction<T>(
        &self,
        sql: &'static str,
        args: AnyArguments<'static>,
    ) -> Result<Vec<T>, sqlx::Error>
    where
        T: for<'r> FromRow<'r, AnyRow> + Send + Unpin + 'static,
    {
        debug_assert!(self.backend == Backend::Sqlite && sql.starts_with("BEGIN IMMEDIATE;"));
        let mut conn = self.pool.acquire().await?;
        let batch = tokio::spawn(async move {
            let rows = sqlx::query_as_with(sql, args).fetch_all(&mut *conn).await;
            if rows.is_err() {
                match sqlx::query("ROLLBACK").execute(&mut *conn).await {
                    // A failed BEGIN, or an INSERT OR ROLLBACK that ended it already.
                    Err(e) if e.to_string().contains("no transaction is active") => {}
                    Ok(_) => {}
                    Err(_) => {
                        let _ = conn.close().await;
                    }
                }
            }
            rows
        });
        batch.await.map_err(|e| sqlx::Error::Io(std::io::Error::other(e)))?
    }

    /// Whether the database answers (for /readyz).
    pub async fn ping(&self) -> bool {
        match self.pool.acquire().await {
            Ok(mut conn) => conn.ping().await.is_ok(),
            Err(_) => false,
        }
    }
}

/// Creates the SQLite file's directory and asks the driver to create the file.
fn sqlite_url(url: &str) -> anyhow::Result<String> {
    let path = url.trim_start_matches("sqlite://").trim_start_matches("sqlite:");
    let (file, query) = path.split_once('?').unwrap_or((path, ""));
    if let Some(parent) = std::path::Path::new(file).parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create the directory {}", parent.display()))?;
    }
    Ok(if query.contains("mode=") {
        url.to_owned()
    } else if query.is_empty() {
        format!("{url}?mode=rwc")
    } else {
        format!("{url}&mode=rwc")
    })
}

/// Adds a query argument (sqlx reports a value it cannot encode as an error, not a panic).
pub fn push<'q, T>(args: &mut AnyArguments<'q>, value: T) -> Result<(), sqlx::Error>
where
    T: 'q + sqlx::Encode<'q, Any> + sqlx::Type<Any>,
{
    args.add(value).map_err(sqlx::Error::Encode)
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

/// Which uniqueness rule `err` broke, if it is such a violation. SQLite names the columns in
/// its message ("UNIQUE constraint failed: seats.office_id, …"); PostgreSQL names the
/// constraint ("appointments_code_key").
pub fn unique_violation(err: &sqlx::Error) -> Option<Unique> {
    let db = err.as_database_error().filter(|e| e.is_unique_violation())?;
    let what = db.constraint().map(str::to_owned).unwrap_or_else(|| db.message().to_owned());
    if what.contains("appointments.code") || what.contains("appointments_code") {
        Some(Unique::Code)
    } else if what.contains("active_document") {
        Some(Unique::ActiveDocument)
    } else if what.contains("seats") {
        Some(Unique::Seat)
    } else {
        None
    }
}

/// A conflict between transactions that the database resolved by aborting this one
/// (PostgreSQL: serialization failure, deadlock): trying again is the answer.
pub fn is_transient(err: &sqlx::Error) -> bool {
    err.as_database_error().and_then(|e| e.code()).is_some_and(|code| code == "40001" || code == "40P01")
}
