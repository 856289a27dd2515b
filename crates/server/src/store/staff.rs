//! What the officials' side keeps and changes: accounts and their sign-in failures, an office's
//! agenda, attendance, and each appointment's history. The statements read the same in both
//! dialects (`staff/`); a change and its line of history are one transaction.

use super::{Actor, Appointment, Error, Pool, Store};
use citas_domain::api::staff::Role;
use citas_domain::document::Document;
use sqlx::{PgPool, SqlitePool};

/// An official's account.
#[derive(Debug, Clone)]
pub struct Account {
    pub id: i64,
    pub email: String,
    pub role: Role,
    /// argon2id, as a PHC string.
    pub password_hash: String,
    pub disabled: bool,
    /// While in the future, sign-ins are refused whatever the password.
    pub locked_until: Option<i64>,
    /// The offices a funcionario acts on (none listed for an administrador: every office).
    pub offices: Vec<String>,
}

#[derive(sqlx::FromRow)]
struct AccountRow {
    id: i64,
    email: String,
    role: String,
    password_hash: String,
    disabled: i64,
    locked_until: Option<i64>,
}

/// Whether the person came.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attendance {
    Attended,
    NoShow,
}

impl Attendance {
    fn as_str(self) -> &'static str {
        match self {
            Attendance::Attended => "attended",
            Attendance::NoShow => "no_show",
        }
    }

    /// The history's word for it.
    fn action(self) -> &'static str {
        match self {
            Attendance::Attended => "checked_in",
            Attendance::NoShow => "no_show",
        }
    }
}

/// One line of an appointment's history.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Event {
    pub at: i64,
    pub action: String,
    pub actor: String,
    pub detail: String,
}

/// How a transaction that writes begins: on SQLite it takes the write lock up front (`BEGIN
/// IMMEDIATE`), so that reading and then writing never fails because another writer committed
/// in between.
trait Writing {
    const BEGIN: &'static str;

    fn writing(&self) -> &'static str {
        Self::BEGIN
    }
}

impl Writing for SqlitePool {
    const BEGIN: &'static str = "BEGIN IMMEDIATE";
}

impl Writing for PgPool {
    const BEGIN: &'static str = "BEGIN";
}

impl Store {
    /// Adds an account; `None` when one with that e-mail exists.
    pub async fn add_account(
        &self,
        email: &str,
        role: Role,
        password_hash: &str,
        offices: &[String],
        now: i64,
    ) -> Result<Option<i64>, Error> {
        let added: Result<i64, sqlx::Error> = on_either!(&self.pool, |p| async {
            let mut tx = p.begin_with(p.writing()).await?;
            let id: i64 = sqlx::query_scalar(include_str!("staff/add_account.sql"))
                .bind(email)
                .bind(role.as_str())
                .bind(password_hash)
                .bind(now)
                .fetch_one(&mut *tx)
                .await?;
            for office in offices {
                sqlx::query(include_str!("staff/add_account_office.sql"))
                    .bind(id)
                    .bind(office)
                    .execute(&mut *tx)
                    .await?;
            }
            tx.commit().await?;
            Ok(id)
        }
        .await);
        match added {
            Ok(id) => Ok(Some(id)),
            Err(e) if e.as_database_error().is_some_and(|d| d.is_unique_violation()) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    pub async fn account(&self, id: i64) -> Result<Option<Account>, Error> {
        let row: Option<AccountRow> = on_either!(&self.pool, |p| {
            sqlx::query_as(include_str!("staff/account.sql")).bind(id).fetch_optional(p).await
        })?;
        self.with_offices(row).await
    }

    /// The account with this e-mail (compared in lower case).
    pub async fn account_by_email(&self, email: &str) -> Result<Option<Account>, Error> {
        let row: Option<AccountRow> = on_either!(&self.pool, |p| {
            sqlx::query_as(include_str!("staff/account_by_email.sql"))
                .bind(email.trim().to_lowercase())
                .fetch_optional(p)
                .await
        })?;
        self.with_offices(row).await
    }

    pub async fn accounts(&self) -> Result<Vec<Account>, Error> {
        let rows: Vec<AccountRow> = on_either!(&self.pool, |p| {
            sqlx::query_as(include_str!("staff/accounts.sql")).fetch_all(p).await
        })?;
        let mut accounts = Vec::with_capacity(rows.len());
        for row in rows {
            accounts.extend(self.with_offices(Some(row)).await?);
        }
        Ok(accounts)
    }

    async fn with_offices(&self, row: Option<AccountRow>) -> Result<Option<Account>, Error> {
        let Some(row) = row else { return Ok(None) };
        // A role the schema's CHECK allows but this build does not know acts on nothing.
        let Some(role) = Role::parse(&row.role) else { return Ok(None) };
        let offices: Vec<String> = on_either!(&self.pool, |p| {
            sqlx::query_scalar(include_str!("staff/account_offices.sql")).bind(row.id).fetch_all(p).await
        })?;
        Ok(Some(Account {
            id: row.id,
            email: row.email,
            role,
            password_hash: row.password_hash,
            disabled: row.disabled != 0,
            locked_until: row.locked_until,
            offices,
        }))
    }

    /// Disables or enables the account with this e-mail: whether there is one.
    pub async fn set_disabled(&self, email: &str, disabled: bool, now: i64) -> Result<bool, Error> {
        let changed = on_either!(&self.pool, |p| {
            sqlx::query(include_str!("staff/set_disabled.sql"))
                .bind(email)
                .bind(i64::from(disabled))
                .bind(now)
                .execute(p)
                .await
                .map(|done| done.rows_affected())
        })?;
        Ok(changed == 1)
    }

    /// Sets the password hash of the account with this e-mail: whether there is one.
    pub async fn set_password(&self, email: &str, password_hash: &str, now: i64) -> Result<bool, Error> {
        let changed = on_either!(&self.pool, |p| {
            sqlx::query(include_str!("staff/set_password.sql"))
                .bind(email)
                .bind(password_hash)
                .bind(now)
                .execute(p)
                .await
                .map(|done| done.rows_affected())
        })?;
        Ok(changed == 1)
    }

    /// Counts a failed sign-in of the account; the `most`-th within `window` seconds locks it for
    /// as long.
    pub async fn sign_in_failed(&self, account: i64, now: i64, window: i64, most: i64) -> Result<(), Error> {
        on_either!(&self.pool, |p| {
            sqlx::query(include_str!("staff/sign_in_failed.sql"))
                .bind(account)
                .bind(now)
                .bind(window)
                .bind(most)
                .execute(p)
                .await
                .map(drop)
        })?;
        Ok(())
    }

    /// The account signed in: its failures are forgotten.
    pub async fn signed_in(&self, account: i64) -> Result<(), Error> {
        on_either!(&self.pool, |p| {
            sqlx::query(include_str!("staff/signed_in.sql")).bind(account).execute(p).await.map(drop)
        })?;
        Ok(())
    }

    /// The appointments of an office starting in `[from, until)` (Unix seconds), by time.
    pub async fn agenda(&self, office: &str, from: i64, until: i64) -> Result<Vec<Appointment>, Error> {
        Ok(on_either!(&self.pool, |p| {
            sqlx::query_as(include_str!("staff/agenda.sql"))
                .bind(office)
                .bind(from)
                .bind(until)
                .fetch_all(p)
                .await
        })?)
    }

    pub async fn by_code(&self, code: &str) -> Result<Option<Appointment>, Error> {
        Ok(on_either!(&self.pool, |p| {
            sqlx::query_as(include_str!("staff/by_code.sql")).bind(code).fetch_optional(p).await
        })?)
    }

    /// The appointments booked with a document, latest first.
    pub async fn by_document(&self, document: &Document) -> Result<Vec<Appointment>, Error> {
        let hash = super::sealing::keys().document_hash(document);
        Ok(on_either!(&self.pool, |p| {
            sqlx::query_as(include_str!("staff/by_document.sql"))
                .bind(document.kind().code())
                .bind(hash)
                .fetch_all(p)
                .await
        })?)
    }

    /// Records whether the person of a booked appointment came, with its line of history:
    /// `None` when it is not booked or something was recorded already.
    pub async fn attend(
        &self,
        id: i64,
        attendance: Attendance,
        now: i64,
        by: &Actor,
    ) -> Result<Option<Appointment>, Error> {
        let changed = on_either!(&self.pool, |p| async {
            let mut tx = p.begin_with(p.writing()).await?;
            let done = sqlx::query(include_str!("staff/attend.sql"))
                .bind(id)
                .bind(now)
                .bind(attendance.as_str())
                .execute(&mut *tx)
                .await?;
            let changed = done.rows_affected() == 1;
            if changed {
                record_event!(id, now, attendance.action(), "", by).execute(&mut *tx).await?;
                tx.commit().await?;
            }
            Ok::<_, sqlx::Error>(changed)
        }
        .await)?;
        self.changed(id, changed).await
    }

    /// Undoes a check-in or a no-show, with its line of history: `None` when there was neither.
    pub async fn reopen(&self, id: i64, now: i64, by: &Actor) -> Result<Option<Appointment>, Error> {
        let changed = on_either!(&self.pool, |p| async {
            let mut tx = p.begin_with(p.writing()).await?;
            let done =
                sqlx::query(include_str!("staff/reopen.sql")).bind(id).bind(now).execute(&mut *tx).await?;
            let changed = done.rows_affected() == 1;
            if changed {
                record_event!(id, now, "reopened", "", by).execute(&mut *tx).await?;
                tx.commit().await?;
            }
            Ok::<_, sqlx::Error>(changed)
        }
        .await)?;
        self.changed(id, changed).await
    }

    /// The appointment as it is after a change, if there was one.
    async fn changed(&self, id: i64, changed: bool) -> Result<Option<Appointment>, Error> {
        if !changed {
            return Ok(None);
        }
        Ok(Some(self.appointment(id).await?))
    }

    /// Adds a line to an appointment's history on its own (what was looked at rather than
    /// changed, e.g. a search by document).
    pub async fn record(
        &self,
        id: i64,
        now: i64,
        action: &str,
        detail: &str,
        by: &Actor,
    ) -> Result<(), Error> {
        on_either!(&self.pool, |p| record_event!(id, now, action, detail, by).execute(p).await.map(drop))?;
        Ok(())
    }

    /// An appointment's history, oldest first.
    pub async fn history(&self, id: i64) -> Result<Vec<Event>, Error> {
        Ok(on_either!(&self.pool, |p| {
            sqlx::query_as(include_str!("staff/history.sql")).bind(id).fetch_all(p).await
        })?)
    }
}
