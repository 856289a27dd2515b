//! The conformance suite: the same tests on every store, SQLite always and PostgreSQL when
//! `CITAS_TEST_POSTGRES` names a server (as for the API tests, where CI sets it). Each test gets
//! fresh databases, and checks what the store promises whatever the database: never more seats
//! than desks, one upcoming appointment per document, a live hold always becomes its seat, a
//! move is all or nothing, a cancelled seat is free at once or, with a release delay, then.

use super::queue::Queued;
use super::*;
use crate::config::{DEFAULT_CONFIG, parse_config};
use citas_domain::calendar::OfficeCalendar;
use citas_domain::catalog::Catalog;
use citas_domain::document::DocumentKind;
use citas_domain::schedule::slot_at;
use futures::future::join_all;
use std::sync::LazyLock;

static CATALOG: LazyLock<Catalog> =
    LazyLock::new(|| parse_config(DEFAULT_CONFIG).expect("the default configuration").catalog);

/// Bogotá, 3 desks.
fn bogota() -> &'static Office {
    CATALOG.office("bogota").expect("Bogotá")
}

/// The requests' clock: before the day's first slot.
fn now() -> DateTime<FixedOffset> {
    at("2026-12-02T07:00:00-05:00")
}

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).expect("an instant")
}

/// The slot of Wednesday 2 December 2026 at 8:00 plus `n` half hours.
fn slot(n: i64) -> Slot {
    let start = at("2026-12-02T08:00:00-05:00") + chrono::Duration::minutes(30 * n);
    slot_at(&CATALOG, bogota(), &OfficeCalendar::default(), start).expect("a slot")
}

/// A booking by the cédula numbered `number` (made 8 digits) at `slot`, through `hold` if any.
fn booking(slot: Slot, number: u32, hold: Option<&str>) -> NewAppointment<'static> {
    NewAppointment {
        office: bogota(),
        service: CATALOG.service("dudas").expect("a service"),
        slot,
        document: document(number),
        name: PersonName::parse("Ana María Pérez").expect("a name"),
        email: None,
        phone: None,
        hold: hold.map(str::to_owned),
        idempotency_key: None,
        address: "192.0.2.1".to_owned(),
        bookings_per_address: None,
        language: citas_domain::lang::Lang::Es,
        requested_at: now(),
        by: Actor::citizen(),
        consent_by: None,
    }
}

fn document(number: u32) -> Document {
    Document::parse(DocumentKind::Cc, &(10_000_000 + number).to_string(), &CATALOG.documents)
        .expect("a cédula")
}

/// A fresh store on each database.
struct Scratch {
    store: Store,
    _dir: Option<tempfile::TempDir>,
    postgres: Option<(String, String)>,
}

impl Scratch {
    async fn all() -> Vec<Scratch> {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let sqlite = format!("sqlite://{}", dir.path().join("citas.db").display());
        super::sealing::install_for_tests();
        let store = Store::connect(&sqlite, 4).await.expect("SQLite");
        let mut all = vec![Scratch { store, _dir: Some(dir), postgres: None }];
        if let Some(admin) = std::env::var("CITAS_TEST_POSTGRES").ok().filter(|v| !v.is_empty()) {
            use sqlx::{Connection, Executor};
            let name = format!("citas_store_{:016x}", rand::rng().random::<u64>());
            let mut conn = sqlx::PgConnection::connect(&admin).await.expect("PostgreSQL");
            conn.execute(format!("CREATE DATABASE {name}").as_str()).await.expect("a database");
            let base = admin.split('?').next().and_then(|a| a.rsplit_once('/')).expect("a URL").0;
            let store = Store::connect(&format!("{base}/{name}"), 4).await.expect("PostgreSQL");
            all.push(Scratch { store, _dir: None, postgres: Some((admin, name)) });
        }
        all
    }

    /// Drops the PostgreSQL database (an SQLite file goes with its directory).
    async fn finish(self) {
        self.store.close().await;
        if let Some((admin, name)) = self.postgres {
            use sqlx::{Connection, Executor};
            let mut conn = sqlx::PgConnection::connect(&admin).await.expect("PostgreSQL");
            conn.execute(format!("DROP DATABASE {name} WITH (FORCE)").as_str()).await.expect("dropped");
        }
    }
}

impl Store {
    /// Taken seats of one slot.
    async fn taken(&self, slot: &Slot) -> u32 {
        let start = slot.start.timestamp();
        let taken = self.seats_taken("bogota", start, start + 1, now().timestamp()).await.expect("a count");
        taken.get(&start).copied().unwrap_or(0)
    }

    /// (code, seat, hold) of every seat row of a slot, in seat order.
    async fn rows(&self, slot: &Slot) -> Vec<(Option<String>, i64, Option<String>)> {
        const SQL: &str = "SELECT a.code, s.seat, s.hold_id FROM seats s
                             LEFT JOIN appointments a ON a.id = s.appointment_id
                            WHERE s.start_at = $1 ORDER BY s.seat";
        let start = slot.start.timestamp();
        on_either!(&self.pool, |p| sqlx::query_as(SQL).bind(start).fetch_all(p).await).expect("seats")
    }

    /// Codes of the appointments with a 'booked' entry in their history.
    async fn booked_history(&self) -> Vec<String> {
        const SQL: &str =
            "SELECT a.code FROM appointment_events e JOIN appointments a ON a.id = e.appointment_id
                            WHERE e.action = 'booked' ORDER BY a.code";
        on_either!(&self.pool, |p| sqlx::query_scalar(SQL).fetch_all(p).await).expect("history")
    }

    /// Writes a hold row directly: `expires_at` relative to `now()`.
    async fn put_hold(&self, slot: &Slot, seat: i64, id: &str, expires_in: i64) {
        // A browser's hold: its browser is named as the hold.
        const SQL: &str = "INSERT INTO seats (office_id, start_at, seat, hold_id, hold_client, expires_at)
                           VALUES ('bogota', $1, $2, $3, $3, $4)";
        let (start, expires) = (slot.start.timestamp(), now().timestamp() + expires_in);
        on_either!(&self.pool, |p| {
            sqlx::query(SQL).bind(start).bind(seat).bind(id).bind(expires).execute(p).await.map(drop)
        })
        .expect("a hold");
    }

    async fn hold_for(&self, slot: &Slot, client: &str) -> Result<Held, Error> {
        let expires_at = now() + chrono::Duration::minutes(10);
        self.hold(&NewHold {
            office: bogota(),
            start: slot.start,
            desks: bogota().desks,
            client,
            address: "192.0.2.1",
            most_per_address: None,
            expires_at,
            now: now(),
        })
        .await
    }
}

fn refusal<T: std::fmt::Debug>(result: Result<T, Error>) -> ErrorCode {
    match result {
        Err(Error::Refused(code)) => code,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

/// The `n`th booking of a batch, in its own order: its code says which.
fn queued(n: usize, slot: Slot, number: u32, hold: Option<&str>) -> Queued {
    let mut q = Queued::new(&booking(slot, number, hold), new_code());
    q.code = format!("CODE{n:04}");
    q
}

#[tokio::test]
async fn a_batch_books_in_the_order_it_arrived() {
    let [s1, s2, s3, s4, s5, s6] = [0, 1, 2, 3, 4, 5].map(slot);
    for scratch in Scratch::all().await {
        let store = &scratch.store;
        assert_eq!(store.pool.book(&[&queued(90, s4, 1000, None)]).await.expect("written").len(), 1);
        store.put_hold(&s2, 0, "live", 60).await;
        store.put_hold(&s3, 0, "expired", 0).await;
        store.put_hold(&s6, 0, "left", 0).await;
        let batch = [
            queued(0, s1, 1000, None),            // its document holds an appointment
            queued(1, s1, 2000, None),            // seat 0
            queued(2, s1, 3000, None),            // seat 1
            queued(3, s1, 4000, None),            // seat 2
            queued(4, s1, 5000, None),            // no seat left
            queued(5, s2, 6000, Some("live")),    // the held seat
            queued(6, s3, 7000, Some("expired")), // its hold ran out
            queued(7, s6, 8000, None),            // an expired hold's seat, taken over
            queued(8, s5, 9000, None),            // booked: the first with its document
            queued(9, s5, 9000, None),            // the same document again
        ];
        let written = store.pool.book(&batch.iter().collect::<Vec<_>>()).await.expect("written");
        let mut codes: Vec<&str> = written.iter().map(|a| a.code.as_str()).collect();
        codes.sort();
        assert_eq!(codes, ["CODE0001", "CODE0002", "CODE0003", "CODE0005", "CODE0007", "CODE0008"]);
        let code = |c: &str| Some(c.to_owned());
        assert_eq!(
            store.rows(&s1).await,
            [(code("CODE0001"), 0, None), (code("CODE0002"), 1, None), (code("CODE0003"), 2, None)]
        );
        assert_eq!(store.rows(&s2).await, [(code("CODE0005"), 0, None)]);
        assert_eq!(store.rows(&s3).await, [(None, 0, code("expired"))]);
        assert_eq!(store.rows(&s6).await, [(code("CODE0007"), 0, None)]);
        assert_eq!(store.rows(&s4).await, [(code("CODE0090"), 0, None)]);
        assert_eq!(
            store.booked_history().await,
            ["CODE0001", "CODE0002", "CODE0003", "CODE0005", "CODE0007", "CODE0008", "CODE0090"]
        );
        scratch.finish().await;
    }
}

// A request whose code is some appointment's already, and which is not booked (here its hold
// is gone): neither that appointment nor its history may be taken for the request's.
#[tokio::test]
async fn a_code_already_taken_never_answers_with_that_appointment() {
    for scratch in Scratch::all().await {
        let store = &scratch.store;
        store.pool.book(&[&queued(1, slot(0), 1000, None)]).await.expect("written");
        let again = [queued(0, slot(1), 2000, None), queued(1, slot(2), 3000, Some("gone"))];
        let written = store.pool.book(&again.iter().collect::<Vec<_>>()).await;
        match &store.pool {
            // The code's UNIQUE rolls the whole batch back; its requests go on alone.
            Pool::Sqlite(_) => assert!(written.is_err()),
            // The request that gets no seat never reaches the code's UNIQUE.
            Pool::Postgres(_) => {
                let codes: Vec<String> = written.expect("written").into_iter().map(|a| a.code).collect();
                assert_eq!(codes, ["CODE0000"]);
            }
        }
        assert_eq!(store.booked_history().await.iter().filter(|c| *c == "CODE0001").count(), 1);
        scratch.finish().await;
    }
}

// On SQLite the batch's requests, and where they were placed, are temporary tables of the
// connection (one here): none of them stays there after its batch, written or rolled back,
// and the next batch finds the tables ready.
#[tokio::test]
async fn sqlite_keeps_no_request_after_its_batch() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    super::sealing::install_for_tests();
    let store = Store::connect(&format!("sqlite://{}", dir.path().join("citas.db").display()), 1)
        .await
        .expect("SQLite");
    let left = || async {
        on_either!(&store.pool, |p| sqlx::query_scalar::<_, i64>(
            "SELECT (SELECT COUNT(*) FROM temp.requests) + (SELECT COUNT(*) FROM temp.placed)"
        )
        .fetch_one(p)
        .await)
        .expect("the tables")
    };
    assert_eq!(store.pool.book(&[&queued(1, slot(0), 1000, None)]).await.expect("written").len(), 1);
    assert_eq!(left().await, 0);
    // Its code is taken: the batch rolls back.
    assert!(store.pool.book(&[&queued(1, slot(1), 2000, None)]).await.is_err());
    assert_eq!(left().await, 0);
    assert_eq!(store.pool.book(&[&queued(2, slot(1), 2000, None)]).await.expect("written").len(), 1);
    assert_eq!(left().await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn never_more_seats_than_desks() {
    for scratch in Scratch::all().await {
        let store = &scratch.store;
        let s = slot(0);
        // Twelve citizens for three desks, at once, half of them holding first.
        let results = join_all((0..12u32).map(|i| async move {
            if i % 2 == 0 {
                let held = store.hold_for(&s, &format!("browser-{i}")).await?;
                store.book(&booking(s, 1000 + i, Some(&held.id))).await
            } else {
                store.book(&booking(s, 1000 + i, None)).await
            }
        }))
        .await;
        let booked = results.iter().filter(|r| r.is_ok()).count();
        assert_eq!(booked, 3);
        for r in results.into_iter().filter(Result::is_err) {
            assert_eq!(refusal(r), ErrorCode::SlotFull);
        }
        assert_eq!(store.taken(&s).await, 3);
        assert_eq!(refusal(store.hold_for(&s, "late").await), ErrorCode::SlotFull);
        scratch.finish().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_upcoming_appointment_per_document() {
    for scratch in Scratch::all().await {
        let store = &scratch.store;
        let results =
            join_all((0..6).map(|n| async move { store.book(&booking(slot(n), 4242, None)).await })).await;
        assert_eq!(results.iter().filter(|r| r.is_ok()).count(), 1);
        for r in results.into_iter().filter(Result::is_err) {
            assert_eq!(refusal(r), ErrorCode::DocumentHasAppointment);
        }
        scratch.finish().await;
    }
}

// A hold is a seat: once the slot's other seats are taken, the hold still becomes its seat,
// and nobody else gets it meanwhile.
#[tokio::test]
async fn a_live_hold_always_becomes_its_seat() {
    for scratch in Scratch::all().await {
        let store = &scratch.store;
        let s = slot(0);
        let held = store.hold_for(&s, "mine").await.expect("held");
        for n in 0..2 {
            store.book(&booking(s, 2000 + n, None)).await.expect("booked");
        }
        assert_eq!(refusal(store.book(&booking(s, 3000, None)).await), ErrorCode::SlotFull);
        let mine = store.book(&booking(s, 4000, Some(&held.id))).await.expect("the held seat").appointment;
        assert_eq!(store.taken(&s).await, 3);
        assert!(store.rows(&s).await.iter().all(|(code, _, hold)| code.is_some() && hold.is_none()));
        assert!(store.rows(&s).await.iter().any(|(code, _, _)| code.as_deref() == Some(mine.code.as_str())));
        // Spent: it cannot book a second time.
        assert_eq!(refusal(store.book(&booking(s, 5000, Some(&held.id))).await), ErrorCode::HoldExpired);
        // A hold is good for its own slot only.
        let other = store.hold_for(&slot(1), "other").await.expect("held");
        assert_eq!(
            refusal(store.book(&booking(slot(2), 6000, Some(&other.id))).await),
            ErrorCode::HoldMismatch
        );
        scratch.finish().await;
    }
}

/// Moves the appointment to `to`, through `hold` if any.
async fn move_to(
    store: &Store,
    booked: &Appointment,
    number: u32,
    to: Slot,
    hold: Option<&str>,
) -> Result<Appointment, Error> {
    let code = AppointmentCode::parse(&booked.code).expect("a code");
    let by = Actor::citizen();
    store
        .reschedule(&code, &document(number), now(), now(), |_| {
            Ok::<_, Error>(Some(Move {
                office: bogota(),
                slot: to,
                desks: bogota().desks,
                hold,
                by: &by,
                why: None,
            }))
        })
        .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_move_is_all_or_nothing() {
    for scratch in Scratch::all().await {
        let store = &scratch.store;
        let (from, full, open) = (slot(0), slot(1), slot(2));
        let booked = store.book(&booking(from, 1000, None)).await.expect("booked").appointment;
        for n in 0..3 {
            store.book(&booking(full, 2000 + n, None)).await.expect("booked");
        }
        // To a full slot: nothing changes, and the old seat is kept.
        assert_eq!(refusal(move_to(store, &booked, 1000, full, None).await), ErrorCode::SlotFull);
        assert_eq!((store.taken(&from).await, store.taken(&full).await), (1, 3));
        let code = AppointmentCode::parse(&booked.code).expect("a code");
        assert_eq!(
            store.find(&code, &document(1000), now().timestamp()).await.expect("found").start_at,
            from.start.timestamp()
        );
        // To a free seat: the old one is freed in the same step.
        let moved = move_to(store, &booked, 1000, open, None).await.expect("moved");
        assert_eq!(moved.start_at, open.start.timestamp());
        assert_eq!((store.taken(&from).await, store.taken(&open).await), (0, 1));
        // Into a hold, for a slot that is otherwise full.
        let last = slot(3);
        let held = store.hold_for(&last, "mine").await.expect("held");
        for n in 0..2 {
            store.book(&booking(last, 3000 + n, None)).await.expect("booked");
        }
        let moved = move_to(store, &moved, 1000, last, Some(&held.id)).await.expect("moved");
        assert_eq!(moved.start_at, last.start.timestamp());
        assert_eq!((store.taken(&open).await, store.taken(&last).await), (0, 3));
        // Two appointments racing for the last seat: one moves, the other keeps its own.
        let target = slot(4);
        for n in 0..2 {
            store.book(&booking(target, 4000 + n, None)).await.expect("booked");
        }
        let a = store.book(&booking(slot(5), 5000, None)).await.expect("booked").appointment;
        let b = store.book(&booking(slot(6), 5001, None)).await.expect("booked").appointment;
        let (ra, rb) =
            tokio::join!(move_to(store, &a, 5000, target, None), move_to(store, &b, 5001, target, None));
        let loser = match (ra, rb) {
            (Ok(_), Err(e)) | (Err(e), Ok(_)) => e,
            (ra, rb) => panic!("one move wins: {ra:?} {rb:?}"),
        };
        assert_eq!(refusal::<()>(Err(loser)), ErrorCode::SlotFull);
        assert_eq!(store.taken(&target).await, 3);
        assert_eq!(store.taken(&slot(5)).await + store.taken(&slot(6)).await, 1);
        scratch.finish().await;
    }
}

#[tokio::test]
async fn a_cancelled_seat_is_free_at_once() {
    for scratch in Scratch::all().await {
        let store = &scratch.store;
        let s = slot(0);
        let mut booked = Vec::new();
        for n in 0..3 {
            booked.push(store.book(&booking(s, 1000 + n, None)).await.expect("booked").appointment);
        }
        let code = AppointmentCode::parse(&booked[0].code).expect("a code");
        let cancelled = store
            .cancel(&code, &document(1000), now(), now(), |_| Ok::<_, Error>(()))
            .await
            .expect("cancelled");
        assert!(cancelled.cancelled_now && cancelled.appointment.is_cancelled());
        assert_eq!(store.taken(&s).await, 2);
        // Cancelling again changes nothing.
        let again = store
            .cancel(&code, &document(1000), now(), now(), |_| Ok::<_, Error>(()))
            .await
            .expect("the same");
        assert!(!again.cancelled_now);
        // The seat, and the document, are free for someone else and for its owner.
        store.book(&booking(s, 1000, None)).await.expect("booked again");
        assert_eq!(store.taken(&s).await, 3);
        scratch.finish().await;
    }
}

// A browser choosing the time it holds again, while a concurrent request takes the slot's
// other free seat first: its own hold counts as free, so it gets that seat again rather than
// hearing that the slot is full.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn choosing_ones_held_time_again_survives_a_race_for_the_other_seat() {
    for scratch in Scratch::all().await {
        let store = &scratch.store;
        let s = slot(0);
        store.put_hold(&s, 0, "first", 600).await;
        store.put_hold(&s, 2, "third", 600).await;
        store.hold_for(&s, "mine").await.expect("seat 1");
        store.release_hold("first").await.expect("released");
        // Another request takes seat 0 in a transaction left open while the browser asks.
        const RACER: &str = "INSERT INTO seats (office_id, start_at, seat, hold_id, expires_at)
                             VALUES ('bogota', $1, 0, 'racer', $2)";
        let (start, expires) = (s.start.timestamp(), now().timestamp() + 600);
        let again = async {
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            store.hold_for(&s, "mine").await
        };
        let held = on_either!(&store.pool, |p| {
            let mut racer = p.begin().await.expect("a transaction");
            sqlx::query(RACER).bind(start).bind(expires).execute(&mut *racer).await.expect("seat 0");
            let commit = async {
                tokio::time::sleep(std::time::Duration::from_millis(400)).await;
                racer.commit().await.expect("committed");
            };
            tokio::join!(again, commit).0
        });
        held.expect("the browser's seat again");
        assert_eq!(store.taken(&s).await, 3);
        scratch.finish().await;
    }
}

#[test]
fn a_logged_database_url_has_no_password() {
    assert_eq!(loggable("postgres://citas:s3cret@db:5432/citas"), "postgres://citas:***@db:5432/citas");
    assert_eq!(loggable("postgres://postgres@127.0.0.1/test"), "postgres://postgres@127.0.0.1/test");
    assert_eq!(loggable("sqlite://data/citas.db"), "sqlite://data/citas.db");
}

#[tokio::test]
async fn wrong_documents_given_at_once_all_count_and_lock_the_code() {
    for scratch in Scratch::all().await {
        let store = &scratch.store;
        let booked = store.book(&booking(slot(0), 1000, None)).await.expect("booked").appointment;
        let code = AppointmentCode::parse(&booked.code).expect("a code");
        let at = now().timestamp();
        let wrong = (0..WRONG_DOCUMENTS_PER_CODE as u32).map(|n| document(2000 + n)).collect::<Vec<_>>();
        let failures = join_all(wrong.iter().map(|d| store.find(&code, d, at))).await;
        assert!(failures.into_iter().all(|f| refusal(f) == ErrorCode::NotFound));
        match store.find(&code, &document(1000), at + 1).await {
            Err(Error::Later(ErrorCode::CodeLocked, seconds)) => assert_eq!(seconds, CODE_WINDOW_SECONDS - 1),
            other => panic!("expected the code locked, got {other:?}"),
        }
        let unlocked = store.find(&code, &document(1000), at + CODE_WINDOW_SECONDS).await;
        assert_eq!(unlocked.expect("found after the lock").code, booked.code);
        scratch.finish().await;
    }
}

#[tokio::test]
async fn a_freed_seat_counts_as_taken_until_its_release_then_is_taken_over() {
    for scratch in Scratch::all().await {
        let store = &scratch.store;
        let s = slot(0);
        let mut booked = Vec::new();
        for n in 0..3 {
            booked.push(store.book(&booking(s, 1000 + n, None)).await.expect("booked").appointment);
        }
        let code = AppointmentCode::parse(&booked[0].code).expect("a code");
        let release = now() + chrono::Duration::minutes(5);
        let cancelled = store.cancel(&code, &document(1000), now(), release, |_| Ok::<_, Error>(())).await;
        assert!(cancelled.expect("cancelled").appointment.is_cancelled());
        assert_eq!(store.taken(&s).await, 3);
        assert_eq!(refusal(store.book(&booking(s, 2000, None)).await), ErrorCode::SlotFull);
        assert_eq!(refusal(store.hold_for(&s, "browser").await), ErrorCode::SlotFull);
        // Once released, the seat's row is taken over in place by the next booking.
        let mut later = booking(s, 2000, None);
        later.requested_at = release;
        store.book(&later).await.expect("booked once released");
        let rows = store.rows(&s).await;
        assert_eq!(rows.len(), 3);
        assert!(rows.iter().all(|(code, _, hold)| code.is_some() && hold.is_none()), "{rows:?}");
        scratch.finish().await;
    }
}
