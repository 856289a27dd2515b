//! What every answer carries and what keeps one client from taking the server down: security
//! headers, a limit on bodies, a deadline per request, a limit of requests in flight that sheds
//! the rest, and a handler's panic answered like any other failure.

use crate::config::Site;
use crate::error::ApiError;
use axum::BoxError;
use axum::http::HeaderValue;
use axum::response::{IntoResponse, Response};
use citas_domain::api::ErrorCode;
use std::any::Any;

/// The largest body a JSON route reads. A booking, the largest request, is well under 1 KiB
/// even with every field at its longest.
pub const JSON_BODY_LIMIT: usize = 4 * 1024;

/// The app uses none of the browser's powerful features: nothing embedded in it may either.
pub const PERMISSIONS_POLICY: &str = "camera=(), geolocation=(), microphone=(), payment=(), usb=()";

/// A window the app opens, or that opens it, cannot reach into it (cross-window attacks).
pub const CROSS_ORIGIN_OPENER_POLICY: &str = "same-origin";

/// Browsers that have seen the site over https come back only over https, for a year. Only when
/// the configuration says the site is served so: over plain http the header would be ignored
/// at best, and would lock out a site that later loses its certificate.
pub fn strict_transport_security(site: &Site) -> Option<HeaderValue> {
    site.https.then(|| HeaderValue::from_static("max-age=31536000"))
}

/// A request shed because too many are in flight, or not answered in time: 503 `busy`, with
/// `Retry-After`.
pub async fn overloaded(error: BoxError) -> Response {
    if error.is::<tower::load_shed::error::Overloaded>() {
        tracing::warn!("too many requests in flight: one shed");
    } else if error.is::<tower::timeout::error::Elapsed>() {
        tracing::warn!("a request ran out of time");
    } else {
        tracing::error!(error = %error, "a request failed in the server's layers");
        return ApiError::new(ErrorCode::Internal).into_response();
    }
    ApiError::new(ErrorCode::Busy).into_response()
}

/// A handler that panicked: the usual 500 answer rather than a dropped connection. The panic's
/// message is not logged here (the panic hook prints it): it could quote the request.
pub fn panicked(_: Box<dyn Any + Send + 'static>) -> Response {
    tracing::error!("a request's handler panicked");
    ApiError::new(ErrorCode::Internal).into_response()
}
