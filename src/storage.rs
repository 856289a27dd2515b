//! What this browser keeps: in this tab only (sessionStorage) or on the device
//! (localStorage). Storage may be missing (private modes) or hold an old format: both read as
//! nothing, and writes that cannot be kept are dropped.
//!
//! On the device: booked appointments, with the document masked, so the confirmation can be
//! reopened without typing; the browser's random id; the language chosen.

use chrono::{DateTime, FixedOffset};
use citas_domain::api::{AppointmentView, instant};
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

/// Keeps a booked appointment on this device (its view holds only the masked document).
pub fn remember(appointment: &AppointmentView) {
    let mut all = remembered();
    all.retain(|a| a.code != appointment.code);
    all.insert(0, appointment.clone());
    write(&local_storage(), APPOINTMENTS_KEY, &all);
}

pub fn remembered() -> Vec<AppointmentView> {
    read(&local_storage(), APPOINTMENTS_KEY).unwrap_or_default()
}

/// What the first screen lists of each appointment kept on this device. Read on its own,
/// leaving the rest of each appointment unread: the first screen then does not download the
/// code that reads a whole one.
#[derive(Deserialize)]
pub struct Listed {
    pub code: String,
    pub office: ListedOffice,
    #[serde(deserialize_with = "instant::rfc3339")]
    pub start: DateTime<FixedOffset>,
}

#[derive(Deserialize)]
pub struct ListedOffice {
    pub city: String,
}

pub fn listed() -> Vec<Listed> {
    read(&local_storage(), APPOINTMENTS_KEY).unwrap_or_default()
}

pub fn remembered_one(code: &str) -> Option<AppointmentView> {
    remembered().into_iter().find(|a| a.code == code)
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
