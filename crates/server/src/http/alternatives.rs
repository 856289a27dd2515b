//! `GET /api/v1/offices/{office}/alternatives`: never a dead end — when an office has no free
//! seat in the booking window, the nearest offices that have one, and their first free time.

use super::{AppState, Json, PathParam};
use crate::error::ApiError;
use axum::extract::State;
use chrono::Days;
use citas_domain::api::{AlternativesView, ErrorBody, ErrorCode, NearbyOffice, OfficeSummary};
use citas_domain::availability::{availability, first_free, nearest};
use citas_domain::schedule::BookingWindow;
use citas_domain::time::at_bogota;

/// How many other offices to suggest.
const SUGGESTIONS: usize = 3;

#[utoipa::path(
    get,
    path = "/api/v1/offices/{office}/alternatives",
    tag = "offices",
    params(("office" = String, Path, description = "The office's id, e.g. bogota.")),
    responses(
        (status = 200, description = "The office's first free slot, and up to three other offices with a free seat, nearest first.", body = AlternativesView),
        (status = 400, description = "`invalid_path`.", body = ErrorBody),
        (status = 404, description = "`unknown_office`.", body = ErrorBody),
    )
)]
pub async fn show(
    State(app): State<AppState>,
    PathParam(office_id): PathParam<String>,
) -> Result<Json<AlternativesView>, ApiError> {
    let catalog = &app.catalog;
    let office = catalog.office(&office_id).ok_or(ErrorCode::UnknownOffice)?;
    let now = app.clock.now();
    let window = BookingWindow::at(now, &catalog.booking);
    let (from, to) = (window.first_date(), window.last_date);
    let start = at_bogota(from.and_hms_opt(0, 0, 0).expect("midnight")).timestamp();
    let end = at_bogota((to + Days::new(1)).and_hms_opt(0, 0, 0).expect("midnight")).timestamp();
    let calendar = app.store.calendar_everywhere(from, to).await?;
    let taken = app.store.seats_taken_everywhere(start, end, now.timestamp()).await?;
    let first_free_at = |o: &citas_domain::catalog::Office| {
        let view = availability(catalog, o, &calendar, from, to, now, |slot| {
            taken.get(&(o.id.clone(), slot.timestamp())).copied().unwrap_or(0)
        });
        first_free(&view)
    };
    let nearby = nearest(catalog, office)
        .into_iter()
        .filter_map(|(other, km)| {
            Some(NearbyOffice {
                office: OfficeSummary::from(other),
                distance_km: km.round() as u32,
                first_free: first_free_at(other)?,
            })
        })
        .take(SUGGESTIONS)
        .collect();
    Ok(Json(AlternativesView { office: office.id.clone(), first_free: first_free_at(office), nearby }))
}
