//! Cancelling, with a confirmation that says what it means: the seat goes to someone else.

use crate::api;
use crate::components::{Alert, PageHeading};
use crate::dom::set_title;
use crate::i18n::*;
use crate::language::use_lang;
use crate::state::{Notice, Verified};
use crate::text::fill;
use citas_domain::format::{long_date, time_of_day};
use citas_domain::time::in_bogota;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::{A, Redirect};
use leptos_router::hooks::{use_navigate, use_params_map};

#[component]
pub fn CancelAppointment() -> impl IntoView {
    let code = use_params_map().get_untracked().get("code").unwrap_or_default();
    let verified = Verified::get();
    let (Some(appointment), Some(document)) = (verified.appointment(&code), verified.document_for(&code))
    else {
        // Cancelling needs the document, typed on the appointment's page.
        return view! { <Redirect path=format!("/cita/{code}") /> }.into_any();
    };
    let i18n = use_i18n();
    let lang = use_lang();
    set_title(move || t_string!(i18n, cancel.title).to_string());
    let notice = Notice::get();
    let embedded = expect_context::<crate::embed::Embedded>();
    let problem = RwSignal::new(None::<String>);
    let cancelling = RwSignal::new(false);
    let navigate = use_navigate();
    let confirm = {
        let code = code.clone();
        move |_| {
            let (code, document, navigate) = (code.clone(), document.clone(), navigate.clone());
            cancelling.set(true);
            spawn_local(async move {
                let result = api::cancel(&code, document).await;
                cancelling.set(false);
                match result {
                    Ok(cancelled) => {
                        verified.update(&cancelled);
                        crate::embed::notify(
                            embedded,
                            "citas:cancelled",
                            &cancelled.office.id,
                            &cancelled.service.id,
                        );
                        notice.0.set(Some(t_string!(i18n, cancel.done).to_string()));
                        navigate(&format!("/cita/{code}"), Default::default());
                    }
                    Err(failure) => problem.set(Some(failure.message())),
                }
            });
        }
    };
    let start = in_bogota(&appointment.start);
    let city = appointment.office.city.clone();

    view! {
        <PageHeading text=Signal::derive(move || t_string!(i18n, cancel.heading).to_string()) />
        <Alert message=problem.into() />
        <p class="lead">
            {move || fill(t_string!(i18n, cancel.summary), &[("date", &long_date(start.date_naive(), lang.get())), ("time", &time_of_day(start.time(), lang.get())), ("city", &city.clone())])}
        </p>
        <p>{t!(i18n, cancel.freed)}</p>
        <button type="button" class="button button-danger" on:click=confirm disabled=move || cancelling.get()>
            {move || if cancelling.get() { t_string!(i18n, cancel.cancelling) } else { t_string!(i18n, cancel.confirm) }}
        </button>
        <p><A href=format!("/cita/{code}")>{t!(i18n, cancel.keep)}</A></p>
    }
    .into_any()
}
