//! Prometheus `/metrics`: requests and their latency per route, bookings, holds, and every
//! refusal by its code (slot_full, document_has_appointment, hold_expired, …).

use axum::extract::{MatchedPath, Request};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

/// One recorder per process (tests run many servers in one).
fn handle() -> &'static PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE.get_or_init(|| {
        let handle = PrometheusBuilder::new()
            .set_buckets_for_metric(
                Matcher::Full("http_request_duration_seconds".into()),
                &[0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5],
            )
            .expect("valid buckets")
            .install_recorder()
            .expect("the only metrics recorder");
        // The recorder keeps every latency sample until upkeep folds them into the buckets;
        // without it memory grows with every request until someone scrapes /metrics. A thread
        // of its own, not a task: it must outlive whichever runtime asked first (tests).
        let upkeep = handle.clone();
        std::thread::Builder::new()
            .name("metrics-upkeep".into())
            .spawn(move || {
                loop {
                    std::thread::sleep(UPKEEP_EVERY);
                    upkeep.run_upkeep();
                }
            })
            .expect("a thread for metrics upkeep");
        handle
    })
}

/// What the exporter's own `install` would use.
const UPKEEP_EVERY: Duration = Duration::from_secs(5);

/// Installs the recorder before the first request is counted.
pub fn init() {
    handle();
}

pub async fn render() -> impl IntoResponse {
    ([(axum::http::header::CONTENT_TYPE, "text/plain; version=0.0.4")], handle().render())
}

/// Middleware: counts and times every request by its route pattern (never the raw path,
/// which would hold appointment codes).
pub async fn track(request: Request, next: Next) -> Response {
    // Labels are made once per request and shared by both metrics: this runs for every
    // request, and allocations here showed in the availability benchmark.
    let route: Arc<str> = request.extensions().get::<MatchedPath>().map_or("other", |p| p.as_str()).into();
    let method = method_label(request.method());
    let started = Instant::now();
    let response = next.run(request).await;
    let status = response.status().as_u16().to_string();
    metrics::counter!("http_requests_total", "method" => method, "route" => route.clone(), "status" => status)
        .increment(1);
    metrics::histogram!("http_request_duration_seconds", "method" => method, "route" => route)
        .record(started.elapsed().as_secs_f64());
    response
}

/// The methods the API answers, as static labels; any other is "other".
fn method_label(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::POST => "POST",
        Method::DELETE => "DELETE",
        Method::HEAD => "HEAD",
        _ => "other",
    }
}
