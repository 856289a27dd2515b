use super::{AppState, Json, PathParam, Query};
use crate::error::{ApiError, Message};
use axum::extract::State;
use chrono::{DateTime, Days, NaiveDate};
use citas_domain::api::AvailabilityView;
use citas_domain::availability::{RangeError, availability, check_range};
use citas_domain::schedule::BookingWindow;
use citas_domain::time::at_bogota;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Range {
    from: Option<String>,
    to: Option<String>,
}

/// `GET /api/v1/offices/{office}/availability?from=YYYY-MM-DD&to=YYYY-MM-DD`.
/// Without `from`/`to`, the whole booking window as of now.
pub async fn show(
    State(app): State<AppState>,
    PathParam(office_id): PathParam<String>,
    Query(range): Query<Range>,
) -> Result<Json<AvailabilityView>, ApiError> {
    let office = app.catalog.office(&office_id).ok_or_else(ApiError::unknown_office)?;
    let now = app.clock.now();
    let window = BookingWindow::at(now, &app.catalog.booking);
    let from = parse_date(range.from.as_deref(), "from")?.unwrap_or_else(|| window.first_date());
    let to = parse_date(range.to.as_deref(), "to")?.unwrap_or(window.last_date);
    check_range(from, to).map_err(|e| {
        let code = match e {
            RangeError::Reversed => "invalid_range",
            RangeError::TooLong => "range_too_long",
        };
        ApiError::bad_request(code, Message::of(&e)).on("to")
    })?;

    let start = at_bogota(from.and_hms_opt(0, 0, 0).expect("midnight")).timestamp();
    let end = at_bogota((to + Days::new(1)).and_hms_opt(0, 0, 0).expect("midnight")).timestamp();
    let mut conn = app.db.pool().acquire().await?;
    let taken = crate::seats::taken_between(&mut conn, &office.id, start, end, now.timestamp()).await?;

    Ok(Json(availability(&app.catalog, office, from, to, now, |slot: DateTime<_>| {
        taken.get(&slot.timestamp()).copied().unwrap_or(0)
    })))
}

fn parse_date(value: Option<&str>, field: &'static str) -> Result<Option<NaiveDate>, ApiError> {
    value
        .map(|v| {
            NaiveDate::parse_from_str(v, "%Y-%m-%d").map_err(|_| {
                ApiError::bad_request(
                    "invalid_date",
                    Message {
                        es: format!(
                            "La fecha «{v}» no es válida: use el formato AAAA-MM-DD, por ejemplo 2026-12-01."
                        ),
                        en: format!(
                            "The date «{v}» is not valid: use the format YYYY-MM-DD, for example 2026-12-01."
                        ),
                    },
                )
                .on(field)
            })
        })
        .transpose()
}
