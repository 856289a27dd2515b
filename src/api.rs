//! Calls to the booking API. Every failure becomes an [`ApiFailure`] with a message in the
//! citizen's language: requests say which with `Accept-Language`.

use crate::i18n::{Locale, td_string};
use crate::text::fill;
use chrono::NaiveDate;
use citas_domain::api::privacy::{Erased, PersonalData};
use citas_domain::api::waitlist::{OfferView, WaitlistRequest, WaitlistView};
use citas_domain::api::{
    AlternativesView, AppointmentView, AvailabilityView, BookingRequest, DocumentInput, DocumentProof,
    ErrorCode, HoldRequest, HoldView, OfficeView, RescheduleRequest, SettingsView,
};
use gloo_net::http::{Request, RequestBuilder, Response};
use leptos_i18n::Locale as _;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::cell::Cell;

thread_local! {
    /// The language the citizen reads (kept by `language::keep_language`).
    static LOCALE: Cell<Locale> = const { Cell::new(Locale::es) };
}

pub fn set_locale(locale: Locale) {
    LOCALE.with(|l| l.set(locale));
}

fn locale() -> Locale {
    LOCALE.with(Cell::get)
}

#[derive(Debug, Clone, PartialEq)]
pub enum ApiFailure {
    /// The server answered with a precise refusal.
    Refused(Refusal),
    /// No answer: offline, or the server is unreachable.
    Network,
    /// An answer we could not read.
    Unexpected(u16),
}

/// A refusal (the API's `ErrorDetail`), its code kept as the server wrote it.
///
/// Not read into an [`ErrorCode`]: that takes a list of every code, in the first load, which
/// reads every refusal. A screen instead compares the code with the ones it acts on
/// ([`ApiFailure::is`]), whose texts are worked out when compiling.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Refusal {
    code: String,
    message: String,
    /// The input at fault, e.g. "document.number".
    #[serde(default)]
    pub field: Option<String>,
}

impl ApiFailure {
    /// Whether the server refused with `code`. Always inlined, so that the code's text is
    /// worked out when compiling.
    #[inline(always)]
    pub fn is(&self, code: ErrorCode) -> bool {
        self.is_any(&[code.as_str()])
    }

    /// Whether the server refused with one of these codes (`ErrorCode::as_str`).
    pub fn is_any(&self, codes: &[&str]) -> bool {
        matches!(self, ApiFailure::Refused(refusal) if codes.contains(&refusal.code.as_str()))
    }

    /// The input the server found at fault ("document.number"), when it named one.
    pub fn field(&self) -> Option<&str> {
        match self {
            ApiFailure::Refused(refusal) => refusal.field.as_deref(),
            _ => None,
        }
    }

    pub fn message(&self) -> String {
        let locale = locale();
        match self {
            ApiFailure::Refused(e) => e.message.clone(),
            ApiFailure::Network => td_string!(locale, common.network).to_string(),
            ApiFailure::Unexpected(status) => {
                fill(td_string!(locale, common.unexpected), &[("status", &status)])
            }
        }
    }
}

/// The refusal in an answer that is not a success (the API's `ErrorBody`).
pub async fn refusal(response: Response) -> ApiFailure {
    #[derive(Deserialize)]
    struct Body {
        error: Refusal,
    }
    match response.json::<Body>().await {
        Ok(body) => ApiFailure::Refused(body.error),
        Err(_) => ApiFailure::Unexpected(response.status()),
    }
}

async fn send<T: DeserializeOwned>(request: RequestBuilder) -> Result<T, ApiFailure> {
    read(request.header("Accept-Language", locale().as_str()).send().await).await
}

async fn post<B: Serialize, T: DeserializeOwned>(url: &str, body: &B) -> Result<T, ApiFailure> {
    post_proven(url, body, None).await
}

/// A POST that carries a proof of work (`wizard::proof`), when there is one.
async fn post_proven<B: Serialize, T: DeserializeOwned>(
    url: &str,
    body: &B,
    proof: Option<String>,
) -> Result<T, ApiFailure> {
    let mut request = Request::post(url).header("Accept-Language", locale().as_str());
    if let Some(proof) = proof {
        request = request.header("Altcha", &proof);
    }
    let request = request.json(body).map_err(|_| ApiFailure::Network)?;
    read(request.send().await).await
}

async fn read<T: DeserializeOwned>(sent: Result<Response, gloo_net::Error>) -> Result<T, ApiFailure> {
    let response = sent.map_err(|_| ApiFailure::Network)?;
    let status = response.status();
    if response.ok() {
        response.json::<T>().await.map_err(|_| ApiFailure::Unexpected(status))
    } else {
        Err(refusal(response).await)
    }
}

pub async fn offices() -> Result<Vec<OfficeView>, ApiFailure> {
    send(Request::get("/api/v1/offices")).await
}

pub async fn settings() -> Result<SettingsView, ApiFailure> {
    send(Request::get("/api/v1/settings")).await
}

/// Availability of `office` on the given days, or over the whole booking window.
pub async fn availability(
    office: &str,
    days: Option<(NaiveDate, NaiveDate)>,
) -> Result<AvailabilityView, ApiFailure> {
    let office = js_sys::encode_uri_component(office);
    let url = match days {
        Some((from, to)) => format!("/api/v1/offices/{office}/availability?from={from}&to={to}"),
        None => format!("/api/v1/offices/{office}/availability"),
    };
    send(Request::get(&url)).await
}

pub async fn alternatives(office: &str) -> Result<AlternativesView, ApiFailure> {
    send(Request::get(&format!("/api/v1/offices/{}/alternatives", js_sys::encode_uri_component(office))))
        .await
}

pub async fn book(request: &BookingRequest, proof: Option<String>) -> Result<AppointmentView, ApiFailure> {
    post_proven("/api/v1/appointments", request, proof).await
}

fn appointment_url(code: &str, action: &str) -> String {
    format!("/api/v1/appointments/{}/{action}", js_sys::encode_uri_component(code))
}

pub async fn lookup(code: &str, document: DocumentInput) -> Result<AppointmentView, ApiFailure> {
    post(&appointment_url(code, "lookup"), &DocumentProof { document }).await
}

pub async fn reschedule(code: &str, request: &RescheduleRequest) -> Result<AppointmentView, ApiFailure> {
    post(&appointment_url(code, "reschedule"), request).await
}

pub async fn cancel(code: &str, document: DocumentInput) -> Result<AppointmentView, ApiFailure> {
    post(&appointment_url(code, "cancel"), &DocumentProof { document }).await
}

/// Everything kept about the document that proves the appointment (Ley 1581 de 2012, art. 8).
pub async fn personal_data(code: &str, document: DocumentInput) -> Result<PersonalData, ApiFailure> {
    post(&appointment_url(code, "data"), &DocumentProof { document }).await
}

/// Cancels the document's upcoming appointment and erases the data of all of them.
pub async fn erase(code: &str, document: DocumentInput) -> Result<Erased, ApiFailure> {
    post(&appointment_url(code, "erase"), &DocumentProof { document }).await
}

pub async fn hold(request: &HoldRequest, proof: Option<String>) -> Result<HoldView, ApiFailure> {
    post_proven("/api/v1/holds", request, proof).await
}

pub async fn extend_hold(hold: &str) -> Result<HoldView, ApiFailure> {
    post(&format!("/api/v1/holds/{}/extend", js_sys::encode_uri_component(hold)), &()).await
}

/// Frees a hold, also while the page is being left: a beacon outlives the page (a keepalive
/// fetch is not reliably sent from a page a service worker controls).
pub fn release_hold(hold: &str) {
    let url = format!("/api/v1/holds/{}/release", js_sys::encode_uri_component(hold));
    // Fire and forget: an unreleased hold expires by itself.
    let _ = leptos::prelude::window().navigator().send_beacon(&url);
}

/// Joins the office's waiting list: a proof of work, as for a booking.
pub async fn join_waitlist(
    request: &WaitlistRequest,
    proof: Option<String>,
) -> Result<WaitlistView, ApiFailure> {
    post_proven("/api/v1/waitlist", request, proof).await
}

fn waitlist_url(code: &str, action: &str) -> String {
    format!("/api/v1/waitlist/{}/{action}", js_sys::encode_uri_component(code))
}

pub async fn waitlist_entry(code: &str, document: DocumentInput) -> Result<WaitlistView, ApiFailure> {
    post(&waitlist_url(code, "lookup"), &DocumentProof { document }).await
}

/// Leaves the waiting list (answered "204 No Content").
pub async fn leave_waitlist(code: &str, document: DocumentInput) -> Result<(), ApiFailure> {
    let request = Request::post(&waitlist_url(code, "leave"))
        .header("Accept-Language", locale().as_str())
        .json(&DocumentProof { document })
        .map_err(|_| ApiFailure::Network)?;
    let response = request.send().await.map_err(|_| ApiFailure::Network)?;
    if response.ok() { Ok(()) } else { Err(refusal(response).await) }
}

/// A seat held for someone on a waiting list (`hold_expired` once it ran out or was taken).
pub async fn offer(offer: &str) -> Result<OfferView, ApiFailure> {
    send(Request::get(&format!("/api/v1/offers/{}", js_sys::encode_uri_component(offer)))).await
}
