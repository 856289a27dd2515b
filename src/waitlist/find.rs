//! `/lista-de-espera?codigo=…`: one's entry of the waiting list, found with its code (the
//! e-mails link here with it) and the document it was made with; there it can be left.

use super::leave::LeftTheList;
use super::on_the_list::OnTheList;
use crate::api;
use crate::components::{Alert, DocumentFields, PageHeading, Proof, TextField};
use crate::dom::set_title;
use crate::i18n::*;
use crate::language::use_lang;
use crate::state::Settings;
use citas_domain::api::waitlist::WaitlistView;
use citas_domain::api::{DocumentInput, ErrorCode};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn FindEntry() -> impl IntoView {
    let found = RwSignal::new(None::<(WaitlistView, DocumentInput)>);
    let left = RwSignal::new(false);
    view! {
        {move || match (left.get(), found.get()) {
            (true, _) => LeftTheList().into_any(),
            (false, Some((entry, document))) => {
                view! { <OnTheList entry document on_left=Callback::new(move |_| left.set(true)) /> }.into_any()
            }
            (false, None) => {
                view! { <FindForm on_found=Callback::new(move |f: (WaitlistView, DocumentInput)| found.set(Some(f))) /> }.into_any()
            }
        }}
    }
}

#[component]
fn FindForm(on_found: Callback<(WaitlistView, DocumentInput)>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    set_title(move || t_string!(i18n, waitlist.find_title).to_string());
    let settings = Settings::get();
    let proof = Proof::from_address();
    let problem = RwSignal::new(None::<String>);
    let searching = RwSignal::new(false);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        problem.set(None);
        let bad_code = t_string!(i18n, waitlist.find_code_error).to_string();
        let Some((parsed_code, document)) = proof.checked(&settings.document_rules(), lang.get(), bad_code)
        else {
            return;
        };
        searching.set(true);
        spawn_local(async move {
            let answer = api::waitlist_entry(&parsed_code.to_string(), document.clone()).await;
            searching.set(false);
            match answer {
                Ok(entry) => on_found.run((entry, document)),
                Err(failure) if failure.is(ErrorCode::NotFound) => {
                    problem.set(Some(t_string!(i18n, waitlist.not_found).to_string()));
                }
                Err(failure) => problem.set(Some(failure.message())),
            }
        });
    };

    view! {
        <PageHeading text=Signal::derive(move || t_string!(i18n, waitlist.find_heading).to_string()) />
        <p>{t!(i18n, waitlist.find_intro)}</p>
        <Alert message=problem.into() />
        <form on:submit=submit novalidate>
            <TextField id="codigo" value=proof.code error=proof.code_error.into()
                label=Signal::derive(move || t_string!(i18n, waitlist.find_code).to_string())
                hint=Signal::derive(move || t_string!(i18n, waitlist.find_code_hint).to_string()) />
            <DocumentFields kind=proof.kind number=proof.number error=proof.number_error.into() />
            <button type="submit" class="button" disabled=move || searching.get()>
                {move || if searching.get() { t_string!(i18n, find.searching) } else { t_string!(i18n, waitlist.search) }}
            </button>
        </form>
    }
}
