//! "Mi cita": find an appointment with its code and the document that booked it.

use crate::api;
use crate::components::{Alert, DocumentFields, PageHeading, Proof, TextField};
use crate::dom::set_title;
use crate::i18n::*;
use crate::language::use_lang;
use crate::state::{Settings, Verified};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

#[component]
pub fn FindAppointment() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    set_title(move || t_string!(i18n, find.title).to_string());
    let settings = Settings::get();
    let verified = Verified::get();
    let proof = Proof::from_address();
    let problem = RwSignal::new(None::<String>);
    let searching = RwSignal::new(false);
    let navigate = use_navigate();

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        problem.set(None);
        let bad_code = t_string!(i18n, find.code_error).to_string();
        let Some((parsed_code, document)) = proof.checked(&settings.document_rules(), lang.get(), bad_code)
        else {
            return;
        };
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
            <TextField id="codigo" value=proof.code error=proof.code_error.into()
                label=Signal::derive(move || t_string!(i18n, find.code).to_string())
                hint=Signal::derive(move || t_string!(i18n, find.code_hint).to_string()) />
            <DocumentFields kind=proof.kind number=proof.number error=proof.number_error.into() booked_with=true />
            <button type="submit" class="button" disabled=move || searching.get()>
                {move || if searching.get() { t_string!(i18n, find.searching) } else { t_string!(i18n, find.search) }}
            </button>
        </form>
        <p>{t!(i18n, find.no_code)}</p>
        <p>{t!(i18n, waitlist.mine)}" "<A href="/lista-de-espera">{t!(i18n, waitlist.find_link)}</A></p>
    }
}
