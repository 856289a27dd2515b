//! Never a dead end: when the chosen office has no free seat, the nearest offices that have
//! one (and when), and the phone.

use super::{Selection, Step};
use crate::api;
use crate::i18n::*;
use crate::language::use_lang;
use crate::text::fill;
use citas_domain::format::{long_date, time_of_day};
use citas_domain::time::in_bogota;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn Alternatives(selection: Selection) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let office = selection.office.clone().unwrap_or_default();
    let alternatives = LocalResource::new(move || {
        let office = office.clone();
        async move { api::alternatives(&office).await }
    });
    view! {
        <section class="alternatives" aria-labelledby="alternativas">
            <h2 id="alternativas" class="small-heading">{t!(i18n, alternatives.heading)}</h2>
            <Suspense fallback=|| ()>
                {move || alternatives.get().and_then(Result::ok).map(|found| view! {
                    <ul class="plain">
                        {found.nearby.into_iter().map(|n| {
                            let when = in_bogota(&n.first_free);
                            let city = n.office.city.clone();
                            let href = Selection { office: Some(n.office.id.clone()), date: None, time: None, ..selection.clone() }
                                .href(Step::Date);
                            view! {
                                <li>
                                    <p>{move || fill(t_string!(i18n, alternatives.first_free), &[
                                        ("city", &city),
                                        ("km", &n.distance_km),
                                        ("date", &long_date(when.date_naive(), lang.get())),
                                        ("time", &time_of_day(when.time(), lang.get())),
                                    ])}</p>
                                    <A href=href attr:class="button button-secondary">
                                        {let city = n.office.city.clone(); move || fill(t_string!(i18n, alternatives.choose), &[("city", &city)])}
                                    </A>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                })}
            </Suspense>
            <p>{t!(i18n, alternatives.phone)}</p>
        </section>
    }
}
