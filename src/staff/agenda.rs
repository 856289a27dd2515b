//! The day's agenda of one office: who comes when, check-in against the document, no-shows,
//! cancellations with a reason; day by day, printable, and as CSV; and below it, how many wait
//! on the office's waiting list (`waitlist`).
//!
//! The office and day travel in the address (`?oficina=…&fecha=…`), so the back button and a
//! reload keep them. Without a day it is the server's today (its clock decides what may be
//! checked in). Live: the agenda is asked for again every 30 seconds while the tab is visible,
//! and at once when it becomes visible again — polling rather than server-sent events, as a
//! few officials per office at most watch it and a quiet request every 30 s costs nothing.

use super::api;
use super::cancel::CancelDialog;
use super::check_in::CheckInDialog;
use super::chrome::{Session, set_title};
use super::dom::page_hidden;
use super::waitlist::WaitingList;
use super::widgets::{agenda_href, office_name, service_name, status_name, time_of};
use crate::components::{Alert, PageHeading};
use crate::text::fill;
use chrono::{Datelike, Days, NaiveDate, Weekday};
use citas_domain::api::AppointmentStatus;
use citas_domain::api::staff::{Agenda, AgendaEntry};
use citas_domain::format::long_date;
use citas_domain::lang::Lang;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_query_map};
use std::time::Duration;

const REFRESH_EVERY: Duration = Duration::from_secs(30);

#[component]
pub fn AgendaPage() -> impl IntoView {
    set_title("Agenda del día");
    let session = Session::get();
    let offices = session.me().map(|me| me.offices).unwrap_or_default();
    let query = use_query_map();
    let office = Memo::new({
        let offices = offices.clone();
        move |_| {
            query
                .with(|q| q.get("oficina"))
                .filter(|o| offices.contains(o))
                .or_else(|| offices.first().cloned())
                .unwrap_or_default()
        }
    });
    let asked_date =
        Memo::new(move |_| query.with(|q| q.get("fecha")).and_then(|d| d.parse::<NaiveDate>().ok()));
    let agenda = RwSignal::new(None::<Agenda>);
    let problem = RwSignal::new(None::<String>);
    let notice = RwSignal::new(None::<String>);
    let checking = RwSignal::new(None::<AgendaEntry>);
    let cancelling = RwSignal::new(None::<AgendaEntry>);

    let refresh = move || {
        let (asked_office, date) = (office.get_untracked(), asked_date.get_untracked());
        spawn_local(async move {
            match api::agenda(&asked_office, date).await {
                // An answer for a day or office left meanwhile is dropped.
                Ok(answer)
                    if answer.office == office.get_untracked() && date == asked_date.get_untracked() =>
                {
                    agenda.set(Some(answer));
                }
                Ok(_) => {}
                Err(failure) => problem.set(session.message(&failure)),
            }
        });
    };
    Effect::new(move || {
        office.track();
        asked_date.track();
        agenda.set(None);
        problem.set(None);
        refresh();
    });
    if let Ok(interval) = set_interval_with_handle(
        move || {
            if !page_hidden() {
                refresh();
            }
        },
        REFRESH_EVERY,
    ) {
        on_cleanup(move || interval.clear());
    }
    let shown = window_event_listener_untyped("visibilitychange", move |_| {
        if !page_hidden() {
            refresh();
        }
    });
    on_cleanup(move || shown.remove());

    // A dialog that changed its row: the button that opened it is gone with the old row, so
    // focus goes to the notice saying what happened when it closes.
    let row_changed = StoredValue::new(false);
    let dialog_closed = move || {
        if row_changed.get_value() {
            row_changed.set_value(false);
            crate::components::focus("aviso");
        }
    };
    // An appointment changed here: its row shows it at once, without waiting for the next poll.
    let updated = move |entry: AgendaEntry, said: String| {
        agenda.update(|a| {
            if let Some(row) =
                a.as_mut().and_then(|a| a.appointments.iter_mut().find(|r| r.code == entry.code))
            {
                *row = entry;
            }
        });
        problem.set(None);
        notice.set(Some(said));
    };
    let act = move |entry: AgendaEntry, reopen: bool| {
        notice.set(None);
        spawn_local(async move {
            let done = if reopen { api::reopen(&entry.code).await } else { api::no_show(&entry.code).await };
            match done {
                Ok(changed) => {
                    let said = fill(
                        if reopen {
                            "La cita de {name} volvió a quedar por atender."
                        } else {
                            "{name} quedó como no asistió."
                        },
                        &[("name", &entry.name)],
                    );
                    updated(changed, said);
                }
                Err(failure) => problem.set(session.message(&failure)),
            }
        });
    };
    let at_a_desk = session.me().is_some_and(|me| me.role.at_a_desk());
    let actions = RowActions {
        check_in: at_a_desk.then(|| Callback::new(move |entry| checking.set(Some(entry)))),
        no_show: at_a_desk.then(|| Callback::new(move |entry| act(entry, false))),
        reopen: at_a_desk.then(|| Callback::new(move |entry| act(entry, true))),
        cancel: Callback::new(move |entry| cancelling.set(Some(entry))),
    };

    let day = move || agenda.with(|a| a.as_ref().map(|a| a.date)).or(asked_date.get());
    let heading =
        Signal::derive(move || fill("Agenda de {office}", &[("office", &office_name(&office.get()))]));

    view! {
        <PageHeading text=heading />
        <p class="lead">{move || day().map(|d| long_date(d, Lang::Es))}</p>
        <DayControls offices office=office.into() day=Signal::derive(day) />
        <Alert message=problem.into() />
        // Where focus goes when the row it was on changed under it (`dialog_closed`).
        <p role="status" class="staff-notice" id="aviso" tabindex="-1">{move || notice.get()}</p>
        <Show when=move || agenda.with(Option::is_some) fallback=|| view! { <p class="loading">"Cargando…"</p> }>
            <AgendaTable agenda actions />
        </Show>
        <WaitingList office />
        {move || checking.get().map(|entry| view! {
            <CheckInDialog entry
                on_checked=Callback::new(move |entry: AgendaEntry| {
                    let said = fill("Se registró la llegada de {name}.", &[("name", &entry.name)]);
                    row_changed.set_value(true);
                    updated(entry, said);
                })
                on_close=Callback::new(move |_| {
                    checking.set(None);
                    dialog_closed();
                }) />
        })}
        {move || cancelling.get().map(|entry| view! {
            <CancelDialog entry
                on_cancelled=Callback::new(move |entry: AgendaEntry| {
                    let said = fill("Se canceló la cita de {name}.", &[("name", &entry.name)]);
                    row_changed.set_value(true);
                    updated(entry, said);
                })
                on_close=Callback::new(move |_| {
                    cancelling.set(None);
                    dialog_closed();
                }) />
        })}
    }
}

/// The office picker (for officials of several offices), the day's navigation, print and CSV.
#[component]
fn DayControls(
    offices: Vec<String>,
    office: Signal<String>,
    day: Signal<Option<NaiveDate>>,
) -> impl IntoView {
    let navigate = use_navigate();
    let go =
        move |office: &str, date: Option<NaiveDate>| navigate(&agenda_href(office, date), Default::default());
    let typed = RwSignal::new(String::new());
    Effect::new(move || typed.set(day.get().map(|d| d.to_string()).unwrap_or_default()));
    let several = offices.len() > 1;
    let picker = {
        let go = go.clone();
        move || {
            let go = go.clone();
            view! {
                <div class="field">
                    <label for="oficina">"Oficina"</label>
                    <select id="oficina" on:change=move |ev| go(&event_target_value(&ev), day.get_untracked())>
                        {offices.iter().map(|id| {
                            let (id, shown) = (id.clone(), id.clone());
                            // A property, not the attribute: it follows the address (back button)
                            // after the official has chosen by hand.
                            view! {
                                <option value=id.clone() prop:selected=move || office.get() == id>
                                    {move || office_name(&shown)}
                                </option>
                            }
                        }).collect_view()}
                    </select>
                </div>
            }
        }
    };
    let by_step = {
        let go = go.clone();
        move |forward: bool| {
            let go = go.clone();
            move |_| {
                if let Some(d) = day.get_untracked() {
                    go(&office.get_untracked(), Some(working_day(d, forward)));
                }
            }
        }
    };
    let today = {
        let go = go.clone();
        move |_| go(&office.get_untracked(), None)
    };
    let to_date = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Ok(date) = typed.get_untracked().parse::<NaiveDate>() {
            go(&office.get_untracked(), Some(date));
        }
    };
    view! {
        <div class="staff-controls">
            {several.then(picker)}
            <div class="day-nav" role="group" aria-label="Cambiar de día">
                <button type="button" class="button button-secondary" on:click=by_step(false)>"‹ Día anterior"</button>
                <button type="button" class="button button-secondary" on:click=today>"Hoy"</button>
                <button type="button" class="button button-secondary" on:click=by_step(true)>"Día siguiente ›"</button>
            </div>
            <form class="date-jump" on:submit=to_date>
                <label for="fecha">"Ir a la fecha"</label>
                <input type="date" id="fecha" prop:value=move || typed.get()
                    on:input=move |ev| typed.set(event_target_value(&ev)) />
                <button type="submit" class="button button-secondary">"Ver"</button>
            </form>
            <div class="print-actions">
                <button type="button" class="button button-secondary" on:click=|_| { let _ = window().print(); }>
                    "Imprimir"
                </button>
                {move || day.get().map(|d| view! {
                    <a class="button button-secondary" href=api::agenda_csv(&office.get(), d) download="">
                        "Descargar CSV"
                    </a>
                })}
            </div>
        </div>
    }
}

/// The next (or previous) day the offices attend: they never open on weekends.
fn working_day(from: NaiveDate, forward: bool) -> NaiveDate {
    let mut day = from;
    loop {
        day = if forward { day + Days::new(1) } else { day - Days::new(1) };
        if !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
            return day;
        }
    }
}

/// What an agenda row's buttons do. The Contact Center never sees the person, so it has no
/// check-in, no-show or undo (the server refuses them too).
#[derive(Clone, Copy)]
struct RowActions {
    check_in: Option<Callback<AgendaEntry>>,
    no_show: Option<Callback<AgendaEntry>>,
    reopen: Option<Callback<AgendaEntry>>,
    cancel: Callback<AgendaEntry>,
}

/// The day's appointments. A refresh redraws only the rows that changed (keyed by code and
/// state), so an official working down the list by keyboard keeps their place.
#[component]
fn AgendaTable(agenda: RwSignal<Option<Agenda>>, actions: RowActions) -> impl IntoView {
    let rows = move || agenda.with(|a| a.as_ref().map(|a| a.appointments.clone()).unwrap_or_default());
    let summary = move || {
        agenda.with(|a| {
            let all = a.as_ref().map(|a| a.appointments.as_slice()).unwrap_or_default();
            let count = |status: AppointmentStatus| all.iter().filter(|a| a.status == status).count();
            fill(
                "Citas: {total}. Por atender: {booked}. Atendidas: {attended}. No asistieron: {no_show}. Canceladas: {cancelled}.",
                &[
                    ("total", &all.len()),
                    ("booked", &count(AppointmentStatus::Booked)),
                    ("attended", &count(AppointmentStatus::Attended)),
                    ("no_show", &count(AppointmentStatus::NoShow)),
                    ("cancelled", &count(AppointmentStatus::Cancelled)),
                ],
            )
        })
    };
    let caption = move || {
        let date = agenda.with(|a| a.as_ref().map(|a| long_date(a.date, Lang::Es))).unwrap_or_default();
        fill("Citas del {date}", &[("date", &date)])
    };
    view! {
        <Show when=move || agenda.with(|a| a.as_ref().is_some_and(|a| !a.appointments.is_empty()))
            fallback=|| view! { <p>"No hay citas este día."</p> }>
            <p>{summary}</p>
            <table class="agenda">
                <caption class="visually-hidden">{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">"Hora"</th>
                        <th scope="col">"Nombre"</th>
                        <th scope="col">"Documento"</th>
                        <th scope="col">"Servicio"</th>
                        <th scope="col">"Estado"</th>
                        <th scope="col" class="no-print">"Acciones"</th>
                    </tr>
                </thead>
                <tbody>
                    <For each=rows key=|e| (e.code.clone(), e.status as u8, e.cancel_reason.is_some())
                        children=move |entry| view! { <AgendaRow entry actions /> } />
                </tbody>
            </table>
        </Show>
    }
}

#[component]
fn AgendaRow(entry: AgendaEntry, actions: RowActions) -> impl IntoView {
    let time = time_of(&entry.start);
    // Every row has the same buttons: their names say whose row, for screen readers, and
    // start with the words shown (WCAG 2.5.3, label in name).
    let whose = format!(": {}, {time}", entry.name);
    let button = move |label: &'static str,
                       class: &'static str,
                       action: Callback<AgendaEntry>,
                       entry: &AgendaEntry| {
        let entry = entry.clone();
        let name = format!("{label}{whose}");
        view! {
            <button type="button" class=class aria-label=name on:click=move |_| action.run(entry.clone())>
                {label}
            </button>
        }
    };
    let status = match (&entry.status, &entry.checked_in_at, &entry.cancel_reason) {
        (AppointmentStatus::Attended, Some(at), _) => fill("Atendida ({time})", &[("time", &time_of(at))]),
        (AppointmentStatus::Cancelled, _, Some(reason)) => fill("Cancelada: {reason}", &[("reason", reason)]),
        (status, _, _) => status_name(*status).to_owned(),
    };
    let buttons = match entry.status {
        AppointmentStatus::Booked => view! {
            {actions.check_in.map(|act| button("Registrar llegada", "button", act, &entry))}
            {actions.no_show.map(|act| button("No asistió", "button button-secondary", act, &entry))}
            {button("Cancelar", "button button-secondary", actions.cancel, &entry)}
        }
        .into_any(),
        AppointmentStatus::Attended | AppointmentStatus::NoShow => {
            actions.reopen.map(|act| button("Deshacer", "button button-secondary", act, &entry)).into_any()
        }
        AppointmentStatus::Cancelled => ().into_any(),
    };
    let state = match entry.status {
        AppointmentStatus::Booked => "booked",
        AppointmentStatus::Attended => "attended",
        AppointmentStatus::NoShow => "no-show",
        AppointmentStatus::Cancelled => "cancelled",
    };
    view! {
        <tr class=state>
            <td>{time}</td>
            <td>{entry.name.clone()}</td>
            <td>{entry.document.clone()}</td>
            <td>{service_name(&entry.service)}</td>
            <td>{status}</td>
            <td class="row-actions no-print">{buttons}</td>
        </tr>
    }
}
