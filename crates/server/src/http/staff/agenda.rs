//! An office's agenda for one day, as JSON for the screens and as CSV for a spreadsheet.

use super::{Official, entry};
use crate::error::ApiError;
use crate::http::{AppState, Json, PathParam, Query};
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::{Days, NaiveDate};
use citas_domain::api::staff::{Agenda, AgendaEntry};
use citas_domain::api::{AppointmentStatus, ErrorBody};
use citas_domain::availability::in_calendar;
use citas_domain::time::{at_bogota, bogota_date};
use serde::Deserialize;

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Day {
    /// YYYY-MM-DD; today in Bogotá when left out.
    #[param(value_type = Option<NaiveDate>)]
    date: Option<String>,
}

#[utoipa::path(
    get,
    path = "/api/v1/staff/offices/{office}/agenda",
    operation_id = "staff_agenda",
    tag = "staff",
    params(("office" = String, Path, description = "The office's id, e.g. bogota."), Day),
    responses(
        (status = 200, description = "The office's appointments of the day, by time, cancelled ones included; documents masked.", body = Agenda),
        (status = 400, description = "`invalid_date`, `date_out_of_range`, `invalid_query`, `invalid_path`.", body = ErrorBody),
        (status = 401, description = "`unauthenticated`: no session, or it has ended (idle, too old, or its account disabled or given a new password).", body = ErrorBody),
        (status = 403, description = "`forbidden`: not one of the official's offices.", body = ErrorBody),
        (status = 404, description = "`unknown_office`.", body = ErrorBody),
    ),
    security(("citas_funcionario" = []))
)]
/// `GET /api/v1/staff/offices/{office}/agenda?date=YYYY-MM-DD`.
pub async fn show(
    State(app): State<AppState>,
    official: Official,
    PathParam(office): PathParam<String>,
    Query(day): Query<Day>,
) -> Result<Json<Agenda>, ApiError> {
    Ok(Json(agenda(&app, &official, &office, day).await?))
}

#[utoipa::path(
    get,
    path = "/api/v1/staff/offices/{office}/agenda.csv",
    operation_id = "staff_agenda_csv",
    tag = "staff",
    params(("office" = String, Path, description = "The office's id, e.g. bogota."), Day),
    responses(
        (status = 200, description = "The agenda as CSV, UTF-8 with a byte-order mark: `hora,fin,código,servicio,nombre,documento,estado,llegada`, one row per appointment; a cell a spreadsheet would read as a formula starts with `'`.", body = String, content_type = "text/csv", headers(("Content-Disposition" = String, description = "`attachment; filename=\"agenda-{office}-{date}.csv\"`."))),
        (status = 400, description = "`invalid_date`, `date_out_of_range`, `invalid_query`, `invalid_path`.", body = ErrorBody),
        (status = 401, description = "`unauthenticated`: no session, or it has ended (idle, too old, or its account disabled or given a new password).", body = ErrorBody),
        (status = 403, description = "`forbidden`: not one of the official's offices.", body = ErrorBody),
        (status = 404, description = "`unknown_office`.", body = ErrorBody),
    ),
    security(("citas_funcionario" = []))
)]
/// `GET /api/v1/staff/offices/{office}/agenda.csv?date=YYYY-MM-DD`: the same, one row per
/// appointment, for a spreadsheet (UTF-8 with a byte-order mark, which Excel needs to read
/// accents).
pub async fn csv(
    State(app): State<AppState>,
    official: Official,
    PathParam(office): PathParam<String>,
    Query(day): Query<Day>,
) -> Result<Response, ApiError> {
    let agenda = agenda(&app, &official, &office, day).await?;
    let mut text = String::from("\u{feff}hora,fin,código,servicio,nombre,documento,estado,llegada\r\n");
    for a in &agenda.appointments {
        let row = [
            a.start.format("%H:%M").to_string(),
            a.end.format("%H:%M").to_string(),
            a.code.clone(),
            app.catalog.service(&a.service).map_or_else(|| a.service.clone(), |s| s.name.clone()),
            a.name.clone(),
            a.document.clone(),
            status_es(a).to_owned(),
            a.checked_in_at.map(|t| t.format("%H:%M").to_string()).unwrap_or_default(),
        ];
        text.push_str(&row.iter().map(|cell| field(cell)).collect::<Vec<_>>().join(","));
        text.push_str("\r\n");
    }
    let name = format!("attachment; filename=\"agenda-{}-{}.csv\"", agenda.office, agenda.date);
    Ok((
        [(header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()), (header::CONTENT_DISPOSITION, name)],
        text,
    )
        .into_response())
}

async fn agenda(app: &AppState, official: &Official, office: &str, day: Day) -> Result<Agenda, ApiError> {
    let office = official.office(&app.catalog, office)?;
    let date = match day.date.as_deref() {
        None => bogota_date(&app.clock.now()),
        Some(text) => {
            let date = NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .map_err(|_| ApiError::invalid_date(text, "date"))?;
            if !in_calendar(date) {
                return Err(ApiError::date_out_of_range(text, "date"));
            }
            date
        }
    };
    let from = at_bogota(date.and_hms_opt(0, 0, 0).expect("midnight")).timestamp();
    let until = at_bogota((date + Days::new(1)).and_hms_opt(0, 0, 0).expect("midnight")).timestamp();
    let appointments = app.store.agenda(&office.id, from, until).await?;
    Ok(Agenda { office: office.id.clone(), date, appointments: appointments.iter().map(entry).collect() })
}

fn status_es(a: &AgendaEntry) -> &'static str {
    match a.status {
        AppointmentStatus::Booked => "agendada",
        AppointmentStatus::Attended => "atendida",
        AppointmentStatus::NoShow => "no asistió",
        AppointmentStatus::Cancelled => "cancelada",
    }
}

/// A CSV field: quoted when it holds a separator, a quote or a line break; and never read as a
/// formula by a spreadsheet (a leading =, +, - or @ is prefixed with an apostrophe).
fn field(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@']) { format!("'{text}") } else { text.to_owned() };
    if text.contains([',', '"', '\r', '\n']) { format!("\"{}\"", text.replace('"', "\"\"")) } else { text }
}

#[cfg(test)]
mod tests {
    use super::field;

    #[test]
    fn csv_fields_are_quoted_and_never_formulas() {
        assert_eq!(field("Ana María"), "Ana María");
        assert_eq!(field("Pérez, Ana"), "\"Pérez, Ana\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(field("-1"), "'-1");
    }
}
