//! Where appointments, seats and holds are kept: every operation the HTTP layer needs, and the
//! only code that reads or writes the database.
//!
//! No overbooking comes from the database, never from this process. Every occupied seat, booked
//! or held, is a row of `seats` whose primary key is (office, start, seat number), and seat
//! numbers are below the office's desks; a document holds one upcoming appointment through the
//! unique column `appointments.active_document`. Every write is one transaction (or one
//! statement) that takes seats through those keys, so requests of other tasks, processes and
//! instances race through the same constraints, and the database decides.
//!
//! One implementation per database, with the same behaviour (the conformance suite in
//! `tests.rs` runs the same tests against both):
//! - `sqlite/`: one machine. Each write is one batch of statements that is its own `BEGIN
//!   IMMEDIATE` transaction, sent in one trip: SQLite has one write lock, held for that trip.
//! - `postgres/`: several instances on one database. A booking batch is one statement; moves,
//!   cancellations and holds are transactions that first claim the row they change.
//!
//! The statements that decide seats are written in each dialect, one file each. The reads (and
//! the one-row writes) whose text is the same in both are written once, in this directory.
//! Typed pools rather than sqlx's `Any` driver: each dialect binds its own types, and what
//! builds on the database (sessions) takes a typed pool.
//!
//! Every change of an appointment writes a line of its history (`appointment_events`) in its
//! transaction, and the database's trigger on that table queues the citizen's message in the
//! same transaction (`outbox.rs`).

mod postgres;
mod queue;
mod sessions;
mod sqlite;

pub use calendar::StoredClosure;
pub use outbox::{Claimed, Outcome, Subject};
pub use privacy::{Erasing, Kept, QueuedMessage};
pub use sessions::Sessions;
pub use staff::{Account, Attendance, Event};
pub use waitlist::{Entry, EntrySubject, HeldSeat, KeptEntry, NewEntry, Offer, OfferCheck, Offered, Waiting};

use chrono::{DateTime, FixedOffset};
use citas_domain::api::{AppointmentStatus, ErrorCode};
use citas_domain::catalog::{Office, Service};
use citas_domain::code::AppointmentCode;
use citas_domain::contact::{Email, PersonName, Phone};
use citas_domain::document::Document;
use citas_domain::lang::Lang;
use citas_domain::schedule::Slot;
use citas_domain::time::{at_bogota, bogota_date};
use rand::Rng;
use sqlx::{PgPool, SqlitePool};
use std::collections::HashMap;

/// The database, and the tasks that write bookings together.
#[derive(Clone)]
pub struct Store {
    pool: Pool,
    queue: queue::Queue,
}

#[derive(Clone, Debug)]
enum Pool {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// Runs a statement that reads the same in both dialects on whichever database this is:
/// `on_either!(&self.pool, |p| query.fetch_one(p).await)`.
macro_rules! on_either {
    ($pool:expr, |$p:ident| $body:expr) => {
        match $pool {
            Pool::Sqlite($p) => $body,
            Pool::Postgres($p) => $body,
        }
    };
}

/// The statement that adds a line to an appointment's history (`record_event.sql`): at `now`,
/// `action` happened (`detail` says more; never a document number), done by `by`.
macro_rules! record_event {
    ($id:expr, $now:expr, $action:expr, $detail:expr, $by:expr) => {
        sqlx::query(include_str!("record_event.sql"))
            .bind($id)
            .bind($now)
            .bind($action)
            .bind($detail)
            .bind($by.label.as_str())
            .bind($by.account)
    };
}

/// Why an operation did not happen.
#[derive(Debug)]
pub enum Error {
    /// The request cannot be done as asked; the code says why (the slot is full, the hold ran
    /// out, the document holds an appointment, …).
    Refused(ErrorCode),
    /// Refused for now, as the code says (an appointment code locked after wrong documents, a
    /// client address with its most live holds); trying again in this many seconds may work.
    Later(ErrorCode, i64),
    /// The database failed.
    Database(sqlx::Error),
}

/// Wrong documents for one appointment code within `CODE_WINDOW_SECONDS` that lock it...
pub const WRONG_DOCUMENTS_PER_CODE: i64 = 5;
/// ...for this long: guessing a document by trying them is then hopeless, and the citizen who
/// mistyped theirs waits an hour at most.
pub const CODE_WINDOW_SECONDS: i64 = 3600;

/// What the schema refused becomes the reason the citizen is told; a database that is too busy
/// to answer in time is worth trying again later; anything else is a failure.
impl From<sqlx::Error> for Error {
    fn from(e: sqlx::Error) -> Error {
        if unique_violation(&e) == Some(Unique::ActiveDocument) {
            return Error::Refused(ErrorCode::DocumentHasAppointment);
        }
        let busy = matches!(e, sqlx::Error::PoolTimedOut)
            || e.as_database_error().is_some_and(|d| d.message().contains("database is locked"));
        if busy {
            tracing::warn!(error = %e, "database busy");
            return Error::Refused(ErrorCode::Busy);
        }
        // SQLITE_FULL, and PostgreSQL's disk_full: nothing is lost (the transaction is not
        // written), and the operator must make room.
        let full = e.as_database_error().and_then(|d| d.code()).is_some_and(|c| c == "13" || c == "53100");
        if full {
            tracing::error!(error = %e, "the database's disk is full");
            return Error::Refused(ErrorCode::StorageFull);
        }
        Error::Database(e)
    }
}

/// An appointment as stored. Times are Unix seconds, as everywhere in the database.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Appointment {
    pub id: i64,
    pub code: String,
    pub office_id: String,
    pub service_id: String,
    pub start_at: i64,
    pub end_at: i64,
    pub document_kind: String,
    /// Opened as the row is read (`sealing`), as are the name and the contacts.
    #[sqlx(try_from = "sealing::SealedDocument")]
    pub document_number: String,
    #[sqlx(try_from = "sealing::SealedName")]
    pub name: String,
    #[sqlx(try_from = "sealing::SealedEmail")]
    pub email: Option<String>,
    #[sqlx(try_from = "sealing::SealedPhone")]
    pub phone: Option<String>,
    /// "booked" or "cancelled".
    pub status: String,
    pub created_at: i64,
    pub updated_at: i64,
    /// "attended" or "no_show", once an office recorded it. (Read where a statement selects
    /// it; the statements that only book, move or cancel leave it out.)
    #[sqlx(default)]
    pub attendance: Option<String>,
    #[sqlx(default)]
    pub checked_in_at: Option<i64>,
    /// Why the office cancelled it, when it did.
    #[sqlx(default)]
    pub cancel_reason: Option<String>,
    /// Who made its latest booking, move or cancellation, as its history names them (read where
    /// a statement selects it).
    #[sqlx(default)]
    pub changed_by: Option<String>,
}

impl Appointment {
    pub fn is_cancelled(&self) -> bool {
        self.status == "cancelled"
    }

    /// What the API says of it: cancelled, or else whether the person came.
    pub fn status(&self) -> AppointmentStatus {
        match (self.is_cancelled(), self.attendance.as_deref()) {
            (true, _) => AppointmentStatus::Cancelled,
            (false, Some("attended")) => AppointmentStatus::Attended,
            (false, Some("no_show")) => AppointmentStatus::NoShow,
            (false, _) => AppointmentStatus::Booked,
        }
    }
}

/// An appointment to book, every field valid.
pub struct NewAppointment<'a> {
    pub office: &'a Office,
    pub service: &'a Service,
    /// A slot of the office's grid: the booking statements refuse it when a closure removes it,
    /// and give it the desks of its day (`Store::book`).
    pub slot: Slot,
    pub document: Document,
    pub name: PersonName,
    pub email: Option<Email>,
    pub phone: Option<Phone>,
    /// The citizen's hold for this slot, which becomes the seat; without one, the lowest free
    /// seat of the slot is taken.
    pub hold: Option<String>,
    /// The client's Idempotency-Key: the same key with the same document is the same booking.
    pub idempotency_key: Option<String>,
    /// The client address it comes from, and the most bookings that address may make in a
    /// day (`None`: no limit).
    pub address: String,
    pub bookings_per_address: Option<i64>,
    /// The language of the citizen's messages.
    pub language: Lang,
    /// When it was asked: its consent and creation time, and the clock its hold is read by.
    pub requested_at: DateTime<FixedOffset>,
    /// Who books: the citizen on the web, or an official or agent for them.
    pub by: Actor,
    /// The account that read the privacy notice to a citizen who agreed aloud.
    pub consent_by: Option<i64>,
}

/// A booking's answer: the appointment, and whether this request booked it or is the same
/// request sent again (its hold or Idempotency-Key booked it before), answered the same.
#[derive(Debug)]
pub struct Booked {
    pub appointment: Appointment,
    pub again: bool,
}

/// A seat to hold for a browser while the citizen types.
pub struct NewHold<'a> {
    pub office: &'a Office,
    pub start: DateTime<FixedOffset>,
    /// The office's desks on that day: its seats.
    pub desks: u32,
    /// The browser's random id: its new hold replaces its previous ones.
    pub client: &'a str,
    /// The client address it comes from, and the most live holds that address may keep
    /// (`None`: no limit).
    pub address: &'a str,
    pub most_per_address: Option<i64>,
    pub expires_at: DateTime<FixedOffset>,
    pub now: DateTime<FixedOffset>,
}

/// A hold placed: its id (128 random bits, so the id alone may release or extend it), and the
/// offices where the browser's previous holds were released.
#[derive(Debug)]
pub struct Held {
    pub id: String,
    pub released: Vec<String>,
}

/// How an attempt to hold a seat ended.
enum Placed {
    /// Held; the offices where the browser's previous holds were released.
    Held(Vec<String>),
    /// Every seat of the slot is taken, even counting the browser's own holds as free, or the
    /// client address keeps its most live holds: nothing changed.
    Full,
    /// A concurrent request took the seat this one chose: a new attempt may get another.
    Lost,
}

/// A hold that has not expired: the seat it keeps.
#[derive(Debug, sqlx::FromRow)]
pub struct Hold {
    pub office_id: String,
    pub start_at: i64,
}

/// Where an appointment moves: its office's new slot, through the citizen's hold there if any.
pub struct Move<'a> {
    pub office: &'a Office,
    pub slot: Slot,
    /// The office's desks on the new slot's day: its seats.
    pub desks: u32,
    pub hold: Option<&'a str>,
    /// Who moves it: the citizen, or an official or agent for them, and why (for the history).
    pub by: &'a Actor,
    pub why: Option<&'a str>,
}

/// A seat freed by a cancellation or a move: it returns to the others at `at` (fair release, so
/// that nobody can cancel and take it again for someone waiting), and until then it is a hold
/// that nobody has, `id`.
pub struct Freed {
    pub at: i64,
    pub id: String,
}

/// Who changes an appointment, as its history says: the citizen on the web, or an office
/// (its label, e.g. "oficina de Cali", and the official's account, kept for audits and never
/// shown to the citizen).
#[derive(Debug, Clone)]
pub struct Actor {
    pub label: String,
    pub account: Option<i64>,
}

impl Actor {
    pub fn citizen() -> Actor {
        Actor { label: "ciudadano (web)".to_owned(), account: None }
    }
}

/// A cancellation: by whom, and the office's reason (shown to the citizen) when an office
/// cancels.
pub struct Cancelling<'a> {
    pub actor: &'a Actor,
    pub reason: Option<&'a str>,
}

/// A cancellation's answer: the appointment, and whether this request cancelled it (asking again
/// answers the same, having changed nothing).
pub struct Cancellation {
    pub appointment: Appointment,
    pub cancelled_now: bool,
}

/// How one attempt at a write ended, when it was not refused.
enum Attempt<T> {
    Done(T),
    /// Lost a race that a new attempt can win: a concurrent request took the seat this one
    /// chose, or changed the appointment since it was read.
    Again,
}

/// Attempts at a write: a few for code collisions and conflicts the database resolved by
/// aborting one side, plus one per desk, because each race for a seat that is lost is a seat
/// someone else took: the retries end when the slot fills.
fn attempts(desks: u32) -> usize {
    5 + desks as usize
}

impl Store {
    /// Opens the database at `url` (`sqlite://…`, created if missing, or `postgres://…`),
    /// brings its schema up to date, and starts the tasks that write bookings, so it is called
    /// inside a Tokio runtime. `max_connections` sizes the pool (for PostgreSQL, per instance).
    pub async fn connect(url: &str, max_connections: u32) -> anyhow::Result<Store> {
        let pool = if url.starts_with("sqlite:") {
            Pool::Sqlite(sqlite::connect(url, max_connections).await?)
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Pool::Postgres(postgres::connect(url, max_connections).await?)
        } else {
            anyhow::bail!("unsupported database URL {:?}: use sqlite://… or postgres://…", loggable(url));
        };
        let queue = queue::Queue::start(&pool);
        Ok(Store { pool, queue })
    }

    /// Whether the database answers (for /readyz).
    pub async fn ping(&self) -> bool {
        on_either!(&self.pool, |p| sqlx::query("SELECT 1").execute(p).await.is_ok())
    }

    /// Whether the disk beside an SQLite database has room for more bookings (for /readyz):
    /// an instance that cannot write them should not be sent citizens. PostgreSQL's disk is
    /// its server's to watch.
    pub fn has_room(&self) -> bool {
        match &self.pool {
            Pool::Sqlite(pool) => sqlite::has_room(pool),
            Pool::Postgres(_) => true,
        }
    }

    /// Where files that belong with the data go: beside an SQLite database's file, or under
    /// `data/` for PostgreSQL.
    pub fn beside_database(&self, name: &str) -> std::path::PathBuf {
        match &self.pool {
            Pool::Sqlite(pool) => {
                let options = pool.connect_options();
                options.get_filename().parent().unwrap_or(std::path::Path::new(".")).join(name)
            }
            Pool::Postgres(_) => std::path::Path::new("data").join(name),
        }
    }

    /// Closes the database's connections (the bookings' writers stop with the last copy).
    pub async fn close(&self) {
        on_either!(&self.pool, |p| p.close().await)
    }

    /// Taken seats (booked, or held and unexpired at `now`) per slot start of an office between
    /// two instants.
    pub async fn seats_taken(
        &self,
        office: &str,
        from: i64,
        until: i64,
        now: i64,
    ) -> Result<HashMap<i64, u32>, Error> {
        let rows: Vec<(i64, i64)> = on_either!(&self.pool, |p| {
            sqlx::query_as(include_str!("seats_taken_at_office.sql"))
                .bind(office)
                .bind(from)
                .bind(until)
                .bind(now)
                .fetch_all(p)
                .await
        })?;
        Ok(rows.into_iter().map(|(at, n)| (at, count(n))).collect())
    }

    /// The same for every office: per (office, slot start).
    pub async fn seats_taken_everywhere(
        &self,
        from: i64,
        until: i64,
        now: i64,
    ) -> Result<HashMap<(String, i64), u32>, Error> {
        let rows: Vec<(String, i64, i64)> = on_either!(&self.pool, |p| {
            sqlx::query_as(include_str!("seats_taken_everywhere.sql"))
                .bind(from)
                .bind(until)
                .bind(now)
                .fetch_all(p)
                .await
        })?;
        Ok(rows.into_iter().map(|(office, at, n)| ((office, at), count(n))).collect())
    }

    /// Books `new`: its live hold becomes its seat, or it takes the lowest free seat of its slot.
    /// The same request sent again, after its answer was lost, gets the appointment it booked:
    /// found by its Idempotency-Key before booking, and by its hold or key when the booking is
    /// refused because its hold was used or its document holds an appointment (a retry that
    /// raced its first send lands there).
    ///
    /// Each booking made counts for its client address's day (in the same write); an address
    /// that has made as many as it may is refused until the next day in Bogotá.
    pub async fn book(&self, new: &NewAppointment<'_>) -> Result<Booked, Error> {
        let again = |appointment| Ok(Booked { appointment, again: true });
        if new.idempotency_key.is_some()
            && let Some(earlier) = self.booked_before(new).await?
        {
            return again(earlier);
        }
        match self.book_anew(new).await {
            Ok(appointment) => Ok(Booked { appointment, again: false }),
            // What the same request meets once it has booked: its hold used, its document
            // taken, its address's bookings of the day spent.
            Err(
                e @ (Error::Refused(ErrorCode::HoldExpired | ErrorCode::DocumentHasAppointment)
                | Error::Later(ErrorCode::TooManyBookings, _)),
            ) => match self.booked_before(new).await? {
                Some(earlier) => again(earlier),
                None => Err(e),
            },
            Err(e) => Err(e),
        }
    }

    /// The appointment this same request booked before, through its hold or with its key.
    async fn booked_before(&self, new: &NewAppointment<'_>) -> Result<Option<Appointment>, Error> {
        if new.hold.is_none() && new.idempotency_key.is_none() {
            return Ok(None);
        }
        Ok(on_either!(&self.pool, |p| {
            sqlx::query_as(include_str!("booked_before.sql"))
                .bind(new.hold.as_deref())
                .bind(new.idempotency_key.as_deref())
                .bind(new.document.kind().code())
                .bind(sealing::keys().document_hash(&new.document))
                .fetch_optional(p)
                .await
        })?)
    }

    /// Books `new` anew. It is written together with whatever other bookings wait at that moment
    /// (`queue`); one the batch did not book is then refused with the reason (a closure, the slot filled,
    /// the hold ran out or is for another slot, the document holds an appointment), or else
    /// written on its own.
    async fn book_anew(&self, new: &NewAppointment<'_>) -> Result<Appointment, Error> {
        if let Some(booked) = self.queue.book(queue::Queued::new(new, new_code())).await {
            return Ok(booked);
        }
        self.retrying(attempts(new.office.desks), ErrorCode::Busy, || async {
            if let Some(refusal) = self.booking_refusal(new).await? {
                return Err(refusal);
            }
            let written = self.pool.book(&[&queue::Queued::new(new, new_code())]).await?;
            // Nothing written: a concurrent request took the seat it chose.
            Ok(written.into_iter().next().map_or(Attempt::Again, Attempt::Done))
        })
        .await
    }

    /// What stands in the way of a booking now: a closure of its slot, its hold, its slot's
    /// seats (as many as the desks of its day), its document, or its client address's bookings
    /// of the day. An appointment that has started no longer holds its document, and lets go of
    /// it here.
    async fn booking_refusal(&self, new: &NewAppointment<'_>) -> Result<Option<Error>, Error> {
        let now = new.requested_at.timestamp();
        let day = bogota_date(&new.slot.start);
        let calendar = self.calendar(&new.office.id, day, day).await?;
        if calendar.closure_of_slot(&new.office.id, &new.slot).is_some() {
            return Ok(Some(Error::Refused(ErrorCode::Closure)));
        }
        let desks = calendar.desks_on(new.office, day);
        let seat = self
            .seat_refusal(new.hold.as_deref(), new.office, desks, new.slot.start.timestamp(), now)
            .await?;
        if let Some(code) = seat {
            return Ok(Some(Error::Refused(code)));
        }
        let key = sealing::keys().document_hash(&new.document);
        let held: Option<i64> = on_either!(&self.pool, |p| {
            sqlx::query_scalar(include_str!("document_holder.sql")).bind(&key).fetch_optional(p).await
        })?;
        match held {
            Some(started) if started <= now => {
                on_either!(&self.pool, |p| {
                    sqlx::query(include_str!("let_go_of_document.sql"))
                        .bind(&key)
                        .bind(now)
                        .execute(p)
                        .await
                        .map(drop)
                })?;
            }
            Some(_) => return Ok(Some(Error::Refused(ErrorCode::DocumentHasAppointment))),
            None => {}
        }
        self.address_refusal(new).await
    }

    /// The client address has made its most bookings of the day: refused until midnight in
    /// Bogotá.
    async fn address_refusal(&self, new: &NewAppointment<'_>) -> Result<Option<Error>, Error> {
        let Some(most) = new.bookings_per_address else { return Ok(None) };
        let day = bogota_date(&new.requested_at);
        let made: Option<i64> = on_either!(&self.pool, |p| {
            sqlx::query_scalar(include_str!("address_bookings.sql"))
                .bind(&new.address)
                .bind(day.to_string())
                .fetch_optional(p)
                .await
        })?;
        if made.unwrap_or(0) < most {
            return Ok(None);
        }
        let midnight = at_bogota((day + chrono::Days::new(1)).and_time(chrono::NaiveTime::MIN));
        Ok(Some(Error::Later(ErrorCode::TooManyBookings, (midnight - new.requested_at).num_seconds())))
    }

    /// What keeps a request from a seat of the slot now: its hold has expired (or never was) or
    /// is for another slot, or, without a hold, every seat is taken. `None` when the seat is
    /// there, and a write that took nothing lost a race that a new attempt can win.
    async fn seat_refusal(
        &self,
        hold: Option<&str>,
        office: &Office,
        desks: u32,
        start: i64,
        now: i64,
    ) -> Result<Option<ErrorCode>, Error> {
        Ok(match hold {
            Some(hold) => match self.live_hold(hold, now).await? {
                None => Some(ErrorCode::HoldExpired),
                Some(h) if (h.office_id.as_str(), h.start_at) != (office.id.as_str(), start) => {
                    Some(ErrorCode::HoldMismatch)
                }
                Some(_) => None,
            },
            None => {
                let taken = self.seats_taken(&office.id, start, start + 1, now).await?;
                (taken.get(&start).copied().unwrap_or(0) >= desks).then_some(ErrorCode::SlotFull)
            }
        })
    }

    /// The appointment with this code, if this document booked it, at `now`. An unknown code
    /// and a wrong document get the same answer, so nobody can probe who has an appointment;
    /// each counts as a failure of the code, and `WRONG_DOCUMENTS_PER_CODE` of them within
    /// `CODE_WINDOW_SECONDS` lock it for as long, even for the right document, on every
    /// instance.
    pub async fn find(
        &self,
        code: &AppointmentCode,
        document: &Document,
        now: i64,
    ) -> Result<Appointment, Error> {
        self.proved(include_str!("find_appointment.sql"), code, document, now).await
    }

    /// What `sql` finds by a code (`$1`) and the document that proves it (`$2` its kind, `$3`
    /// its hash), guarded as `find` says: an appointment, or an entry of the waiting list.
    async fn proved<T>(
        &self,
        sql: &str,
        code: &AppointmentCode,
        document: &Document,
        now: i64,
    ) -> Result<T, Error>
    where
        T: for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow>
            + for<'r> sqlx::FromRow<'r, sqlx::postgres::PgRow>
            + Send
            + Unpin,
    {
        self.refuse_locked(code, now).await?;
        let found: Option<T> = on_either!(&self.pool, |p| {
            sqlx::query_as(sql)
                .bind(code.as_str())
                .bind(document.kind().code())
                .bind(sealing::keys().document_hash(document))
                .fetch_optional(p)
                .await
        })?;
        match found {
            Some(found) => Ok(found),
            None => {
                self.count_failure(code, now).await?;
                Err(Error::Refused(ErrorCode::NotFound))
            }
        }
    }

    /// Refuses a code locked after wrong documents (`count_failure`), until its lock ends.
    async fn refuse_locked(&self, code: &AppointmentCode, now: i64) -> Result<(), Error> {
        let locked_until: Option<i64> = on_either!(&self.pool, |p| {
            sqlx::query_scalar(include_str!("code_lock.sql"))
                .bind(code.as_str())
                .bind(now)
                .fetch_optional(p)
                .await
        })?;
        match locked_until {
            Some(until) => Err(Error::Later(ErrorCode::CodeLocked, until - now)),
            None => Ok(()),
        }
    }

    /// Spends a proof of work (`spend_proof.sql`): false when it was spent before. The spent
    /// proofs whose challenges expired are forgotten first, so the table holds only live ones.
    pub async fn spend_proof(&self, signature: &str, expires_at: i64, now: i64) -> Result<bool, Error> {
        on_either!(&self.pool, |p| {
            sqlx::query(include_str!("forget_spent_proofs.sql")).bind(now).execute(p).await.map(drop)
        })?;
        let spent = on_either!(&self.pool, |p| {
            sqlx::query(include_str!("spend_proof.sql"))
                .bind(signature)
                .bind(expires_at)
                .execute(p)
                .await
                .map(|done| done.rows_affected())
        })?;
        Ok(spent == 1)
    }

    /// One wrong document more for `code` (`count_failure.sql`); the failures of other codes
    /// that no longer count are forgotten first, so the table holds only the last hour's.
    async fn count_failure(&self, code: &AppointmentCode, now: i64) -> Result<(), Error> {
        on_either!(&self.pool, |p| {
            sqlx::query(include_str!("forget_failures.sql"))
                .bind(now - CODE_WINDOW_SECONDS)
                .bind(now)
                .execute(p)
                .await
                .map(drop)
        })?;
        on_either!(&self.pool, |p| {
            sqlx::query(include_str!("count_failure.sql"))
                .bind(code.as_str())
                .bind(now)
                .bind(CODE_WINDOW_SECONDS)
                .bind(WRONG_DOCUMENTS_PER_CODE)
                .execute(p)
                .await
                .map(drop)
        })?;
        Ok(())
    }

    pub async fn appointment(&self, id: i64) -> Result<Appointment, Error> {
        Ok(on_either!(&self.pool, |p| {
            sqlx::query_as(include_str!("appointment.sql")).bind(id).fetch_one(p).await
        })?)
    }

    /// Moves the appointment with this code, proved by its document, to where `plan` says once
    /// it has read it (`None`: it is there already). The new seat is taken and the old one freed
    /// in one transaction; when the new seat cannot be had, nothing changes. An appointment that
    /// changed since it was read is read again and planned anew. The old seat returns to the
    /// others at `release`.
    pub async fn reschedule<'a, E: From<Error>>(
        &self,
        code: &AppointmentCode,
        document: &Document,
        now: DateTime<FixedOffset>,
        release: DateTime<FixedOffset>,
        plan: impl Fn(&Appointment) -> Result<Option<Move<'a>>, E>,
    ) -> Result<Appointment, E> {
        let mut tries = 0;
        loop {
            let found = self.find(code, document, now.timestamp()).await?;
            let Some(to) = plan(&found)? else { return Ok(found) };
            let freed = Freed { at: release.timestamp(), id: new_hold_id() };
            let moved = match &self.pool {
                Pool::Sqlite(p) => sqlite::reschedule(p, &found, &to, now, &freed).await,
                Pool::Postgres(p) => postgres::reschedule(p, &found, &to, now, &freed).await,
            };
            let attempt = match moved {
                Ok(Some(moved)) => Attempt::Done(moved),
                Ok(None) => match self.move_refusal(&found, &to, now.timestamp()).await? {
                    Some(refusal) => return Err(Error::Refused(refusal).into()),
                    None => Attempt::Again,
                },
                Err(e) if lost_race(&e) => Attempt::Again,
                Err(e) => return Err(Error::from(e).into()),
            };
            tries += 1;
            match attempt {
                Attempt::Done(moved) => return Ok(moved),
                Attempt::Again if tries >= attempts(to.desks) => {
                    return Err(Error::Refused(ErrorCode::Busy).into());
                }
                Attempt::Again => {}
            }
        }
    }

    /// Why a move changed nothing: `None` when the appointment changed since it was read (it is
    /// read again) or the seat was taken meanwhile by a concurrent request (tried again).
    async fn move_refusal(
        &self,
        found: &Appointment,
        to: &Move<'_>,
        now: i64,
    ) -> Result<Option<ErrorCode>, Error> {
        let current = self.appointment(found.id).await?;
        if (current.is_cancelled(), current.start_at) != (found.is_cancelled(), found.start_at) {
            return Ok(None);
        }
        self.seat_refusal(to.hold, to.office, to.desks, to.slot.start.timestamp(), now).await
    }

    /// Cancels the appointment with this code, proved by its document, once `check` allows it;
    /// its seat returns to the others at `release`. An appointment cancelled already answers the
    /// same.
    pub async fn cancel<E: From<Error>>(
        &self,
        code: &AppointmentCode,
        document: &Document,
        now: DateTime<FixedOffset>,
        release: DateTime<FixedOffset>,
        check: impl Fn(&Appointment) -> Result<(), E>,
    ) -> Result<Cancellation, E> {
        let found = self.find(code, document, now.timestamp()).await?;
        if found.is_cancelled() {
            return Ok(Cancellation { appointment: found, cancelled_now: false });
        }
        check(&found)?;
        let by = Cancelling { actor: &Actor::citizen(), reason: None };
        Ok(self.cancel_found(&found, now, release, &by).await?)
    }

    /// Cancels `found` as `by` says; its seat returns to the others at `release`. Cancelled
    /// meanwhile by another request, it answers the same.
    pub async fn cancel_found(
        &self,
        found: &Appointment,
        now: DateTime<FixedOffset>,
        release: DateTime<FixedOffset>,
        by: &Cancelling<'_>,
    ) -> Result<Cancellation, Error> {
        let freed = Freed { at: release.timestamp(), id: new_hold_id() };
        let cancelled = match &self.pool {
            Pool::Sqlite(p) => sqlite::cancel(p, found.id, now, &freed, by).await,
            Pool::Postgres(p) => postgres::cancel(p, found.id, now, &freed, by).await,
        }?;
        Ok(match cancelled {
            Some(appointment) => Cancellation { appointment, cancelled_now: true },
            None => Cancellation { appointment: self.appointment(found.id).await?, cancelled_now: false },
        })
    }

    /// Holds the lowest free seat of a slot for a browser, releasing the browser's previous
    /// holds (so that choosing its last seat again works); a full slot, or a client address
    /// that keeps its most live holds (other browsers'), leaves them as they were.
    pub async fn hold(&self, new: &NewHold<'_>) -> Result<Held, Error> {
        self.retrying(attempts(new.desks), ErrorCode::SlotFull, || async {
            let id = new_hold_id();
            let placed = match &self.pool {
                Pool::Sqlite(p) => sqlite::hold(p, new, &id).await?,
                Pool::Postgres(p) => postgres::hold(p, new, &id).await?,
            };
            match placed {
                Placed::Held(released) => Ok(Attempt::Done(Held { id, released })),
                Placed::Full => Err(self.hold_refusal(new).await?),
                Placed::Lost => Ok(Attempt::Again),
            }
        })
        .await
    }

    /// Why nothing was held: the client address keeps its most live holds (until the first of
    /// them expires), or else the slot is full.
    async fn hold_refusal(&self, new: &NewHold<'_>) -> Result<Error, Error> {
        let now = new.now.timestamp();
        let (held, first_expiry): (i64, Option<i64>) = on_either!(&self.pool, |p| {
            sqlx::query_as(include_str!("address_holds.sql"))
                .bind(new.address)
                .bind(now)
                .bind(new.client)
                .fetch_one(p)
                .await
        })?;
        Ok(match first_expiry {
            Some(expiry) if new.most_per_address.is_some_and(|most| held >= most) => {
                Error::Later(ErrorCode::TooManyHolds, expiry - now)
            }
            _ => Error::Refused(ErrorCode::SlotFull),
        })
    }

    pub async fn live_hold(&self, hold: &str, now: i64) -> Result<Option<Hold>, Error> {
        Ok(on_either!(&self.pool, |p| {
            sqlx::query_as(include_str!("live_hold.sql")).bind(hold).bind(now).fetch_optional(p).await
        })?)
    }

    /// Releases a hold; its office, if it was still there. Releasing again changes nothing.
    pub async fn release_hold(&self, hold: &str) -> Result<Option<String>, Error> {
        Ok(on_either!(&self.pool, |p| {
            sqlx::query_scalar(include_str!("release_hold.sql")).bind(hold).fetch_optional(p).await
        })?)
    }

    /// Gives a live hold until `expires_at`, once.
    pub async fn extend_hold(&self, hold: &str, expires_at: i64, now: i64) -> Result<Hold, Error> {
        let extended: Option<Hold> = on_either!(&self.pool, |p| {
            sqlx::query_as(include_str!("extend_hold.sql"))
                .bind(hold)
                .bind(expires_at)
                .bind(now)
                .fetch_optional(p)
                .await
        })?;
        match extended {
            Some(hold) => Ok(hold),
            None if self.live_hold(hold, now).await?.is_some() => {
                Err(Error::Refused(ErrorCode::HoldAlreadyExtended))
            }
            None => Err(Error::Refused(ErrorCode::HoldExpired)),
        }
    }

    /// Runs `attempt` until it is done or refused, or has lost `most` races: then `exhausted`.
    async fn retrying<T, F, Fut>(&self, most: usize, exhausted: ErrorCode, mut attempt: F) -> Result<T, Error>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<Attempt<T>, Error>>,
    {
        for _ in 0..most {
            match attempt().await {
                Ok(Attempt::Done(value)) => return Ok(value),
                Ok(Attempt::Again) => {}
                Err(Error::Database(e)) if lost_race(&e) => {}
                Err(e) => return Err(e),
            }
        }
        Err(Error::Refused(exhausted))
    }
}

impl Pool {
    /// Writes a batch of bookings (see `queue`): the appointments written.
    async fn book(&self, batch: &[&queue::Queued]) -> Result<Vec<Appointment>, sqlx::Error> {
        match self {
            Pool::Sqlite(p) => sqlite::book(p, batch).await,
            Pool::Postgres(p) => postgres::book(p, batch).await,
        }
    }
}

/// What a move's history says: from when to when, and why when an official says.
fn moved_detail(found: &Appointment, to: &Move<'_>) -> String {
    let moved = format!("{} → {}", instant(found.start_at).to_rfc3339(), to.slot.start.to_rfc3339());
    match to.why {
        Some(why) => format!("{moved}: {why}"),
        None => moved,
    }
}

/// An instant of the database (Unix seconds) in Bogotá's time.
pub fn instant(unix: i64) -> DateTime<FixedOffset> {
    citas_domain::time::in_bogota(&DateTime::from_timestamp(unix, 0).unwrap_or_default())
}

/// A database URL as it may be logged: `postgres://user:***@host/db`.
pub fn loggable(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else { return url.to_owned() };
    match rest.split_once('@') {
        Some((credentials, host)) if credentials.contains(':') => {
            let user = credentials.split(':').next().unwrap_or_default();
            format!("{scheme}://{user}:***@{host}")
        }
        _ => url.to_owned(),
    }
}

/// A count of seats as the API reports it.
fn count(n: i64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn new_code() -> AppointmentCode {
    let mut rng = rand::rng();
    AppointmentCode::from_random(std::array::from_fn(|_| rng.random()))
}

fn new_hold_id() -> String {
    let bytes: [u8; 16] = rand::rng().random();
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The uniqueness rules the schema enforces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unique {
    /// Two appointments drew the same code.
    Code,
    /// The document already holds an upcoming appointment.
    ActiveDocument,
    /// A seat, or a hold's id, was taken by a concurrent request.
    Seat,
}

/// Which uniqueness rule `err` broke, if it is such a violation. SQLite names the columns in its
/// message ("UNIQUE constraint failed: seats.office_id, …"); PostgreSQL names the constraint
/// ("appointments_code_key").
fn unique_violation(err: &sqlx::Error) -> Option<Unique> {
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

/// A race that a new attempt can win: a code or a seat that a concurrent request took, a client
/// address's count of the day that a concurrent request raised to its limit meanwhile (a new
/// attempt is refused with the reason), or a conflict between transactions that PostgreSQL
/// resolved by aborting this one (serialization failure, deadlock).
fn lost_race(err: &sqlx::Error) -> bool {
    let database = err.as_database_error();
    let aborted = database.and_then(|e| e.code()).is_some_and(|c| c == "40001" || c == "40P01");
    let counted_past = database.filter(|e| e.is_check_violation()).is_some_and(|e| {
        e.constraint().unwrap_or_else(|| e.message()).contains("address_bookings_within_most")
    });
    aborted || counted_past || matches!(unique_violation(err), Some(Unique::Code | Unique::Seat))
}

// After the macro they use.
mod calendar;
mod outbox;
mod privacy;
pub mod sealing;
mod staff;
#[cfg(test)]
mod tests;
mod waitlist;
