//! Rate limits per client address, with the defaults: a script repeating holds, bookings or
//! guesses from one address is slowed to a citizen's pace; other addresses are not.

use crate::helpers::*;
use citas_server::config::DEFAULT_CONFIG;
use reqwest::{Response, StatusCode};
use serde_json::json;

async fn lookup_from(app: &TestApp, n: usize, forwarded_for: Option<&str>) -> Response {
    let code = format!("2345-67{:02}", n % 100).replace('0', "A").replace('1', "B");
    let url = format!("{}/api/v1/appointments/{code}/lookup", app.base);
    let mut request = app.client.post(url).json(&json!({"document": {"kind": "CC", "number": "52345678"}}));
    if let Some(address) = forwarded_for {
        request = request.header("X-Forwarded-For", address);
    }
    request.send().await.unwrap()
}

async fn expect_limited(response: Response) {
    let wait: u64 = response.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=60).contains(&wait), "{wait}");
    let error = expect_error(response, StatusCode::TOO_MANY_REQUESTS, "too_many_requests").await;
    assert!(error["message"].as_str().unwrap().contains("Espere"), "{error}");
}

#[tokio::test]
async fn lookups_and_changes_from_one_address_are_limited() {
    let app = TestApp::spawn_with(DEFAULT_CONFIG).await;
    for n in 0..10 {
        assert_eq!(lookup_from(&app, n, None).await.status(), StatusCode::NOT_FOUND, "{n}");
    }
    let proof = json!({"document": {"kind": "CC", "number": "52345678"}});
    expect_limited(app.post("/api/v1/appointments/2345-6789/cancel", &proof).await).await;
    // In English when asked.
    let url = format!("{}/api/v1/appointments/2345-6789/lookup", app.base);
    let english = app.client.post(url).header("Accept-Language", "en").json(&proof).send().await.unwrap();
    let error = expect_error(english, StatusCode::TOO_MANY_REQUESTS, "too_many_requests").await;
    assert!(error["message"].as_str().unwrap().starts_with("We received many requests"), "{error}");
    // What everyone reads is not limited.
    for _ in 0..30 {
        assert_eq!(app.get("/api/v1/offices/bogota/availability").await.status(), StatusCode::OK);
    }
}

#[tokio::test]
async fn bookings_from_one_address_are_limited() {
    let app = TestApp::spawn_with(DEFAULT_CONFIG).await;
    for n in 0..5 {
        let start = format!("2026-12-02T{:02}:00:00-05:00", 9 + n);
        let booked = app.book(&booking(&start, &format!("5234567{n}"))).await;
        assert_eq!(booked.status(), StatusCode::CREATED, "{n}");
    }
    expect_limited(app.book(&booking("2026-12-03T09:00:00-05:00", "52345670")).await).await;
}

#[tokio::test]
async fn holds_from_one_address_are_limited() {
    let app = TestApp::spawn_with(DEFAULT_CONFIG).await;
    let hold = json!({"office": "bogota", "service": "dudas", "start": "2026-12-02T09:00:00-05:00", "client": "b-1"});
    // Solved first: the limit lets one more hold through every few seconds.
    let mut proofs = Vec::new();
    for _ in 0..21 {
        proofs.push(app.proof().await);
    }
    let hold_with = |proof: String| {
        app.client.post(format!("{}/api/v1/holds", app.base)).header("Altcha", proof).json(&hold).send()
    };
    let last = proofs.pop().unwrap();
    for (n, proof) in proofs.into_iter().enumerate() {
        assert_eq!(hold_with(proof).await.unwrap().status(), StatusCode::CREATED, "{n}");
    }
    expect_limited(hold_with(last).await.unwrap()).await;
}

#[tokio::test]
async fn forwarded_for_names_the_client_only_behind_a_trusted_proxy() {
    let config = DEFAULT_CONFIG.replace("changes_per_minute = 10", "changes_per_minute = 2");
    // Not a trusted proxy: the header is anyone's to write, and is ignored.
    let app = TestApp::spawn_with(&config).await;
    for (n, address) in ["198.51.100.1", "198.51.100.2"].iter().enumerate() {
        assert_eq!(lookup_from(&app, n, Some(address)).await.status(), StatusCode::NOT_FOUND);
    }
    expect_limited(lookup_from(&app, 2, Some("198.51.100.3")).await).await;

    // Behind a trusted proxy (the test itself), each forwarded address is a client of its own.
    let app =
        TestApp::spawn_with(&config.replace("trusted_proxies = []", "trusted_proxies = [\"127.0.0.1\"]"))
            .await;
    for n in 0..2 {
        assert_eq!(lookup_from(&app, n, Some("198.51.100.1")).await.status(), StatusCode::NOT_FOUND);
    }
    expect_limited(lookup_from(&app, 2, Some("198.51.100.1")).await).await;
    assert_eq!(lookup_from(&app, 3, Some("198.51.100.2")).await.status(), StatusCode::NOT_FOUND);
}
