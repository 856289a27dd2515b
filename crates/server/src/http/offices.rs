use super::encoded::Encoded;
use super::{AppState, Json, PathParam};
use crate::error::ApiError;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use citas_domain::api::{
    ARRIVE_EARLY_MINUTES, ErrorBody, ErrorCode, OfficeView, PRIVACY_NOTICE_VERSION, SettingsView,
};
use citas_domain::catalog::Catalog;

#[utoipa::path(
    get,
    path = "/api/v1/offices",
    tag = "offices",
    responses((status = 200, description = "Every office with its services, in the configured order.", body = Vec<OfficeView>))
)]
/// `GET /api/v1/offices`: the catalogue, in the configured order. Every visitor's first
/// screen asks for it, and it changes only with the configuration: made once (`catalogue`).
pub async fn list(State(app): State<AppState>, headers: HeaderMap) -> Response {
    app.offices.response(&headers)
}

/// The JSON of `list`.
pub fn catalogue(catalog: &Catalog) -> Encoded {
    let offices: Vec<OfficeView> = catalog.offices.iter().map(|o| OfficeView::new(catalog, o)).collect();
    Encoded::new(serde_json::to_vec(&offices).expect("office views serialize"))
}

#[utoipa::path(
    get,
    path = "/api/v1/offices/{office}",
    tag = "offices",
    params(("office" = String, Path, description = "The office's id, e.g. bogota.")),
    responses(
        (status = 200, description = "The office.", body = OfficeView),
        (status = 400, description = "`invalid_path`.", body = ErrorBody),
        (status = 404, description = "`unknown_office`.", body = ErrorBody),
    )
)]
/// `GET /api/v1/offices/{office}`.
pub async fn show(
    State(app): State<AppState>,
    PathParam(id): PathParam<String>,
) -> Result<Json<OfficeView>, ApiError> {
    let office = app.catalog.office(&id).ok_or(ErrorCode::UnknownOffice)?;
    Ok(Json(OfficeView::new(&app.catalog, office)))
}

#[utoipa::path(
    get,
    path = "/api/v1/settings",
    tag = "offices",
    responses((status = 200, description = "The booking window, document lengths, arrival advance, privacy-notice version and how long the waiting list holds an offered seat.", body = SettingsView))
)]
/// `GET /api/v1/settings`: the rules the client checks input with, as configured here.
pub async fn settings(State(app): State<AppState>) -> Json<SettingsView> {
    Json(SettingsView {
        booking: app.catalog.booking,
        documents: app.catalog.documents,
        arrive_early_minutes: ARRIVE_EARLY_MINUTES,
        privacy_notice_version: PRIVACY_NOTICE_VERSION.to_owned(),
        waitlist_offer_minutes: app.waitlist.offer_minutes,
    })
}
