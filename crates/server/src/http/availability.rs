use super::answers::Answer;
use super::encoded::{self, Encoded};
use super::{AppState, PathParam, Query, fnv1a};
use crate::error::ApiError;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Days, NaiveDate};
use citas_domain::api::{AvailabilityView, ErrorBody, ErrorCode};
use citas_domain::availability::{availability, check_range, in_calendar};
use citas_domain::schedule::BookingWindow;
use citas_domain::time::at_bogota;
use serde::Deserialize;
use std::sync::Arc;

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Range {
    /// The first day, YYYY-MM-DD (default: the booking window's first).
    #[param(value_type = Option<NaiveDate>)]
    from: Option<String>,
    /// The last day, YYYY-MM-DD, at most 62 days after `from` (default: the window's last).
    #[param(value_type = Option<NaiveDate>)]
    to: Option<String>,
}

#[utoipa::path(
    get,
    path = "/api/v1/offices/{office}/availability",
    tag = "offices",
    params(
        ("office" = String, Path, description = "The office's id, e.g. bogota."),
        Range,
        ("If-None-Match" = Option<String>, Header, description = "The ETag of an earlier answer."),
    ),
    responses(
        (status = 200, description = "One entry per day.", body = AvailabilityView, headers(("ETag" = String), ("Cache-Control" = String))),
        (status = 304, description = "Unchanged since the ETag given.", headers(("ETag" = String), ("Cache-Control" = String))),
        (status = 400, description = "`invalid_date`, `invalid_range`, `range_too_long`, `date_out_of_range`, `invalid_query`, `invalid_path`.", body = ErrorBody),
        (status = 404, description = "`unknown_office`.", body = ErrorBody),
    )
)]
/// `GET /api/v1/offices/{office}/availability?from=YYYY-MM-DD&to=YYYY-MM-DD`.
/// Without `from`/`to`, the whole booking window as of now.
pub async fn show(
    State(app): State<AppState>,
    PathParam(office_id): PathParam<String>,
    Query(range): Query<Range>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let office = app.catalog.office(&office_id).ok_or(ErrorCode::UnknownOffice)?;
    let now = app.clock.now();
    let window = BookingWindow::at(now, &app.catalog.booking);
    let from = parse_date(range.from.as_deref(), "from")?.unwrap_or_else(|| window.first_date());
    let to = parse_date(range.to.as_deref(), "to")?.unwrap_or(window.last_date);
    check_range(from, to)?;

    let answer = app
        .answers
        .get_or_make(&office.id, from, to, now.timestamp(), || async {
            let start = at_bogota(from.and_hms_opt(0, 0, 0).expect("midnight")).timestamp();
            let end = at_bogota((to + Days::new(1)).and_hms_opt(0, 0, 0).expect("midnight")).timestamp();
            let calendar = app.store.calendar(&office.id, from, to).await?;
            let taken = app.store.seats_taken(&office.id, start, end, now.timestamp()).await?;
            let view = availability(&app.catalog, office, &calendar, from, to, now, |slot: DateTime<_>| {
                taken.get(&slot.timestamp()).copied().unwrap_or(0)
            });
            Ok::<_, ApiError>(serialize(&view))
        })
        .await?;
    Ok(respond(&answer.body, &answer.etag, &headers))
}

/// The JSON, and an ETag over the days (not the `as_of` instant, which changes every second).
fn serialize(view: &AvailabilityView) -> Answer {
    let days = serde_json::to_vec(&view.days).unwrap_or_default();
    let hash = fnv1a(&days);
    Answer {
        body: Arc::new(Encoded::new(serde_json::to_vec(view).unwrap_or_default())),
        etag: HeaderValue::from_str(&format!("W/\"{hash:016x}\"")).expect("hex digits"),
    }
}

/// Browsers revalidate every time (max-age=0: never a stale seat count), cheaply with the
/// ETag; shared caches such as a CDN may answer for 5 seconds, absorbing a surge when a new
/// month of slots opens.
fn respond(body: &Encoded, etag: &HeaderValue, headers: &HeaderMap) -> Response {
    let cache = [
        (header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=0, s-maxage=5")),
        (header::ETAG, etag.clone()),
    ];
    let unchanged = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim().as_bytes() == etag.as_bytes()));
    if unchanged {
        return (StatusCode::NOT_MODIFIED, cache, [encoded::VARY]).into_response();
    }
    (cache, body.response(headers)).into_response()
}

fn parse_date(value: Option<&str>, field: &'static str) -> Result<Option<NaiveDate>, ApiError> {
    let Some(value) = value else { return Ok(None) };
    let date =
        NaiveDate::parse_from_str(value, "%Y-%m-%d").map_err(|_| ApiError::invalid_date(value, field))?;
    if !in_calendar(date) {
        return Err(ApiError::date_out_of_range(value, field));
    }
    Ok(Some(date))
}
