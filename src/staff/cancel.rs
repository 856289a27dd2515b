//! The office cancels an appointment, saying why: the reason is shown to the citizen in "Mi
//! cita", and the seat is free again.

use super::api;
use super::chrome::Session;
use super::widgets::{CloseDialog, Modal, ReasonField, read_reason, time_of};
use crate::components::{Alert, focus};
use citas_domain::api::ErrorCode;
use citas_domain::api::staff::AgendaEntry;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn CancelDialog(
    entry: AgendaEntry,
    on_cancelled: Callback<AgendaEntry>,
    on_close: Callback<()>,
) -> impl IntoView {
    view! {
        <Modal labelled_by="cancelar-titulo" on_close>
            <CancelForm entry on_cancelled />
        </Modal>
    }
}

#[component]
fn CancelForm(entry: AgendaEntry, on_cancelled: Callback<AgendaEntry>) -> impl IntoView {
    let session = Session::get();
    let close = expect_context::<CloseDialog>();
    let reason = RwSignal::new(String::new());
    let reason_error = RwSignal::new(None::<String>);
    let problem = RwSignal::new(None::<String>);
    let sending = RwSignal::new(false);
    let code = entry.code.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        problem.set(None);
        let when_empty = "Escriba el motivo de la cancelación: el ciudadano lo verá.";
        let Some(text) = read_reason(&reason.get(), reason_error, when_empty) else {
            return focus("motivo");
        };
        let code = code.clone();
        sending.set(true);
        spawn_local(async move {
            let cancelled = api::cancel(&code, text).await;
            sending.set(false);
            match cancelled {
                Ok(entry) => {
                    on_cancelled.run(entry);
                    close.close();
                }
                Err(failure) if failure.is(ErrorCode::InvalidReason) => {
                    reason_error.set(Some(failure.message()));
                    focus("motivo");
                }
                Err(failure) => problem.set(session.message(&failure)),
            }
        });
    };
    view! {
        <h2 id="cancelar-titulo">"Cancelar la cita"</h2>
        <p>{format!("{} — {}", entry.name, time_of(&entry.start))}</p>
        <Alert message=problem.into() />
        <form on:submit=submit novalidate>
            <ReasonField id="motivo" value=reason error=reason_error.into() label="Motivo" hint="El ciudadano lo verá en «Mi cita»." />
            <div class="actions">
                <button type="submit" class="button button-danger" disabled=move || sending.get()>
                    "Cancelar la cita"
                </button>
                <button type="button" class="button button-secondary" on:click=move |_| close.close()>
                    "Volver sin cancelar"
                </button>
            </div>
        </form>
    }
}
