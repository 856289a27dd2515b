//! Finding a person's appointments by the document they present (they lost the code), and
//! what happened to each. The document goes in the request's body; the server records the
//! search.

use super::api;
use super::chrome::{Session, set_title};
use super::text::{Text, t};
use super::widgets::{office_name, status_name, time_of};
use crate::components::{Alert, DocumentFields, PageHeading, focus};
use crate::state::Settings;
use crate::text::fill;
use citas_domain::api::DocumentInput;
use citas_domain::api::staff::{AgendaEntry, History};
use citas_domain::document::{Document, DocumentKind};
use citas_domain::format::long_date;
use citas_domain::lang::{Lang, Localized};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn SearchPage() -> impl IntoView {
    set_title(Text::SearchTitle);
    let session = Session::get();
    let settings = Settings::get();
    let kind = RwSignal::new(DocumentKind::Cc);
    let number = RwSignal::new(String::new());
    let number_error = RwSignal::new(None::<String>);
    let problem = RwSignal::new(None::<String>);
    let found = RwSignal::new(None::<Vec<AgendaEntry>>);
    let history = RwSignal::new(None::<History>);
    let searching = RwSignal::new(false);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        problem.set(None);
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
    let show_history = Callback::new(move |code: String| {
        spawn_local(async move {
            match api::history(&code).await {
                Ok(events) => {
                    history.set(Some(events));
                    super::widgets::focus_soon("historial");
                }
                Err(failure) => problem.set(session.message(&failure)),
            }
        });
    });

    view! {
        <PageHeading text=Signal::derive(|| t(Text::SearchHeading)) />
        <p>{t(Text::SearchLead)}</p>
        <Alert message=problem.into() />
        <form on:submit=submit novalidate class="staff-narrow">
            <DocumentFields kind number error=number_error.into() />
            <button type="submit" class="button" disabled=move || searching.get()>{t(Text::SearchSubmit)}</button>
        </form>
        <div role="status">
            {move || found.get().map(|found| if found.is_empty() {
                view! { <p>{t(Text::NothingFound)}</p> }.into_any()
            } else {
                view! { <FoundTable found show_history /> }.into_any()
            })}
        </div>
        {move || history.get().map(|history| view! { <HistoryList history /> })}
    }
}

#[component]
fn FoundTable(found: Vec<AgendaEntry>, show_history: Callback<String>) -> impl IntoView {
    view! {
        <h2>{fill(&t(Text::FoundHeading), &[("count", &found.len())])}</h2>
        <table class="agenda">
            <thead>
                <tr>
                    <th scope="col">{t(Text::Code)}</th>
                    <th scope="col">{t(Text::Office)}</th>
                    <th scope="col">{t(Text::When)}</th>
                    <th scope="col">{t(Text::Name)}</th>
                    <th scope="col">{t(Text::Status)}</th>
                    <th scope="col">{t(Text::Actions)}</th>
                </tr>
            </thead>
            <tbody>
                {found.into_iter().map(|entry| {
                    let code = entry.code.clone();
                    let when = format!("{}, {}", long_date(entry.start.date_naive(), Lang::Es), time_of(&entry.start));
                    view! {
                        <tr>
                            <td class="code-cell">{entry.code.clone()}</td>
                            <td>{office_name(&entry.office)}</td>
                            <td>{when}</td>
                            <td>{entry.name.clone()}</td>
                            <td>{status_name(entry.status)}</td>
                            <td>
                                <button type="button" class="button button-secondary" aria-label=format!("{} {}", t(Text::ShowHistory), entry.code)
                                    on:click=move |_| show_history.run(code.clone())>
                                    {t(Text::ShowHistory)}
                                </button>
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
        <h2 id="historial" tabindex="-1">{fill(&t(Text::HistoryHeading), &[("code", &history.code)])}</h2>
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
fn action_name(action: &str) -> String {
    let text = match action {
        "booked" => Text::ActionBooked,
        "rescheduled" => Text::ActionRescheduled,
        "cancelled" => Text::ActionCancelled,
        "checked_in" => Text::ActionCheckedIn,
        "no_show" => Text::ActionNoShow,
        "reopened" => Text::ActionReopened,
        "cancelled_by_office" => Text::ActionCancelledByOffice,
        "found_by_document" => Text::ActionFoundByDocument,
        other => return other.to_owned(),
    };
    t(text)
}
