//! Prometheus `/metrics`: requests and their latency per route, bookings, holds, and every
//! refusal by its code (slot_full, document_has_appointment, hold_expired, …).

use axum::extract::MatchedPath;
use axum::http::{Method, Request, StatusCode};
use axum::response::{IntoResponse, Response};
use metrics::{Counter, Histogram};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use pin_project_lite::pin_project;
use std::cell::RefCell;
use std::collections::HashMap;
use std::pin::Pin;
use std::sync::OnceLock;
use std::task::{Context, Poll, ready};
use std::time::{Duration, Instant};
use tower::{Layer, Service};

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

/// The router of the metrics' own address: /metrics and nothing else.
pub fn router() -> axum::Router {
    init();
    axum::Router::new().route("/metrics", axum::routing::get(render))
}

async fn render() -> impl IntoResponse {
    ([(axum::http::header::CONTENT_TYPE, "text/plain; version=0.0.4")], handle().render())
}

/// Counts and times every request by its route pattern (never the raw path, which would hold
/// appointment codes). A layer of its own rather than `middleware::from_fn`, with the metrics'
/// handles kept per thread: this runs for every request, where from_fn's boxed future and
/// clone of the route, and the recorder's lookup of every label set, would cost a visible
/// share of the server's CPU time.
#[derive(Clone, Copy, Default)]
pub struct Track;

impl<S> Layer<S> for Track {
    type Service = Tracking<S>;

    fn layer(&self, inner: S) -> Tracking<S> {
        Tracking { inner }
    }
}

#[derive(Clone)]
pub struct Tracking<S> {
    inner: S,
}

impl<S, B> Service<Request<B>> for Tracking<S>
where
    S: Service<Request<B>, Response = Response>,
{
    type Response = Response;
    type Error = S::Error;
    type Future = Tracked<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<B>) -> Tracked<S::Future> {
        let route = request.extensions().get::<MatchedPath>().cloned();
        let method = method_label(request.method());
        Tracked { inner: self.inner.call(request), route, method, started: Instant::now() }
    }
}

pin_project! {
    /// A request's answer on its way, with what its metrics need.
    pub struct Tracked<F> {
        #[pin]
        inner: F,
        route: Option<MatchedPath>,
        method: &'static str,
        started: Instant,
    }
}

impl<F, E> Future for Tracked<F>
where
    F: Future<Output = Result<Response, E>>,
{
    type Output = Result<Response, E>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let mut answer = ready!(this.inner.poll(cx));
        if let Ok(response) = &mut answer {
            let route = this.route.as_ref().map_or("other", MatchedPath::as_str);
            record(route, this.method, response.status(), this.started.elapsed());
            // For the access log, outside the router.
            if let Some(route) = this.route.take() {
                response.extensions_mut().insert(route);
            }
        }
        Poll::Ready(answer)
    }
}

/// The metrics of one route, method and status.
struct Handles {
    method: &'static str,
    status: StatusCode,
    requests: Counter,
    duration: Histogram,
}

thread_local! {
    /// Per route pattern, the handles this thread has used: the recorder finds a metric by
    /// hashing and comparing all its labels, so that is done once per thread, not per request.
    static HANDLES: RefCell<HashMap<String, Vec<Handles>>> = RefCell::default();
}

fn record(route: &str, method: &'static str, status: StatusCode, took: Duration) {
    HANDLES.with_borrow_mut(|routes| {
        if !routes.contains_key(route) {
            routes.insert(route.to_owned(), Vec::new());
        }
        let seen = routes.get_mut(route).expect("inserted above");
        let handles = match seen.iter().position(|h| h.method == method && h.status == status) {
            Some(at) => &seen[at],
            None => {
                seen.push(Handles {
                    method,
                    status,
                    requests: metrics::counter!("http_requests_total",
                        "method" => method, "route" => route.to_owned(), "status" => status.as_str().to_owned()),
                    duration: metrics::histogram!("http_request_duration_seconds",
                        "method" => method, "route" => route.to_owned()),
                });
                seen.last().expect("pushed above")
            }
        };
        handles.requests.increment(1);
        handles.duration.record(took.as_secs_f64());
    });
}

/// The methods the API answers, as static labels; any other is "other".
pub(super) fn method_label(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::POST => "POST",
        Method::DELETE => "DELETE",
        Method::HEAD => "HEAD",
        _ => "other",
    }
}
