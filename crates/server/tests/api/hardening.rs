//! What no request may do to the server: reach a panic, send an endless body or headers, hold
//! it past its deadline, or crowd out everyone else; and the headers every answer carries.

use crate::helpers::*;
use citas_server::config::DEFAULT_CONFIG;
use reqwest::StatusCode;
use serde_json::json;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

#[tokio::test]
async fn dates_far_outside_the_calendar_are_refused_not_a_panic() {
    let app = TestApp::spawn().await;
    for query in [
        "from=%2B262142-12-31&to=%2B262142-12-31",
        "from=-262143-01-01&to=-262143-01-01",
        "from=2026-12-01&to=%2B262142-12-31",
        "from=9999-12-31&to=9999-12-31",
        "from=1999-12-31&to=2000-01-01",
        "to=2200-01-01",
    ] {
        let response = app.get(&format!("/api/v1/offices/bogota/availability?{query}")).await;
        let error = expect_error(response, StatusCode::BAD_REQUEST, "date_out_of_range").await;
        assert!(["from", "to"].contains(&error["field"].as_str().unwrap()), "{query}: {error}");
    }
    let ok = app.get("/api/v1/offices/bogota/availability?from=2199-12-01&to=2199-12-31").await;
    assert_eq!(ok.status(), StatusCode::OK);
}

#[tokio::test]
async fn times_far_outside_the_calendar_are_refused_not_a_panic() {
    let app = TestApp::spawn().await;
    for start in ["9999-12-31T23:30:00-05:00", "0000-01-01T00:00:00+00:00", "9999-12-31T23:59:59-23:59"] {
        let hold =
            app.post("/api/v1/holds", &json!({"office": "bogota", "service": "dudas", "start": start})).await;
        expect_error(hold, StatusCode::UNPROCESSABLE_ENTITY, "outside_window").await;
        let booking = app.book(&booking(start, "52123456")).await;
        expect_error(booking, StatusCode::UNPROCESSABLE_ENTITY, "outside_window").await;
    }
}

#[tokio::test]
async fn a_body_larger_than_any_request_is_refused_413() {
    let app = TestApp::spawn().await;
    let mut body = booking("2026-12-01T09:00:00-05:00", "52123456");
    body["name"] = json!("a".repeat(8 * 1024));
    let error = expect_error(app.book(&body).await, StatusCode::PAYLOAD_TOO_LARGE, "body_too_large").await;
    assert_eq!(error["message"], "La solicitud es demasiado grande.");
}

/// A connection to the server that has sent a booking's headers and the first byte of a body
/// that never comes.
async fn stalled_booking(app: &TestApp) -> TcpStream {
    let mut stream = TcpStream::connect(app.base.trim_start_matches("http://")).await.unwrap();
    let head = "POST /api/v1/appointments HTTP/1.1\r\nHost: citas\r\nContent-Type: application/json\r\n\
                Content-Length: 200\r\n\r\n{";
    stream.write_all(head.as_bytes()).await.unwrap();
    stream
}

/// Everything the server sends on `stream` until it closes it, within `limit`.
async fn until_closed(stream: &mut TcpStream, limit: Duration) -> String {
    let mut answer = Vec::new();
    tokio::time::timeout(limit, stream.read_to_end(&mut answer))
        .await
        .expect("the server closes the connection in time")
        .ok();
    String::from_utf8_lossy(&answer).into_owned()
}

#[tokio::test]
async fn a_request_not_answered_in_time_gets_503_busy() {
    let config = DEFAULT_CONFIG
        .replace("request_timeout_seconds = 10", "request_timeout_seconds = 1")
        .replace("proof_of_work = true", "proof_of_work = false");
    let app = TestApp::spawn_with(&config).await;
    let mut stream = stalled_booking(&app).await;
    let answer = until_closed(&mut stream, Duration::from_secs(5)).await;
    assert!(answer.starts_with("HTTP/1.1 503"), "{answer}");
    assert!(answer.to_ascii_lowercase().contains("retry-after: 60"), "{answer}");
    assert!(answer.contains(r#""code":"busy""#), "{answer}");
}

#[tokio::test]
async fn requests_beyond_those_in_flight_are_shed_with_503_and_retry_after() {
    let config = DEFAULT_CONFIG
        .replace("max_requests_in_flight = 512", "max_requests_in_flight = 1")
        .replace("request_timeout_seconds = 10", "request_timeout_seconds = 2")
        .replace("proof_of_work = true", "proof_of_work = false");
    let app = TestApp::spawn_with(&config).await;
    let mut stream = stalled_booking(&app).await;
    // As soon as the stalled request is being handled, the next one is shed.
    let mut shed = app.get("/healthz").await;
    for _ in 0..20 {
        if shed.status() == StatusCode::SERVICE_UNAVAILABLE {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
        shed = app.get("/healthz").await;
    }
    assert_eq!(shed.headers()["retry-after"], "60");
    expect_error(shed, StatusCode::SERVICE_UNAVAILABLE, "busy").await;
    // Once the stalled request is over, the next one is served.
    until_closed(&mut stream, Duration::from_secs(5)).await;
    assert_eq!(app.get("/healthz").await.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_connection_that_never_finishes_its_headers_is_closed() {
    let config =
        DEFAULT_CONFIG.replace("header_read_timeout_seconds = 10", "header_read_timeout_seconds = 1");
    let app = TestApp::spawn_with(&config).await;
    let mut stream = TcpStream::connect(app.base.trim_start_matches("http://")).await.unwrap();
    stream.write_all(b"GET /healthz HTTP/1.1\r\nHost: citas\r\nX-Slow: ").await.unwrap();
    until_closed(&mut stream, Duration::from_secs(5)).await;
}

#[tokio::test]
async fn every_answer_says_what_the_browser_may_do_and_https_only_when_configured() {
    let app = TestApp::spawn().await;
    for path in ["/healthz", "/api/v1/offices", "/api/v1/nothing"] {
        let response = app.get(path).await;
        let headers = response.headers();
        assert_eq!(
            headers["permissions-policy"],
            "camera=(), geolocation=(), microphone=(), payment=(), usb=()"
        );
        assert_eq!(headers["cross-origin-opener-policy"], "same-origin");
        assert!(headers.get("strict-transport-security").is_none(), "{path}");
    }
    let app = TestApp::spawn_with(&DEFAULT_CONFIG.replace("https = false", "https = true")).await;
    let response = app.get("/healthz").await;
    assert_eq!(response.headers()["strict-transport-security"], "max-age=31536000");
}

#[tokio::test]
async fn answers_with_personal_data_are_never_stored_by_a_cache() {
    let app = TestApp::spawn().await;
    let booked = app.book(&booking("2026-12-01T09:00:00-05:00", "52123456")).await;
    assert_eq!(booked.status(), StatusCode::CREATED);
    assert_eq!(booked.headers()["cache-control"], "no-store");
    let code = json_of(booked).await["code"].as_str().unwrap().to_owned();
    let document = json!({"document": {"kind": "CC", "number": "52123456"}});
    for action in ["lookup", "reschedule", "cancel"] {
        let response = app.post(&format!("/api/v1/appointments/{code}/{action}"), &document).await;
        assert_eq!(response.headers()["cache-control"], "no-store", "{action}");
    }
    let availability = app.get("/api/v1/offices/bogota/availability").await;
    assert_ne!(availability.headers()["cache-control"], "no-store");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stalled_database_answers_503_within_seconds() {
    let config = test_config().replace("request_timeout_seconds = 10", "request_timeout_seconds = 1");
    let app = TestApp::spawn_with(&config).await;
    // The test's own transaction keeps every booking waiting: on SQLite its write lock, on
    // PostgreSQL a lock on the seats.
    let mut stalling = app.db.begin().await.unwrap();
    let stall = if app.on_postgres() {
        "LOCK TABLE seats IN ACCESS EXCLUSIVE MODE"
    } else {
        "INSERT INTO seats (office_id, start_at, seat, hold_id, expires_at) VALUES ('stall', 0, 0, 'stall', 1)"
    };
    sqlx::query(stall).execute(&mut *stalling).await.unwrap();
    let started = std::time::Instant::now();
    let waiting = app.book(&booking("2026-12-02T09:00:00-05:00", "52345678")).await;
    expect_error(waiting, StatusCode::SERVICE_UNAVAILABLE, "busy").await;
    assert!(started.elapsed() < Duration::from_secs(3), "{:?}", started.elapsed());
    stalling.rollback().await.unwrap();
    // Once the database answers again, so does the server.
    let booked = app.book(&booking("2026-12-02T09:00:00-05:00", "52345678")).await;
    assert!([StatusCode::CREATED, StatusCode::CONFLICT].contains(&booked.status()), "{}", booked.status());
}
