//! How many officials an office attends with, from a date on (administrador). The server
//! lists the booked appointments of slots that then hold more than the desks: none is dropped,
//! the office decides what to do with each.

use super::api;
use super::chrome::Session;
use super::closures::AppointmentTable;
use super::widgets::office_name;
use crate::components::{Alert, TextField, focus};
use crate::text::fill;
use chrono::NaiveDate;
use citas_domain::api::ErrorCode;
use citas_domain::api::staff::{DesksChange, DesksChanged};
use citas_domain::format::long_date;
use citas_domain::lang::Lang;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn DesksForm(offices: Vec<String>) -> impl IntoView {
    let session = Session::get();
    let office = RwSignal::new(offices.first().cloned().unwrap_or_default());
    let from = RwSignal::new(String::new());
    let desks = RwSignal::new(String::new());
    let from_error = RwSignal::new(None::<String>);
    let desks_error = RwSignal::new(None::<String>);
    let problem = RwSignal::new(None::<String>);
    let changed = RwSignal::new(None::<DesksChanged>);
    let sending = RwSignal::new(false);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        problem.set(None);
        let date = from.get().parse::<NaiveDate>().ok();
        let count = desks.get().trim().parse::<u32>().ok().filter(|d| *d > 0);
        from_error.set(date.is_none().then(|| "Escriba desde qué día cambia.".to_owned()));
        desks_error.set(count.is_none().then(|| "Escriba cuántos puestos atienden, 1 o más.".to_owned()));
        let (Some(from), Some(desks)) = (date, count) else {
            return focus(if from_error.get_untracked().is_some() { "puestos-desde" } else { "puestos" });
        };
        sending.set(true);
        let office = office.get();
        spawn_local(async move {
            let answer = api::change_desks(&office, &DesksChange { from, desks }).await;
            sending.set(false);
            match answer {
                Ok(answer) => changed.set(Some(answer)),
                Err(failure) if failure.is(ErrorCode::InvalidDesks) => {
                    let on_date = matches!(&failure, crate::api::ApiFailure::Refused(d) if d.field.as_deref() == Some("from"));
                    let (error, id) =
                        if on_date { (from_error, "puestos-desde") } else { (desks_error, "puestos") };
                    error.set(Some(failure.message()));
                    focus(id);
                }
                Err(failure) => problem.set(session.message(&failure)),
            }
        });
    };

    view! {
        <section aria-labelledby="puestos-titulo">
            <h2 id="puestos-titulo">"Puestos de atención"</h2>
            <p>"Cuántos funcionarios atienden a la vez en una oficina, desde un día. Las citas de horas que queden con más citas que puestos se listan; ninguna se cancela sola."</p>
            <Alert message=problem.into() />
            <form on:submit=submit novalidate class="staff-narrow">
                <div class="field">
                    <label for="puestos-oficina">"Oficina"</label>
                    <select id="puestos-oficina" on:change=move |ev| office.set(event_target_value(&ev))>
                        {offices.into_iter().map(|id| {
                            let shown = id.clone();
                            view! { <option value=id>{move || office_name(&shown)}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <TextField id="puestos-desde" value=from error=from_error.into() input_type="date"
                    label=Signal::derive(|| "Cambia desde el día".to_owned()) hint=Signal::derive(|| "Hoy o después.".to_owned()) />
                <TextField id="puestos" value=desks error=desks_error.into() inputmode="numeric"
                    label=Signal::derive(|| "Puestos".to_owned()) hint=Signal::derive(|| "Funcionarios que atienden a la vez.".to_owned()) />
                <button type="submit" class="button" disabled=move || sending.get()>"Cambiar los puestos"</button>
            </form>
            <div role="status">
                {move || changed.get().map(|answer| {
                    let said = fill(
                        "Desde el {date}, {office} atiende con {desks} puestos.",
                        &[("date", &long_date(answer.from, Lang::Es)), ("office", &office_name(&answer.office)), ("desks", &answer.desks)],
                    );
                    view! {
                        <p class="staff-notice">{said}</p>
                        {if answer.over_capacity.is_empty() {
                            view! { <p>"Ninguna hora queda con más citas que puestos."</p> }.into_any()
                        } else {
                            view! {
                                <p>"Estas citas quedan en horas con más citas que puestos: la oficina decide qué hacer con cada una."</p>
                                <AppointmentTable entries=answer.over_capacity />
                            }.into_any()
                        }}
                    }
                })}
            </div>
        </section>
    }
}
