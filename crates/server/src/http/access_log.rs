//! The access log: one line at info per request, with its method, route pattern, status,
//! latency and client address. Never the path itself, the query or the body, where a code,
//! a date range or a document would be: the route is the pattern the router matched
//! (`/api/v1/appointments/{code}/lookup`), `-` for what no route matched (the built client's
//! files, a refusal before routing).

use super::client_address::ClientAddresses;
use super::metrics::method_label;
use axum::extract::{ConnectInfo, MatchedPath};
use axum::http::Request;
use axum::response::Response;
use pin_project_lite::pin_project;
use std::net::{IpAddr, SocketAddr};
use std::pin::Pin;
use std::task::{Context, Poll, ready};
use std::time::Instant;
use tower::{Layer, Service};

#[derive(Clone)]
pub struct AccessLog {
    addresses: ClientAddresses,
}

impl AccessLog {
    pub fn new(addresses: ClientAddresses) -> AccessLog {
        AccessLog { addresses }
    }
}

impl<S> Layer<S> for AccessLog {
    type Service = Logging<S>;

    fn layer(&self, inner: S) -> Logging<S> {
        Logging { inner, addresses: self.addresses.clone() }
    }
}

#[derive(Clone)]
pub struct Logging<S> {
    inner: S,
    addresses: ClientAddresses,
}

impl<S, B> Service<Request<B>> for Logging<S>
where
    S: Service<Request<B>, Response = Response>,
{
    type Response = Response;
    type Error = S::Error;
    type Future = Logged<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<B>) -> Logged<S::Future> {
        // Nothing to find out when the line would not be written (a bench runs at warn).
        let line = tracing::enabled!(target: "access", tracing::Level::INFO).then(|| {
            let peer = request.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0);
            (method_label(request.method()), self.addresses.of(request.headers(), peer), Instant::now())
        });
        Logged { inner: self.inner.call(request), line }
    }
}

pin_project! {
    /// A request's answer on its way, with what its log line needs.
    pub struct Logged<F> {
        #[pin]
        inner: F,
        line: Option<(&'static str, IpAddr, Instant)>,
    }
}

impl<F, E> Future for Logged<F>
where
    F: Future<Output = Result<Response, E>>,
{
    type Output = Result<Response, E>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let answer = ready!(this.inner.poll(cx));
        if let (Ok(response), Some((method, client, started))) = (&answer, this.line.take()) {
            let route = response.extensions().get::<MatchedPath>().map_or("-", MatchedPath::as_str);
            tracing::info!(
                target: "access",
                method,
                route,
                status = response.status().as_u16(),
                latency_ms = started.elapsed().as_secs_f64() * 1000.0,
                %client,
            );
        }
        Poll::Ready(answer)
    }
}
