//! The data-protection authorization (Ley 1581 de 2012): the notice, then the checkbox, never
//! ticked beforehand. Asked before booking and before joining a waiting list.

use super::FieldError;
use crate::i18n::*;
use leptos::prelude::*;

/// Art. 12: what is collected and why (`purpose`, which differs by what is asked for), the
/// citizen's rights, and who is responsible — before asking for the authorization.
#[component]
pub fn PrivacyNotice(#[prop(into)] purpose: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="privacy" aria-labelledby="aviso-datos">
            <h2 id="aviso-datos" class="small-heading">{t!(i18n, review.privacy)}</h2>
            <p>{purpose}</p>
            <details>
                <summary>{t!(i18n, review.rights)}</summary>
                <p>{t!(i18n, review.rights_text)}</p>
                <p>{t!(i18n, review.controller)}</p>
            </details>
        </section>
    }
}

/// The checkbox (id "autorizacion") with its error; ticking it clears the error.
#[component]
pub fn ConsentField(
    checked: RwSignal<bool>,
    error: RwSignal<Option<String>>,
    #[prop(into)] label: Signal<String>,
) -> impl IntoView {
    view! {
        <div class="field" class:field-invalid=move || error.get().is_some()>
            <FieldError id="autorizacion-error" message=error.into() />
            <label class="checkbox">
                <input type="checkbox" id="autorizacion" name="autorizacion"
                    aria-describedby=move || error.get().map(|_| "autorizacion-error")
                    prop:checked=move || checked.get()
                    on:change=move |ev| { checked.set(event_target_checked(&ev)); error.set(None); } />
                <span>{label}</span>
            </label>
        </div>
    }
}
