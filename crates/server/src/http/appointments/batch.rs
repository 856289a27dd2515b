//! Bookings that arrive together are written together: one statement (PostgreSQL) or one
//! batch that is its own transaction (SQLite) books every request waiting at that moment.
//!
//! When a month of slots opens and thousands of citizens book at once, each booking written on
//! its own costs the database a statement's start, a commit and its wait for the disk, and the
//! server a round trip; written together, a few dozen share them. Nobody waits for a batch to
//! fill: a writer takes whatever is waiting as soon as it is free, so with one request at a time
//! every batch has one booking.
//!
//! Correctness does not rest on the batching: seats are still rows whose primary key admits one
//! booking per seat, documents a unique column, and requests of other batches, processes or
//! instances race through the same constraints. A request the batch did not book (its slot
//! filled, its hold ran out, its document holds an appointment, it lost a race, or the batch
//! failed) goes on alone in `create`: refused with the reason, or written again by itself.

use super::{COLUMNS, NEW_HISTORY_ENTRY, Stored};
use crate::db::{Backend, Db, push};
use crate::seats::{self, SlotArgs};
use serde::Serialize;
use sqlx::any::AnyArguments;
use std::collections::HashMap;
use std::sync::LazyLock;
use tokio::sync::oneshot;

/// A booking to write, every field valid, as the statement reads it (one JSON object per
/// booking in the statement's one argument; its place in that array is its turn).
#[derive(Debug, Clone, Serialize)]
pub(super) struct Queued {
    pub code: String,
    pub office_id: String,
    pub service_id: String,
    pub start_at: i64,
    pub end_at: i64,
    pub document_kind: String,
    pub document_number: String,
    /// "CC:123…": the appointment's hold on the document while it is upcoming.
    pub active_document: String,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub privacy_notice: String,
    /// The office's desks: the seats of a slot are numbered below it.
    pub desks: i64,
    /// The citizen's hold for this slot, which becomes the seat; without one, the lowest free
    /// seat is taken.
    pub hold: Option<String>,
    /// When it was asked (its consent and creation time).
    pub requested_at: i64,
    /// The history's first entry.
    pub detail: String,
}

/// The most bookings one statement writes: enough that a surge's requests share a few
/// statements, few enough that a statement stays short and its JSON small.
const MOST: usize = 64;

/// The queue of bookings waiting for a writer.
pub struct Batches {
    queue: flume::Sender<Waiting>,
}

struct Waiting {
    booking: Queued,
    answer: oneshot::Sender<Option<Stored>>,
}

impl Batches {
    /// Starts the writers (tasks of the running runtime). They stop when the queue is dropped.
    pub fn start(db: &Db) -> Batches {
        let (queue, waiting) = flume::unbounded();
        for _ in 0..writers(db) {
            tokio::spawn(write_batches(db.clone(), waiting.clone()));
        }
        Batches { queue }
    }

    /// Books `booking` together with whatever else is waiting: the appointment, or `None` when
    /// it was not booked (then nothing of it was written).
    pub(super) async fn book(&self, booking: Queued) -> Option<Stored> {
        let (answer, answered) = oneshot::channel();
        self.queue.send(Waiting { booking, answer }).ok()?;
        answered.await.ok().flatten()
    }
}

/// How many batches are written at once. SQLite writes one transaction at a time: a second
/// writer only waits for the lock, in SQLite's sleeps of up to 100 ms (p99 of 680–1 060 ms
/// instead of 89 ms under 200 clients). On PostgreSQL, half the pool: while one batch commits
/// others are written, and the rest of the pool serves reads.
fn writers(db: &Db) -> u32 {
    match db.backend() {
        Backend::Sqlite => 1,
        Backend::Postgres => (db.pool().options().get_max_connections() / 2).max(1),
    }
}

async fn write_batches(db: Db, waiting: flume::Receiver<Waiting>) {
    while let Ok(first) = waiting.recv_async().await {
        let mut batch: Vec<Waiting> =
            std::iter::once(first).chain(waiting.try_iter().take(MOST - 1)).collect();
        // A citizen who left before the batch was written is not booked: the same as a
        // request that never reached the database.
        batch.retain(|w| !w.answer.is_closed());
        if batch.is_empty() {
            continue;
        }
        let bookings: Vec<&Queued> = batch.iter().map(|w| &w.booking).collect();
        let written = write(&db, &bookings).await;
        metrics::counter!("citas_booking_batches_total", "outcome" => if written.is_ok() { "written" } else { "failed" })
            .increment(1);
        let mut booked: HashMap<String, Stored> = match written {
            Ok(rows) => rows.into_iter().map(|s| (s.code.clone(), s)).collect(),
            Err(e) => {
                // Every request of the batch is then written on its own, and answered from there.
                tracing::debug!(error = %e, bookings = batch.len(), "booking batch failed");
                HashMap::new()
            }
        };
        for w in batch {
            let _ = w.answer.send(booked.remove(&w.booking.code));
        }
    }
}

/// Writes `bookings`: each gets its hold or the lowest seat still free in its slot, in their
/// order, unless its document already holds an appointment or an
/// earlier booking of the batch has the same document. Returns the appointments written. Nothing
/// is written on error (a code already taken; on PostgreSQL also a seat or document that a
/// concurrent statement took in a way this one cannot step around).
pub(super) async fn write(db: &Db, bookings: &[&Queued]) -> Result<Vec<Stored>, sqlx::Error> {
    let json = serde_json::to_string(bookings).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    let mut args = AnyArguments::default();
    push(&mut args, json)?;
    match db.backend() {
        Backend::Sqlite => db.sqlite_transaction(&SQLITE, args).await,
        Backend::Postgres => sqlx::query_as_with(&POSTGRES, args).fetch_all(db.pool()).await,
    }
}

/// The batch's bookings as rows, from the JSON array in $1 (`source`: each database's function
/// that lists an array's elements as rows `r` with a column `value`), numbered `n` in the
/// array's order by `position`, the element's place in it. The table `requests` of the
/// statements below.
fn requests(source: &str, position: &str) -> String {
    let text = ["code", "office_id", "service_id", "document_kind", "document_number", "active_document"]
        .into_iter()
        .chain(["name", "email", "phone", "privacy_notice", "hold", "detail"]);
    let integer = ["start_at", "end_at", "desks", "requested_at"];
    let columns: Vec<String> = text
        .map(|c| format!("CAST(r.value->>'{c}' AS TEXT) AS {c}"))
        .chain(integer.into_iter().map(|c| format!("CAST(r.value->>'{c}' AS BIGINT) AS {c}")))
        .collect();
    format!("SELECT {position} AS n, {} FROM {source}", columns.join(", "))
}

/// The batch's clock: its latest request. One instant for every comparison with a hold's
/// expiry, so that no seat is both a live hold for one request and free for another.
const NOW: &str = "(SELECT MAX(requested_at) FROM requests)";

/// `free`: the free seats of each slot that a request without a hold asks for, numbered
/// from 1 (`k`) in seat order. A seat is free with no row or an expired hold.
fn free_seats() -> String {
    format!(
        "slots AS (SELECT DISTINCT office_id, start_at, desks FROM requests WHERE hold IS NULL),
         candidate(seat) AS (SELECT 0 UNION ALL
                             SELECT seat + 1 FROM candidate WHERE seat + 1 < (SELECT MAX(desks) FROM slots)),
         free AS (SELECT slots.office_id, slots.start_at, candidate.seat,
                         row_number() OVER (PARTITION BY slots.office_id, slots.start_at
                                            ORDER BY candidate.seat) AS k
                    FROM slots JOIN candidate ON candidate.seat < slots.desks
                   WHERE NOT EXISTS ({}))",
        seats::seat_taken(
            &SlotArgs { office: "slots.office_id", start: "slots.start_at", now: NOW, desks: "slots.desks" },
            "candidate.seat"
        )
    )
}

/// `placed`: the requests to book (`n`) and their seat, NULL for those whose live hold for
/// their slot becomes the seat. A request is left out when its document holds an appointment,
/// or an earlier request of the batch has the same document; the k-th request without a hold
/// for a slot gets its k-th free seat, and a request past the last one is left out.
fn placed() -> String {
    format!(
        "{},
         eligible AS (SELECT * FROM requests
                       WHERE n = (SELECT MIN(same.n) FROM requests same
                                   WHERE same.active_document = requests.active_document)
                         AND NOT EXISTS (SELECT 1 FROM appointments
                                          WHERE appointments.active_document = requests.active_document)),
         ranked AS (SELECT n, office_id, start_at,
                           row_number() OVER (PARTITION BY office_id, start_at ORDER BY n) AS k
                      FROM eligible WHERE hold IS NULL),
         placed AS (SELECT ranked.n, free.seat FROM ranked
                      JOIN free ON free.office_id = ranked.office_id AND free.start_at = ranked.start_at
                                   AND free.k = ranked.k
                    UNION ALL
                    SELECT eligible.n, NULL FROM eligible
                     WHERE hold IS NOT NULL
                       AND EXISTS (SELECT 1 FROM seats WHERE {}))",
        free_seats(),
        live_hold("eligible")
    )
}

/// The seat row is the live hold of request `r`, in its slot (an SQL condition on `seats`).
fn live_hold(r: &str) -> String {
    let (office, start, desks) = (format!("{r}.office_id"), format!("{r}.start_at"), format!("{r}.desks"));
    seats::live_hold_in(
        &SlotArgs { office: &office, start: &start, now: NOW, desks: &desks },
        &format!("{r}.hold"),
    )
}

/// The appointment's columns, and their values from request `r`.
const APPOINTMENT_COLUMNS: &str = "code, office_id, service_id, start_at, end_at, document_kind,
     document_number, active_document, name, email, phone, status, consent_at, privacy_notice,
     created_at, updated_at";

fn appointment_values(r: &str) -> String {
    format!(
        "{r}.code, {r}.office_id, {r}.service_id, {r}.start_at, {r}.end_at, {r}.document_kind,
         {r}.document_number, {r}.active_document, {r}.name, {r}.email, {r}.phone, 'booked',
         {r}.requested_at, {r}.privacy_notice, {r}.requested_at, {r}.requested_at"
    )
}

/// Takes the seats that `chosen` (requests `r`, their `seat` and their appointment `id`) names,
/// in key order (two statements taking the same seats wait for each other in the same order
/// rather than deadlock); a seat with an expired hold is taken over in place.
fn take_free_seats(chosen: &str) -> String {
    format!(
        "INSERT INTO seats (office_id, start_at, seat, appointment_id)
         SELECT r.office_id, r.start_at, {chosen}.seat, {chosen}.id
           FROM {chosen} JOIN requests r ON r.n = {chosen}.n
          WHERE {chosen}.seat IS NOT NULL
          ORDER BY r.office_id, r.start_at, {chosen}.seat
         {}",
        seats::take_over_expired(NOW)
    )
}

/// Turns the holds of `chosen` (as in `take_free_seats`, `seat` NULL) into their seats.
fn convert_holds(chosen: &str) -> String {
    format!(
        "UPDATE seats SET appointment_id = {chosen}.id, hold_id = NULL, hold_client = NULL,
                          expires_at = NULL, hold_extended = 0
           FROM {chosen} JOIN requests r ON r.n = {chosen}.n
          WHERE {chosen}.seat IS NULL AND {}",
        live_hold("r")
    )
}

/// On PostgreSQL, one statement, atomic without a transaction around it. Each appointment's
/// id is drawn first; its seat is taken, and only an appointment whose seat was taken is
/// written, so that nothing is written that a missing seat would have to undo. A seat that a
/// concurrent statement took meanwhile (each sees the seats as they were when it began) is left
/// to that statement, and its request to `create`. The sequence is named as PostgreSQL names a
/// BIGSERIAL's: `pg_get_serial_sequence` would look it up in the catalogue every time.
static POSTGRES: LazyLock<String> = LazyLock::new(|| {
    format!(
        "WITH RECURSIVE requests AS MATERIALIZED ({}), {},
              chosen AS (SELECT placed.n, placed.seat, nextval('appointments_id_seq') AS id FROM placed),
              taken AS ({} RETURNING seats.appointment_id AS id),
              converted AS ({} RETURNING seats.appointment_id AS id),
              appointment AS (
                  INSERT INTO appointments (id, {APPOINTMENT_COLUMNS})
                  SELECT chosen.id, {} FROM chosen JOIN requests r ON r.n = chosen.n
                   WHERE chosen.id IN (SELECT id FROM taken UNION ALL SELECT id FROM converted)
                  RETURNING {COLUMNS}),
              event AS ({NEW_HISTORY_ENTRY}
                  SELECT appointment.id, appointment.created_at, 'booked', r.detail
                    FROM appointment JOIN requests r ON r.code = appointment.code)
         SELECT {COLUMNS} FROM appointment",
        requests("json_array_elements(CAST($1 AS json)) WITH ORDINALITY AS r(value, position)", "r.position"),
        placed(),
        take_free_seats("chosen"),
        convert_holds("chosen"),
        appointment_values("r"),
    )
});

/// On SQLite, statements that run one after the other in their own transaction
/// (`Db::sqlite_transaction`), which has no writing CTEs: the appointments are written first,
/// then found again by their codes to take their seats. Under SQLite's one write lock nothing
/// else writes meanwhile, so the free seats are the same for every statement.
/// - A code that is already some appointment's would make the codes find that one too: such a
///   request is written first, so that the code's UNIQUE fails and rolls the batch back (`OR
///   ROLLBACK`) as it fails on PostgreSQL; its requests are then written on their own with new
///   codes.
/// - `requests` is a temporary table, the connection's own, read from the JSON once: each
///   statement reading the JSON again cost a quarter of the server's CPU time under load (SQLite
///   turns each element back into text for every field read). It is emptied before COMMIT, and
///   a rollback empties it too, so no citizen's data stays behind on the connection.
/// - Requests that get no seat write nothing to the database file, so a batch of them has
///   nothing to wait for on the disk at COMMIT.
/// - An appointment left without a seat, which would mean that the statements disagree, is
///   deleted before COMMIT rather than committed.
static SQLITE: LazyLock<String> = LazyLock::new(|| {
    let requests_from_json = requests("json_each($1) AS r", "r.key");
    let empty = requests("json_each('[]') AS r", "r.key");
    let values = appointment_values("r");
    let ours = "appointments.code IN (SELECT code FROM requests)";
    format!(
        "BEGIN IMMEDIATE;
         CREATE TEMP TABLE IF NOT EXISTS requests AS {empty};
         INSERT INTO temp.requests {requests_from_json};
         INSERT OR ROLLBACK INTO appointments ({APPOINTMENT_COLUMNS})
         SELECT {values} FROM requests r WHERE r.code IN (SELECT code FROM appointments);
         WITH RECURSIVE {}
         INSERT INTO appointments ({APPOINTMENT_COLUMNS})
         SELECT {values} FROM placed JOIN requests r ON r.n = placed.n WHERE true;
         WITH RECURSIVE {},
              fresh AS (SELECT r.n, r.office_id, r.start_at, appointments.id,
                               row_number() OVER (PARTITION BY r.office_id, r.start_at ORDER BY r.n) AS k
                          FROM requests r JOIN appointments ON appointments.code = r.code
                         WHERE r.hold IS NULL),
              chosen AS (SELECT fresh.n, free.seat, fresh.id FROM fresh
                           JOIN free ON free.office_id = fresh.office_id AND free.start_at = fresh.start_at
                                        AND free.k = fresh.k)
         {};
         WITH chosen AS (SELECT r.n, NULL AS seat, appointments.id
                           FROM requests r JOIN appointments ON appointments.code = r.code
                          WHERE r.hold IS NOT NULL)
         {};
         DELETE FROM appointments
          WHERE {ours} AND NOT EXISTS (SELECT 1 FROM seats WHERE seats.appointment_id = appointments.id);
         {NEW_HISTORY_ENTRY} SELECT appointments.id, appointments.created_at, 'booked', r.detail
           FROM appointments JOIN requests r ON r.code = appointments.code;
         SELECT {COLUMNS} FROM appointments WHERE {ours};
         DELETE FROM temp.requests;
         COMMIT",
        placed(),
        free_seats(),
        take_free_seats("chosen"),
        convert_holds("chosen"),
    )
});

#[cfg(test)]
mod tests {
    use super::*;

    /// A fresh database for a test, and what it was made from.
    struct Scratch {
        db: Db,
        _dir: Option<tempfile::TempDir>,
        postgres: Option<(sqlx::PgConnection, String)>,
    }

    impl Scratch {
        /// A fresh SQLite database, and a fresh PostgreSQL one too when `CITAS_TEST_POSTGRES`
        /// names a server (as for the API tests).
        async fn all() -> Vec<Scratch> {
            let dir = tempfile::tempdir().expect("a temporary directory");
            let sqlite = format!("sqlite://{}", dir.path().join("citas.db").display());
            let db = Db::connect(&sqlite, 2).await.expect("SQLite");
            let mut all = vec![Scratch { db, _dir: Some(dir), postgres: None }];
            if let Some(admin) = std::env::var("CITAS_TEST_POSTGRES").ok().filter(|v| !v.is_empty()) {
                use sqlx::{Connection, Executor};
                static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
                let next = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let name = format!("citas_batch_{}_{next}", std::process::id());
                let mut conn = sqlx::PgConnection::connect(&admin).await.expect("PostgreSQL");
                conn.execute(format!("CREATE DATABASE {name}").as_str()).await.expect("create");
                let base = admin.split('?').next().and_then(|a| a.rsplit_once('/')).expect("a URL").0;
                let db = Db::connect(&format!("{base}/{name}"), 2).await.expect("PostgreSQL");
                all.push(Scratch { db, _dir: None, postgres: Some((conn, name)) });
            }
            all
        }

        /// Drops the PostgreSQL database (an SQLite file goes with its directory).
        async fn finish(self) {
            self.db.pool().close().await;
            if let Some((mut conn, name)) = self.postgres {
                use sqlx::Executor;
                conn.execute(format!("DROP DATABASE {name} WITH (FORCE)").as_str()).await.expect("drop");
            }
        }
    }

    const SLOT: i64 = 1_796_220_000;
    const NOW: i64 = SLOT - 3_600;

    /// The `n`th booking of a test, in its own order: its code says which.
    fn booking(n: usize, start_at: i64, number: &str, hold: Option<&str>) -> Queued {
        Queued {
            code: format!("CODE{n:04}"),
            office_id: "bogota".into(),
            service_id: "dudas".into(),
            start_at,
            end_at: start_at + 1_800,
            document_kind: "CC".into(),
            document_number: number.into(),
            active_document: format!("CC:{number}"),
            name: "Ana".into(),
            email: None,
            phone: None,
            privacy_notice: "v".into(),
            desks: 3,
            hold: hold.map(str::to_owned),
            requested_at: NOW,
            detail: String::new(),
        }
    }

    /// (code, seat) of every seat of the slot starting at `start_at`, and its holds.
    async fn seats(db: &Db, start_at: i64) -> Vec<(Option<String>, i64, Option<String>)> {
        sqlx::query_as(
            "SELECT a.code, s.seat, s.hold_id FROM seats s LEFT JOIN appointments a ON a.id = s.appointment_id
              WHERE s.start_at = $1 ORDER BY s.seat",
        )
        .bind(start_at)
        .fetch_all(db.pool())
        .await
        .expect("seats")
    }

    #[tokio::test]
    async fn one_statement_books_a_batch_in_the_order_it_arrived() {
        let [s1, s2, s3, s4, s5, s6] = [0, 1, 2, 3, 4, 5].map(|i| SLOT + i * 1_800);
        for scratch in Scratch::all().await {
            let db = &scratch.db;
            let earlier = booking(90, s4, "1000", None);
            assert_eq!(write(db, &[&earlier]).await.expect("written").len(), 1);
            for (hold, start_at, expires_at) in
                [("live", s2, NOW + 60), ("expired", s3, NOW), ("left", s6, NOW)]
            {
                sqlx::query("INSERT INTO seats (office_id, start_at, seat, hold_id, expires_at) VALUES ('bogota', $1, 0, $2, $3)")
                    .bind(start_at)
                    .bind(hold)
                    .bind(expires_at)
                    .execute(db.pool())
                    .await
                    .expect("a hold");
            }
            let batch = [
                booking(0, s1, "1000", None),            // its document holds an appointment
                booking(1, s1, "2000", None),            // seat 0
                booking(2, s1, "3000", None),            // seat 1
                booking(3, s1, "4000", None),            // seat 2
                booking(4, s1, "5000", None),            // no seat left
                booking(5, s2, "6000", Some("live")),    // the held seat
                booking(6, s3, "7000", Some("expired")), // its hold ran out
                booking(7, s6, "8000", None),            // an expired hold's seat, taken over
                booking(8, s5, "9000", None),            // booked: the first with its document
                booking(9, s5, "9000", None),            // the same document again
            ];
            let written = write(db, &batch.iter().collect::<Vec<_>>()).await.expect("written");
            let mut codes: Vec<&str> = written.iter().map(|s| s.code.as_str()).collect();
            codes.sort();
            assert_eq!(codes, ["CODE0001", "CODE0002", "CODE0003", "CODE0005", "CODE0007", "CODE0008"]);
            let code = |c: &str| Some(c.to_owned());
            assert_eq!(
                seats(db, s1).await,
                [(code("CODE0001"), 0, None), (code("CODE0002"), 1, None), (code("CODE0003"), 2, None)]
            );
            assert_eq!(seats(db, s2).await, [(code("CODE0005"), 0, None)]);
            assert_eq!(seats(db, s3).await, [(None, 0, code("expired"))]);
            assert_eq!(seats(db, s6).await, [(code("CODE0007"), 0, None)]);
            assert_eq!(seats(db, s4).await, [(code("CODE0090"), 0, None)]);
            let history: Vec<String> = sqlx::query_scalar(
                "SELECT a.code FROM appointment_events e JOIN appointments a ON a.id = e.appointment_id
                  WHERE e.action = 'booked' ORDER BY a.code",
            )
            .fetch_all(db.pool())
            .await
            .expect("history");
            assert_eq!(
                history,
                ["CODE0001", "CODE0002", "CODE0003", "CODE0005", "CODE0007", "CODE0008", "CODE0090"]
            );
            scratch.finish().await;
        }
    }

    // On SQLite the batch's requests are a temporary table of the connection (one here): none
    // of them stays there after its batch, written or rolled back, and the next batch finds the
    // table ready.
    #[tokio::test]
    async fn sqlite_keeps_no_request_after_its_batch() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let url = format!("sqlite://{}", dir.path().join("citas.db").display());
        let db = Db::connect(&url, 1).await.expect("SQLite");
        async fn left(db: &Db) -> i64 {
            sqlx::query_scalar("SELECT COUNT(*) FROM temp.requests")
                .fetch_one(db.pool())
                .await
                .expect("the table")
        }
        assert_eq!(write(&db, &[&booking(1, SLOT, "1000", None)]).await.expect("written").len(), 1);
        assert_eq!(left(&db).await, 0);
        // Its code is taken: the batch rolls back.
        assert!(write(&db, &[&booking(1, SLOT + 1_800, "2000", None)]).await.is_err());
        assert_eq!(left(&db).await, 0);
        assert_eq!(write(&db, &[&booking(2, SLOT + 1_800, "2000", None)]).await.expect("written").len(), 1);
        assert_eq!(left(&db).await, 0);
    }

    // A request whose code is some appointment's already, and which is not booked (here its
    // hold is gone): neither that appointment nor its history may be taken for the request's.
    #[tokio::test]
    async fn a_code_already_taken_never_answers_with_that_appointment() {
        for scratch in Scratch::all().await {
            let db = &scratch.db;
            write(db, &[&booking(1, SLOT, "1000", None)]).await.expect("written");
            let again =
                [booking(0, SLOT + 1_800, "2000", None), booking(1, SLOT + 3_600, "3000", Some("gone"))];
            if let Ok(written) = write(db, &again.iter().collect::<Vec<_>>()).await {
                let codes: Vec<&str> = written.iter().map(|s| s.code.as_str()).collect();
                assert_eq!(codes, ["CODE0000"]);
            }
            let history: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM appointment_events e JOIN appointments a ON a.id = e.appointment_id
                  WHERE a.code = 'CODE0001'",
            )
            .fetch_one(db.pool())
            .await
            .expect("history");
            assert_eq!(history, 1);
            scratch.finish().await;
        }
    }
}
