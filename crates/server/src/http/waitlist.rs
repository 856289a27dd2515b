//! The waiting list: join (`POST /api/v1/waitlist`), see or leave one's entry (proved by its
//! document, like an appointment's code), and see the seat offered (`GET /api/v1/offers/{offer}`).
//! Offers are made by `crate::waitlist`; one is taken by booking through its hold
//! (`appointments::create`).

use super::appointments::{optional, parse_document};
use super::language::Language;
use super::proof_of_work::Proven;
use super::{AppState, Json, PathParam, openapi};
use crate::appointment_view::{office_summary, service_view, shown_code, stored_day};
use crate::error::ApiError;
use crate::store::{Entry, NewEntry, Offer, instant};
use axum::extract::State;
use axum::http::StatusCode;
use chrono::{DateTime, FixedOffset, NaiveDate};
use citas_domain::api::waitlist::{OfferView, PartOfDay, WaitlistRequest, WaitlistView};
use citas_domain::api::{DocumentProof, DocumentSummary, ErrorBody, ErrorCode};
use citas_domain::availability::in_calendar;
use citas_domain::catalog::Catalog;
use citas_domain::code::AppointmentCode;
use citas_domain::contact::{Email, PersonName, masked_email};
use citas_domain::document::{DocumentKind, masked};
use citas_domain::schedule::{BookingWindow, SlotError};

#[utoipa::path(
    post,
    path = "/api/v1/waitlist",
    tag = "waitlist",
    params(("Altcha" = Option<String>, Header, description = openapi::ALTCHA)),
    request_body = WaitlistRequest,
    responses(
        (status = 201, description = "On the list; its code finds the entry again with the document.", body = WaitlistView),
        (status = 400, description = "`proof_of_work_missing`, `proof_of_work_invalid`, `invalid_date`, `invalid_range`, `date_out_of_range`, `invalid_json`, `invalid_request`.", body = ErrorBody),
        (status = 404, description = "`unknown_office`, `unknown_service`.", body = ErrorBody),
        (status = 409, description = "`already_waiting`, `document_has_appointment`.", body = ErrorBody),
        (status = 422, description = "`invalid_document`, `invalid_name`, `invalid_email` (also when missing), `consent_required`, `outside_window` (the days must be inside the booking window).", body = ErrorBody),
        (status = 429, description = "`too_many_requests`.", body = ErrorBody, headers(("Retry-After" = u32, description = "Seconds until trying again may work."))),
    )
)]
/// One entry per document; a document that holds an upcoming appointment changes that one
/// instead. Joining is confirmed by e-mail, with the link to leave.
pub async fn join(
    State(app): State<AppState>,
    _: Proven,
    Language(language): Language,
    Json(r): Json<WaitlistRequest>,
) -> Result<(StatusCode, Json<WaitlistView>), ApiError> {
    let now = app.clock.now();
    let office = app.catalog.office(&r.office).ok_or(ErrorCode::UnknownOffice)?;
    let service = app.catalog.service(&r.service).ok_or(ErrorCode::UnknownService)?;
    let (from, until) = (day(&r.from, "from")?, day(&r.until, "until")?);
    if from > until {
        return Err(ApiError::new(ErrorCode::InvalidRange).on("until"));
    }
    let window = BookingWindow::at(now, &app.catalog.booking);
    if from < window.first_date() {
        return Err(ApiError::from(SlotError::OutsideWindow).on("from"));
    }
    if until > window.last_date {
        return Err(ApiError::from(SlotError::OutsideWindow).on("until"));
    }
    let new = NewEntry {
        office,
        service,
        from,
        until,
        part_of_day: r.part_of_day,
        document: parse_document(&app.catalog, &r.document)?,
        name: PersonName::parse(&r.name)?,
        email: Email::parse(optional(Some(&r.email)).unwrap_or_default())?,
        language,
        now: now.timestamp(),
    };
    if !r.consent {
        return Err(ErrorCode::ConsentRequired.into());
    }
    let entry = app.store.join_waitlist(&new).await?;
    tracing::info!(office = %office.id, "joined the waiting list");
    metrics::counter!("citas_waitlist_joined_total", "office" => office.id.clone()).increment(1);
    Ok((StatusCode::CREATED, Json(entry_view(&app, &entry, now).await?)))
}

#[utoipa::path(
    post,
    path = "/api/v1/waitlist/{code}/lookup",
    tag = "waitlist",
    params(("code" = String, Path, description = "The entry's code, e.g. K7QX-M4PT.")),
    request_body = DocumentProof,
    responses(
        (status = 200, description = "The entry, its place in line and its open offer.", body = WaitlistView),
        (status = 404, description = "`not_found`: no waiting entry with that code and document (the same for either).", body = ErrorBody),
        (status = 422, description = "`invalid_document`.", body = ErrorBody),
        (status = 429, description = "`code_locked`, `too_many_requests`.", body = ErrorBody, headers(("Retry-After" = u32, description = "Seconds until trying again may work."))),
    )
)]
pub async fn lookup(
    State(app): State<AppState>,
    PathParam(code): PathParam<String>,
    Json(proof): Json<DocumentProof>,
) -> Result<Json<WaitlistView>, ApiError> {
    let now = app.clock.now();
    let entry = found(&app, &code, &proof, now).await?;
    Ok(Json(entry_view(&app, &entry, now).await?))
}

#[utoipa::path(
    post,
    path = "/api/v1/waitlist/{code}/leave",
    tag = "waitlist",
    params(("code" = String, Path, description = "The entry's code, e.g. K7QX-M4PT.")),
    request_body = DocumentProof,
    responses(
        (status = 204, description = "Off the list, its personal data erased; a seat held for it goes to the next in line."),
        (status = 404, description = "`not_found`: no waiting entry with that code and document.", body = ErrorBody),
        (status = 422, description = "`invalid_document`.", body = ErrorBody),
        (status = 429, description = "`code_locked`, `too_many_requests`.", body = ErrorBody, headers(("Retry-After" = u32, description = "Seconds until trying again may work."))),
    )
)]
pub async fn leave(
    State(app): State<AppState>,
    PathParam(code): PathParam<String>,
    Json(proof): Json<DocumentProof>,
) -> Result<StatusCode, ApiError> {
    let now = app.clock.now();
    let entry = found(&app, &code, &proof, now).await?;
    app.store.leave_waitlist(entry.id, now.timestamp()).await?;
    tracing::info!(office = %entry.office_id, "left the waiting list");
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(
    get,
    path = "/api/v1/offers/{offer}",
    tag = "waitlist",
    params(("offer" = String, Path, description = "The offer's id, from the link in its message.")),
    responses(
        (status = 200, description = "The seat held; booked with `POST /api/v1/appointments` whose `hold` is the offer's id, by the document of the entry.", body = OfferView),
        (status = 410, description = "`hold_expired`: the offer ran out, was taken, or never was.", body = ErrorBody),
    )
)]
pub async fn offer(
    State(app): State<AppState>,
    PathParam(offer): PathParam<String>,
) -> Result<Json<OfferView>, ApiError> {
    let now = app.clock.now();
    let offer = app.store.offer(&offer, now.timestamp()).await?.ok_or(ErrorCode::HoldExpired)?;
    Ok(Json(offer_view(&app.catalog, offer, now)))
}

/// The waiting entry with the code, proved by its document.
async fn found(
    app: &AppState,
    code: &str,
    proof: &DocumentProof,
    now: DateTime<FixedOffset>,
) -> Result<Entry, ApiError> {
    let code = AppointmentCode::parse(code).ok_or(ErrorCode::NotFound)?;
    let document = parse_document(&app.catalog, &proof.document)?;
    Ok(app.store.waiting_entry(&code, &document, now.timestamp()).await?)
}

/// How an entry is shown to its citizen: masked, with its place and its open offer.
async fn entry_view(
    app: &AppState,
    entry: &Entry,
    now: DateTime<FixedOffset>,
) -> Result<WaitlistView, ApiError> {
    let position = app.store.waitlist_position(entry).await?;
    let offer = app.store.open_offer_of(entry.id, now.timestamp()).await?;
    let kind = DocumentKind::parse(&entry.document_kind).unwrap_or(DocumentKind::Cc);
    Ok(WaitlistView {
        code: shown_code(&entry.code),
        office: office_summary(&app.catalog, &entry.office_id),
        service: service_view(&app.catalog, &entry.service_id),
        from: stored_day(&entry.from_date).unwrap_or_default(),
        until: stored_day(&entry.until_date).unwrap_or_default(),
        part_of_day: entry.part_of_day.as_deref().and_then(PartOfDay::parse),
        document: DocumentSummary { kind, masked: masked(kind, &entry.document_number) },
        email: entry.email.as_deref().map(masked_email).unwrap_or_default(),
        position,
        offer: offer.map(|offer| offer_view(&app.catalog, offer, now)),
    })
}

fn offer_view(catalog: &Catalog, offer: Offer, now: DateTime<FixedOffset>) -> OfferView {
    let minutes = catalog.office(&offer.office_id).map_or(30, |o| i64::from(o.slot_minutes));
    OfferView {
        office: office_summary(catalog, &offer.office_id),
        service: service_view(catalog, &offer.service_id),
        start: instant(offer.start_at),
        end: instant(offer.start_at + minutes * 60),
        expires_at: instant(offer.expires_at),
        expires_in: offer.expires_at - now.timestamp(),
        offer: offer.hold_id,
    }
}

/// A day of the request, YYYY-MM-DD, in the years the calendar answers for.
fn day(text: &str, field: &'static str) -> Result<NaiveDate, ApiError> {
    let day = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| ApiError::invalid_date(text, field))?;
    if !in_calendar(day) {
        return Err(ApiError::date_out_of_range(text, field));
    }
    Ok(day)
}
