//! Leaving the waiting list, after a confirmation that says what it means: the place in line
//! is lost.

use crate::api;
use crate::components::{Alert, PageHeading, focus_soon};
use crate::dom::set_title;
use crate::i18n::*;
use citas_domain::api::DocumentInput;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

#[component]
pub fn Leave(code: String, document: DocumentInput, on_left: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let confirming = RwSignal::new(false);
    let leaving = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let ask = move |_| {
        confirming.set(true);
        focus_soon("salir-titulo");
    };
    let stay = move |_| {
        confirming.set(false);
        focus_soon("salir");
    };
    let leave = move |_| {
        let (code, document) = (code.clone(), document.clone());
        problem.set(None);
        leaving.set(true);
        spawn_local(async move {
            let result = api::leave_waitlist(&code, document).await;
            leaving.set(false);
            match result {
                Ok(()) => on_left.run(()),
                Err(failure) => problem.set(Some(failure.message())),
            }
        });
    };
    view! {
        <section class="leave">
            <Alert message=problem.into() />
            {move || if confirming.get() {
                view! {
                    <h2 id="salir-titulo" tabindex="-1">{t!(i18n, waitlist.leave_heading)}</h2>
                    <p>{t!(i18n, waitlist.leave_text)}</p>
                    <div class="actions">
                        <button type="button" class="button button-danger" on:click=leave.clone() disabled=move || leaving.get()>
                            {move || if leaving.get() { t_string!(i18n, waitlist.leaving) } else { t_string!(i18n, waitlist.leave_yes) }}
                        </button>
                        <button type="button" class="button button-secondary" on:click=stay>
                            {t!(i18n, waitlist.leave_no)}
                        </button>
                    </div>
                }.into_any()
            } else {
                view! {
                    <button type="button" id="salir" class="button button-secondary" on:click=ask>
                        {t!(i18n, waitlist.leave)}
                    </button>
                }.into_any()
            }}
        </section>
    }
}

/// The page once the citizen left the list.
#[component]
pub fn LeftTheList() -> impl IntoView {
    let i18n = use_i18n();
    set_title(move || t_string!(i18n, waitlist.left).to_string());
    view! {
        <PageHeading text=Signal::derive(move || t_string!(i18n, waitlist.left).to_string()) />
        <p>{t!(i18n, waitlist.left_text)}</p>
        <A href="/agendar/servicio" attr:class="button">{t!(i18n, appointment.book_new)}</A>
        <p><A href="/">{t!(i18n, common.back_home)}</A></p>
    }
}
