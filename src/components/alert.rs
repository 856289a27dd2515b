//! Messages for the citizen: beside a field, or at the top of a page.

use crate::i18n::*;
use leptos::prelude::*;

/// A message beside a field, linked to it with `aria-describedby={id}`.
#[component]
pub fn FieldError(#[prop(into)] id: String, message: Signal<Option<String>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        {move || message.get().map(|m| view! {
            <p class="field-error" id=id.clone()>
                <span class="visually-hidden">{t!(i18n, common.error_prefix)}</span>{m}
            </p>
        })}
    }
}

/// A problem to show at the top of a step, announced as it appears.
#[component]
pub fn Alert(message: Signal<Option<String>>) -> impl IntoView {
    view! {
        <div role="alert" aria-live="assertive">
            {move || message.get().map(|m| view! { <p class="alert">{m}</p> })}
        </div>
    }
}
