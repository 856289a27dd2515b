//! What the client keeps between steps and visits.
//!
//! - Choices of service, office, date and time travel in the URL (see `wizard::Selection`),
//!   so back, reload and shared links work.
//! - The applicant's identification stays in this tab only (sessionStorage) and is erased
//!   once the appointment is booked.
//! - The appointment proved to be the citizen's, with its name and contacts, stays in memory
//!   for this visit only (`Verified`); the device keeps less of it (`storage`).

use crate::api::{self, ApiFailure};
use crate::storage::{self, read, remove, session_storage, write};
use citas_domain::api::{AppointmentView, DocumentInput, OfficeView, ServiceView, SettingsView};
use citas_domain::document::{DocumentKind, DocumentRules};
use citas_domain::format::duration;
use citas_domain::lang::Lang;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

const APPLICANT_KEY: &str = "citas.solicitante";

/// The office catalogue, fetched once per visit.
#[derive(Clone, Copy)]
pub struct Offices(pub LocalResource<Result<Vec<OfficeView>, ApiFailure>>);

/// The server's rules for checking input (document lengths), fetched once per visit, when
/// a screen that checks input first needs them.
#[derive(Clone, Copy)]
pub struct Settings(pub LocalResource<Result<SettingsView, ApiFailure>>);

impl Settings {
    pub fn get() -> Settings {
        first_use(|| Settings(LocalResource::new(api::settings)))
    }

    pub fn document_rules(&self) -> DocumentRules {
        self.0.get().and_then(Result::ok).map(|s| s.documents).unwrap_or_default()
    }

    /// How long the waiting list holds an offered seat ("2 horas"), once the settings are in.
    pub fn offer_held(&self, lang: Lang) -> Option<String> {
        self.0.get().and_then(Result::ok).map(|s| duration(s.waitlist_offer_minutes, lang))
    }
}

pub fn provide() {
    provide_context(Root(Owner::current().expect("the app has an owner")));
    provide_context(Offices(LocalResource::new(api::offices)));
}

/// The app's own owner, which lasts the whole visit.
#[derive(Clone)]
struct Root(Owner);

/// The context of type `T`, made by `make` the first time a screen asks for it rather than at
/// start: what only later screens use is then downloaded with them, not with the first screen.
/// It is made under the app's root, so it lasts the whole visit like one provided at start.
pub fn first_use<T: Clone + Send + Sync + 'static>(make: impl FnOnce() -> T) -> T {
    use_context::<T>().unwrap_or_else(|| {
        expect_context::<Root>().0.with(|| {
            let value = make();
            provide_context(value.clone());
            value
        })
    })
}

/// The appointment the citizen proved is theirs (by booking it or by looking it up): the
/// document, to change or cancel it or see their data without typing it again, and the
/// server's last answer about it, name and contacts included. In memory for this visit only: a
/// reload forgets both, and the device keeps only `storage::Kept` of the appointment.
#[derive(Clone, Copy, Default)]
pub struct Verified(RwSignal<Option<(DocumentInput, AppointmentView)>>);

impl Verified {
    pub fn get() -> Verified {
        first_use(Verified::default)
    }

    /// `document` proved that `appointment` is the citizen's.
    pub fn set(&self, document: DocumentInput, appointment: &AppointmentView) {
        storage::remember(appointment);
        self.0.set(Some((document, appointment.clone())));
    }

    /// The server's newer answer about the appointment (moved, cancelled).
    pub fn update(&self, appointment: &AppointmentView) {
        storage::remember(appointment);
        self.0.update(|v| {
            if let Some((_, shown)) = v.as_mut().filter(|(_, a)| a.code == appointment.code) {
                *shown = appointment.clone();
            }
        });
    }

    pub fn document_for(&self, code: &str) -> Option<DocumentInput> {
        self.0.with(|v| v.as_ref().filter(|(_, a)| a.code == code).map(|(d, _)| d.clone()))
    }

    pub fn appointment(&self, code: &str) -> Option<AppointmentView> {
        self.0.with(|v| v.as_ref().filter(|(_, a)| a.code == code).map(|(_, a)| a.clone()))
    }

    pub fn forget(&self) {
        self.0.set(None);
    }
}

/// "Olvidar en este dispositivo": what the device keeps about appointments (`storage`), the
/// identification typed in this tab, and what this visit holds in memory (what it has not used
/// yet is not made just to be emptied).
pub fn forget_device() {
    storage::forget_device();
    if let Some(verified) = use_context::<Verified>() {
        verified.forget();
    }
    match use_context::<Applicant>() {
        Some(applicant) => applicant.clear(),
        None => remove(&session_storage(), APPLICANT_KEY),
    }
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

impl Notice {
    pub fn get() -> Notice {
        first_use(Notice::default)
    }
}

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
    pub fn get() -> Applicant {
        first_use(Applicant::load)
    }

    /// Restores what this tab had typed (after a reload) and keeps saving it.
    fn load() -> Applicant {
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

    /// The document as the API takes it.
    pub fn document(&self) -> DocumentInput {
        DocumentInput {
            kind: self.kind.get_untracked().code().to_owned(),
            number: self.number.get_untracked(),
        }
    }

    /// Forgets the identification once it has served its purpose.
    pub fn clear(&self) {
        self.number.set(String::new());
        self.name.set(String::new());
        self.email.set(String::new());
        self.phone.set(String::new());
        remove(&session_storage(), APPLICANT_KEY);
    }
}
