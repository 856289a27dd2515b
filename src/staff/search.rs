//! Finding a person's appointments by the document they present (they lost the code), and
//! what happened to each; erasing their data when they asked the office to (`erase`). The
//! document goes in the request's body; the server records the search.

use super::api;
use super::assisted::reschedule::{RescheduleDialog, moved_to};
use super::chrome::{Session, set_title};
use super::erase::EraseDialog;
use super::widgets::{office_name, status_name, time_of};
use crate::components::{Alert, DocumentFields, PageHeading, focus};
use crate::state::Settings;
use crate::text::fill;
use citas_domain::api::privacy::Erased;
use citas_domain::api::staff::{AgendaEntry, History};
use citas_domain::api::{AppointmentStatus, DocumentInput};
use citas_domain::document::{Document, DocumentKind};
use citas_domain::format::long_date;
use citas_domain::lang::{Lang, Localized};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn SearchPage() -> impl IntoView {
    set_title("Buscar por documento");
    let session = Session::get();
    let settings = Settings::get();
    let kind = RwSignal::new(DocumentKind::Cc);
    let number = RwSignal::new(String::new());
    let number_error = RwSignal::new(None::<String>);
    let problem = RwSignal::new(None::<String>);
    let found = RwSignal::new(None::<Vec<AgendaEntry>>);
    let history = RwSignal::new(None::<History>);
    let searching = RwSignal::new(false);
    let erasing = RwSignal::new(None::<AgendaEntry>);
    let notice = RwSignal::new(None::<String>);
    let moving = RwSignal::new(None::<AgendaEntry>);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        problem.set(None);
        notice.set(None);
        history.set(None);
        if let Err(error) = Document::parse(kind.get(), &number.get(), &settings.document_rules()) {
            number_error.set(Some(error.message(Lang::Es)));
            return focus("numero");
        }
        number_error.set(None);
        let document = DocumentInput { kind: kind.get().code().to_owned(), number: number.get() };
        searching.set(true);
        spawn_local(async move {
            let answer = api::search(document).await;
            searching.set(false);
            match answer {
                Ok(answer) => found.set(Some(answer.appointments)),
                Err(failure) => problem.set(session.message(&failure)),
            }
        });
    };
    // `then_focus`: the heading, or what else should have focus once the history is in place.
    let load_history = move |code: String, then_focus: &'static str| {
        spawn_local(async move {
            match api::history(&code).await {
                Ok(events) => {
                    history.set(Some(events));
                    crate::components::focus_soon(then_focus);
                }
                Err(failure) => problem.set(session.message(&failure)),
            }
        });
    };
    let show_history = Callback::new(move |code: String| load_history(code, "historial"));
    let erase = Callback::new(move |entry: AgendaEntry| erasing.set(Some(entry)));
    let change_time = Callback::new(move |entry: AgendaEntry| {
        notice.set(None);
        moving.set(Some(entry));
    });
    // The row shows its new time; focus goes to the notice (when the dialog closes), as the
    // button that opened the dialog went with the old row.
    let moved = move |entry: AgendaEntry| {
        notice.set(Some(moved_to(&entry)));
        found.update(|rows| {
            if let Some(row) = rows.iter_mut().flatten().find(|row| row.code == entry.code) {
                *row = entry;
            }
        });
    };
    // The rows found are no longer found (their document is gone): what was done is said, and
    // the appointment's history shows it.
    let erased = move |code: String, done: Erased| {
        let mut said = fill("Citas cuyos datos personales se borraron: {count}.", &[("count", &done.erased)]);
        if let Some(cancelled) = done.cancelled {
            said.push_str(&fill(
                " Se canceló la cita {code}; su turno quedó libre.",
                &[("code", &cancelled)],
            ));
        }
        notice.set(Some(said));
        found.set(None);
        load_history(code, "aviso");
    };

    view! {
        <PageHeading text=Signal::derive(|| "Buscar citas por documento".to_owned()) />
        <p>"Para quien no tiene el código de su cita: escriba el documento que presenta. La búsqueda queda registrada."</p>
        <Alert message=problem.into() />
        <form on:submit=submit novalidate class="staff-narrow">
            <DocumentFields kind number error=number_error.into() />
            <button type="submit" class="button" disabled=move || searching.get()>"Buscar"</button>
        </form>
        <p role="status" class="staff-notice" id="aviso" tabindex="-1">{move || notice.get()}</p>
        <div role="status">
            {move || found.get().map(|found| if found.is_empty() {
                view! { <p>"No hay citas con ese documento en sus oficinas."</p> }.into_any()
            } else {
                view! { <FoundTable found show_history erase change_time /> }.into_any()
            })}
        </div>
        {move || history.get().map(|history| view! { <HistoryList history /> })}
        {move || erasing.get().map(|entry| {
            let code = entry.code.clone();
            view! {
                <EraseDialog entry
                    on_erased=Callback::new(move |done| erased(code.clone(), done))
                    on_close=Callback::new(move |_| erasing.set(None)) />
            }
        })}
        {move || moving.get().map(|entry| view! {
            <RescheduleDialog entry
                on_moved=Callback::new(moved)
                on_close=Callback::new(move |_| {
                    moving.set(None);
                    if notice.with_untracked(Option::is_some) {
                        focus("aviso");
                    }
                }) />
        })}
    }
}

#[component]
fn FoundTable(
    found: Vec<AgendaEntry>,
    show_history: Callback<String>,
    erase: Callback<AgendaEntry>,
    change_time: Callback<AgendaEntry>,
) -> impl IntoView {
    view! {
        <h2>{fill("Citas encontradas: {count}", &[("count", &found.len())])}</h2>
        <table class="agenda">
            <thead>
                <tr>
                    <th scope="col">"Código"</th>
                    <th scope="col">"Oficina"</th>
                    <th scope="col">"Fecha y hora"</th>
                    <th scope="col">"Nombre"</th>
                    <th scope="col">"Estado"</th>
                    <th scope="col">"Acciones"</th>
                </tr>
            </thead>
            <tbody>
                {found.into_iter().map(|entry| {
                    let code = entry.code.clone();
                    let asked = entry.clone();
                    let to_move = (entry.status == AppointmentStatus::Booked).then(|| entry.clone());
                    let when = format!("{}, {}", long_date(entry.start.date_naive(), Lang::Es), time_of(&entry.start));
                    view! {
                        <tr>
                            <td class="code-cell">{entry.code.clone()}</td>
                            <td>{office_name(&entry.office)}</td>
                            <td>{when}</td>
                            <td>{entry.name.clone()}</td>
                            <td>{status_name(entry.status)}</td>
                            <td>
                                <button type="button" class="button button-secondary" aria-label=format!("Ver historial {}", entry.code)
                                    on:click=move |_| show_history.run(code.clone())>
                                    "Ver historial"
                                </button>
                                <button type="button" class="button button-secondary" aria-label=format!("Borrar datos personales {}", entry.code)
                                    on:click=move |_| erase.run(asked.clone())>
                                    "Borrar datos personales"
                                </button>
                                {to_move.map(|entry| view! {
                                    <button type="button" class="button button-secondary" aria-label=format!("Cambiar hora {}", entry.code)
                                        on:click=move |_| change_time.run(entry.clone())>
                                        "Cambiar hora"
                                    </button>
                                })}
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn HistoryList(history: History) -> impl IntoView {
    view! {
        <h2 id="historial" tabindex="-1">{fill("Historial de la cita {code}", &[("code", &history.code)])}</h2>
        <ol class="history">
            {history.events.into_iter().map(|event| {
                let at = format!("{}, {}", long_date(event.at.date_naive(), Lang::Es), time_of(&event.at));
                view! {
                    <li><strong>{at}</strong>" · "{action_name(&event.action)}" · "{event.actor}
                        {(!event.detail.is_empty()).then(|| view! { <br />{event.detail}})}
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}

/// The history's actions in words; one this build does not know shows as the server names it.
fn action_name(action: &str) -> &str {
    match action {
        "booked" => "Agendada",
        "rescheduled" => "Cambiada de fecha u hora",
        // By the citizen, or by an office as it erased their data (the actor says which).
        "cancelled" => "Cancelada",
        "checked_in" => "Llegada registrada",
        "no_show" => "No asistió",
        "reopened" => "Registro deshecho",
        "cancelled_by_office" => "Cancelada por la oficina",
        "found_by_document" => "Buscada por documento",
        "erased" => "Datos personales borrados",
        other => other,
    }
}
