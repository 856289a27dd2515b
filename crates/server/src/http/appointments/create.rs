//! `POST /api/v1/appointments`: book a seat.

use super::{calendar_of_day, optional, parse_document, slot, view};
use crate::error::ApiError;
use crate::http::client_address::ClientAddress;
use crate::http::language::Language;
use crate::http::proof_of_work::Proven;
use crate::http::{AppState, Json, openapi};
use crate::store::{self, Actor, NewAppointment, OfferCheck};
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use chrono::{DateTime, FixedOffset};
use citas_domain::api::{AppointmentView, BookingRequest, ErrorBody, ErrorCode};
use citas_domain::calendar::OfficeCalendar;
use citas_domain::catalog::Catalog;
use citas_domain::contact::{Email, PersonName, Phone};
use citas_domain::lang::Lang;

#[utoipa::path(
    post,
    path = "/api/v1/appointments",
    tag = "appointments",
    params(
        ("Altcha" = Option<String>, Header, description = openapi::ALTCHA),
        ("Idempotency-Key" = Option<String>, Header, pattern = "^[A-Za-z0-9-]{1,64}$", description = "Letters, digits and '-', at most 64 (a UUID): the same booking sent again with it, by the same document, answers with the appointment it booked."),
    ),
    request_body = BookingRequest,
    responses(
        (status = 201, description = "Booked (or booked before, sent again through the same hold or Idempotency-Key).", body = AppointmentView),
        (status = 400, description = "`proof_of_work_missing`, `proof_of_work_invalid`, `invalid_idempotency_key`, `invalid_json`, `invalid_request`.", body = ErrorBody),
        (status = 404, description = "`unknown_office`, `unknown_service`.", body = ErrorBody),
        (status = 409, description = "`slot_full`, `document_has_appointment`, `offer_not_yours` (the hold is a seat offered to another document's entry of the waiting list).", body = ErrorBody),
        (status = 410, description = "`hold_expired` (for an offer of the waiting list: it ran out).", body = ErrorBody),
        (status = 422, description = "`invalid_document`, `invalid_name`, `invalid_email`, `invalid_phone`, `consent_required`, `invalid_start`, `not_a_slot`, `outside_hours`, `holiday`, `closure`, `outside_window`, `hold_mismatch`.", body = ErrorBody),
        (status = 429, description = "`too_many_bookings` (until midnight in Bogotá), `too_many_requests`.", body = ErrorBody, headers(("Retry-After" = u32, description = "Seconds until trying again may work."))),
    )
)]
/// A booking sent again after its answer was lost (the same hold, or the same `Idempotency-Key`,
/// with the same document, and a proof of work of its own) is answered the same: 201 with the
/// appointment it booked.
pub async fn create(
    State(app): State<AppState>,
    ClientAddress(address): ClientAddress,
    _: Proven,
    Language(language): Language,
    headers: HeaderMap,
    Json(request): Json<BookingRequest>,
) -> Result<(StatusCode, Json<AppointmentView>), ApiError> {
    let idempotency_key = idempotency_key(&headers)?;
    let booker = Booker {
        address: address.to_string(),
        bookings_per_address: app.abuse.most_bookings_per_address(),
        by: Actor::citizen(),
        consent_by: None,
    };
    let now = app.clock.now();
    let new = parse(&app.catalog, &request, idempotency_key, booker, language, now)?;
    Ok((StatusCode::CREATED, Json(book(&app, &request, &new).await?)))
}

/// Who books: the client address and its daily limit, and who the history names (the citizen,
/// or an official or agent for them, with the account that recorded a consent given aloud).
pub(in crate::http) struct Booker {
    pub address: String,
    pub bookings_per_address: Option<i64>,
    pub by: Actor,
    pub consent_by: Option<i64>,
}

/// Books `new`, read from `request`: through an offer of the waiting list only by its entry's
/// document; refused by a closure with the closure's reason. The same booking sent again is
/// answered with what it booked.
pub(in crate::http) async fn book(
    app: &AppState,
    request: &BookingRequest,
    new: &NewAppointment<'_>,
) -> Result<AppointmentView, ApiError> {
    let now = new.requested_at;
    let offer = match &new.hold {
        Some(hold) => app.store.offer_check(hold, &new.document, now.timestamp()).await?,
        None => OfferCheck::NotAnOffer,
    };
    if let OfferCheck::Refused(code) = offer {
        return Err(code.into());
    }
    let booked = match app.store.book(new).await {
        Err(store::Error::Refused(ErrorCode::Closure)) => return Err(closed(app, request, now).await),
        booked => booked?,
    };
    let view = view(&app.catalog, &booked.appointment);
    if booked.again {
        tracing::info!(code = %view.code, "appointment booked before, answered again");
    } else {
        app.seats_changed(&booked.appointment.office_id);
        tracing::info!(code = %view.code, office = %view.office.id, start = %view.start, by = %new.by.label, "appointment booked");
        metrics::counter!("citas_bookings_total", "office" => view.office.id.clone()).increment(1);
        if offer == OfferCheck::Good {
            metrics::counter!("citas_waitlist_offers_total", "outcome" => "taken").increment(1);
        }
    }
    Ok(view)
}

/// The `Idempotency-Key` header, if sent: letters, digits and '-', at most 64 (a UUID fits).
fn idempotency_key(headers: &HeaderMap) -> Result<Option<String>, ApiError> {
    let Some(value) = headers.get("idempotency-key") else { return Ok(None) };
    let key = value.to_str().map_err(|_| ErrorCode::InvalidIdempotencyKey)?.trim();
    if key.is_empty() || key.len() > 64 || !key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
        return Err(ErrorCode::InvalidIdempotencyKey.into());
    }
    Ok(Some(key.to_owned()))
}

/// The booking as asked, every field checked in the order the form shows them. Its time is
/// checked against the office's grid only: the booking statements apply the closures and desks
/// of its day (`Store::book`), so that a booking costs no read of its own.
pub(in crate::http) fn parse<'a>(
    catalog: &'a Catalog,
    r: &BookingRequest,
    idempotency_key: Option<String>,
    booker: Booker,
    language: Lang,
    now: DateTime<FixedOffset>,
) -> Result<NewAppointment<'a>, ApiError> {
    let office = catalog.office(&r.office).ok_or(ErrorCode::UnknownOffice)?;
    let service = catalog.service(&r.service).ok_or(ErrorCode::UnknownService)?;
    let document = parse_document(catalog, &r.document)?;
    let name = PersonName::parse(&r.name)?;
    let email = optional(r.email.as_deref()).map(Email::parse).transpose()?;
    let phone = optional(r.phone.as_deref()).map(Phone::parse).transpose()?;
    if !r.consent {
        return Err(ErrorCode::ConsentRequired.into());
    }
    let hold = optional(r.hold.as_deref()).map(str::to_owned);
    let (slot, _) = slot(catalog, &OfficeCalendar::default(), office, &r.start, hold.as_deref(), now)?;
    Ok(NewAppointment {
        office,
        service,
        slot,
        document,
        name,
        email,
        phone,
        hold,
        idempotency_key,
        address: booker.address,
        bookings_per_address: booker.bookings_per_address,
        language,
        requested_at: now,
        by: booker.by,
        consent_by: booker.consent_by,
    })
}

/// A booking that a closure refused, as the calendar of its day says it: with the closure's
/// reason (or, should the closure be gone meanwhile, without it).
async fn closed(app: &AppState, r: &BookingRequest, now: DateTime<FixedOffset>) -> ApiError {
    let office = app.catalog.office(&r.office).map(|o| o.id.as_str());
    let refusal = match calendar_of_day(&app.store, office, &r.start).await {
        Ok(calendar) => app.catalog.office(&r.office).and_then(|office| {
            slot(&app.catalog, &calendar, office, &r.start, optional(r.hold.as_deref()), now).err()
        }),
        Err(e) => Some(e),
    };
    refusal.unwrap_or_else(|| ErrorCode::Closure.into())
}
