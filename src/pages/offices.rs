//! The office directory: every office, searchable by city or department, and each office's
//! address, hours, services, a plain map link and, when online, its next free times. Works
//! offline from the cached catalogue (see public/sw.js).

use crate::api;
use crate::components::PageHeading;
use crate::dom::set_title;
use crate::i18n::*;
use crate::language::use_lang;
use crate::state::Offices;
use crate::text::{fill, fold};
use citas_domain::api::OfficeView;
use citas_domain::availability::first_free;
use citas_domain::format::{long_date, time_of_day};
use citas_domain::geo::Point;
use citas_domain::time::in_bogota;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

/// How many next free times an office page lists.
const NEXT_FREE: usize = 3;

#[component]
pub fn OfficeList() -> impl IntoView {
    let i18n = use_i18n();
    set_title(move || t_string!(i18n, offices.title).to_string());
    let offices = expect_context::<Offices>();
    let query = RwSignal::new(String::new());
    let matching = move || {
        let wanted = fold(query.get().trim());
        let mut list = offices.0.get().and_then(Result::ok).unwrap_or_default();
        list.retain(|o| fold(&o.city).contains(&wanted) || fold(&o.department).contains(&wanted));
        list.sort_by_key(|o| fold(&o.city));
        list
    };
    view! {
        <PageHeading text=Signal::derive(move || t_string!(i18n, offices.heading).to_string()) />
        <p>{t!(i18n, offices.intro)}</p>
        <div class="field">
            <label for="buscar">{t!(i18n, offices.search)}</label>
            <p class="hint" id="buscar-pista">{t!(i18n, offices.search_hint)}</p>
            <input id="buscar" type="search" aria-describedby="buscar-pista" aria-controls="oficinas"
                prop:value=move || query.get() on:input=move |ev| query.set(event_target_value(&ev)) />
        </div>
        // The number of matches is announced as the citizen types.
        <p role="status" class="hint">
            {move || {
                let n = matching().len();
                if n == 0 {
                    fill(t_string!(i18n, offices.none), &[("query", &query.get())])
                } else {
                    fill(t_string!(i18n, offices.count), &[("n", &n)])
                }
            }}
        </p>
        <ul id="oficinas" class="plain offices">
            {move || matching().into_iter().map(|o| view! {
                <li>
                    <A href=format!("/oficinas/{}", o.id)>
                        <span class="office-city">{o.city.clone()}</span>
                        <span class="office-where">{format!("{} · {}", o.department, o.address.clone().unwrap_or(o.name.clone()))}</span>
                    </A>
                </li>
            }).collect_view()}
        </ul>
    }
}

#[component]
pub fn OfficePage() -> impl IntoView {
    let i18n = use_i18n();
    let id = use_params_map().get_untracked().get("office").unwrap_or_default();
    let offices = expect_context::<Offices>();
    let office = Memo::new({
        let id = id.clone();
        move |_| offices.0.get().and_then(Result::ok).and_then(|list| list.into_iter().find(|o| o.id == id))
    });
    set_title(move || {
        office.get().map(|o| o.city).unwrap_or_else(|| t_string!(i18n, offices.title).to_string())
    });
    view! {
        <Suspense fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {move || match office.get() {
                Some(o) => view! { <OfficeDetails office=o /> }.into_any(),
                None if offices.0.get().is_some() => view! {
                    <PageHeading text=Signal::derive(move || t_string!(i18n, offices.not_found).to_string()) />
                }.into_any(),
                None => ().into_any(),
            }}
        </Suspense>
        <p><A href="/oficinas">{t!(i18n, offices.all)}</A></p>
    }
}

#[component]
fn OfficeDetails(office: OfficeView) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let map = match (office.latitude, office.longitude) {
        (Some(latitude), Some(longitude)) => Some(Point { latitude, longitude }.map_link()),
        _ => None,
    };
    // Availability is never shown from a cache: offline, this says so instead.
    let next = LocalResource::new({
        let id = office.id.clone();
        move || {
            let id = id.clone();
            async move { api::availability(&id, None).await }
        }
    });
    let city = office.city.clone();
    let services = office.services.clone();
    view! {
        <PageHeading text=office.city.clone() />
        <p class="lead">{office.name.clone()}</p>
        <p>{match office.address.clone() {
            Some(address) => view! { {address} {office.postal_code.clone().map(|p| format!(" · {p}"))} }.into_any(),
            None => view! { {t!(i18n, offices.address_unknown)} }.into_any(),
        }}</p>
        {office.notes.clone().map(|n| view! { <p>{n}</p> })}
        {map.map(|href| view! { <p><a href=href rel="noopener">{t!(i18n, offices.map)}</a></p> })}
        <h2>{t!(i18n, offices.hours_heading)}</h2>
        <p>{t!(i18n, offices.hours)}</p>
        <h2>{t!(i18n, offices.next_heading)}</h2>
        <Suspense fallback=move || view! { <p class="loading">{t!(i18n, offices.next_loading)}</p> }>
            {move || next.get().map(|loaded| match loaded {
                Ok(view_) if first_free(&view_).is_none() => view! { <p>{t!(i18n, offices.next_none)}</p> }.into_any(),
                Ok(view_) => {
                    let free: Vec<_> = view_.days.iter().flat_map(|d| &d.slots).filter(|s| s.available > 0)
                        .take(NEXT_FREE).map(|s| in_bogota(&s.start)).collect();
                    view! {
                        <ul>
                            {free.into_iter().map(|when| view! {
                                <li>{move || format!("{}, {}", long_date(when.date_naive(), lang.get()), time_of_day(when.time(), lang.get()))}</li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }
                Err(_) => view! { <p>{t!(i18n, offices.next_offline)}</p> }.into_any(),
            })}
        </Suspense>
        <A href=format!("/agendar/servicio?oficina={}", office.id) attr:class="button">
            {move || fill(t_string!(i18n, offices.book_here), &[("city", &city)])}
        </A>
        <h2>{t!(i18n, offices.services)}</h2>
        <ul class="services-list">
            {services.into_iter().map(|s| {
                let (name, description) = (s.clone(), s);
                view! { <li><strong>{move || name.name(lang.get()).to_owned()}</strong>": "{move || description.description(lang.get()).to_owned()}</li> }
            }).collect_view()}
        </ul>
    }
}
