//! Step 4: the time, from fresh availability of the chosen day.

use super::choices::{Choice, ChoiceForm, LoadFailed};
use super::hold::{HoldTimer, Holds};
use super::{Step, StepPage, record_choice, use_selection};
use crate::api;
use crate::components::Alert;
use crate::i18n::*;
use crate::language::use_lang;
use crate::state::Notice;
use crate::text::fill;
use chrono::{DateTime, FixedOffset};
use citas_domain::api::ErrorCode;
use citas_domain::format::{long_date, time_of_day};
use citas_domain::time::{clock, in_bogota};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

#[component]
pub fn TimeStep() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let selection = use_selection();
    let initial = selection.get_untracked();
    let office_id = initial.office.clone().unwrap_or_default();
    let date = initial.date.unwrap_or_default();
    let availability = LocalResource::new(move || {
        let office_id = office_id.clone();
        async move { api::availability(&office_id, Some((date, date))).await }
    });
    let holds = Holds::get();
    // Free seats per slot of the day, once loaded.
    let slots = move || -> Vec<(DateTime<FixedOffset>, u32)> {
        let loaded = availability.get().and_then(Result::ok);
        loaded
            .map(|a| a.days.iter().flat_map(|d| &d.slots).map(|s| (s.start, s.available)).collect())
            .unwrap_or_default()
    };
    // The seat this citizen holds is theirs, however availability counted it.
    let office = StoredValue::new(initial.office.clone().unwrap_or_default());
    let mine = move |start: DateTime<FixedOffset>| office.with_value(|o| holds.holds(o, start));
    let open_for_me = move |start: DateTime<FixedOffset>, available: u32| available > 0 || mine(start);
    let error = RwSignal::new(None::<String>);
    // Choosing a time keeps its seat for the citizen while they finish.
    let take = move |chosen: super::Selection| {
        let (Some(start), Some(office), Some(service)) = (chosen.start(), chosen.office, chosen.service)
        else {
            return;
        };
        spawn_local(async move {
            if let Err(failure) = holds.take(office, service, start).await {
                error.set(Some(if failure.is(ErrorCode::SlotFull) {
                    t_string!(i18n, time.just_full).to_string()
                } else {
                    failure.message()
                }));
                availability.refetch();
            }
        });
    };
    // Why the citizen is back here (e.g. the time was taken meanwhile), shown once.
    let notice = Notice::get();
    let notice_text = RwSignal::new(notice.0.get_untracked());
    notice.0.set(None);
    let navigate = use_navigate();
    // A time kept in the URL from an earlier visit counts only if it is still free.
    let proceed = move || match selection.get().time {
        Some(t)
            if slots()
                .into_iter()
                .any(|(start, free)| in_bogota(&start).time() == t && open_for_me(start, free)) =>
        {
            navigate(&selection.get().href(selection.get().after_time()), Default::default())
        }
        _ => error.set(Some(t_string!(i18n, time.pick).to_string())),
    };

    let option = move |(start, available): (DateTime<FixedOffset>, u32)| {
        let time = in_bogota(&start).time();
        let mine = Signal::derive(move || mine(start));
        let hint = Signal::derive(move || match (mine.get(), available) {
            (true, _) => t_string!(i18n, time.mine).to_string(),
            (false, 0) => t_string!(i18n, time.seats_none).to_string(),
            (false, 1) => t_string!(i18n, time.seats_one).to_string(),
            (false, n) => fill(t_string!(i18n, time.seats_many), &[("n", &n)]),
        });
        let open = Signal::derive(move || available > 0 || mine.get());
        let checked = Signal::derive(move || open.get() && selection.get().time == Some(time));
        view! {
            <Choice name="hora" value=clock(time) title=Signal::derive(move || time_of_day(time, lang.get())) hint checked
                disabled=Signal::derive(move || !open.get())
                on_choose=move || {
                    let chosen = selection.get().with_time(time);
                    record_choice(&chosen, Step::Time);
                    error.set(None);
                    take(chosen);
                } />
        }
    };

    view! {
        <StepPage step=Step::Time>
            <Alert message=notice_text.into() />
            // How long the chosen time is kept, beside the button that takes it.
            <ChoiceForm id="hora" legend=Signal::derive(move || long_date(date, lang.get())) error on_continue=proceed
                above_button=move || selection.get().time.is_some().then(|| view! { <HoldTimer selection=selection.get() /> })>
                <Suspense fallback=move || view! { <p class="loading">{t!(i18n, time.loading)}</p> }>
                    {move || availability.get().map(|loaded| match loaded {
                        Ok(_) if slots().into_iter().all(|(start, free)| !open_for_me(start, free)) => view! {
                            <p class="alert">{t!(i18n, time.none_left)}</p>
                        }.into_any(),
                        Ok(_) => view! { <div class="times">{slots().into_iter().map(option).collect_view()}</div> }.into_any(),
                        Err(failure) => view! { <LoadFailed failure retry=move |_| availability.refetch() /> }.into_any(),
                    })}
                </Suspense>
            </ChoiceForm>
            <p><A href=initial.href(Step::Date)>{t!(i18n, time.other_day)}</A></p>
        </StepPage>
    }
}
