//! Form fields shared by the citizens' forms (booking, "Mi cita", the waiting list), wired for
//! screen readers: label, hint and error are tied to the input.

use super::FieldError;
use crate::i18n::*;
use crate::language::use_lang;
use citas_domain::document::DocumentKind;
use leptos::prelude::*;

/// A labelled input with its hint and error.
#[component]
pub fn TextField(
    id: &'static str,
    value: RwSignal<String>,
    error: Signal<Option<String>>,
    #[prop(into)] label: Signal<String>,
    #[prop(into)] hint: Signal<String>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(into, default = Signal::stored("text"))] inputmode: Signal<&'static str>,
    /// The first date a date input offers.
    #[prop(into, optional)]
    min: MaybeProp<String>,
    /// The last date a date input offers.
    #[prop(into, optional)]
    max: MaybeProp<String>,
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
                min=move || min.get() max=move || max.get()
                aria-invalid=move || error.get().is_some().to_string()
                aria-describedby=described_by
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev)) />
        </div>
    }
}

/// The kind of document and its number (id "numero"), with the hints each kind needs.
#[component]
pub fn DocumentFields(
    kind: RwSignal<DocumentKind>,
    number: RwSignal<String>,
    error: Signal<Option<String>>,
    /// The legend of the kinds: "Tipo de documento", or "Documento con el que agendó".
    #[prop(optional)]
    booked_with: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let is_nit = move || kind.get() == DocumentKind::Nit;
    view! {
        <fieldset>
            <legend>{move || if booked_with { t_string!(i18n, document.booked_with) } else { t_string!(i18n, document.kind) }}</legend>
            <div class="inline-choices">
                {DocumentKind::ALL.into_iter().map(|k| view! {
                    <label class="choice compact">
                        <input type="radio" name="tipo" value=k.code()
                            prop:checked=move || kind.get() == k
                            on:change=move |_| kind.set(k) />
                        <span class="choice-text"><span class="choice-title">{move || k.label(lang.get())}</span></span>
                    </label>
                }).collect_view()}
            </div>
        </fieldset>
        <TextField id="numero" value=number error
            label=Signal::derive(move || {
                if is_nit() { t_string!(i18n, document.nit).to_string() } else { t_string!(i18n, document.number).to_string() }
            })
            hint=Signal::derive(move || {
                if is_nit() { t_string!(i18n, document.nit_hint).to_string() } else { t_string!(i18n, document.hint).to_string() }
            })
            inputmode=Signal::derive(move || if is_nit() { "text" } else { "numeric" }) />
    }
}

/// Moves keyboard and screen-reader focus to the field with this id.
pub fn focus(id: &str) {
    use leptos::wasm_bindgen::JsCast;
    if let Some(el) = document().get_element_by_id(id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// Moves focus to the element with this id once it is on the page (the next frame).
pub fn focus_soon(id: &'static str) {
    request_animation_frame(move || focus(id));
}
