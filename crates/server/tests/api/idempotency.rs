//! A booking sent again after its answer was lost (the network dropped it, the citizen pressed
//! again) gets the appointment it booked, not a refusal: through the same hold, or the same
//! Idempotency-Key, with the same document.

use crate::helpers::*;
use futures::future::join_all;
use reqwest::{Response, StatusCode};
use serde_json::{Value, json};

const START: &str = "2026-12-02T09:00:00-05:00";

async fn book_with_key(app: &TestApp, body: &Value, key: &str) -> Response {
    let url = format!("{}/api/v1/appointments", app.base);
    app.client.post(url).header("Idempotency-Key", key).json(body).send().await.unwrap()
}

async fn code_of(response: Response) -> String {
    assert_eq!(response.status(), StatusCode::CREATED);
    json_of(response).await["code"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn a_booking_sent_again_through_its_hold_gets_the_same_appointment() {
    let app = TestApp::spawn().await;
    let held = json_of(
        app.post(
            "/api/v1/holds",
            &json!({"office": "bogota", "service": "dudas", "start": START, "client": "b-1"}),
        )
        .await,
    )
    .await;
    let mut body = booking(START, "52345678");
    body["hold"] = held["hold"].clone();
    let first = code_of(app.book(&body).await).await;
    let again = code_of(app.book(&body).await).await;
    assert_eq!(again, first);
    assert_eq!(app.available("bogota", START).await, 2);
    // The used hold is no one else's proof.
    body["document"]["number"] = json!("52345679");
    expect_error(app.book(&body).await, StatusCode::GONE, "hold_expired").await;
}

#[tokio::test]
async fn a_booking_sent_again_with_its_idempotency_key_gets_the_same_appointment() {
    let app = TestApp::spawn().await;
    let body = booking(START, "52345678");
    let key = "5f0c7a1e-2b7d-4a39-9d0e-4c1b2a3d4e5f";
    let first = code_of(book_with_key(&app, &body, key).await).await;
    assert_eq!(code_of(book_with_key(&app, &body, key).await).await, first);
    assert_eq!(app.available("bogota", START).await, 2);
    // Without the key, the same document is refused as before.
    expect_error(app.book(&body).await, StatusCode::CONFLICT, "document_has_appointment").await;
    // Even once cancelled, the key answers with what it booked.
    let proof = json!({"document": {"kind": "CC", "number": "52345678"}});
    app.post(&format!("/api/v1/appointments/{first}/cancel"), &proof).await;
    let replayed = book_with_key(&app, &body, key).await;
    assert_eq!(replayed.status(), StatusCode::CREATED);
    let replayed = json_of(replayed).await;
    assert_eq!(
        (replayed["code"].as_str().unwrap(), replayed["status"].as_str().unwrap()),
        (first.as_str(), "cancelled")
    );
}

#[tokio::test]
async fn the_same_booking_sent_twice_at_once_books_once_and_answers_both() {
    let app = TestApp::spawn().await;
    let body = booking(START, "52345678");
    let answers = join_all((0..4).map(|_| book_with_key(&app, &body, "double-click"))).await;
    let mut codes = Vec::new();
    for answer in answers {
        codes.push(code_of(answer).await);
    }
    codes.dedup();
    assert_eq!(codes.len(), 1, "{codes:?}");
    assert_eq!(app.available("bogota", START).await, 2);
}

#[tokio::test]
async fn an_idempotency_key_that_is_not_a_token_is_refused() {
    let app = TestApp::spawn().await;
    for key in ["", "no spaces", &"k".repeat(65), "ñandú"] {
        let response = book_with_key(&app, &booking(START, "52345678"), key).await;
        expect_error(response, StatusCode::BAD_REQUEST, "invalid_idempotency_key").await;
    }
}
