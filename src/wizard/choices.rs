//! A radio group of large cards with a "Continuar" button: the shape of the service, city and
//! time steps.

use crate::api::ApiFailure;
use crate::components::{FieldError, bring_into_view};
use crate::i18n::*;
use crate::pwa::Connection;
use leptos::html;
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;

/// The group, its error message (linked to it), and the button that moves on.
#[component]
pub fn ChoiceForm(
    /// Prefix of element ids, e.g. "servicio".
    id: &'static str,
    #[prop(into)] legend: Signal<String>,
    /// Keep the legend for screen readers only, when the page heading already asks the question.
    #[prop(optional)]
    hide_legend: bool,
    error: RwSignal<Option<String>>,
    on_continue: impl Fn() + 'static,
    /// Said just above "Continuar", where the citizen's eyes are when they move on.
    #[prop(optional, into)]
    above_button: ViewFn,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let error_id = format!("{id}-error");
    let described_by = {
        let error_id = error_id.clone();
        move || error.get().map(|_| error_id.clone())
    };
    let fieldset = NodeRef::<html::Fieldset>::new();
    // "Continuar" is below the options: a refusal shows above them, brought into view with the
    // first option focused, from where the citizen chooses.
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        on_continue();
        let Some(fieldset) = fieldset.get_untracked().filter(|_| error.with_untracked(Option::is_some))
        else {
            return;
        };
        let first = fieldset.query_selector("input:not([disabled])").ok().flatten();
        if let Some(first) = first.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
            bring_into_view(fieldset.into(), first);
        }
    };
    view! {
        <form on:submit=submit novalidate>
            <fieldset aria-describedby=described_by node_ref=fieldset>
                <legend class:visually-hidden=hide_legend>{legend}</legend>
                <FieldError id=error_id message=error.into() />
                {children()}
            </fieldset>
            {move || above_button.run()}
            <button type="submit" class="button">{t!(i18n, common.next)}</button>
        </form>
    }
}

/// One option: a radio with a title and a hint, all of it clickable.
#[component]
pub fn Choice(
    name: &'static str,
    value: String,
    #[prop(into)] title: Signal<String>,
    #[prop(into)] hint: Signal<String>,
    checked: Signal<bool>,
    #[prop(into, optional)] disabled: Signal<bool>,
    on_choose: impl Fn() + 'static,
) -> impl IntoView {
    view! {
        <label class="choice" class:full=disabled>
            <input type="radio" name=name value=value disabled=disabled
                prop:checked=move || checked.get()
                on:change=move |_| on_choose() />
            <span class="choice-text">
                <span class="choice-title">{title}</span>
                <span class="choice-hint">{hint}</span>
            </span>
        </label>
    }
}

/// What went wrong loading a step's data, announced, and a way to load it again: a button, and
/// by itself as soon as the browser is back online. What the citizen chose and typed stays.
#[component]
pub fn LoadFailed(failure: ApiFailure, #[prop(into)] retry: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let connection = expect_context::<Connection>();
    Effect::watch(
        move || connection.online.get(),
        move |online, _, _| {
            if *online {
                retry.run(());
            }
        },
        false,
    );
    view! {
        <div class="alert" role="alert">
            <p>{failure.message()}</p>
            <button type="button" class="button button-secondary" on:click=move |_| retry.run(())>
                {t!(i18n, common.retry)}
            </button>
        </div>
    }
}
