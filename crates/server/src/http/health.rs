use super::{AppState, Json};
use axum::extract::State;
use axum::http::StatusCode;
use serde_json::{Value, json};

/// Liveness: the process answers HTTP.
pub async fn healthz(State(_): State<AppState>) -> Json<Value> {
    Json(json!({ "status": "ok" }))
}

/// Readiness: the database answers too, and has room to write. A load balancer sends no
/// traffic to an instance that cannot book.
pub async fn readyz(State(app): State<AppState>) -> (StatusCode, Json<Value>) {
    if !app.store.ping().await {
        (StatusCode::SERVICE_UNAVAILABLE, Json(json!({ "status": "database unreachable" })))
    } else if !app.store.has_room() {
        (StatusCode::SERVICE_UNAVAILABLE, Json(json!({ "status": "disk full" })))
    } else {
        (StatusCode::OK, Json(json!({ "status": "ready" })))
    }
}
