//! What the client keeps between steps and visits.
//!
//! - Choices of service, office, date and time travel in the URL (see `wizard::Selection`),
//!   so back, reload and shared links work.
//! - The applicant's identification stays in this tab only (sessionStorage) and is erased
//!   once the appointment is booked.
//! - Booked appointments are remembered on the device (localStorage) with the document
//!   masked, so the confirmation can be reopened without typing.

use crate::api::{self, ApiFailure};
use crate::i18n::{Locale, use_i18n};
use citas_domain::api::{AppointmentView, DocumentInput, OfficeView, ServiceView, SettingsView};
use citas_domain::document::{DocumentKind, DocumentRules};
use citas_domain::lang::Lang;
use leptos::prelude::*;
use leptos_i18n::Locale as _;
use serde::{Deserialize, Serialize, de::DeserializeOwned};

const APPLICANT_KEY: &str = "citas.solicitante";
const APPOINTMENTS_KEY: &str = "citas.citas";
const BROWSER_KEY: &str = "citas.navegador";

/// The office catalogue, fetched once per visit.
#[derive(Clone, Copy)]
pub struct Offices(pub LocalResource<Result<Vec<OfficeView>, ApiFailure>>);

/// The server's rules for checking input (document lengths), fetched once per visit.
#[derive(Clone, Copy)]
pub struct Settings(pub LocalResource<Result<SettingsView, ApiFailure>>);

impl Settings {
    pub fn document_rules(&self) -> DocumentRules {
        self.0.get().and_then(Result::ok).map(|s| s.documents).unwrap_or_default()
    }
}

pub fn provide() {
    provide_context(Offices(LocalResource::new(api::offices)));
    provide_context(Settings(LocalResource::new(api::settings)));
    provide_context(Applicant::load());
    provide_context(Notice::default());
    provide_context(Verified::default());
}

/// The domain's language for the locale shown (dates, validation messages, holiday names).
pub fn use_lang() -> Signal<Lang> {
    let i18n = use_i18n();
    Signal::derive(move || lang_of(i18n.get_locale()))
}

pub fn lang_of(locale: Locale) -> Lang {
    match locale {
        Locale::es => Lang::Es,
        Locale::en => Lang::En,
    }
}

const LANGUAGE_KEY: &str = "citas.idioma";

/// The language follows the browser on a first visit; once the citizen picks one, it is
/// remembered on this device. `<html lang>` always names the language shown.
pub fn keep_language() {
    let i18n = use_i18n();
    let saved: Option<String> = read(&local_storage(), LANGUAGE_KEY);
    if let Some(locale) = saved.and_then(|s| s.parse::<Locale>().ok()) {
        // After the context has settled on the browser's preference, which this overrides.
        Effect::new(move || i18n.set_locale(locale));
    }
    let first = StoredValue::new(true);
    Effect::new(move || {
        let locale = i18n.get_locale();
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("lang", locale.as_str());
        }
        api::set_locale(locale);
        if !first.get_value() {
            write(&local_storage(), LANGUAGE_KEY, &locale.as_str());
        }
        first.set_value(false);
    });
}

/// The document that proved an appointment is the citizen's (by booking it or by looking it
/// up), kept in memory for this visit only, to change or cancel it without typing it again.
#[derive(Clone, Copy, Default)]
pub struct Verified(RwSignal<Option<(String, DocumentInput)>>);

impl Verified {
    pub fn set(&self, code: &str, document: DocumentInput) {
        self.0.set(Some((code.to_owned(), document)));
    }

    pub fn document_for(&self, code: &str) -> Option<DocumentInput> {
        self.0.with(|v| v.as_ref().filter(|(c, _)| c == code).map(|(_, d)| d.clone()))
    }
}

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

/// Every service, in the order offices list them.
pub fn services(offices: &[OfficeView]) -> Vec<ServiceView> {
    let mut all: Vec<ServiceView> = Vec::new();
    for s in offices.iter().flat_map(|o| &o.services) {
        if !all.iter().any(|t| t.id == s.id) {
            all.push(s.clone());
        }
    }
    all
}

/// A message to show on the next step, e.g. why the citizen was sent back to choose a time.
#[derive(Clone, Copy, Default)]
pub struct Notice(pub RwSignal<Option<String>>);

/// Who the appointment is for, as typed so far.
#[derive(Clone, Copy)]
pub struct Applicant {
    pub kind: RwSignal<DocumentKind>,
    pub number: RwSignal<String>,
    pub name: RwSignal<String>,
    pub email: RwSignal<String>,
    pub phone: RwSignal<String>,
}

#[derive(Serialize, Deserialize)]
struct SavedApplicant {
    kind: DocumentKind,
    number: String,
    name: String,
    email: String,
    phone: String,
}

impl Applicant {
    /// Restores what this tab had typed (after a reload) and keeps saving it.
    pub fn load() -> Applicant {
        let saved: Option<SavedApplicant> = read(&session_storage(), APPLICANT_KEY);
        let saved = saved.unwrap_or(SavedApplicant {
            kind: DocumentKind::Cc,
            number: String::new(),
            name: String::new(),
            email: String::new(),
            phone: String::new(),
        });
        let applicant = Applicant {
            kind: RwSignal::new(saved.kind),
            number: RwSignal::new(saved.number),
            name: RwSignal::new(saved.name),
            email: RwSignal::new(saved.email),
            phone: RwSignal::new(saved.phone),
        };
        Effect::new(move || {
            let saved = SavedApplicant {
                kind: applicant.kind.get(),
                number: applicant.number.get(),
                name: applicant.name.get(),
                email: applicant.email.get(),
                phone: applicant.phone.get(),
            };
            write(&session_storage(), APPLICANT_KEY, &saved);
        });
        applicant
    }

    /// Forgets the identification once it has served its purpose.
    pub fn clear(&self) {
        self.number.set(String::new());
        self.name.set(String::new());
        self.email.set(String::new());
        self.phone.set(String::new());
        if let Some(storage) = session_storage() {
            let _ = storage.remove_item(APPLICANT_KEY);
        }
    }
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

pub fn remembered_one(code: &str) -> Option<AppointmentView> {
    remembered().into_iter().find(|a| a.code == code)
}

pub fn session_storage() -> Option<web_sys::Storage> {
    window().session_storage().ok().flatten()
}

fn local_storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// Storage may be missing (private modes) or hold an old format: both read as nothing.
pub fn read<T: DeserializeOwned>(storage: &Option<web_sys::Storage>, key: &str) -> Option<T> {
    let text = storage.as_ref()?.get_item(key).ok().flatten()?;
    serde_json::from_str(&text).ok()
}

pub fn write<T: Serialize>(storage: &Option<web_sys::Storage>, key: &str, value: &T) {
    if let (Some(storage), Ok(text)) = (storage, serde_json::to_string(value)) {
        let _ = storage.set_item(key, &text);
    }
}
