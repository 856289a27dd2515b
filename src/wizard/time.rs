//! Step 4: the time, from fresh availability of the chosen day.

use super::choices::{Choice, ChoiceForm, LoadFailed};
use super::{Alert, Step, StepPage, record_choice, use_selection};
use crate::api;
use crate::state::Notice;
use chrono::NaiveTime;
use citas_domain::format::{long_date, time_of_day};
use citas_domain::time::in_bogota;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

#[component]
pub fn TimeStep() -> impl IntoView {
    let selection = use_selection();
    let initial = selection.get_untracked();
    let office_id = initial.office.clone().unwrap_or_default();
    let date = initial.date.unwrap_or_default();
    let availability = LocalResource::new(move || {
        let office_id = office_id.clone();
        async move { api::availability(&office_id, Some((date, date))).await }
    });
    // Free seats per time of the day, once loaded.
    let seats = move || -> Vec<(NaiveTime, u32)> {
        availability
            .get()
            .and_then(Result::ok)
            .map(|a| {
                a.days
                    .iter()
                    .flat_map(|d| &d.slots)
                    .map(|s| (in_bogota(&s.start).time(), s.available))
                    .collect()
            })
            .unwrap_or_default()
    };
    let error = RwSignal::new(None::<String>);
    // Why the citizen is back here (e.g. the time was taken meanwhile), shown once.
    let notice = expect_context::<Notice>();
    let notice_text = RwSignal::new(notice.0.get_untracked());
    notice.0.set(None);
    let navigate = use_navigate();
    // A time kept in the URL from an earlier visit counts only if it is still free.
    let proceed = move || match selection.get().time {
        Some(t) if seats().iter().any(|(time, free)| *time == t && *free > 0) => {
            navigate(&selection.get().href(Step::Details), Default::default())
        }
        _ => error.set(Some("Elija una hora con cupos libres.".into())),
    };

    let option = move |(time, available): (NaiveTime, u32)| {
        let hint = match available {
            0 => "sin cupos".to_owned(),
            1 => "1 cupo".to_owned(),
            n => format!("{n} cupos"),
        };
        let checked = Signal::derive(move || available > 0 && selection.get().time == Some(time));
        view! {
            <Choice name="hora" value=time.format("%H:%M").to_string() title=time_of_day(time) hint checked
                disabled=available == 0
                on_choose=move || {
                    record_choice(&selection.get().with_time(time), Step::Time);
                    error.set(None);
                } />
        }
    };

    view! {
        <StepPage step=Step::Time heading="¿A qué hora?">
            <Alert message=notice_text.into() />
            <ChoiceForm id="hora" legend=long_date(date) error on_continue=proceed>
                <Suspense fallback=|| view! { <p class="loading">"Buscando horas libres…"</p> }>
                    {move || availability.get().map(|loaded| match loaded {
                        Ok(_) if seats().iter().all(|(_, free)| *free == 0) => view! {
                            <p class="alert">"Ya no quedan horas libres este día. Elija otro día."</p>
                        }.into_any(),
                        Ok(_) => view! { <div class="times">{seats().into_iter().map(option).collect_view()}</div> }.into_any(),
                        Err(failure) => view! { <LoadFailed failure /> }.into_any(),
                    })}
                </Suspense>
            </ChoiceForm>
            <p><A href=initial.href(Step::Date)>"Elegir otro día"</A></p>
        </StepPage>
    }
}
