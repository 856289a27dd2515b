//! What this browser keeps: in this tab only (sessionStorage) or on the device
//! (localStorage). Storage may be missing (private modes) or hold an old format: both read as
//! nothing, and writes that cannot be kept are dropped.
//!
//! On the device: of each appointment booked or found here, until it is over, only what lets
//! the citizen find it again ([`Kept`]: its code, office, time, status and the document
//! masked), never the name, e-mail or phone, which the next person at a shared computer could
//! read (Ley 1581 de 2012); the browser's random id; the language chosen. "Olvidar en este
//! dispositivo" ([`forget_device`]) clears all of it but the language.

use chrono::{DateTime, FixedOffset};
use citas_domain::api::{AppointmentStatus, AppointmentView, DocumentSummary, OfficeSummary, instant};
use leptos::prelude::*;
use serde::{Deserialize, Serialize, de::DeserializeOwned};

const APPOINTMENTS_KEY: &str = "citas.citas";
const BROWSER_KEY: &str = "citas.navegador";

/// A random id of this browser, sent with holds so that its new hold replaces its last one.
pub fn browser_id() -> String {
    let storage = local_storage();
    if let Some(id) = read::<String>(&storage, BROWSER_KEY) {
        return id;
    }
    let id = window()
        .crypto()
        .map(|c| c.random_uuid())
        .unwrap_or_else(|_| format!("{:x}", js_sys::Date::now() as u64));
    write(&storage, BROWSER_KEY, &id);
    id
}

/// An appointment as this device keeps it. Its fields are named as in the API's appointment,
/// so what older versions kept (the whole appointment) reads as one, less the rest.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub struct Kept {
    pub code: String,
    pub status: AppointmentStatus,
    pub office: OfficeSummary,
    #[serde(deserialize_with = "instant::rfc3339")]
    pub start: DateTime<FixedOffset>,
    #[serde(deserialize_with = "instant::rfc3339")]
    pub end: DateTime<FixedOffset>,
    pub document: DocumentSummary,
}

impl From<&AppointmentView> for Kept {
    fn from(a: &AppointmentView) -> Kept {
        Kept {
            code: a.code.clone(),
            status: a.status,
            office: a.office.clone(),
            start: a.start,
            end: a.end,
            document: a.document.clone(),
        }
    }
}

/// Whether an appointment that ends at `end` is over, by this device's clock.
fn is_over(end: &DateTime<FixedOffset>) -> bool {
    end.timestamp() as f64 * 1000.0 <= js_sys::Date::now()
}

/// The appointments kept on this device that are not over yet, latest kept first. Reading
/// tidies what is kept: what is over goes, and what an older version kept whole is rewritten
/// as [`Kept`] (or goes, if it cannot be read).
pub fn kept() -> Vec<Kept> {
    let storage = local_storage();
    let Some(text) = storage.as_ref().and_then(|s| s.get_item(APPOINTMENTS_KEY).ok().flatten()) else {
        return Vec::new();
    };
    let mut all: Vec<Kept> = serde_json::from_str(&text).unwrap_or_default();
    all.retain(|a| !is_over(&a.end));
    if serde_json::to_string(&all).ok().as_deref() != Some(text.as_str()) {
        keep(&storage, &all);
    }
    all
}

fn keep(storage: &Option<web_sys::Storage>, all: &[Kept]) {
    if all.is_empty() {
        remove(storage, APPOINTMENTS_KEY);
    } else {
        write(storage, APPOINTMENTS_KEY, &all);
    }
}

/// Keeps what this device may keep of an appointment the server just answered about.
pub fn remember(appointment: &AppointmentView) {
    let mut all = kept();
    all.retain(|a| a.code != appointment.code);
    if !is_over(&appointment.end) {
        all.insert(0, Kept::from(appointment));
    }
    keep(&local_storage(), &all);
}

pub fn kept_one(code: &str) -> Option<Kept> {
    kept().into_iter().find(|a| a.code == code)
}

/// Forgets the appointments with these codes (their data was erased).
pub fn forget(codes: &[&str]) {
    let mut all = kept();
    all.retain(|a| !codes.contains(&a.code.as_str()));
    keep(&local_storage(), &all);
}

/// What the first screen lists of each appointment kept on this device. Read on its own,
/// leaving the rest of each appointment unread: the first screen then does not download the
/// code that reads a whole one, nor the code that writes it.
#[derive(Deserialize)]
pub struct Listed {
    pub code: String,
    pub office: ListedOffice,
    #[serde(deserialize_with = "instant::rfc3339")]
    pub start: DateTime<FixedOffset>,
    #[serde(deserialize_with = "instant::rfc3339")]
    end: DateTime<FixedOffset>,
    /// Only in what older versions kept: the whole appointment, name and contacts included.
    #[serde(default)]
    name: Option<String>,
}

#[derive(Deserialize)]
pub struct ListedOffice {
    pub city: String,
}

/// The appointments kept on this device that are not over yet, and whether what is kept needs
/// tidying ([`kept`] does it): some is over, was kept whole by an older version, or cannot be
/// read.
pub fn listed() -> (Vec<Listed>, bool) {
    let Some(text) = local_storage().and_then(|s| s.get_item(APPOINTMENTS_KEY).ok().flatten()) else {
        return (Vec::new(), false);
    };
    let Ok(mut all) = serde_json::from_str::<Vec<Listed>>(&text) else {
        return (Vec::new(), true);
    };
    let count = all.len();
    let whole = all.iter().any(|a| a.name.is_some());
    all.retain(|a| !is_over(&a.end));
    let untidy = whole || all.len() < count;
    (all, untidy)
}

/// "Olvidar en este dispositivo": the appointments kept and the browser's id. (What else this
/// visit holds about them goes with `state::forget_device`.)
pub fn forget_device() {
    let storage = local_storage();
    remove(&storage, APPOINTMENTS_KEY);
    remove(&storage, BROWSER_KEY);
}

pub fn session_storage() -> Option<web_sys::Storage> {
    window().session_storage().ok().flatten()
}

pub fn local_storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

pub fn read<T: DeserializeOwned>(storage: &Option<web_sys::Storage>, key: &str) -> Option<T> {
    let text = storage.as_ref()?.get_item(key).ok().flatten()?;
    serde_json::from_str(&text).ok()
}

pub fn write<T: Serialize>(storage: &Option<web_sys::Storage>, key: &str, value: &T) {
    if let (Some(storage), Ok(text)) = (storage, serde_json::to_string(value)) {
        let _ = storage.set_item(key, &text);
    }
}

/// Removes `key`; a storage the browser refuses (private mode, full) has nothing to remove.
pub fn remove(storage: &Option<web_sys::Storage>, key: &str) {
    if let Some(storage) = storage {
        let _ = storage.remove_item(key);
    }
}
