//! Check-in: the official types the document the person presents, and the answer comes in
//! large, plain words. Only the document the appointment was booked with is attended (the
//! announcement says so); the server compares it, and the whole number is never shown.

use super::api;
use super::chrome::Session;
use super::widgets::{CloseDialog, Modal, service_name, time_of};
use crate::components::{Alert, DocumentFields, bring_into_view, focus};
use crate::state::Settings;
use citas_domain::api::staff::AgendaEntry;
use citas_domain::api::{DocumentInput, ErrorCode};
use citas_domain::document::{Document, DocumentKind};
use citas_domain::lang::{Lang, Localized};
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[derive(Clone, Copy, PartialEq)]
enum Verdict {
    Attended,
    Mismatch,
}

#[component]
pub fn CheckInDialog(
    entry: AgendaEntry,
    on_checked: Callback<AgendaEntry>,
    on_close: Callback<()>,
) -> impl IntoView {
    view! {
        <Modal labelled_by="registro-titulo" on_close>
            <CheckInForm entry on_checked />
        </Modal>
    }
}

#[component]
fn CheckInForm(entry: AgendaEntry, on_checked: Callback<AgendaEntry>) -> impl IntoView {
    let session = Session::get();
    let settings = Settings::get();
    let close = expect_context::<CloseDialog>();
    let kind = RwSignal::new(DocumentKind::Cc);
    let number = RwSignal::new(String::new());
    let number_error = RwSignal::new(None::<String>);
    let problem = RwSignal::new(None::<String>);
    let verdict = RwSignal::new(None::<Verdict>);
    let checking = RwSignal::new(false);
    let answer = NodeRef::<html::Div>::new();
    // The verdict is announced as it appears and takes the focus, as the citizen side's alerts
    // do: the next Tab goes on from there (to "Cerrar" once attended).
    Effect::watch(
        move || verdict.get(),
        move |shown, _, _| {
            if let (Some(_), Some(area)) = (shown, answer.get_untracked()) {
                bring_into_view(area.clone().into(), area.into());
            }
        },
        false,
    );

    let code = entry.code.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        problem.set(None);
        verdict.set(None);
        if let Err(error) = Document::parse(kind.get(), &number.get(), &settings.document_rules()) {
            number_error.set(Some(error.message(Lang::Es)));
            return focus("numero");
        }
        number_error.set(None);
        let document = DocumentInput { kind: kind.get().code().to_owned(), number: number.get() };
        let code = code.clone();
        checking.set(true);
        spawn_local(async move {
            let checked = api::check_in(&code, document).await;
            checking.set(false);
            match checked {
                Ok(entry) => {
                    verdict.set(Some(Verdict::Attended));
                    on_checked.run(entry);
                }
                Err(failure) if failure.is(ErrorCode::DocumentMismatch) => {
                    verdict.set(Some(Verdict::Mismatch));
                }
                Err(failure) => problem.set(session.message(&failure)),
            }
        });
    };

    let who = format!("{} — {} — {}", entry.name, time_of(&entry.start), service_name(&entry.service));
    view! {
        <h2 id="registro-titulo">"Registrar llegada"</h2>
        <p>{who}</p>
        <p>"Agendada con el documento"" "<strong>{entry.document.clone()}</strong></p>
        <div role="alert" tabindex="-1" class="verdict-area" node_ref=answer>
            {move || verdict.get().map(|v| match v {
                Verdict::Attended => view! { <p class="verdict verdict-ok">"ATENDIDA: documento correcto"</p> },
                Verdict::Mismatch => view! { <p class="verdict verdict-refused">"NO COINCIDE: solo se atiende el documento con el que se agendó"</p> },
            })}
        </div>
        <Alert message=problem.into() />
        <Show when=move || verdict.get() != Some(Verdict::Attended)>
            <form on:submit=submit.clone() novalidate>
                <p>"Escriba el documento que la persona presenta."</p>
                <DocumentFields kind number error=number_error.into() />
                <button type="submit" class="button" disabled=move || checking.get()>
                    {move || if checking.get() { "Verificando…" } else { "Verificar y registrar" }}
                </button>
            </form>
        </Show>
        <button type="button" class="button button-secondary" on:click=move |_| close.close()>"Cerrar"</button>
    }
}
