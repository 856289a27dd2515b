//! Fair release: a seat freed by a cancellation or a move returns to the others only after a
//! random delay of two to ten minutes (the defaults), so that nobody can cancel a seat and
//! book it again at once for whoever paid them. The citizen sees the cancellation at once.

use crate::helpers::*;
use chrono::Duration;
use citas_server::config::DEFAULT_CONFIG;
use reqwest::StatusCode;
use serde_json::json;

const START: &str = "2026-12-02T09:00:00-05:00";
const LATER: &str = "2026-12-02T10:00:00-05:00";

async fn spawn() -> TestApp {
    TestApp::spawn_with(&DEFAULT_CONFIG.replace("desks = 3", "desks = 1")).await
}

async fn booked(app: &TestApp, start: &str, number: &str) -> String {
    let response = app.book(&booking(start, number)).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    json_of(response).await["code"].as_str().unwrap().to_owned()
}

/// The seat stays taken for at least two minutes, and is back within ten.
async fn returns_within_the_window(app: &TestApp, start: &str) {
    assert_eq!(app.available("bogota", start).await, 0);
    let hold = json!({"office": "bogota", "service": "dudas", "start": start, "client": "waiting"});
    expect_error(app.post("/api/v1/holds", &hold).await, StatusCode::CONFLICT, "slot_full").await;
    app.clock.advance(Duration::seconds(119));
    assert_eq!(app.available("bogota", start).await, 0);
    expect_error(app.book(&booking(start, "52345699")).await, StatusCode::CONFLICT, "slot_full").await;
    app.clock.advance(Duration::seconds(481));
    assert_eq!(app.available("bogota", start).await, 1);
    assert_eq!(app.book(&booking(start, "52345699")).await.status(), StatusCode::CREATED);
}

#[tokio::test]
async fn a_cancelled_seat_returns_after_two_to_ten_minutes() {
    let app = spawn().await;
    let code = booked(&app, START, "52345678").await;
    let proof = json!({"document": {"kind": "CC", "number": "52345678"}});
    let cancelled = app.post(&format!("/api/v1/appointments/{code}/cancel"), &proof).await;
    assert_eq!(json_of(cancelled).await["status"], "cancelled");
    // The document is free at once: its owner may book another time.
    assert_eq!(booked(&app, LATER, "52345678").await.len(), 9);
    returns_within_the_window(&app, START).await;
}

#[tokio::test]
async fn a_seat_left_by_a_move_returns_after_two_to_ten_minutes() {
    let app = spawn().await;
    let code = booked(&app, START, "52345678").await;
    let mut body = json!({"document": {"kind": "CC", "number": "52345678"}});
    body["start"] = json!(LATER);
    let moved = app.post(&format!("/api/v1/appointments/{code}/reschedule"), &body).await;
    assert_eq!(json_of(moved).await["start"], LATER);
    returns_within_the_window(&app, START).await;
}
