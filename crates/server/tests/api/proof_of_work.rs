//! Proof of work on holds and bookings, with the default configuration: each costs a solved
//! challenge, a solution buys one request, and an old one buys none.

use crate::helpers::*;
use chrono::Duration;
use citas_server::config::DEFAULT_CONFIG;
use reqwest::StatusCode;
use serde_json::{Value, json};

const START: &str = "2026-12-02T09:00:00-05:00";

fn hold() -> Value {
    json!({"office": "bogota", "service": "dudas", "start": START, "client": new_browser()})
}

async fn post_with(app: &TestApp, path: &str, body: &Value, proof: Option<&str>) -> reqwest::Response {
    let mut request = app.client.post(format!("{}{path}", app.base)).json(body);
    if let Some(proof) = proof {
        request = request.header("Altcha", proof);
    }
    request.send().await.unwrap()
}

#[tokio::test]
async fn a_challenge_is_altchas_and_never_cached() {
    let app = TestApp::spawn_with(DEFAULT_CONFIG).await;
    let response = app.get("/api/v1/challenge").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["cache-control"], "no-store");
    let challenge = json_of(response).await;
    assert_eq!(challenge["algorithm"], "SHA-256");
    assert_eq!(challenge["maxnumber"], 50_000);
    assert_eq!(challenge["challenge"].as_str().unwrap().len(), 64);
    assert!(challenge["salt"].as_str().unwrap().contains("?expires="));
    // Every challenge is new.
    let again = json_of(app.get("/api/v1/challenge").await).await;
    assert_ne!(challenge["salt"], again["salt"]);
}

#[tokio::test]
async fn holds_and_bookings_without_a_proof_are_refused() {
    let app = TestApp::spawn_with(DEFAULT_CONFIG).await;
    let refused = post_with(&app, "/api/v1/holds", &hold(), None).await;
    expect_error(refused, StatusCode::BAD_REQUEST, "proof_of_work_missing").await;
    let refused = post_with(&app, "/api/v1/appointments", &booking(START, "52345678"), None).await;
    expect_error(refused, StatusCode::BAD_REQUEST, "proof_of_work_missing").await;
    let wrong = post_with(&app, "/api/v1/holds", &hold(), Some("bm90IGEgcHJvb2Y=")).await;
    expect_error(wrong, StatusCode::BAD_REQUEST, "proof_of_work_invalid").await;
    assert_eq!(app.available("bogota", START).await, 3);

    let proof = app.proof().await;
    assert_eq!(post_with(&app, "/api/v1/holds", &hold(), Some(&proof)).await.status(), StatusCode::CREATED);
    let proof = app.proof().await;
    let booked = post_with(&app, "/api/v1/appointments", &booking(START, "52345678"), Some(&proof)).await;
    assert_eq!(booked.status(), StatusCode::CREATED);
}

#[tokio::test]
async fn a_solution_buys_one_request() {
    let app = TestApp::spawn_with(DEFAULT_CONFIG).await;
    let proof = app.proof().await;
    assert_eq!(post_with(&app, "/api/v1/holds", &hold(), Some(&proof)).await.status(), StatusCode::CREATED);
    let again = post_with(&app, "/api/v1/appointments", &booking(START, "52345678"), Some(&proof)).await;
    expect_error(again, StatusCode::BAD_REQUEST, "proof_of_work_invalid").await;
}

#[tokio::test]
async fn a_solution_of_an_expired_challenge_buys_nothing() {
    let app = TestApp::spawn_with(DEFAULT_CONFIG).await;
    let proof = app.proof().await;
    app.clock.advance(Duration::minutes(31));
    let late = post_with(&app, "/api/v1/holds", &hold(), Some(&proof)).await;
    expect_error(late, StatusCode::BAD_REQUEST, "proof_of_work_invalid").await;
}

#[tokio::test]
async fn a_solution_for_another_server_key_buys_nothing() {
    let ours = TestApp::spawn_with(DEFAULT_CONFIG).await;
    let theirs = TestApp::spawn_with(DEFAULT_CONFIG).await;
    let foreign = theirs.proof().await;
    let refused = post_with(&ours, "/api/v1/holds", &hold(), Some(&foreign)).await;
    expect_error(refused, StatusCode::BAD_REQUEST, "proof_of_work_invalid").await;
}
