//! Bookings that wait together are written together (one statement, or one SQLite batch): each
//! must come out exactly as it would have alone.

use crate::helpers::*;
use chrono::Duration;
use futures::future::join_all;
use reqwest::StatusCode;
use serde_json::{Value, json};

/// A status, and the error's code when refused.
type Outcome = (StatusCode, &'static str);

fn at_time(hour: &str) -> String {
    format!("2026-12-02T{hour}:00-05:00")
}

/// Stops every booking from being written until the returned transaction ends, so that the
/// requests sent meanwhile wait together. SQLite: the transaction holds the one write lock.
/// PostgreSQL: a booking adds to `seats`, which the transaction keeps for itself.
async fn stop_writes(app: &TestApp) -> sqlx::Transaction<'static, sqlx::Any> {
    if app.on_postgres() {
        let mut tx = app.db.begin().await.unwrap();
        sqlx::query("LOCK TABLE seats IN EXCLUSIVE MODE").execute(&mut *tx).await.unwrap();
        tx
    } else {
        app.db.begin_with("BEGIN IMMEDIATE").await.unwrap()
    }
}

/// Sends every booking at once while writes are stopped, lets them wait long enough to be
/// queued together, then lets the writes go: the answers, in the order of `bodies`.
async fn book_together(app: &TestApp, bodies: &[Value]) -> Vec<(StatusCode, Value)> {
    let stopped = stop_writes(app).await;
    let (responses, ()) = tokio::join!(join_all(bodies.iter().map(|b| app.book(b))), async {
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        stopped.rollback().await.unwrap();
    });
    let mut answers = Vec::new();
    for r in responses {
        answers.push((r.status(), json_of(r).await));
    }
    answers
}

async fn hold(app: &TestApp, start: &str) -> String {
    let body = json!({ "office": "bogota", "service": "dudas", "start": start, "client": new_browser() });
    let response = app.post("/api/v1/holds", &body).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    json_of(response).await["hold"].as_str().unwrap().to_owned()
}

fn held(start: &str, number: &str, hold: &str) -> Value {
    let mut body = booking(start, number);
    body["hold"] = json!(hold);
    body
}

/// Every booked appointment holds exactly one seat and has one "booked" entry in its history;
/// no slot holds more than its desks.
async fn records_agree(app: &TestApp, booked: usize) {
    let appointments: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM appointments WHERE status = 'booked'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(appointments, booked as i64);
    let seated: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM appointments a
          WHERE (SELECT COUNT(*) FROM seats s WHERE s.appointment_id = a.id) = 1
            AND (SELECT COUNT(*) FROM appointment_events e WHERE e.appointment_id = a.id AND e.action = 'booked') = 1",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(seated, appointments);
    let crowded: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM (SELECT office_id, start_at FROM seats
                                GROUP BY office_id, start_at HAVING COUNT(*) > 3 OR MAX(seat) > 2) AS s",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(crowded, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn bookings_written_together_each_get_what_they_would_alone() {
    let app = TestApp::spawn().await;
    assert_eq!(app.book(&booking(&at_time("08:00"), "11111111")).await.status(), StatusCode::CREATED);
    let expired = hold(&app, &at_time("09:30")).await;
    app.clock.advance(Duration::minutes(10));
    let live = hold(&app, &at_time("09:00")).await;

    // Groups of requests, and what each group must get in some order: the requests of a
    // group race each other, so which of them wins is up to the order they arrive in.
    let created = (StatusCode::CREATED, "");
    let full = (StatusCode::CONFLICT, "slot_full");
    let taken = (StatusCode::CONFLICT, "document_has_appointment");
    let groups: Vec<(Vec<Value>, Vec<Outcome>)> = vec![
        // The document already holds an appointment.
        (vec![booking(&at_time("10:00"), "11111111")], vec![taken]),
        // A live hold becomes the seat; an expired one does not.
        (vec![held(&at_time("09:00"), "22222222", &live)], vec![created]),
        (vec![held(&at_time("09:30"), "33333333", &expired)], vec![(StatusCode::GONE, "hold_expired")]),
        // Two seats are left beside the live hold.
        (
            (1..=3).map(|i| booking(&at_time("09:00"), &format!("6666666{i}"))).collect(),
            vec![created, created, full],
        ),
        // The same document twice in one surge: one appointment.
        (
            vec![booking(&at_time("11:00"), "55555555"), booking(&at_time("11:30"), "55555555")],
            vec![created, taken],
        ),
        // Three desks for five citizens.
        (
            (0..5).map(|i| booking(&at_time("10:30"), &format!("4000000{i}"))).collect(),
            vec![created, created, created, full, full],
        ),
        // The expired hold's seat is taken over like any free one.
        ((0..3).map(|i| booking(&at_time("09:30"), &format!("7000000{i}"))).collect(), vec![created; 3]),
    ];

    let bodies: Vec<Value> = groups.iter().flat_map(|(bodies, _)| bodies.clone()).collect();
    let mut answers = book_together(&app, &bodies).await.into_iter();
    for (bodies, mut expected) in groups {
        let mut got: Vec<(StatusCode, String)> = answers
            .by_ref()
            .take(bodies.len())
            .map(|(status, answer)| (status, answer["error"]["code"].as_str().unwrap_or_default().to_owned()))
            .collect();
        got.sort();
        expected.sort();
        let expected: Vec<(StatusCode, String)> =
            expected.into_iter().map(|(s, c)| (s, c.to_owned())).collect();
        assert_eq!(got, expected, "{bodies:?}");
    }
    // The appointment booked first, and the ten booked together.
    records_agree(&app, 11).await;

    // The held seat is the appointment's now: no hold is left at 9:00, and nothing is free.
    let holds_left: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM seats WHERE hold_id IS NOT NULL AND start_at = $1")
            .bind(at(&at_time("09:00")).timestamp())
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(holds_left, 0);
    assert_eq!(app.available("bogota", &at_time("09:00")).await, 0);
    assert_eq!(app.available("bogota", &at_time("09:30")).await, 0);
}

// A database that refuses one booking of a batch (here a trigger, standing for any failure
// of one row) must not take the others down with it: they are written again on their own.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_booking_the_database_refuses_does_not_take_its_batch_down() {
    let app = TestApp::spawn().await;
    // The refused booking is the only one at 10:00 (names are sealed: the trigger cannot read them).
    let refused_start = at(&at_time("10:00")).timestamp();
    let refuse = if app.on_postgres() {
        vec![
            format!("CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$
             BEGIN IF NEW.start_at = {refused_start} THEN RAISE EXCEPTION 'provocada'; END IF; RETURN NEW; END $$"),
            "CREATE TRIGGER refuse BEFORE INSERT ON appointments FOR EACH ROW EXECUTE FUNCTION refuse()".to_owned(),
        ]
    } else {
        vec![format!(
            "CREATE TRIGGER refuse BEFORE INSERT ON appointments WHEN NEW.start_at = {refused_start}
             BEGIN SELECT RAISE(ABORT, 'provocada'); END"
        )]
    };
    for statement in &refuse {
        sqlx::query(statement).execute(&app.db).await.unwrap();
    }
    let starts = ["08:00", "08:30", "09:00", "09:30"];
    let mut bodies: Vec<Value> =
        (0..12).map(|i| booking(&at_time(starts[i % 4]), &format!("8000000{i:02}"))).collect();
    // In a slot of its own: where the others fill every seat, it may be told "full" instead.
    let mut failing = booking(&at_time("10:00"), "99999999");
    failing["name"] = json!("Falla Provocada");
    bodies.insert(5, failing);

    let answers = book_together(&app, &bodies).await;
    for (i, (status, answer)) in answers.iter().enumerate() {
        if i == 5 {
            assert!(status.is_server_error(), "{answer}");
        } else {
            assert_eq!(*status, StatusCode::CREATED, "{answer}");
        }
    }
    records_agree(&app, 12).await;
}
