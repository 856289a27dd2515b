//! Routes of the HTTP API — the table of contents of the server.

mod access_log;
mod alternatives;
mod answers;
mod appointments;
mod availability;
pub(crate) mod client_address;
mod content_security;
mod encoded;
mod hardening;
mod health;
mod holds;
pub(crate) mod language;
pub mod metrics;
mod offices;
mod openapi;
pub mod proof_of_work;
mod rate_limits;
pub mod staff;
mod static_files;
mod waitlist;

use crate::clock::Clock;
use crate::config::{Abuse, Config, Privacy, Site, Staff, Waitlist};
use crate::error::ApiError;
use crate::store::{Sessions, Store};
use axum::Router;
use axum::error_handling::HandleErrorLayer;
use axum::extract::{DefaultBodyLimit, FromRequest, FromRequestParts};
use axum::http::{HeaderName, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, delete, get, post};
use citas_domain::catalog::Catalog;
use serde::Serialize;
use std::path::Path;
use std::sync::Arc;
use tower::ServiceBuilder;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::compression::predicate::{NotForContentType, Predicate, SizeAbove};
use tower_http::set_header::SetResponseHeaderLayer;

/// What every handler can reach. One shared allocation: axum clones the state several times
/// per request, and one reference count is cheaper to move between cores than one per field.
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

pub struct Shared {
    pub store: Store,
    pub catalog: Catalog,
    pub site: Site,
    pub abuse: Abuse,
    pub staff: Staff,
    pub privacy: Privacy,
    pub waitlist: Waitlist,
    pub clock: Clock,
    sessions: Sessions,
    /// What each official's account may do for citizens per minute.
    assisted: rate_limits::PerAccount,
    proof_key: proof_of_work::ProofKey,
    client_addresses: client_address::ClientAddresses,
    answers: answers::Answers,
    offices: encoded::Encoded,
}

impl std::ops::Deref for AppState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}

impl AppState {
    /// What the handlers share; the officials' sessions' table is made if missing.
    pub async fn new(store: Store, config: Config, clock: Clock) -> anyhow::Result<AppState> {
        let Config { catalog, site, abuse, staff, mail: _, privacy, waitlist } = config;
        let sessions = store.sessions(std::time::Duration::from_secs(600)).await?;
        let offices = offices::catalogue(&catalog);
        let answers = answers::Answers::default();
        let client_addresses = client_address::ClientAddresses::new(&abuse.trusted_proxies);
        let proof_key = proof_of_work::ProofKey::from_environment();
        let assisted = rate_limits::PerAccount::new(&abuse, staff.assisted_per_minute);
        Ok(AppState(Arc::new(Shared {
            store,
            catalog,
            site,
            abuse,
            staff,
            privacy,
            waitlist,
            clock,
            sessions,
            assisted,
            proof_key,
            client_addresses,
            answers,
            offices,
        })))
    }
}

impl Shared {
    /// What the waiting list's rounds of offers work with (`crate::waitlist`).
    pub fn offering(&self) -> crate::waitlist::Offering {
        crate::waitlist::Offering {
            store: self.store.clone(),
            catalog: std::sync::Arc::new(self.catalog.clone()),
            waitlist: self.waitlist.clone(),
            abuse: self.abuse.clone(),
            clock: self.clock.clone(),
        }
    }

    /// Called after any change to an office's seats (booked, held, released, moved).
    fn seats_changed(&self, office: &str) {
        self.answers.forget(office);
    }
}

pub fn router(state: AppState, static_dir: Option<&Path>) -> Router {
    metrics::init();
    let holding = Router::new()
        .route("/api/v1/holds", post(holds::create))
        .route("/api/v1/offers/{offer}", get(waitlist::offer));
    let booking = Router::new()
        .route("/api/v1/appointments", post(appointments::create))
        .route("/api/v1/waitlist", post(waitlist::join));
    let changing = Router::new()
        .route("/api/v1/appointments/{code}/lookup", post(appointments::lookup))
        .route("/api/v1/appointments/{code}/reschedule", post(appointments::reschedule))
        .route("/api/v1/appointments/{code}/cancel", post(appointments::cancel))
        .route("/api/v1/appointments/{code}/data", post(appointments::data))
        .route("/api/v1/appointments/{code}/erase", post(appointments::erase))
        .route("/api/v1/waitlist/{code}/lookup", post(waitlist::lookup))
        .route("/api/v1/waitlist/{code}/leave", post(waitlist::leave));
    let (holding, booking, changing) = match rate_limits::rate_limits(&state.abuse, &state.client_addresses) {
        Some(limits) => (
            holding.route_layer(limits.holds),
            booking.route_layer(limits.bookings),
            changing.route_layer(limits.changes),
        ),
        None => (holding, booking, changing),
    };
    // Answers that carry a citizen's name, contact or document: no cache may keep them.
    let personal = booking.merge(changing).layer(SetResponseHeaderLayer::overriding(
        header::CACHE_CONTROL,
        HeaderValue::from_static("no-store"),
    ));
    let app = Router::new()
        .route("/api/v1/offices", get(offices::list))
        .route("/api/v1/offices/{office}", get(offices::show))
        .route("/api/v1/offices/{office}/availability", get(availability::show))
        .route("/api/v1/offices/{office}/alternatives", get(alternatives::show))
        .route("/api/v1/settings", get(offices::settings))
        .route("/api/v1/challenge", get(proof_of_work::challenge))
        .route("/api/v1/openapi.json", get(openapi::serve))
        .merge(personal)
        .merge(holding)
        .merge(staff::routes(&state))
        .route("/api/v1/holds/{hold}", delete(holds::release))
        .route("/api/v1/holds/{hold}/extend", post(holds::extend))
        // The same as DELETE, for navigator.sendBeacon (which can only POST) as a page is left.
        .route("/api/v1/holds/{hold}/release", post(holds::release))
        .route("/api/v1/{*unknown}", any(api_not_found))
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route_layer(metrics::Track);
    let app = match static_dir {
        Some(dir) => app.merge(static_files::routes(dir)),
        None => app,
    };
    let policy = content_security::policy(&state.catalog, static_dir);
    around(app.with_state(state.clone()), policy, &state.site, &state.abuse, &state.client_addresses)
}

/// What every answer passes through, wrapped once around the whole router. Added with
/// `Router::layer` instead, each layer is boxed around every route, and the boxes are cloned
/// one inside the other for every request: dozens of allocations per request.
fn around(
    app: Router,
    content_security_policy: HeaderValue,
    site: &Site,
    abuse: &Abuse,
    addresses: &client_address::ClientAddresses,
) -> Router {
    let everything = ServiceBuilder::new()
        .layer(SetResponseHeaderLayer::overriding(header::CONTENT_SECURITY_POLICY, content_security_policy))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            HeaderName::from_static("permissions-policy"),
            HeaderValue::from_static(hardening::PERMISSIONS_POLICY),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            HeaderName::from_static("cross-origin-opener-policy"),
            HeaderValue::from_static(hardening::CROSS_ORIGIN_OPENER_POLICY),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::STRICT_TRANSPORT_SECURITY,
            hardening::strict_transport_security(site),
        ))
        .layer(CompressionLayer::new().compress_when(worth_compressing()))
        .layer(access_log::AccessLog::new(addresses.clone()))
        .layer(axum::middleware::from_fn(crate::error::localize))
        .layer(DefaultBodyLimit::max(hardening::JSON_BODY_LIMIT))
        .layer(HandleErrorLayer::new(hardening::overloaded))
        .load_shed()
        .concurrency_limit(abuse.max_requests_in_flight)
        .timeout(abuse.request_timeout())
        .layer(CatchPanicLayer::custom(hardening::panicked))
        .service(app);
    Router::new().fallback_service(everything)
}

/// 64-bit FNV-1a, for versions and ETags: the same on every instance for the same bytes
/// (std's hasher is seeded per process).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, b| (hash ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3))
}

async fn api_not_found() -> ApiError {
    ApiError::no_such_route()
}

/// What the compression layer compresses: what tower-http does by default, but only from
/// 1 KiB. A smaller answer (a booking, an error) saves a few hundred bytes at most and still
/// travels in one packet, while brotli's setup per response would cost more server CPU than
/// the booking itself. The large answers that many browsers
/// share are compressed once instead (`encoded`); the built client is compressed at build time.
fn worth_compressing() -> impl Predicate {
    SizeAbove::new(1024)
        .and(NotForContentType::GRPC)
        .and(NotForContentType::IMAGES)
        .and(NotForContentType::SSE)
}

/// `axum::Json`, answering malformed bodies with our error shape.
#[derive(FromRequest)]
#[from_request(via(axum::Json), rejection(ApiError))]
pub struct Json<T>(pub T);

impl<T: Serialize> IntoResponse for Json<T> {
    fn into_response(self) -> Response {
        axum::Json(self.0).into_response()
    }
}

/// `axum::extract::Query`, answering malformed queries with our error shape.
#[derive(FromRequestParts)]
#[from_request(via(axum::extract::Query), rejection(ApiError))]
pub struct Query<T>(pub T);

/// `axum::extract::Path`, answering malformed paths with our error shape.
#[derive(FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(ApiError))]
pub struct PathParam<T>(pub T);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{DEFAULT_CONFIG, parse_config};
    use axum::body::Body;
    use axum::http::{Request, StatusCode};
    use axum::routing::post;
    use tower::ServiceExt;

    #[tokio::test]
    async fn a_handler_that_panics_is_answered_500_with_the_usual_body() {
        let config = parse_config(DEFAULT_CONFIG).unwrap();
        async fn boom() -> &'static str {
            panic!("a bug")
        }
        let app = Router::new().route("/boom", get(boom));
        let app = around_by_default(app, &config);
        let request = Request::get("/boom").header("accept-language", "en").body(Body::empty()).unwrap();
        let response = app.oneshot(request).await.unwrap();
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(response.headers()[header::CONTENT_LANGUAGE], "en");
        let body = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
        let body: serde_json::Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(body["error"]["code"], "internal");
        assert!(body["error"]["message"].as_str().unwrap().contains("Contact Center"), "{body}");
    }

    /// `app` inside what every answer passes through, as the default configuration sets it.
    fn around_by_default(app: Router, config: &crate::config::Config) -> Router {
        let addresses = client_address::ClientAddresses::new(&[]);
        around(app, content_security::policy(&config.catalog, None), &config.site, &config.abuse, &addresses)
    }

    /// Log lines written while the test runs on this thread.
    #[derive(Clone, Default)]
    struct Lines(Arc<std::sync::Mutex<Vec<u8>>>);

    impl std::io::Write for Lines {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(bytes);
            Ok(bytes.len())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[tokio::test]
    async fn each_request_is_logged_with_its_route_status_and_client_never_its_path_or_body() {
        let lines = Lines::default();
        let writer = lines.clone();
        let subscriber =
            tracing_subscriber::fmt().with_writer(move || writer.clone()).with_ansi(false).finish();
        let _logging = tracing::subscriber::set_default(subscriber);
        let config = parse_config(DEFAULT_CONFIG).unwrap();
        async fn found() -> &'static str {
            "{}"
        }
        let app = Router::new()
            .route("/api/v1/appointments/{code}/lookup", post(found))
            .route_layer(metrics::Track);
        let app = around_by_default(app, &config);
        let mut request = Request::post("/api/v1/appointments/K7QX-M4PT/lookup")
            .body(Body::from(r#"{"document":{"kind":"CC","number":"52345678"}}"#))
            .unwrap();
        request
            .extensions_mut()
            .insert(axum::extract::ConnectInfo(std::net::SocketAddr::from(([198, 51, 100, 7], 4000))));
        assert_eq!(app.oneshot(request).await.unwrap().status(), StatusCode::OK);
        let logged = String::from_utf8(lines.0.lock().unwrap().clone()).unwrap();
        for expected in [
            "method=\"POST\"",
            "route=\"/api/v1/appointments/{code}/lookup\"",
            "status=200",
            "latency_ms=",
            "client=198.51.100.7",
        ] {
            assert!(logged.contains(expected), "{expected} missing from {logged}");
        }
        assert!(!logged.contains("K7QX") && !logged.contains("52345678"), "{logged}");
    }
}
