//! How many citizens wait at an office, day by day: where desks are missing.

use super::Official;
use crate::appointment_view::stored_day;
use crate::error::ApiError;
use crate::http::{AppState, Json, PathParam};
use axum::extract::State;
use chrono::NaiveDate;
use citas_domain::api::ErrorBody;
use citas_domain::api::waitlist::{WaitingOnDay, WaitlistLengths};
use citas_domain::schedule::BookingWindow;

#[utoipa::path(
    get,
    path = "/api/v1/staff/offices/{office}/waitlist",
    operation_id = "staff_waitlist",
    tag = "staff",
    params(("office" = String, Path, description = "The office's id, e.g. bogota.")),
    responses(
        (status = 200, description = "Entries waiting at the office, and for each day of the booking window how many of them could come that day.", body = WaitlistLengths),
        (status = 401, description = "`unauthenticated`: no session, or it has ended.", body = ErrorBody),
        (status = 403, description = "`forbidden`: not one of the official's offices.", body = ErrorBody),
        (status = 404, description = "`unknown_office`.", body = ErrorBody),
    ),
    security(("citas_funcionario" = []))
)]
/// `GET /api/v1/staff/offices/{office}/waitlist`.
pub async fn lengths(
    State(app): State<AppState>,
    official: Official,
    PathParam(office): PathParam<String>,
) -> Result<Json<WaitlistLengths>, ApiError> {
    let office = official.office(&app.catalog, &office)?;
    let entries = app.store.waiting_days(&office.id).await?;
    let window = BookingWindow::at(app.clock.now(), &app.catalog.booking);
    let ranges: Vec<(NaiveDate, NaiveDate)> =
        entries.iter().filter_map(|(from, until)| Some((stored_day(from)?, stored_day(until)?))).collect();
    let days = window
        .first_date()
        .iter_days()
        .take_while(|d| *d <= window.last_date)
        .map(|date| WaitingOnDay {
            date,
            waiting: ranges.iter().filter(|(from, until)| *from <= date && date <= *until).count() as u32,
        })
        .collect();
    Ok(Json(WaitlistLengths { office: office.id.clone(), waiting: entries.len() as u32, days }))
}
