//! Step 3: the day, on a calendar of the booking window.

use super::alternatives::Alternatives;
use super::calendar::{Calendar, closed_reason};
use super::choices::LoadFailed;
use super::{Selection, Step, StepPage, record_choice, use_selection};
use crate::api;
use crate::i18n::*;
use crate::language::use_lang;
use crate::state::Offices;
use crate::text::fill;
use citas_domain::api::DayReason;
use citas_domain::format::long_date;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

#[component]
pub fn DateStep() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    // Follows the URL: a suggested office opens this same step with another office.
    let current = use_selection();
    let office_id = Memo::new(move |_| current.get().office.unwrap_or_default());
    let selection = current.get_untracked();
    let offices = expect_context::<Offices>();
    let availability = LocalResource::new(move || {
        let office_id = office_id.get();
        async move { api::availability(&office_id, None).await }
    });
    let city = move || {
        let list = offices.0.get().and_then(Result::ok)?;
        list.into_iter().find(|o| o.id == office_id.get()).map(|o| o.city)
    };
    // Moving an appointment keeps its office: only a new booking may choose another city.
    let other_city = selection.changing.is_none().then(|| selection.href(Step::City));

    view! {
        <StepPage step=Step::Date>
            <p>
                {move || city().map(|city| format!("{} ", fill(t_string!(i18n, date.office), &[("city", &city)])))}
                {t!(i18n, date.intro)}
            </p>
            <Suspense fallback=move || view! { <p class="loading">{t!(i18n, date.loading)}</p> }>
                {move || availability.get().map(|loaded| match loaded {
                    Ok(view_) => {
                        let locale = i18n.get_locale();
                        let has_free = view_.days.iter().any(|d| d.open && d.free_seats() > 0);
                        let closed: Vec<_> = view_.days.iter()
                            .filter(|d| matches!(d.reason, Some(DayReason::Holiday | DayReason::Closure)))
                            .map(|d| format!("{}: {}", long_date(d.date, lang.get()), closed_reason(d, locale)))
                            .collect();
                        let selection = current.get();
                        let chosen = selection.date;
                        let join = selection.changing.is_none().then(|| waitlist_href(&selection));
                        view! {
                            {(!has_free).then(|| {
                                let selection = selection.clone();
                                view! {
                                    <p class="alert" role="alert">{t!(i18n, date.none_free)}</p>
                                    // Moving an appointment keeps its office: no other offices to offer,
                                    // nor a waiting list (a document with an appointment cannot join one).
                                    {join.clone().map(|href| view! {
                                        <Alternatives selection />
                                        <p>{t!(i18n, waitlist.none_free)}</p>
                                        <A href=href attr:class="button button-secondary">{t!(i18n, waitlist.link)}</A>
                                    })}
                                }
                            })}
                            <Calendar days=view_.days selected=chosen locale
                                href=Callback::new({ let selection = selection.clone(); move |d| selection.with_date(d).href(Step::Time) })
                                pick=Callback::new(move |d| {
                                    let chosen = selection.with_date(d);
                                    record_choice(&chosen, Step::Date);
                                    use_navigate()(&chosen.href(Step::Time), Default::default());
                                }) />
                            {join.filter(|_| has_free).map(|href| view! {
                                <p>{t!(i18n, waitlist.none_suit)}" "<A href=href>{t!(i18n, waitlist.link)}</A></p>
                            })}
                            {(!closed.is_empty()).then(|| view! {
                                <h2 class="small-heading">{t!(i18n, date.closed_heading)}</h2>
                                <ul class="closed-days">
                                    {closed.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}
                                </ul>
                            })}
                        }.into_any()
                    }
                    Err(failure) => view! { <LoadFailed failure retry=move |_| availability.refetch() /> }.into_any(),
                })}
            </Suspense>
            {other_city.map(|href| view! { <p><A href=href>{t!(i18n, date.other_city)}</A></p> })}
        </StepPage>
    }
}

/// Joining the office's waiting list, with the service and office chosen so far.
fn waitlist_href(selection: &Selection) -> String {
    let encoded = |id: &Option<String>| js_sys::encode_uri_component(id.as_deref().unwrap_or_default());
    format!(
        "/lista-de-espera/unirse?servicio={}&oficina={}",
        encoded(&selection.service),
        encoded(&selection.office)
    )
}
