//! Step 4: the time, from fresh availability of the chosen day.

use super::{Alert, FieldError, Selection, Step, StepPage, record_choice, use_selection};
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
    let error = RwSignal::new(None::<String>);
    // Why the citizen is back here (e.g. the time was taken meanwhile), shown once.
    let notice = expect_context::<Notice>();
    let notice_text = RwSignal::new(notice.0.get_untracked());
    notice.0.set(None);
    let navigate = use_navigate();

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        // A time kept in the URL from an earlier visit counts only if it is still free.
        let free = |t: NaiveTime| {
            availability.get().and_then(Result::ok).is_some_and(|a| {
                a.days
                    .iter()
                    .flat_map(|d| &d.slots)
                    .any(|s| in_bogota(&s.start).time() == t && s.available > 0)
            })
        };
        match selection.get().time {
            Some(t) if free(t) => navigate(&selection.get().href(Step::Details), Default::default()),
            _ => error.set(Some("Elija una hora con cupos libres.".into())),
        }
    };
    let other_day = initial.href(Step::Date);

    view! {
        <StepPage step=Step::Time heading="¿A qué hora?">
            <Alert message=notice_text.into() />
            <form on:submit=submit novalidate>
                <fieldset aria-describedby=move || error.get().map(|_| "hora-error")>
                    <legend>{long_date(date)}</legend>
                    <FieldError id="hora-error" message=error.into() />
                    <Suspense fallback=|| view! { <p class="loading">"Buscando horas libres…"</p> }>
                        {move || availability.get().map(|loaded| match loaded {
                            Ok(view_) => {
                                let slots = view_.days.into_iter().next().map(|d| d.slots).unwrap_or_default();
                                if slots.iter().all(|s| s.available == 0) {
                                    return view! {
                                        <p class="alert">"Ya no quedan horas libres este día. Elija otro día."</p>
                                    }.into_any();
                                }
                                view! {
                                    <div class="times">
                                        {slots.into_iter().map(|slot| time_option(in_bogota(&slot.start).time(), slot.available, selection, error)).collect_view()}
                                    </div>
                                }.into_any()
                            }
                            Err(e) => view! { <p class="alert" role="alert">{e.message()}</p> }.into_any(),
                        })}
                    </Suspense>
                </fieldset>
                <button type="submit" class="button">"Continuar"</button>
            </form>
            <p><A href=other_day>"Elegir otro día"</A></p>
        </StepPage>
    }
}

fn time_option(
    time: NaiveTime,
    available: u32,
    selection: Memo<Selection>,
    error: RwSignal<Option<String>>,
) -> impl IntoView {
    let label = time_of_day(time);
    let seats = match available {
        0 => "sin cupos".to_owned(),
        1 => "1 cupo".to_owned(),
        n => format!("{n} cupos"),
    };
    view! {
        <label class="choice time-choice" class:full=available == 0>
            <input type="radio" name="hora" value=time.format("%H:%M").to_string()
                disabled=available == 0
                prop:checked=move || { available > 0 && selection.get().time == Some(time) }
                on:change=move |_| { record_choice(&selection.get().with_time(time), Step::Time); error.set(None); } />
            <span class="choice-text">
                <span class="choice-title">{label}</span>
                <span class="choice-hint">{seats}</span>
            </span>
        </label>
    }
}
