//! The first screen: what this is, what to have at hand, and the way in.

use crate::dom::set_title;
use crate::i18n::*;
use crate::language::use_lang;
use crate::state::{Offices, services};
use crate::storage::listed;
use citas_domain::format::{long_date, time_of_day};
use citas_domain::time::in_bogota;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn Home() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    set_title(move || t_string!(i18n, home.title).to_string());
    let offices = expect_context::<Offices>();
    let (mine, untidy) = listed();
    if untidy {
        leptos::task::spawn_local(crate::later::tidy_kept());
    }

    view! {
        <h1>{t!(i18n, home.heading)}</h1>
        <p class="lead">{t!(i18n, home.lead)}</p>
        {(!mine.is_empty()).then(|| view! {
            <section class="panel" aria-labelledby="mis-citas">
                <h2 id="mis-citas">{t!(i18n, home.mine)}</h2>
                <ul class="plain">
                    {mine.into_iter().map(|a| {
                        let start = in_bogota(&a.start);
                        let city = a.office.city.clone();
                        view! {
                            <li>
                                <A href=format!("/cita/{}", a.code)>
                                    {move || format!(
                                        "{city} · {}, {}",
                                        long_date(start.date_naive(), lang.get()),
                                        time_of_day(start.time(), lang.get())
                                    )}
                                </A>
                            </li>
                        }
                    }).collect_view()}
                </ul>
                // For a shared computer: the next person would see this list.
                <p><A href="/olvidar">{t!(i18n, forget.link)}</A></p>
            </section>
        })}
        <A href="/agendar/servicio" attr:class="button button-start">{t!(i18n, home.book)}</A>
        <p><A href="/mi-cita">{t!(i18n, home.manage)}</A></p>
        <p><A href="/oficinas">{t!(i18n, offices.link)}</A></p>
        <h2>{t!(i18n, home.have_ready)}</h2>
        <ul>
            <li>{t!(i18n, home.ready_document)}</li>
            <li>{t!(i18n, home.ready_contact)}</li>
        </ul>
        <p>{t!(i18n, home.arrive)}</p>
        <h2>{t!(i18n, home.when)}</h2>
        // Read without a <Suspense>: nothing waits for the list, and the first screen does not
        // download the code that coordinates waiting.
        {move || offices.0.get().and_then(Result::ok).map(|list| view! {
            <ul class="services-list">
                {services(&list).into_iter().map(|s| view! {
                    <li><strong>{s.name(lang.get()).to_owned()}</strong>": "{s.description(lang.get()).to_owned()}</li>
                }).collect_view()}
            </ul>
        })}
    }
}
