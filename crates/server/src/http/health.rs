use super::{AppState, Json};
use axum::extract::State;
use serde_json::{Value, json};

/// Liveness: the process answers HTTP.
pub async fn healthz(State(_): State<AppState>) -> Json<Value> {
    Json(json!({ "status": "ok" }))
}
