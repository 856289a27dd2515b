//! Step 5: who the appointment is for. Checked as typed, with the same rules as the server.

use super::hold::HoldTimer;
use super::{Step, StepPage, use_selection};
use crate::components::{DocumentFields, TextField, focus};
use crate::i18n::*;
use crate::language::lang_of;
use crate::state::{Applicant, Settings};
use citas_domain::contact::{Email, PersonName, Phone};
use citas_domain::document::Document;
use citas_domain::lang::{Lang, Localized};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

/// The first problem with what the applicant typed, per field (None when fine).
#[derive(Clone, Default, PartialEq)]
pub struct Problems {
    pub document: Option<String>,
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

impl Problems {
    pub fn of(a: &Applicant, settings: &Settings, lang: Lang) -> Problems {
        let optional = |v: String| (!v.trim().is_empty()).then_some(v);
        Problems {
            document: Document::parse(a.kind.get(), &a.number.get(), &settings.document_rules())
                .err()
                .map(|e| e.message(lang)),
            name: PersonName::parse_with(&a.name.get(), &crate::text::BrowserUnicode)
                .err()
                .map(|e| e.message(lang)),
            email: optional(a.email.get()).and_then(|e| Email::parse(&e).err()).map(|e| e.message(lang)),
            phone: optional(a.phone.get()).and_then(|p| Phone::parse(&p).err()).map(|e| e.message(lang)),
        }
    }

    /// The id of the first field with a problem, to move focus there.
    pub fn first_invalid(&self) -> Option<&'static str> {
        [
            (&self.document, "numero"),
            (&self.name, "nombre"),
            (&self.email, "correo"),
            (&self.phone, "telefono"),
        ]
        .into_iter()
        .find(|(problem, _)| problem.is_some())
        .map(|(_, id)| id)
    }
}

#[component]
pub fn DetailsStep() -> impl IntoView {
    let selection = use_selection();
    let applicant = Applicant::get();
    let settings = Settings::get();
    // Errors appear after the first attempt to continue, then follow the typing.
    let attempted = RwSignal::new(false);
    let i18n = use_i18n();
    let problems = Memo::new(move |_| Problems::of(&applicant, &settings, lang_of(i18n.get_locale())));
    let shown = Signal::derive(move || if attempted.get() { problems.get() } else { Problems::default() });
    let navigate = use_navigate();

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        attempted.set(true);
        match problems.with(Problems::first_invalid) {
            None => navigate(&selection.get().href(Step::Review), Default::default()),
            Some(field) => focus(field),
        }
    };

    view! {
        <StepPage step=Step::Details>
            <HoldTimer selection=selection.get_untracked() />
            <p>{t!(i18n, details.only_this)}</p>
            <form on:submit=submit novalidate>
                <ApplicantFields applicant problems=shown />
                <button type="submit" class="button">{t!(i18n, common.next)}</button>
            </form>
        </StepPage>
    }
}

/// The document, the name and the optional contacts, each with its problem (`problems`: what
/// is to be shown now).
#[component]
pub fn ApplicantFields(applicant: Applicant, problems: Signal<Problems>) -> impl IntoView {
    let i18n = use_i18n();
    let shown = move |pick: fn(&Problems) -> &Option<String>| {
        Signal::derive(move || problems.with(|p| pick(p).clone()))
    };
    view! {
        <DocumentFields kind=applicant.kind number=applicant.number error=shown(|p| &p.document) />
        <TextField id="nombre" value=applicant.name error=shown(|p| &p.name)
            label=Signal::derive(move || t_string!(i18n, details.name).to_string())
            hint=Signal::derive(move || t_string!(i18n, details.name_hint).to_string())
            autocomplete="name" />
        <TextField id="correo" value=applicant.email error=shown(|p| &p.email)
            label=Signal::derive(move || t_string!(i18n, details.email).to_string())
            hint=Signal::derive(move || t_string!(i18n, details.email_hint).to_string())
            input_type="email" autocomplete="email" inputmode="email" />
        <TextField id="telefono" value=applicant.phone error=shown(|p| &p.phone)
            label=Signal::derive(move || t_string!(i18n, details.phone).to_string())
            hint=Signal::derive(move || t_string!(i18n, details.phone_hint).to_string())
            input_type="tel" autocomplete="tel" inputmode="tel" />
    }
}
