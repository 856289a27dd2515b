//! Bookings per client address and day: a script cannot book the whole window from one
//! address with invented documents. And someone whose document was used by another is told
//! what to do.

use crate::helpers::*;
use chrono::Duration;
use citas_server::config::DEFAULT_CONFIG;
use futures::future::join_all;
use reqwest::{Response, StatusCode};
use serde_json::Value;

/// The defaults, but for the rate limits, which would slow these tests first.
fn config() -> String {
    DEFAULT_CONFIG
        .replace("rate_limit = true", "rate_limit = false")
        .replace("trusted_proxies = []", "trusted_proxies = [\"127.0.0.1\"]")
}

async fn book_from(app: &TestApp, body: &Value, from: &str) -> Response {
    let url = format!("{}/api/v1/appointments", app.base);
    app.client
        .post(url)
        .header("X-Forwarded-For", from)
        .header("Altcha", app.proof().await)
        .json(body)
        .send()
        .await
        .unwrap()
}

fn start(n: usize) -> String {
    format!("2026-12-{:02}T{:02}:00:00-05:00", 2 + n / 8, 8 + n % 8)
}

#[tokio::test]
async fn one_address_books_at_most_ten_a_day() {
    let app = TestApp::spawn_with(&config()).await;
    let here = "198.51.100.1";
    let mut last = None;
    for n in 0..10 {
        if n > 0 {
            // A refusal in between counts for nothing.
            let refused = book_from(&app, &booking(&start(n), &format!("5234560{}", n - 1)), here).await;
            assert_eq!(refused.status(), StatusCode::CONFLICT);
        }
        let mut body = booking(&start(n), &format!("5234560{n}"));
        let held = app.post("/api/v1/holds", &serde_json::json!({"office": "bogota", "service": "dudas", "start": start(n), "client": new_browser()})).await;
        body["hold"] = json_of(held).await["hold"].clone();
        let booked = book_from(&app, &body, here).await;
        assert_eq!(booked.status(), StatusCode::CREATED, "{n}");
        last = Some(body);
    }
    // The last booking sent again (its answer lost) is still answered with its appointment.
    assert_eq!(book_from(&app, &last.unwrap(), here).await.status(), StatusCode::CREATED);
    let eleventh = book_from(&app, &booking(&start(10), "52345610"), here).await;
    // Until midnight in Bogotá, 17 hours after 7:00 (the test's clock runs meanwhile).
    let wait: i64 = eleventh.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((61_140..=61_200).contains(&wait), "{wait}");
    let error = expect_error(eleventh, StatusCode::TOO_MANY_REQUESTS, "too_many_bookings").await;
    assert!(error["message"].as_str().unwrap().contains("Contact Center"), "{error}");
    // Another address books; the next day this one does too.
    assert_eq!(
        book_from(&app, &booking(&start(11), "52345611"), "198.51.100.2").await.status(),
        StatusCode::CREATED
    );
    app.clock.advance(Duration::days(1));
    assert_eq!(book_from(&app, &booking(&start(12), "52345612"), here).await.status(), StatusCode::CREATED);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn bookings_of_one_address_racing_never_exceed_its_limit() {
    let app = &TestApp::spawn_with(&config()).await;
    let attempts = (0..16).map(|n| async move {
        book_from(app, &booking(&start(n), &format!("5234570{n:02}")), "198.51.100.1").await.status()
    });
    let statuses = join_all(attempts).await;
    let created = statuses.iter().filter(|s| **s == StatusCode::CREATED).count();
    let refused = statuses.iter().filter(|s| **s == StatusCode::TOO_MANY_REQUESTS).count();
    assert_eq!((created, refused), (10, 6), "{statuses:?}");
}

#[tokio::test]
async fn a_document_someone_else_booked_with_is_told_where_to_turn() {
    let app = TestApp::spawn().await;
    assert_eq!(app.book(&booking(&start(0), "52345678")).await.status(), StatusCode::CREATED);
    let refused = app.book(&booking(&start(1), "52345678")).await;
    let error = expect_error(refused, StatusCode::CONFLICT, "document_has_appointment").await;
    let message = error["message"].as_str().unwrap();
    assert!(message.contains("Contact Center") && message.contains("funcionario"), "{message}");
}
