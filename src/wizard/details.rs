//! Step 5: who the appointment is for. Checked as typed, with the same rules as the server.

use super::hold::HoldTimer;
use super::{Step, StepPage, use_selection};
use crate::forms::{DocumentFields, TextField, focus};
use crate::state::{Applicant, Settings};
use citas_domain::contact::{Email, PersonName, Phone};
use citas_domain::document::Document;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

/// The first problem with what the applicant typed, per field (None when fine).
#[derive(Clone, PartialEq)]
pub struct Problems {
    pub document: Option<String>,
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

impl Problems {
    pub fn of(a: &Applicant, settings: &Settings) -> Problems {
        let optional = |v: String| (!v.trim().is_empty()).then_some(v);
        Problems {
            document: Document::parse(a.kind.get(), &a.number.get(), &settings.document_rules())
                .err()
                .map(|e| e.to_string()),
            name: PersonName::parse(&a.name.get()).err().map(|e| e.to_string()),
            email: optional(a.email.get()).and_then(|e| Email::parse(&e).err()).map(|e| e.to_string()),
            phone: optional(a.phone.get()).and_then(|p| Phone::parse(&p).err()).map(|e| e.to_string()),
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
    let applicant = expect_context::<Applicant>();
    let settings = expect_context::<Settings>();
    // Errors appear after the first attempt to continue, then follow the typing.
    let attempted = RwSignal::new(false);
    let problems = Memo::new(move |_| Problems::of(&applicant, &settings));
    let shown = move |pick: fn(&Problems) -> &Option<String>| {
        Signal::derive(move || if attempted.get() { problems.with(|p| pick(p).clone()) } else { None })
    };
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
        <StepPage step=Step::Details heading="Sus datos">
            <HoldTimer selection=selection.get_untracked() />
            <p>"Solo se atenderá la solicitud del documento que escriba aquí."</p>
            <form on:submit=submit novalidate>
                <DocumentFields kind=applicant.kind number=applicant.number error=shown(|p| &p.document) />
                <TextField id="nombre" value=applicant.name error=shown(|p| &p.name)
                    label="Nombre completo" hint="De quien asistirá, o la razón social si es una empresa."
                    autocomplete="name" />
                <TextField id="correo" value=applicant.email error=shown(|p| &p.email)
                    label="Correo electrónico (opcional)" hint="Para escribirle si hay un cambio en su cita."
                    input_type="email" autocomplete="email" inputmode="email" />
                <TextField id="telefono" value=applicant.phone error=shown(|p| &p.phone)
                    label="Teléfono (opcional)" hint="Celular o fijo de 10 dígitos, por ejemplo 3001234567."
                    input_type="tel" autocomplete="tel" inputmode="tel" />
                <button type="submit" class="button">"Continuar"</button>
            </form>
        </StepPage>
    }
}
