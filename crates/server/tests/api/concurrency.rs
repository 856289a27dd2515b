//! No overbooking, ever: the database decides races, not the process.

use crate::helpers::*;
use futures::future::join_all;
use reqwest::StatusCode;
use serde_json::json;

const START: &str = "2026-12-02T10:00:00-05:00";

async fn race(app: &TestApp, requests: usize, document: impl Fn(usize) -> String) -> (usize, Vec<String>) {
    let bodies: Vec<_> = (0..requests).map(|i| booking(START, &document(i))).collect();
    let responses = join_all(bodies.iter().map(|b| app.book(b))).await;
    let mut created = 0;
    let mut refusals = Vec::new();
    for r in responses {
        if r.status() == StatusCode::CREATED {
            created += 1;
        } else {
            refusals.push(json_of(r).await["error"]["code"].as_str().unwrap().to_owned());
        }
    }
    (created, refusals)
}

async fn seats_taken(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM seats").fetch_one(&app.db).await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_hundred_citizens_race_for_the_last_seat_and_exactly_one_wins() {
    let app = TestApp::spawn_with(&one_desk_config()).await;
    let (created, refusals) = race(&app, 200, |i| format!("{}", 10_000_000 + i)).await;
    assert_eq!(created, 1);
    assert_eq!(refusals.len(), 199);
    assert!(refusals.iter().all(|c| c == "slot_full"), "{refusals:?}");
    assert_eq!(seats_taken(&app).await, 1);
    assert_eq!(app.available("bogota", START).await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_slot_with_three_desks_takes_exactly_three() {
    let app = TestApp::spawn().await;
    let (created, refusals) = race(&app, 200, |i| format!("{}", 20_000_000 + i)).await;
    assert_eq!(created, 3);
    assert!(refusals.iter().all(|c| c == "slot_full"), "{refusals:?}");
    assert_eq!(seats_taken(&app).await, 3);
}

// On PostgreSQL a statement sees the seats as they were when it started, so a request can
// choose a seat that another takes meanwhile; it must then take another, not say "full".
// Here the test holds seat 0 uncommitted while a booking and a hold choose it.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn requests_that_chose_a_seat_taken_meanwhile_take_another() {
    let app = TestApp::spawn().await;
    let mut taking = app.db.begin().await.unwrap();
    sqlx::query("INSERT INTO seats (office_id, start_at, seat, hold_id, expires_at) VALUES ('bogota', $1, 0, 'test', $1)")
        .bind(at(START).timestamp())
        .execute(&mut *taking)
        .await
        .unwrap();
    let (body, hold) = (
        booking(START, "52345678"),
        json!({ "office": "bogota", "service": "dudas", "start": START, "client": new_browser() }),
    );
    let (booked, held, ()) = tokio::join!(app.book(&body), app.post("/api/v1/holds", &hold), async {
        // Long enough for both to be waiting on seat 0.
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        taking.commit().await.unwrap();
    });
    assert_eq!(booked.status(), StatusCode::CREATED);
    assert_eq!(held.status(), StatusCode::CREATED);
    assert_eq!(seats_taken(&app).await, 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_same_document_racing_gets_one_appointment() {
    let app = TestApp::spawn().await;
    let starts = ["2026-12-02T08:00:00-05:00", "2026-12-02T08:30:00-05:00", "2026-12-02T09:00:00-05:00"];
    let bodies: Vec<_> = (0..60).map(|i| booking(starts[i % 3], "52345678")).collect();
    let responses = join_all(bodies.iter().map(|b| app.book(b))).await;
    let created = responses.iter().filter(|r| r.status() == StatusCode::CREATED).count();
    assert_eq!(created, 1);
    assert_eq!(seats_taken(&app).await, 1);
}
