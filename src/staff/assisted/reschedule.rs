//! Moving a citizen's appointment to another time of its office, at their request (on the phone
//! or at the desk), saying why: the reason goes into the appointment's history, and the
//! citizen's "Mi cita" says who changed it. The new time's seat is kept while the reason is
//! typed, as when booking for a caller; the old seat frees as when a citizen moves it.

use super::hold::{KeptNotice, KeptSeat};
use super::list_field::ListField;
use super::slot_choice::Chosen;
use super::slots;
use crate::api::ApiFailure;
use crate::components::{Alert, focus};
use crate::staff::api;
use crate::staff::chrome::Session;
use crate::staff::widgets::{CloseDialog, Modal, ReasonField, read_reason, time_of};
use crate::text::fill;
use citas_domain::api::ErrorCode;
use citas_domain::api::staff::{AgendaEntry, AssistedMove};
use citas_domain::format::long_date;
use citas_domain::lang::Lang;
use citas_domain::time::in_bogota;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn RescheduleDialog(
    entry: AgendaEntry,
    on_moved: Callback<AgendaEntry>,
    on_close: Callback<()>,
) -> impl IntoView {
    view! {
        <Modal labelled_by="cambiar-titulo" on_close>
            <RescheduleForm entry on_moved />
        </Modal>
    }
}

/// "La cita K7QX-M4PT quedó para el miércoles 2 de diciembre de 2026 a las 9:00 a. m."
pub fn moved_to(entry: &AgendaEntry) -> String {
    // The time ends the sentence with its own period ("a. m.").
    fill("La cita {code} quedó para el {when}", &[("code", &entry.code), ("when", &when(entry))])
}

fn when(entry: &AgendaEntry) -> String {
    format!("{} a las {}", long_date(in_bogota(&entry.start).date_naive(), Lang::Es), time_of(&entry.start))
}

#[component]
fn RescheduleForm(entry: AgendaEntry, on_moved: Callback<AgendaEntry>) -> impl IntoView {
    let session = Session::get();
    let close = expect_context::<CloseDialog>();
    let chosen = Chosen::moving(&entry);
    let availability = chosen.availability();
    let (date, start) = (chosen.date, chosen.start);
    let reason = RwSignal::new(String::new());
    let date_error = RwSignal::new(None::<String>);
    let time_error = RwSignal::new(None::<String>);
    let reason_error = RwSignal::new(None::<String>);
    let problem = RwSignal::new(None::<String>);
    let sending = RwSignal::new(false);
    // That time is gone meanwhile: said beside the list, which shows what is left.
    let time_gone = move |message: String| {
        start.set(String::new());
        availability.refetch();
        time_error.set(Some(message));
    };
    let kept = KeptSeat::new();
    chosen.follow(
        kept,
        Callback::new(move |failure: ApiFailure| {
            if let Some(message) = session.message(&failure) {
                time_gone(message);
            }
        }),
    );
    let loaded = move || availability.get().flatten().and_then(Result::ok);
    let day_items = move || loaded().map(|a| slots::days(&a, kept.start())).unwrap_or_default();
    let time_items = move || match (loaded(), chosen.day()) {
        (Some(a), Some(day)) => slots::times(&a, day, kept.start()),
        _ => Vec::new(),
    };

    let code = entry.code.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        problem.set(None);
        date_error.set(date.with(String::is_empty).then(|| "Elija el nuevo día.".to_owned()));
        time_error.set(start.with(String::is_empty).then(|| "Elija la nueva hora.".to_owned()));
        let when_empty = "Escriba el motivo del cambio: queda en el historial de la cita.";
        let reason = read_reason(&reason.get(), reason_error, when_empty);
        let first = [(date_error, "nuevo-dia"), (time_error, "nueva-hora"), (reason_error, "motivo-cambio")]
            .into_iter()
            .find(|(error, _)| error.with_untracked(Option::is_some));
        if let Some((_, id)) = first {
            return focus(id);
        }
        let (Some(reason), Some(at)) = (reason, chosen.start_time()) else { return };
        let change = AssistedMove { start: at.to_rfc3339(), hold: kept.id_for(at), reason };
        let code = code.clone();
        sending.set(true);
        spawn_local(async move {
            let answer = api::reschedule(&code, &change).await;
            sending.set(false);
            match answer {
                Ok(moved) => {
                    kept.used();
                    on_moved.run(moved);
                    close.close();
                }
                Err(failure) if failure.is(ErrorCode::InvalidReason) => {
                    reason_error.set(Some(failure.message()));
                    focus("motivo-cambio");
                }
                Err(failure) => {
                    let Some(message) = session.message(&failure) else { return };
                    if matches!(&failure, ApiFailure::Refused(r) if r.field.as_deref() == Some("start")) {
                        time_gone(message.clone());
                    }
                    problem.set(Some(message));
                }
            }
        });
    };

    view! {
        <h2 id="cambiar-titulo">"Cambiar la hora de la cita"</h2>
        <p>{format!("{} — {}", entry.name, when(&entry))}</p>
        <Alert message=problem.into() />
        <form on:submit=submit novalidate>
            <ListField id="nuevo-dia" label="Nuevo día" prompt="Elija el día" items=Signal::derive(day_items)
                value=date error=date_error.into() />
            <ListField id="nueva-hora" label="Nueva hora" prompt="Elija la hora" items=Signal::derive(time_items)
                value=start error=time_error.into() />
            <KeptNotice kept />
            <ReasonField id="motivo-cambio" value=reason error=reason_error.into() label="Motivo"
                hint="Queda en el historial de la cita." />
            <div class="actions">
                <button type="submit" class="button" disabled=move || sending.get()>"Cambiar la hora"</button>
                <button type="button" class="button button-secondary" on:click=move |_| close.close()>
                    "Volver sin cambiar"
                </button>
            </div>
        </form>
    }
}
