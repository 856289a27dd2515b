//! "Mi cita": find an appointment with its code and the document that booked it.

use crate::api;
use crate::components::{Alert, DocumentFields, PageHeading, TextField, focus};
use crate::dom::set_title;
use crate::i18n::*;
use crate::language::use_lang;
use crate::state::{Settings, Verified};
use citas_domain::api::DocumentInput;
use citas_domain::code::AppointmentCode;
use citas_domain::document::{Document, DocumentKind};
use citas_domain::lang::Localized;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};

#[component]
pub fn FindAppointment() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    set_title(move || t_string!(i18n, find.title).to_string());
    let settings = Settings::get();
    let verified = Verified::get();
    let code = RwSignal::new(use_query_map().get_untracked().get("codigo").unwrap_or_default());
    let kind = RwSignal::new(DocumentKind::Cc);
    let number = RwSignal::new(String::new());
    let code_error = RwSignal::new(None::<String>);
    let number_error = RwSignal::new(None::<String>);
    let problem = RwSignal::new(None::<String>);
    let searching = RwSignal::new(false);
    let navigate = use_navigate();

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        problem.set(None);
        let parsed_code = AppointmentCode::parse(&code.get());
        code_error.set(parsed_code.is_none().then(|| t_string!(i18n, find.code_error).to_string()));
        let document = Document::parse(kind.get(), &number.get(), &settings.document_rules());
        number_error.set(document.as_ref().err().map(|e| e.message(lang.get())));
        let (Some(parsed_code), Ok(_)) = (parsed_code, document) else {
            focus(if code_error.get_untracked().is_some() { "codigo" } else { "numero" });
            return;
        };
        let document = DocumentInput { kind: kind.get().code().to_owned(), number: number.get() };
        let navigate = navigate.clone();
        searching.set(true);
        spawn_local(async move {
            let found = api::lookup(&parsed_code.to_string(), document.clone()).await;
            searching.set(false);
            match found {
                Ok(appointment) => {
                    verified.set(document, &appointment);
                    navigate(&format!("/cita/{}", appointment.code), Default::default());
                }
                Err(failure) => problem.set(Some(failure.message())),
            }
        });
    };

    view! {
        <PageHeading text=Signal::derive(move || t_string!(i18n, find.heading).to_string()) />
        <Alert message=problem.into() />
        <form on:submit=submit novalidate>
            <TextField id="codigo" value=code error=code_error.into()
                label=Signal::derive(move || t_string!(i18n, find.code).to_string())
                hint=Signal::derive(move || t_string!(i18n, find.code_hint).to_string()) />
            <DocumentFields kind number error=number_error.into() booked_with=true />
            <button type="submit" class="button" disabled=move || searching.get()>
                {move || if searching.get() { t_string!(i18n, find.searching) } else { t_string!(i18n, find.search) }}
            </button>
        </form>
        <p>{t!(i18n, find.no_code)}</p>
        <p>{t!(i18n, waitlist.mine)}" "<A href="/lista-de-espera">{t!(i18n, waitlist.find_link)}</A></p>
    }
}
