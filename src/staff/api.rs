//! Calls to the officials' API (`/api/v1/staff`). The session travels in its cookie (same
//! origin, so fetch sends it and the browser adds the `Origin` the server checks); answers are
//! asked for in Spanish, the officials' language.

use crate::api::{ApiFailure, refusal};
use chrono::NaiveDate;
use citas_domain::api::DocumentInput;
use citas_domain::api::privacy::{EraseRequest, Erased};
use citas_domain::api::staff::{
    Agenda, AgendaEntry, CheckIn, ClosureView, Closures, DesksChange, DesksChanged, Found, History, Me,
    NewClosure, OfficeCancel, Search, SignIn,
};
use citas_domain::api::staff::{AssistedBooking, AssistedMove};
use citas_domain::api::waitlist::WaitlistLengths;
use citas_domain::api::{AppointmentView, HoldRequest, HoldView};
use gloo_net::http::{Request, RequestBuilder};
use serde::Serialize;
use serde::de::DeserializeOwned;

const BASE: &str = "/api/v1/staff";

async fn call<T: DeserializeOwned>(request: RequestBuilder, body: Option<String>) -> Result<T, ApiFailure> {
    let request = request.header("Accept-Language", "es");
    let sent = match body {
        Some(json) => request.header("Content-Type", "application/json").body(json),
        None => request.build(),
    }
    .map_err(|_| ApiFailure::Network)?
    .send()
    .await
    .map_err(|_| ApiFailure::Network)?;
    let status = sent.status();
    if status == 204 {
        // "No content" answers (sign-in, sign-out, deleting a closure) read as `()`.
        return serde_json::from_str("null").map_err(|_| ApiFailure::Unexpected(status));
    }
    if sent.ok() {
        return sent.json::<T>().await.map_err(|_| ApiFailure::Unexpected(status));
    }
    Err(refusal(sent).await)
}

async fn get<T: DeserializeOwned>(path: &str) -> Result<T, ApiFailure> {
    call(Request::get(&format!("{BASE}{path}")), None).await
}

async fn post<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> Result<T, ApiFailure> {
    let json = serde_json::to_string(body).map_err(|_| ApiFailure::Network)?;
    call(Request::post(&format!("{BASE}{path}")), Some(json)).await
}

/// A POST that carries nothing but its address.
async fn act<T: DeserializeOwned>(path: &str) -> Result<T, ApiFailure> {
    call(Request::post(&format!("{BASE}{path}")), None).await
}

fn encoded(part: &str) -> String {
    js_sys::encode_uri_component(part).into()
}

pub async fn sign_in(email: String, password: String) -> Result<(), ApiFailure> {
    post("/session", &SignIn { email, password }).await
}

pub async fn sign_out() -> Result<(), ApiFailure> {
    call(Request::delete(&format!("{BASE}/session")), None).await
}

pub async fn me() -> Result<Me, ApiFailure> {
    get("/me").await
}

/// The office's agenda of `date`, or of the server's today when `None` (the server's clock is
/// the one that counts: check-in is only for its today).
pub async fn agenda(office: &str, date: Option<NaiveDate>) -> Result<Agenda, ApiFailure> {
    let day = date.map(|d| format!("?date={d}")).unwrap_or_default();
    get(&format!("/offices/{}/agenda{day}", encoded(office))).await
}

/// The link that downloads the agenda as CSV (the browser sends the session's cookie).
pub fn agenda_csv(office: &str, date: NaiveDate) -> String {
    format!("{BASE}/offices/{}/agenda.csv?date={date}", encoded(office))
}

fn appointment(code: &str, action: &str) -> String {
    format!("/appointments/{}/{action}", encoded(code))
}

pub async fn check_in(code: &str, document: DocumentInput) -> Result<AgendaEntry, ApiFailure> {
    post(&appointment(code, "check-in"), &CheckIn { document }).await
}

pub async fn no_show(code: &str) -> Result<AgendaEntry, ApiFailure> {
    act(&appointment(code, "no-show")).await
}

pub async fn reopen(code: &str) -> Result<AgendaEntry, ApiFailure> {
    act(&appointment(code, "reopen")).await
}

pub async fn cancel(code: &str, reason: String) -> Result<AgendaEntry, ApiFailure> {
    post(&appointment(code, "cancel"), &OfficeCancel { reason }).await
}

/// Keeps a seat while the official or agent types the citizen's details: the account's next
/// hold replaces it.
pub async fn hold(request: &HoldRequest) -> Result<HoldView, ApiFailure> {
    post("/holds", request).await
}

/// Books for a citizen on the phone or at the desk.
pub async fn book(booking: &AssistedBooking) -> Result<AppointmentView, ApiFailure> {
    post("/appointments", booking).await
}

/// Moves a citizen's appointment to another time of its office, saying why.
pub async fn reschedule(code: &str, change: &AssistedMove) -> Result<AgendaEntry, ApiFailure> {
    post(&appointment(code, "reschedule"), change).await
}

/// The document travels in the body, never in the URL (nor in logs of addresses).
pub async fn search(document: DocumentInput) -> Result<Found, ApiFailure> {
    post("/appointments/search", &Search { document }).await
}

pub async fn history(code: &str) -> Result<History, ApiFailure> {
    get(&appointment(code, "history")).await
}

/// Erases the data of whoever booked `code`, and of all their appointments, on the request they
/// made to the office; `reason` says how it came.
pub async fn erase(code: &str, reason: String) -> Result<Erased, ApiFailure> {
    post(&appointment(code, "erase"), &EraseRequest { reason }).await
}

pub async fn closures() -> Result<Closures, ApiFailure> {
    get("/closures").await
}

pub async fn close(closure: &NewClosure) -> Result<ClosureView, ApiFailure> {
    post("/closures", closure).await
}

pub async fn delete_closure(id: i64) -> Result<(), ApiFailure> {
    call(Request::delete(&format!("{BASE}/closures/{id}")), None).await
}

/// Cancels the closure's affected appointments, with its reason.
pub async fn cancel_affected(id: i64) -> Result<ClosureView, ApiFailure> {
    act(&format!("/closures/{id}/cancel-appointments")).await
}

/// The office attends with `desks` officials at once from `from` on.
pub async fn change_desks(office: &str, change: &DesksChange) -> Result<DesksChanged, ApiFailure> {
    post(&format!("/offices/{}/desks", encoded(office)), change).await
}

/// How many wait on the office's waiting list, day by day.
pub async fn waitlist(office: &str) -> Result<WaitlistLengths, ApiFailure> {
    get(&format!("/offices/{}/waitlist", encoded(office))).await
}
