//! The last step of moving an appointment: the current and the new time side by side, and
//! one button. The old seat is freed only if the new one is taken (server side, one transaction).

use super::hold::{HoldTimer, Holds};
use super::{Selection, Step, StepPage, back_to_times_if_gone};
use crate::api::{self, ApiFailure};
use crate::components::Alert;
use crate::i18n::*;
use crate::language::use_lang;
use crate::state::{Notice, Verified};
use crate::text::fill;
use citas_domain::api::{ARRIVE_EARLY_MINUTES, AppointmentView, RescheduleRequest};
use citas_domain::format::{long_date, time_of_day};
use citas_domain::time::in_bogota;
use leptos::prelude::*;
use leptos_router::components::{A, Redirect};
use leptos_router::hooks::use_navigate;

#[component]
pub fn ChangeReview(selection: Selection) -> impl IntoView {
    let code = selection.changing.clone().unwrap_or_default();
    let verified = Verified::get();
    let (Some(document), Some(current)) = (verified.document_for(&code), verified.appointment(&code)) else {
        // Moving needs the document, typed on the appointment's page.
        return view! { <Redirect path=format!("/cita/{code}") /> }.into_any();
    };
    let i18n = use_i18n();
    let lang = use_lang();
    let holds = Holds::get();
    let notice = Notice::get();
    let problem = RwSignal::new(None::<String>);
    let navigate = use_navigate();
    let (Some(date), Some(time), Some(start)) = (selection.date, selection.time, selection.start()) else {
        return view! { <Redirect path=selection.href(Step::Time) /> }.into_any();
    };

    let move_it = Action::new_local(|(code, request): &(String, RescheduleRequest)| {
        let (code, request) = (code.clone(), request.clone());
        async move { api::reschedule(&code, &request).await }
    });
    let on_result = {
        let selection = selection.clone();
        move |result: Result<AppointmentView, ApiFailure>| match result {
            Ok(moved) => {
                holds.forget();
                verified.update(&moved);
                let when = in_bogota(&moved.start);
                let (date, time) =
                    (long_date(when.date_naive(), lang.get()), time_of_day(when.time(), lang.get()));
                notice.0.set(Some(fill(t_string!(i18n, change.done), &[("date", &date), ("time", &time)])));
                navigate(&format!("/cita/{}", moved.code), Default::default());
            }
            Err(failure) => {
                if !back_to_times_if_gone(&failure, &selection, &navigate) {
                    problem.set(Some(failure.message()));
                }
            }
        }
    };
    Effect::new(move || {
        if let Some(result) = move_it.value().get() {
            on_result(result);
        }
    });
    let office = current.office.id.clone();
    let submit = {
        let code = code.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            problem.set(None);
            let request = RescheduleRequest {
                document: document.clone(),
                start: start.to_rfc3339(),
                hold: holds.for_slot(&office, start),
            };
            move_it.dispatch_local((code.clone(), request));
        }
    };
    let was = in_bogota(&current.start);
    let arrive = time - chrono::Duration::minutes(ARRIVE_EARLY_MINUTES);

    view! {
        <StepPage step=Step::Review>
            <Alert message=problem.into() />
            <HoldTimer selection=selection.clone() />
            <dl class="summary">
                <div><dt>{t!(i18n, change.current)}</dt>
                    <dd>{move || fill(t_string!(i18n, change.when), &[("date", &long_date(was.date_naive(), lang.get())), ("time", &time_of_day(was.time(), lang.get()))])}</dd></div>
                <div><dt>{t!(i18n, change.new)}</dt>
                    <dd><strong>{move || fill(t_string!(i18n, change.when), &[("date", &long_date(date, lang.get())), ("time", &time_of_day(time, lang.get()))])}</strong></dd></div>
                <div><dt>{t!(i18n, change.office)}</dt><dd>{format!("{} — {}", current.office.city, current.office.name)}</dd></div>
                <div><dt>{t!(i18n, change.code)}</dt><dd>{code.clone()}</dd></div>
            </dl>
            <p>{move || fill(t_string!(i18n, change.arrive), &[("time", &time_of_day(arrive, lang.get())), ("minutes", &ARRIVE_EARLY_MINUTES)])}</p>
            <form on:submit=submit novalidate>
                <button type="submit" class="button" disabled=move || move_it.pending().get()>
                    {move || if move_it.pending().get() { t_string!(i18n, change.changing) } else { t_string!(i18n, change.confirm) }}
                </button>
            </form>
            <p><A href=format!("/cita/{code}")>{t!(i18n, change.keep)}</A></p>
        </StepPage>
    }
    .into_any()
}
