//! Erasing a person's data on a request the office received by another channel (a letter, an
//! e-mail, at the desk), once the official checked who asks (Ley 1581 de 2012, art. 8): what
//! "Mi cita" lets citizens do themselves. How the request came is kept in the history of each
//! of their appointments, with the official's account.

use super::api;
use super::chrome::Session;
use super::widgets::{CloseDialog, Modal, ReasonField, read_reason};
use crate::components::{Alert, focus};
use citas_domain::api::ErrorCode;
use citas_domain::api::privacy::Erased;
use citas_domain::api::staff::AgendaEntry;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn EraseDialog(entry: AgendaEntry, on_erased: Callback<Erased>, on_close: Callback<()>) -> impl IntoView {
    view! {
        <Modal labelled_by="borrar-titulo" on_close>
            <EraseForm entry on_erased />
        </Modal>
    }
}

#[component]
fn EraseForm(entry: AgendaEntry, on_erased: Callback<Erased>) -> impl IntoView {
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
        let when_empty = "Escriba cómo llegó la solicitud: queda en el historial.";
        let Some(text) = read_reason(&reason.get(), reason_error, when_empty) else {
            return focus("solicitud");
        };
        let code = code.clone();
        sending.set(true);
        spawn_local(async move {
            let erased = api::erase(&code, text).await;
            sending.set(false);
            match erased {
                Ok(erased) => {
                    on_erased.run(erased);
                    close.close();
                }
                Err(failure) if failure.is(ErrorCode::InvalidReason) => {
                    reason_error.set(Some(failure.message()));
                    focus("solicitud");
                }
                Err(failure) => problem.set(session.message(&failure)),
            }
        });
    };
    view! {
        <h2 id="borrar-titulo">"Borrar datos personales"</h2>
        <p>{format!("{} — cita {}", entry.name, entry.code)}</p>
        <p>
            "Se cancela la cita por venir de esta persona, si tiene una (el turno queda libre), y se borran de inmediato "
            "el nombre, el documento, el correo y el teléfono de todas sus citas. "<strong>"No se puede deshacer."</strong>
        </p>
        <Alert message=problem.into() />
        <form on:submit=submit novalidate>
            <ReasonField id="solicitud" value=reason error=reason_error.into() label="Cómo llegó la solicitud"
                hint="Por ejemplo: «Solicitud escrita radicada 2026-001234». Queda en el historial de cada cita, con su cuenta." />
            <div class="actions">
                <button type="submit" class="button button-danger" disabled=move || sending.get()>
                    "Borrar los datos"
                </button>
                <button type="button" class="button button-secondary" on:click=move |_| close.close()>
                    "Volver sin borrar"
                </button>
            </div>
        </form>
    }
}
