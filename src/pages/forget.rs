//! "Olvidar en este dispositivo", linked from the first screen and from an appointment's page:
//! for a shared computer (a cybercafé, a kiosk at the office), where the next person would see
//! what this browser keeps. A page of its own, which says what it does before doing it; the
//! first screen only links to it.

use crate::components::PageHeading;
use crate::dom::set_title;
use crate::i18n::*;
use crate::state::forget_device;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn ForgetDevice() -> impl IntoView {
    let i18n = use_i18n();
    set_title(move || t_string!(i18n, forget.title).to_string());
    let done = RwSignal::new(false);
    let forget = move |_| {
        forget_device();
        done.set(true);
    };
    // Each state has its own heading, focused as it appears: the reader hears what happened.
    view! {
        {move || if done.get() {
            view! {
                <PageHeading text=Signal::derive(move || t_string!(i18n, forget.done).to_string()) />
                <p>{t!(i18n, forget.done_text)}</p>
                <p><A href="/mi-cita">{t!(i18n, home.manage)}</A></p>
                <p><A href="/">{t!(i18n, common.back_home)}</A></p>
            }
            .into_any()
        } else {
            view! {
                <PageHeading text=Signal::derive(move || t_string!(i18n, forget.ask).to_string()) />
                <p>{t!(i18n, forget.what)}</p>
                <p>{t!(i18n, forget.not_cancelled)}</p>
                <div class="actions">
                    <button type="button" class="button" on:click=forget>{t!(i18n, forget.confirm)}</button>
                    <A href="/" attr:class="button button-secondary">{t!(i18n, forget.keep)}</A>
                </div>
            }
            .into_any()
        }}
    }
}
