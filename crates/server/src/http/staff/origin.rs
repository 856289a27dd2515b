//! Officials' requests that change something must come from this site's own pages: a browser
//! sends `Origin` with every such request, and a page elsewhere that tries to use an official's
//! session (cross-site request forgery) names its own. SameSite=Strict keeps the cookie from
//! being sent cross-site already; this is the second lock. Reads (GET, HEAD) change nothing.

use crate::error::ApiError;
use crate::http::AppState;
use axum::extract::{Request, State};
use axum::http::{Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use citas_domain::api::ErrorCode;

pub async fn same_origin(State(app): State<AppState>, request: Request, next: Next) -> Response {
    let reads = matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if reads || from_here(&request, app.site.https) {
        return next.run(request).await;
    }
    ApiError::new(ErrorCode::OriginRefused).into_response()
}

/// Whether `Origin` names the host the request was sent to (`Host`), over https when the site
/// is served over https.
fn from_here(request: &Request, https: bool) -> bool {
    let header = |name| request.headers().get(name).and_then(|v| v.to_str().ok());
    let (Some(origin), Some(host)) = (header(header::ORIGIN), header(header::HOST)) else { return false };
    let Some((scheme, authority)) = origin.split_once("://") else { return false };
    let scheme_ok = scheme == "https" || (!https && scheme == "http");
    scheme_ok && authority.eq_ignore_ascii_case(host)
}
