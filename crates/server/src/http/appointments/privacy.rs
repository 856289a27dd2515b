//! The citizen's rights over their data (Ley 1581 de 2012, art. 8): everything kept about the
//! document that booked an appointment, and its erasure. Proved by the document, as every
//! change: a code given too many wrong documents is locked (`Store::find`).

use super::{parse_code, parse_document, view};
use crate::appointment_view::{history_entry, office_summary, service_view, shown_code, stored_day};
use crate::error::ApiError;
use crate::http::{AppState, Json, PathParam};
use crate::store::{Actor, Cancelling, Erasing, instant};
use axum::extract::State;
use chrono::{DateTime, FixedOffset};
use citas_domain::api::privacy::{Erased, MessageRecord, PersonalData, StoredAppointment, StoredEntry};
use citas_domain::api::waitlist::PartOfDay;
use citas_domain::api::{AppointmentStatus, DocumentInput, DocumentProof, ErrorBody};
use citas_domain::document::Document;

#[utoipa::path(
    post,
    path = "/api/v1/appointments/{code}/data",
    tag = "appointments",
    params(("code" = String, Path, description = "The appointment's code, e.g. K7QX-M4PT.")),
    request_body = DocumentProof,
    responses(
        (status = 200, description = "Everything kept about the document: each appointment in full (e-mail and phone too), what was accepted and when, its history and its messages; and its entry of the waiting list, while it waits.", body = PersonalData),
        (status = 400, description = "`invalid_json`, `invalid_request`, `invalid_path`.", body = ErrorBody),
        (status = 404, description = "`not_found`: the same for an unknown code, a wrong document and data already erased.", body = ErrorBody),
        (status = 422, description = "`invalid_document`.", body = ErrorBody),
        (status = 429, description = "`code_locked` (too many wrong documents for this code), `too_many_requests`.", body = ErrorBody, headers(("Retry-After" = u32, description = "Seconds until trying again may work."))),
    )
)]
/// `POST /api/v1/appointments/{code}/data`.
pub async fn data(
    State(app): State<AppState>,
    PathParam(code): PathParam<String>,
    Json(proof): Json<DocumentProof>,
) -> Result<Json<PersonalData>, ApiError> {
    let document = parse_document(&app.catalog, &proof.document)?;
    app.store.find(&parse_code(&code)?, &document, app.clock.now().timestamp()).await?;
    let mut appointments = Vec::new();
    for kept in app.store.kept_of(&document).await? {
        let id = kept.appointment.id;
        let history = app.store.history(id).await?;
        let messages = app.store.messages_of(id).await?;
        appointments.push(StoredAppointment {
            appointment: view(&app.catalog, &kept.appointment),
            language: kept.language,
            consent_at: instant(kept.consent_at),
            privacy_notice: kept.privacy_notice,
            history: history.into_iter().map(history_entry).collect(),
            messages: messages
                .into_iter()
                .map(|m| MessageRecord {
                    kind: m.kind,
                    channel: m.channel,
                    state: m.state,
                    queued_at: instant(m.created_at),
                })
                .collect(),
        });
    }
    let waiting = app.store.entry_kept_of(&document).await?.map(|e| StoredEntry {
        code: shown_code(&e.code),
        office: office_summary(&app.catalog, &e.office_id),
        service: service_view(&app.catalog, &e.service_id),
        from: stored_day(&e.from_date).unwrap_or_default(),
        until: stored_day(&e.until_date).unwrap_or_default(),
        part_of_day: e.part_of_day.as_deref().and_then(PartOfDay::parse),
        name: e.name,
        email: e.email.unwrap_or_default(),
        language: e.language,
        consent_at: instant(e.consent_at),
        privacy_notice: e.privacy_notice,
    });
    Ok(Json(PersonalData {
        document: DocumentInput {
            kind: document.kind().code().to_owned(),
            number: document.number().to_owned(),
        },
        appointments,
        waiting,
        kept_days: app.privacy.keep_days,
        kept_days_cancelled: app.privacy.keep_cancelled_days,
    }))
}

#[utoipa::path(
    post,
    path = "/api/v1/appointments/{code}/erase",
    tag = "appointments",
    params(("code" = String, Path, description = "The appointment's code, e.g. K7QX-M4PT.")),
    request_body = DocumentProof,
    responses(
        (status = 200, description = "The upcoming appointment of the document, if any, cancelled (its seat returns after the release delay); then the name, document, e-mail and phone of every appointment of the document erased at once.", body = Erased),
        (status = 400, description = "`invalid_json`, `invalid_request`, `invalid_path`.", body = ErrorBody),
        (status = 404, description = "`not_found`: the same for an unknown code, a wrong document and data already erased.", body = ErrorBody),
        (status = 422, description = "`invalid_document`.", body = ErrorBody),
        (status = 429, description = "`code_locked` (too many wrong documents for this code), `too_many_requests`.", body = ErrorBody, headers(("Retry-After" = u32, description = "Seconds until trying again may work."))),
    )
)]
/// `POST /api/v1/appointments/{code}/erase`.
pub async fn erase(
    State(app): State<AppState>,
    PathParam(code): PathParam<String>,
    Json(proof): Json<DocumentProof>,
) -> Result<Json<Erased>, ApiError> {
    let document = parse_document(&app.catalog, &proof.document)?;
    let now = app.clock.now();
    app.store.find(&parse_code(&code)?, &document, now.timestamp()).await?;
    let erased =
        erase_document(&app, &document, now, &Actor::citizen(), "a pedido del titular (web)").await?;
    Ok(Json(erased))
}

/// Erases every appointment of `document` at `now` as `by` asks (`detail` says how the request
/// came): its upcoming appointment, if any, is cancelled first, so that its seat goes to
/// someone else.
pub(in crate::http) async fn erase_document(
    app: &AppState,
    document: &Document,
    now: DateTime<FixedOffset>,
    by: &Actor,
    detail: &str,
) -> Result<Erased, ApiError> {
    let upcoming = app.store.kept_of(document).await?.into_iter().find(|kept| {
        kept.appointment.status() == AppointmentStatus::Booked && kept.appointment.start_at > now.timestamp()
    });
    let mut cancelled = None;
    if let Some(kept) = upcoming {
        let found = kept.appointment;
        let cancelling = Cancelling { actor: by, reason: None };
        let cancellation =
            app.store.cancel_found(&found, now, app.abuse.release_at(now), &cancelling).await?;
        if cancellation.cancelled_now {
            app.seats_changed(&found.office_id);
        }
        cancelled = Some(view(&app.catalog, &found).code);
    }
    let erased =
        app.store.erase(&Erasing::Document(document), now.timestamp(), detail, by).await?.unwrap_or(0);
    tracing::info!(erased, by = %by.label, "personal data erased on request");
    metrics::counter!("citas_erasures_total", "by" => if by.account.is_some() { "office" } else { "citizen" })
        .increment(1);
    Ok(Erased { erased: u32::try_from(erased).unwrap_or(u32::MAX), cancelled })
}
