//! Holds: a chosen seat is kept while the citizen finishes, and frees itself when left.

use crate::helpers::*;
use chrono::Duration;
use futures::future::join_all;
use reqwest::StatusCode;
use serde_json::{Value, json};

const START: &str = "2026-12-02T09:00:00-05:00";

/// A hold of `client`, or of a browser of its own.
fn hold_request(start: &str, client: Option<&str>) -> Value {
    let client = client.map_or_else(new_browser, str::to_owned);
    json!({ "office": "bogota", "service": "dudas", "start": start, "client": client })
}

async fn hold(app: &TestApp, start: &str, client: Option<&str>) -> Value {
    let response = app.post("/api/v1/holds", &hold_request(start, client)).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    json_of(response).await
}

fn with_hold(mut body: Value, hold: &Value) -> Value {
    body["hold"] = hold["hold"].clone();
    body
}

#[tokio::test]
async fn a_hold_takes_a_seat_and_converts_into_the_appointment() {
    let app = TestApp::spawn().await;
    let asked = app.clock.now();
    let h = hold(&app, START, None).await;
    assert_eq!(h["hold"].as_str().unwrap().len(), 32);
    assert_later_by(&h["expires_at"], Duration::minutes(10), asked, app.clock.now());
    assert_eq!(h["expires_in"], 600);
    assert_eq!(h["extended"], false);
    assert_eq!(app.available("bogota", START).await, 2);
    let response = app.book(&with_hold(booking(START, "52345678"), &h)).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    // The held seat became the appointment's: still one seat taken, not two.
    assert_eq!(app.available("bogota", START).await, 2);
    // A hold is used once.
    let again = app.book(&with_hold(booking(START, "79876543"), &h)).await;
    expect_error(again, StatusCode::GONE, "hold_expired").await;
}

#[tokio::test]
async fn an_expired_hold_frees_its_seat_without_any_background_job() {
    let app = TestApp::spawn_with(&one_desk_config()).await;
    let h = hold(&app, START, None).await;
    assert_eq!(app.available("bogota", START).await, 0);
    expect_error(app.book(&booking(START, "79876543")).await, StatusCode::CONFLICT, "slot_full").await;
    app.clock.advance(Duration::minutes(10));
    assert_eq!(app.available("bogota", START).await, 1);
    let late = app.book(&with_hold(booking(START, "52345678"), &h)).await;
    let e = expect_error(late, StatusCode::GONE, "hold_expired").await;
    assert_eq!(e["field"], "hold");
    assert_eq!(app.book(&booking(START, "79876543")).await.status(), StatusCode::CREATED);
}

#[tokio::test]
async fn a_new_hold_takes_over_the_seat_of_an_expired_one() {
    let app = TestApp::spawn_with(&one_desk_config()).await;
    let first = hold(&app, START, None).await;
    app.clock.advance(Duration::minutes(10));
    // The expired hold's row is still there: the new hold reuses the seat in place.
    let second = hold(&app, START, None).await;
    assert_eq!(app.available("bogota", START).await, 0);
    let late = app.book(&with_hold(booking(START, "52345678"), &first)).await;
    expect_error(late, StatusCode::GONE, "hold_expired").await;
    let on_time = app.book(&with_hold(booking(START, "79876543"), &second)).await;
    assert_eq!(on_time.status(), StatusCode::CREATED);
    assert_eq!(app.available("bogota", START).await, 0);
}

#[tokio::test]
async fn releasing_frees_the_seat_at_once_and_is_idempotent() {
    let app = TestApp::spawn_with(&one_desk_config()).await;
    let h = hold(&app, START, None).await;
    let url = format!("{}/api/v1/holds/{}", app.base, h["hold"].as_str().unwrap());
    assert_eq!(app.client.delete(&url).send().await.unwrap().status(), StatusCode::NO_CONTENT);
    assert_eq!(app.available("bogota", START).await, 1);
    assert_eq!(app.client.delete(&url).send().await.unwrap().status(), StatusCode::NO_CONTENT);
    // As a page is left, the client releases with a beacon, which can only POST.
    let h = hold(&app, START, None).await;
    assert_eq!(app.available("bogota", START).await, 0);
    let beacon =
        app.post(&format!("/api/v1/holds/{}/release", h["hold"].as_str().unwrap()), &json!({})).await;
    assert_eq!(beacon.status(), StatusCode::NO_CONTENT);
    assert_eq!(app.available("bogota", START).await, 1);
}

#[tokio::test]
async fn a_hold_can_be_extended_once() {
    let app = TestApp::spawn_with(&one_desk_config()).await;
    let h = hold(&app, START, None).await;
    let extend = format!("/api/v1/holds/{}/extend", h["hold"].as_str().unwrap());
    app.clock.advance(Duration::minutes(8));
    let extending = app.clock.now();
    let response = app.post(&extend, &json!({})).await;
    assert_eq!(response.status(), StatusCode::OK);
    let extended = json_of(response).await;
    // Ten minutes from the extension.
    assert_later_by(&extended["expires_at"], Duration::minutes(10), extending, app.clock.now());
    assert_eq!(extended["extended"], true);
    app.clock.advance(Duration::minutes(9));
    assert_eq!(app.available("bogota", START).await, 0, "still held after the first period");
    expect_error(app.post(&extend, &json!({})).await, StatusCode::CONFLICT, "hold_already_extended").await;
    app.clock.advance(Duration::minutes(2));
    expect_error(app.post(&extend, &json!({})).await, StatusCode::GONE, "hold_expired").await;
    assert_eq!(app.available("bogota", START).await, 1);
}

#[tokio::test]
async fn a_browser_holds_one_seat_at_a_time() {
    let app = TestApp::spawn_with(&one_desk_config()).await;
    let other = "2026-12-02T10:00:00-05:00";
    hold(&app, START, Some("browser-1")).await;
    hold(&app, other, Some("browser-1")).await;
    assert_eq!(app.available("bogota", START).await, 1, "the first hold was replaced");
    assert_eq!(app.available("bogota", other).await, 0);
    // Choosing the same last seat again works: the old hold goes first.
    hold(&app, other, Some("browser-1")).await;
    // Another browser is another client; refused a full slot, it keeps the seat it held.
    hold(&app, START, Some("browser-2")).await;
    expect_error(
        app.post("/api/v1/holds", &hold_request(other, Some("browser-2"))).await,
        StatusCode::CONFLICT,
        "slot_full",
    )
    .await;
    assert_eq!(app.available("bogota", START).await, 0, "browser-2's hold was kept");
}

#[tokio::test]
async fn a_live_hold_converts_even_after_the_minimum_notice_has_passed() {
    let app = TestApp::spawn().await;
    // 7:00 now, one hour's notice: 8:00 is the earliest bookable slot.
    let first = "2026-12-01T08:00:00-05:00";
    let h = hold(&app, first, None).await;
    app.clock.advance(Duration::minutes(5));
    expect_error(
        app.book(&booking(first, "79876543")).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "outside_window",
    )
    .await;
    assert_eq!(app.book(&with_hold(booking(first, "52345678"), &h)).await.status(), StatusCode::CREATED);
}

#[tokio::test]
async fn holds_are_checked_like_bookings() {
    let app = TestApp::spawn().await;
    let h = hold(&app, START, None).await;
    let mismatch = app.book(&with_hold(booking("2026-12-02T10:00:00-05:00", "52345678"), &h)).await;
    expect_error(mismatch, StatusCode::UNPROCESSABLE_ENTITY, "hold_mismatch").await;
    let mut bad = hold_request(START, None);
    bad["office"] = json!("mordor");
    expect_error(app.post("/api/v1/holds", &bad).await, StatusCode::NOT_FOUND, "unknown_office").await;
    let holiday = hold_request("2026-12-08T09:00:00-05:00", None);
    expect_error(app.post("/api/v1/holds", &holiday).await, StatusCode::UNPROCESSABLE_ENTITY, "holiday")
        .await;
    let past = hold_request("2026-11-30T09:00:00-05:00", None);
    expect_error(app.post("/api/v1/holds", &past).await, StatusCode::UNPROCESSABLE_ENTITY, "outside_window")
        .await;
    for client in [json!("<script>"), json!(""), Value::Null] {
        let mut request = hold_request(START, None);
        request["client"] = client;
        let refused = app.post("/api/v1/holds", &request).await;
        expect_error(refused, StatusCode::UNPROCESSABLE_ENTITY, "invalid_client").await;
    }
    let unknown = app.post("/api/v1/holds/0123456789abcdef/extend", &json!({})).await;
    expect_error(unknown, StatusCode::GONE, "hold_expired").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_hundred_holds_race_for_the_last_seat_and_exactly_one_wins() {
    let app = TestApp::spawn_with(&one_desk_config()).await;
    let bodies: Vec<Value> = (0..200).map(|i| hold_request(START, Some(&format!("browser-{i}")))).collect();
    let responses = join_all(bodies.iter().map(|b| app.post("/api/v1/holds", b))).await;
    let created = responses.iter().filter(|r| r.status() == StatusCode::CREATED).count();
    let full = responses.iter().filter(|r| r.status() == StatusCode::CONFLICT).count();
    assert_eq!((created, full), (1, 199));
    assert_eq!(app.available("bogota", START).await, 0);
}

/// A hold from `client` at `start`, from the client address `from` (behind a trusted proxy).
async fn hold_from(app: &TestApp, start: &str, client: &str, from: &str) -> reqwest::Response {
    let url = format!("{}/api/v1/holds", app.base);
    let request = app.client.post(url).header("X-Forwarded-For", from).header("Altcha", app.proof().await);
    request.json(&hold_request(start, Some(client))).send().await.unwrap()
}

#[tokio::test]
async fn one_address_keeps_at_most_three_live_holds() {
    let config = citas_server::config::DEFAULT_CONFIG
        .replace("trusted_proxies = []", "trusted_proxies = [\"127.0.0.1\"]");
    let app = TestApp::spawn_with(&config).await;
    let (here, there) = ("198.51.100.1", "198.51.100.2");
    let times = ["2026-12-02T09:00:00-05:00", "2026-12-02T10:00:00-05:00", "2026-12-02T11:00:00-05:00"];
    let mut holds = Vec::new();
    for (n, start) in times.iter().enumerate() {
        let held = hold_from(&app, start, &format!("b-{n}"), here).await;
        assert_eq!(held.status(), StatusCode::CREATED);
        holds.push(json_of(held).await["hold"].as_str().unwrap().to_owned());
    }
    let fourth = hold_from(&app, "2026-12-02T12:00:00-05:00", "b-3", here).await;
    let wait: i64 = fourth.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((590..=600).contains(&wait), "{wait}");
    expect_error(fourth, StatusCode::TOO_MANY_REQUESTS, "too_many_holds").await;
    // A browser that already holds a time may choose another: its hold is replaced.
    assert_eq!(hold_from(&app, "2026-12-02T12:00:00-05:00", "b-0", here).await.status(), StatusCode::CREATED);
    // Another address is not affected.
    assert_eq!(
        hold_from(&app, "2026-12-02T12:00:00-05:00", "b-9", there).await.status(),
        StatusCode::CREATED
    );
    // A released hold, or an expired one, makes room.
    app.client.delete(format!("{}/api/v1/holds/{}", app.base, holds[1])).send().await.unwrap();
    assert_eq!(hold_from(&app, "2026-12-02T13:00:00-05:00", "b-3", here).await.status(), StatusCode::CREATED);
    assert_eq!(
        hold_from(&app, "2026-12-02T14:00:00-05:00", "b-4", here).await.status(),
        StatusCode::TOO_MANY_REQUESTS
    );
    app.clock.advance(Duration::minutes(10));
    assert_eq!(hold_from(&app, "2026-12-02T14:00:00-05:00", "b-4", here).await.status(), StatusCode::CREATED);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn holds_of_one_address_racing_never_exceed_its_limit() {
    let app = &TestApp::spawn_with(citas_server::config::DEFAULT_CONFIG).await;
    let requests = (0..10).map(|n| {
        let start = format!("2026-12-02T{:02}:00:00-05:00", 8 + n % 8);
        let request = hold_request(&start, Some(&format!("racer-{n}")));
        async move { app.post("/api/v1/holds", &request).await.status() }
    });
    let statuses = join_all(requests).await;
    let created = statuses.iter().filter(|s| **s == StatusCode::CREATED).count();
    let refused = statuses.iter().filter(|s| **s == StatusCode::TOO_MANY_REQUESTS).count();
    assert_eq!((created, refused), (3, 7), "{statuses:?}");
}
