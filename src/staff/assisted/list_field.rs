//! A labelled list to choose from (`<select>`), with its error: what keyboards and screen
//! readers handle best for a long choice made while talking to someone.

use crate::components::FieldError;
use leptos::prelude::*;

/// One choice of a list.
#[derive(Clone, PartialEq)]
pub struct Item {
    pub value: String,
    pub text: String,
    /// Shown, but not to be chosen (a full time, a holiday).
    pub disabled: bool,
}

impl Item {
    pub fn new(value: impl Into<String>, text: impl Into<String>) -> Item {
        Item { value: value.into(), text: text.into(), disabled: false }
    }
}

/// `value` is the chosen item's, or empty while `prompt` (the first line, "Elija…") shows.
#[component]
pub fn ListField(
    id: &'static str,
    label: &'static str,
    prompt: &'static str,
    #[prop(into)] items: Signal<Vec<Item>>,
    value: RwSignal<String>,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let described_by = {
        let error_id = error_id.clone();
        move || error.get().map(|_| error_id.clone())
    };
    view! {
        <div class="field" class:field-invalid=move || error.get().is_some()>
            <label for=id>{label}</label>
            <FieldError id=error_id message=error />
            <select id=id name=id
                aria-invalid=move || error.get().is_some().to_string()
                aria-describedby=described_by
                on:change=move |ev| value.set(event_target_value(&ev))>
                // Properties, not attributes: they follow `value` when it changes from here.
                <option value="" prop:selected=move || value.with(String::is_empty)>{prompt}</option>
                {move || items.get().into_iter().map(|item| {
                    let chosen = item.value.clone();
                    view! {
                        <option value=item.value disabled=item.disabled
                            prop:selected=move || value.with(|v| *v == chosen)>
                            {item.text}
                        </option>
                    }
                }).collect_view()}
            </select>
        </div>
    }
}
