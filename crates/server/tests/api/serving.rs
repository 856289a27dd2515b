//! Operating it: readiness, metrics, caching of availability and of the built client, stopping.

use crate::helpers::*;
use reqwest::StatusCode;
use reqwest::header::{ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING, ETAG, IF_NONE_MATCH, VARY};
use serde_json::Value;
use std::io::Read;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

#[tokio::test]
async fn ready_when_the_database_answers() {
    let app = TestApp::spawn().await;
    let response = app.get("/readyz").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(json_of(response).await["status"], "ready");
}

#[tokio::test]
async fn metrics_count_requests_bookings_and_refusals_by_route_and_code_on_their_own_address() {
    let app = TestApp::spawn_with(&one_desk_config()).await;
    let start = "2026-12-03T09:00:00-05:00";
    let booked = app.book(&booking(start, "52345678")).await;
    assert_eq!(booked.status(), StatusCode::CREATED);
    let code = json_of(booked).await["code"].as_str().unwrap().to_owned();
    expect_error(app.book(&booking(start, "79876543")).await, StatusCode::CONFLICT, "slot_full").await;
    let proof = serde_json::json!({ "document": { "kind": "CC", "number": "52345678" } });
    assert_eq!(
        app.post(&format!("/api/v1/appointments/{code}/lookup"), &proof).await.status(),
        StatusCode::OK
    );
    // Not on the public address: only on its own.
    assert_eq!(app.get("/metrics").await.status(), StatusCode::NOT_FOUND);
    let response = app.client.get(format!("{}/metrics", app.metrics_base)).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let text = response.text().await.unwrap();
    for expected in [
        r#"citas_bookings_total{office="bogota"}"#,
        r#"citas_refusals_total{code="slot_full"}"#,
        r#"http_requests_total{method="POST",route="/api/v1/appointments",status="201"}"#,
        r#"http_request_duration_seconds_bucket{method="POST",route="/api/v1/appointments",le="0.1"}"#,
    ] {
        assert!(text.contains(expected), "{expected} missing from\n{text}");
    }
    // Routes are patterns: no appointment code ever becomes a label.
    assert!(text.contains(r#"route="/api/v1/appointments/{code}/lookup""#), "{text}");
    assert!(!text.contains(&code) && !text.contains(&code.replace('-', "")), "{text}");
}

#[tokio::test]
async fn availability_revalidates_with_an_etag_and_lets_a_cdn_hold_it_briefly() {
    let app = TestApp::spawn().await;
    let url = format!("{}/api/v1/offices/cali/availability?from=2026-12-02&to=2026-12-04", app.base);
    let first = app.client.get(&url).send().await.unwrap();
    assert_eq!(first.headers()[CACHE_CONTROL], "public, max-age=0, s-maxage=5");
    let etag = first.headers()[ETAG].to_str().unwrap().to_owned();
    let again = app.client.get(&url).header(IF_NONE_MATCH, &etag).send().await.unwrap();
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
    // A booking changes the seats, so the ETag.
    let mut body = booking("2026-12-03T09:00:00-05:00", "52345678");
    body["office"] = serde_json::json!("cali");
    assert_eq!(app.book(&body).await.status(), StatusCode::CREATED);
    let changed = app.client.get(&url).header(IF_NONE_MATCH, &etag).send().await.unwrap();
    assert_eq!(changed.status(), StatusCode::OK);
    assert_ne!(changed.headers()[ETAG].to_str().unwrap(), etag);
}

/// What a browser sends; reqwest without its decompression features leaves bodies alone.
const BROWSER: &str = "gzip, deflate, br, zstd";

fn decoded(encoding: Option<&str>, body: &[u8]) -> Value {
    let mut json = Vec::new();
    match encoding {
        Some("br") => brotli::Decompressor::new(body, 4096).read_to_end(&mut json).unwrap(),
        Some("gzip") => flate2::read::GzDecoder::new(body).read_to_end(&mut json).unwrap(),
        None => return serde_json::from_slice(body).unwrap(),
        Some(other) => panic!("unexpected encoding {other}"),
    };
    serde_json::from_slice(&json).unwrap()
}

/// The office list and availability, which every browser asks for, come compressed as the
/// browser accepts and say so, decoding to the same JSON as without compression.
#[tokio::test]
async fn shared_answers_come_in_the_encoding_the_browser_takes() {
    let app = TestApp::spawn().await;
    for path in ["/api/v1/offices", "/api/v1/offices/cali/availability?from=2026-12-02&to=2026-12-04"] {
        let url = format!("{}{path}", app.base);
        let plain = json_of(app.client.get(&url).send().await.unwrap()).await;
        for (accept, expected) in [
            (BROWSER, Some("br")),
            ("gzip", Some("gzip")),
            ("br;q=0, gzip", Some("gzip")),
            ("identity", None),
        ] {
            let response = app.client.get(&url).header(ACCEPT_ENCODING, accept).send().await.unwrap();
            assert_eq!(response.status(), StatusCode::OK);
            assert_eq!(response.headers()[VARY], "accept-encoding", "{path} {accept}");
            let encoding = response.headers().get(CONTENT_ENCODING).map(|v| v.to_str().unwrap().to_owned());
            assert_eq!(encoding.as_deref(), expected, "{path} {accept}");
            let body = decoded(encoding.as_deref(), &response.bytes().await.unwrap());
            // Availability says the instant it was computed at; the seats must be the same.
            match plain.get("days") {
                Some(days) => assert_eq!(&body["days"], days, "{path} {accept}"),
                None => assert_eq!(body, plain, "{path} {accept}"),
            }
        }
    }
}

/// Below 1 KiB compression saves nothing worth its CPU: a booking's answer goes as it is,
/// a larger answer is still compressed.
#[tokio::test]
async fn small_answers_are_not_compressed() {
    let app = TestApp::spawn().await;
    let body = booking("2026-12-03T09:00:00-05:00", "52345678");
    let booked = app
        .client
        .post(format!("{}/api/v1/appointments", app.base))
        .header(ACCEPT_ENCODING, BROWSER)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(booked.status(), StatusCode::CREATED);
    assert!(booked.headers().get(CONTENT_ENCODING).is_none());
    assert_eq!(decoded(None, &booked.bytes().await.unwrap())["status"], "booked");
    let office =
        app.client.get(format!("{}/api/v1/offices/pasto", app.base)).header(ACCEPT_ENCODING, BROWSER);
    let office = office.send().await.unwrap();
    assert_eq!(office.headers()[CONTENT_ENCODING], "br");
    assert_eq!(decoded(Some("br"), &office.bytes().await.unwrap())["id"], "pasto");
}

#[tokio::test]
async fn the_built_client_is_sent_precompressed_and_cached_by_name() {
    let dist = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| std::fs::write(dist.path().join(name), text).unwrap();
    write("index.html", "<!doctype html><title>citas</title>");
    write("index.html.br", "brotli of index");
    // xtask puts the wasm and its parts under pkg-<hash>/.
    std::fs::create_dir(dist.path().join("pkg-0123456789abcdef")).unwrap();
    write("pkg-0123456789abcdef/citas_bg.wasm", "wasm");
    write("pkg-0123456789abcdef/citas_bg.wasm.br", "brotli of wasm");
    write("pkg-0123456789abcdef/citas_bg.wasm.gz", "gzip of wasm");
    write("sw.js", "const VERSION = '__CITAS_VERSION__'; const ASSETS = __CITAS_ASSETS__;");
    let app = TestApp::spawn_serving(&test_config(), Some(dist.path().to_owned())).await;
    // reqwest without its decompression features sends what we ask and leaves bodies alone.
    let get = |path: &str, encoding: &str| {
        app.client.get(format!("{}{path}", app.base)).header(ACCEPT_ENCODING, encoding.to_owned()).send()
    };

    let wasm = get("/pkg-0123456789abcdef/citas_bg.wasm", "gzip, br").await.unwrap();
    assert_eq!(wasm.headers()[CONTENT_ENCODING], "br");
    assert_eq!(wasm.headers()[CACHE_CONTROL], "public, max-age=31536000, immutable");
    assert_eq!(wasm.text().await.unwrap(), "brotli of wasm");
    let gzip = get("/pkg-0123456789abcdef/citas_bg.wasm", "gzip").await.unwrap();
    assert_eq!(gzip.headers()[CONTENT_ENCODING], "gzip");

    // A wizard route is index.html, never cached without revalidation.
    let page = get("/agendar/fecha", "br").await.unwrap();
    assert_eq!(page.headers()[CACHE_CONTROL], "no-cache");
    assert_eq!(page.text().await.unwrap(), "brotli of index");

    // The service worker lists the build's files (not their compressed copies) and its version.
    let worker = get("/sw.js", "identity").await.unwrap();
    assert_eq!(worker.headers()[CACHE_CONTROL], "no-cache");
    let worker = worker.text().await.unwrap();
    assert!(worker.contains(r#"["/index.html","/pkg-0123456789abcdef/citas_bg.wasm"]"#), "{worker}");
    assert!(!worker.contains("__CITAS_"));
}

/// A deploy stops instances while citizens are booking: a booking already on its way must be
/// answered and stored, not cut off.
#[tokio::test]
async fn stopping_answers_a_booking_in_flight_first() {
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let (app, server) = TestApp::start(&test_config(), None, async {
        let _ = stopped.await;
    })
    .await;
    let body = serde_json::to_vec(&booking("2026-12-03T09:00:00-05:00", "52345678")).unwrap();
    let (first_half, second_half) = body.split_at(body.len() / 2);
    let addr = app.base.trim_start_matches("http://").to_owned();
    let mut conn = tokio::net::TcpStream::connect(&addr).await.unwrap();
    let head = format!(
        "POST /api/v1/appointments HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    conn.write_all(head.as_bytes()).await.unwrap();
    conn.write_all(first_half).await.unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;

    stop.send(()).unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(!server.is_finished(), "the server ended with a request half received");

    conn.write_all(second_half).await.unwrap();
    let mut response = String::new();
    conn.read_to_string(&mut response).await.unwrap();
    assert!(response.starts_with("HTTP/1.1 201"), "{response}");
    tokio::time::timeout(Duration::from_secs(10), server)
        .await
        .expect("the server ends once the request in flight is answered")
        .unwrap()
        .unwrap();
    let stored: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM appointments").fetch_one(&app.db).await.unwrap();
    assert_eq!(stored, 1);
}

#[tokio::test]
async fn only_the_builds_own_inline_scripts_may_run() {
    let dist = tempfile::tempdir().unwrap();
    let page = "<!doctype html><script>start()</script><noscript><style>p{}</style></noscript>";
    std::fs::write(dist.path().join("index.html"), page).unwrap();
    let app = TestApp::spawn_serving(&test_config(), Some(dist.path().to_owned())).await;
    let policy =
        app.get("/agendar/fecha").await.headers()["content-security-policy"].to_str().unwrap().to_owned();
    // sha256 of "start()" and of "p{}", base64.
    let script = "'sha256-DIm7WJS6ZKDYe5qFLPy+h4JFI9Bol5QmYC57mt3Fb00='";
    let style = "'sha256-gG2yISYereRMiG2lMXrbiUgi0Ubw9p7QCeWcroOvy9Y='";
    assert!(policy.starts_with("default-src 'self'; "), "{policy}");
    assert!(policy.contains(&format!("script-src 'self' 'wasm-unsafe-eval' {script};")), "{policy}");
    assert!(policy.contains(&format!("style-src 'self' {style};")), "{policy}");
    for directive in ["object-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'self'"]
    {
        assert!(policy.contains(directive), "{directive}: {policy}");
    }
    assert!(!policy.contains("unsafe-inline"), "{policy}");
    // API answers carry the same policy.
    assert_eq!(app.get("/api/v1/offices").await.headers()["content-security-policy"], policy.as_str());
}

#[tokio::test]
async fn the_openapi_document_is_served_as_docs_keeps_it() {
    let app = TestApp::spawn().await;
    let response = app.get("/api/v1/openapi.json").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "application/json");
    let served = response.text().await.unwrap();
    let kept =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/openapi.json")).unwrap();
    assert_eq!(served, kept);
    let document: Value = serde_json::from_str(&served).unwrap();
    assert_eq!(document["openapi"], "3.1.0");
}
