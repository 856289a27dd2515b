//! Step 5: who the appointment is for. Checked as typed, with the same rules as the server.

use super::{FieldError, Step, StepPage, use_selection};
use crate::state::{Applicant, Settings};
use citas_domain::contact::{Email, PersonName, Phone};
use citas_domain::document::{Document, DocumentKind};
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
    let document_error = shown(|p| &p.document);
    let name_error = shown(|p| &p.name);
    let email_error = shown(|p| &p.email);
    let phone_error = shown(|p| &p.phone);
    let navigate = use_navigate();

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        attempted.set(true);
        match problems.with(Problems::first_invalid) {
            None => navigate(&selection.get().href(Step::Review), Default::default()),
            Some(field) => focus(field),
        }
    };

    let kind = applicant.kind;
    let is_nit = move || kind.get() == DocumentKind::Nit;

    view! {
        <StepPage step=Step::Details heading="Sus datos">
            <p>"Solo se atenderá la solicitud del documento que escriba aquí."</p>
            <form on:submit=submit novalidate>
                <fieldset>
                    <legend>"Tipo de documento"</legend>
                    <div class="inline-choices">
                        {DocumentKind::ALL.into_iter().map(|k| view! {
                            <label class="choice compact">
                                <input type="radio" name="tipo" value=k.code()
                                    prop:checked=move || kind.get() == k
                                    on:change=move |_| kind.set(k) />
                                <span class="choice-text"><span class="choice-title">{k.label()}</span></span>
                            </label>
                        }).collect_view()}
                    </div>
                </fieldset>
                <TextField id="numero" value=applicant.number error=document_error
                    label=Signal::derive(move || if is_nit() { "Número de NIT con dígito de verificación".into() } else { "Número de documento".into() })
                    hint=Signal::derive(move || if is_nit() {
                        "Escriba el dígito de verificación después de un guion, por ejemplo 800197268-4.".into()
                    } else {
                        "Solo números. Puede escribirlos con o sin puntos.".into()
                    })
                    input_type="text" autocomplete="off"
                    inputmode=Signal::derive(move || if is_nit() { "text" } else { "numeric" }) />
                <TextField id="nombre" value=applicant.name error=name_error
                    label=Signal::stored("Nombre completo".to_owned())
                    hint=Signal::stored("De quien asistirá, o la razón social si es una empresa.".to_owned())
                    input_type="text" autocomplete="name" inputmode=Signal::stored("text") />
                <TextField id="correo" value=applicant.email error=email_error
                    label=Signal::stored("Correo electrónico (opcional)".to_owned())
                    hint=Signal::stored("Para escribirle si hay un cambio en su cita.".to_owned())
                    input_type="email" autocomplete="email" inputmode=Signal::stored("email") />
                <TextField id="telefono" value=applicant.phone error=phone_error
                    label=Signal::stored("Teléfono (opcional)".to_owned())
                    hint=Signal::stored("Celular o fijo de 10 dígitos, por ejemplo 3001234567.".to_owned())
                    input_type="tel" autocomplete="tel" inputmode=Signal::stored("tel") />
                <button type="submit" class="button">"Continuar"</button>
            </form>
        </StepPage>
    }
}

fn focus(id: &str) {
    use leptos::wasm_bindgen::JsCast;
    if let Some(el) = document().get_element_by_id(id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// A labelled input with its hint and error, wired for screen readers.
#[component]
fn TextField(
    id: &'static str,
    value: RwSignal<String>,
    error: Signal<Option<String>>,
    label: Signal<String>,
    hint: Signal<String>,
    input_type: &'static str,
    autocomplete: &'static str,
    inputmode: Signal<&'static str>,
) -> impl IntoView {
    let hint_id = format!("{id}-pista");
    let error_id = format!("{id}-error");
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || if error.get().is_some() { format!("{hint_id} {error_id}") } else { hint_id.clone() }
    };
    view! {
        <div class="field" class:field-invalid=move || error.get().is_some()>
            <label for=id>{label}</label>
            <p class="hint" id=hint_id>{hint}</p>
            <FieldError id=error_id message=error />
            <input id=id name=id type=input_type autocomplete=autocomplete inputmode=inputmode
                aria-invalid=move || error.get().is_some().to_string()
                aria-describedby=described_by
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev)) />
        </div>
    }
}
