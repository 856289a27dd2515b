//! Which service and which office: kept from the wizard when the citizen comes from it, chosen
//! here otherwise.

use crate::components::FieldError;
use crate::i18n::*;
use crate::language::use_lang;
use crate::state::{Offices, services};
use leptos::prelude::*;

#[component]
pub fn PlaceFields(
    service: RwSignal<String>,
    office: RwSignal<String>,
    service_error: Signal<Option<String>>,
    office_error: Signal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let offices = expect_context::<Offices>();
    let catalogue = move || offices.0.get().and_then(Result::ok).unwrap_or_default();
    let service_options = Signal::derive(move || {
        services(&catalogue()).into_iter().map(|s| (s.name(lang.get()).to_owned(), s.id)).collect()
    });
    let office_options = Signal::derive(move || catalogue().into_iter().map(|o| (o.city, o.id)).collect());
    view! {
        <SelectField id="servicio" value=service error=service_error options=service_options
            label=Signal::derive(move || t_string!(i18n, waitlist.service).to_string()) />
        <SelectField id="oficina" value=office error=office_error options=office_options
            label=Signal::derive(move || t_string!(i18n, waitlist.office).to_string()) />
    }
}

/// A labelled list to choose from (`options`: what is shown, and its value), with its error.
#[component]
fn SelectField(
    id: &'static str,
    value: RwSignal<String>,
    error: Signal<Option<String>>,
    label: Signal<String>,
    options: Signal<Vec<(String, String)>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error_id = format!("{id}-error");
    let described_by = {
        let error_id = error_id.clone();
        move || error.get().map(|_| error_id.clone())
    };
    view! {
        <div class="field" class:field-invalid=move || error.get().is_some()>
            <label for=id>{label}</label>
            <FieldError id=error_id message=error />
            <select id=id name=id aria-invalid=move || error.get().is_some().to_string()
                aria-describedby=described_by
                on:change=move |ev| value.set(event_target_value(&ev))>
                <option value="" prop:selected=move || value.get().is_empty()>{t!(i18n, waitlist.choose)}</option>
                {move || options.get().into_iter().map(|(shown, id)| {
                    let chosen = id.clone();
                    view! { <option value=id prop:selected=move || value.get() == chosen>{shown}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}
