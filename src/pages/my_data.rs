//! "Sus datos personales", in "Mi cita" (Ley 1581 de 2012, art. 8): everything kept about the
//! document that proved the appointment, in plain words, and its deletion after a confirmation
//! that says what it means. Offered once the document is proved (`Verified`).

use crate::api;
use crate::components::{Alert, focus_soon};
use crate::i18n::*;
use crate::language::use_lang;
use crate::state::Verified;
use crate::storage;
use crate::text::fill;
use chrono::{DateTime, FixedOffset};
use citas_domain::api::AppointmentStatus;
use citas_domain::api::privacy::{Erased, MessageRecord, PersonalData, StoredAppointment, StoredEntry};
use citas_domain::api::staff::HistoryEntry;
use citas_domain::api::waitlist::PartOfDay;
use citas_domain::document::DocumentKind;
use citas_domain::format::{long_date, time_of_day};
use citas_domain::lang::Lang;
use citas_domain::time::in_bogota;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn MyData(code: String, on_erased: Callback<Erased>) -> impl IntoView {
    let i18n = use_i18n();
    let verified = Verified::get();
    let data = RwSignal::new(None::<PersonalData>);
    let confirming = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);

    let show = {
        let code = code.clone();
        move |_| {
            let Some(document) = verified.document_for(&code) else { return };
            let code = code.clone();
            problem.set(None);
            busy.set(true);
            spawn_local(async move {
                let answer = api::personal_data(&code, document).await;
                busy.set(false);
                match answer {
                    Ok(answer) => {
                        data.set(Some(answer));
                        focus_soon("datos-guardados");
                    }
                    Err(failure) => problem.set(Some(failure.message())),
                }
            });
        }
    };
    let ask = move |_| {
        confirming.set(true);
        focus_soon("borrar-titulo");
    };
    let keep = move |_| {
        confirming.set(false);
        focus_soon("borrar-datos");
    };
    let erase = move |_| {
        let Some(document) = verified.document_for(&code) else { return };
        let code = code.clone();
        problem.set(None);
        busy.set(true);
        spawn_local(async move {
            let answer = api::erase(&code, document).await;
            busy.set(false);
            match answer {
                Ok(erased) => {
                    // Erased on the server: nothing of it stays here either.
                    let mut gone = vec![code.as_str()];
                    gone.extend(erased.cancelled.as_deref());
                    storage::forget(&gone);
                    verified.forget();
                    on_erased.run(erased);
                }
                Err(failure) => problem.set(Some(failure.message())),
            }
        });
    };

    view! {
        <section class="no-print" aria-labelledby="mis-datos">
            <h2 id="mis-datos">{t!(i18n, my_data.heading)}</h2>
            <p>{t!(i18n, my_data.intro)}</p>
            <Alert message=problem.into() />
            {move || match data.get() {
                None => view! {
                    <button type="button" class="button button-secondary" on:click=show.clone() disabled=move || busy.get()>
                        {t!(i18n, my_data.show)}
                    </button>
                }.into_any(),
                Some(answer) => {
                    let upcoming = upcoming(&answer.appointments);
                    let erase = erase.clone();
                    view! {
                        <Summary data=answer />
                        {move || if confirming.get() {
                            view! {
                                <ConfirmErase upcoming=upcoming.clone() />
                                <div class="actions">
                                    <button type="button" class="button button-danger" on:click=erase.clone() disabled=move || busy.get()>
                                        {move || if busy.get() { t_string!(i18n, my_data.erasing) } else { t_string!(i18n, my_data.confirm) }}
                                    </button>
                                    <button type="button" class="button button-secondary" on:click=keep>
                                        {t!(i18n, my_data.keep)}
                                    </button>
                                </div>
                            }.into_any()
                        } else {
                            view! {
                                <button type="button" id="borrar-datos" class="button button-danger" on:click=ask>
                                    {t!(i18n, my_data.erase)}
                                </button>
                            }.into_any()
                        }}
                    }.into_any()
                }
            }}
        </section>
    }
}

/// The appointment still to come, which erasing cancels first.
fn upcoming(appointments: &[StoredAppointment]) -> Option<StoredAppointment> {
    appointments
        .iter()
        .find(|s| {
            s.appointment.status == AppointmentStatus::Booked
                && s.appointment.start.timestamp_millis() as f64 > js_sys::Date::now()
        })
        .cloned()
}

/// What deleting does, said before it is done.
#[component]
fn ConfirmErase(upcoming: Option<StoredAppointment>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    view! {
        <h3 id="borrar-titulo" tabindex="-1">{t!(i18n, my_data.confirm_heading)}</h3>
        <ul>
            {upcoming.map(|s| {
                let start = in_bogota(&s.appointment.start);
                let city = s.appointment.office.city;
                view! {
                    <li>{move || fill(t_string!(i18n, my_data.confirm_cancels), &[
                        ("date", &long_date(start.date_naive(), lang.get())),
                        ("time", &time_of_day(start.time(), lang.get())),
                        ("city", &city),
                    ])}</li>
                }
            })}
            <li>{t!(i18n, my_data.confirm_erases)}</li>
            <li><strong>{t!(i18n, my_data.confirm_final)}</strong></li>
        </ul>
    }
}

/// "8 de diciembre de 2026, 10:00 a. m."-style: the day and time of an instant in Bogotá.
fn when(at: &DateTime<FixedOffset>, lang: Lang) -> String {
    let at = in_bogota(at);
    format!("{}, {}", long_date(at.date_naive(), lang), time_of_day(at.time(), lang))
}

/// Everything kept, appointment by appointment, and for how long.
#[component]
fn Summary(data: PersonalData) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let document = data.document;
    let kind = DocumentKind::parse(&document.kind);
    let (days, cancelled_days) = (data.kept_days, data.kept_days_cancelled);
    view! {
        <h3 id="datos-guardados" tabindex="-1">{t!(i18n, my_data.saved_heading)}</h3>
        <dl class="summary">
            <div>
                <dt>{t!(i18n, appointment.document)}</dt>
                <dd>{move || format!("{} {}", kind.map_or(document.kind.as_str(), |k| k.label(lang.get())), document.number)}</dd>
            </div>
        </dl>
        {data.appointments.into_iter().map(|stored| view! { <Stored stored /> }).collect_view()}
        {data.waiting.map(|entry| view! { <Waiting entry /> })}
        <p>{move || fill(t_string!(i18n, my_data.kept), &[("days", &days), ("cancelled", &cancelled_days)])}</p>
    }
}

/// One appointment as stored, with its history and its messages.
#[component]
fn Stored(stored: StoredAppointment) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let a = stored.appointment;
    let start = a.start;
    let (language, consent_at, notice_version) = (stored.language, stored.consent_at, stored.privacy_notice);
    let not_given = move || t_string!(i18n, my_data.not_given).to_owned();
    let (email, phone) = (a.email.filter(|e| !e.is_empty()), a.phone.filter(|p| !p.is_empty()));
    let service = a.service;
    let status = a.status;
    view! {
        <h4>{move || fill(t_string!(i18n, my_data.appointment), &[("code", &a.code)])}</h4>
        <dl class="summary">
            <div><dt>{t!(i18n, my_data.when)}</dt><dd>{move || when(&start, lang.get())}</dd></div>
            <div><dt>{t!(i18n, appointment.office)}</dt><dd>{format!("{} — {}", a.office.city, a.office.name)}</dd></div>
            <div><dt>{t!(i18n, appointment.service)}</dt><dd>{move || service.name(lang.get()).to_owned()}</dd></div>
            <div><dt>{t!(i18n, my_data.status)}</dt><dd>{move || status_name(status, i18n.get_locale())}</dd></div>
            <div><dt>{t!(i18n, appointment.name)}</dt><dd>{a.name}</dd></div>
            <div><dt>{t!(i18n, my_data.email)}</dt><dd>{move || email.clone().unwrap_or_else(not_given)}</dd></div>
            <div><dt>{t!(i18n, my_data.phone)}</dt><dd>{move || phone.clone().unwrap_or_else(not_given)}</dd></div>
            <Authorization language consent_at notice_version />
            <div>
                <dt>{t!(i18n, my_data.history)}</dt>
                <dd><ol>{stored.history.into_iter().map(|event| view! { <Event event /> }).collect_view()}</ol></dd>
            </div>
            <div>
                <dt>{t!(i18n, my_data.messages)}</dt>
                <dd>{if stored.messages.is_empty() {
                    view! { {t!(i18n, my_data.no_messages)} }.into_any()
                } else {
                    view! { <ul>{stored.messages.into_iter().map(|message| view! { <Message message /> }).collect_view()}</ul> }.into_any()
                }}</dd>
            </div>
        </dl>
    }
}

/// The document's entry of the waiting list, while it waits: what it keeps.
#[component]
fn Waiting(entry: StoredEntry) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let (from, until, part) = (entry.from, entry.until, entry.part_of_day);
    let (language, consent_at, notice_version) = (entry.language, entry.consent_at, entry.privacy_notice);
    let service = entry.service;
    let days = move || {
        let (from, until) = (long_date(from, lang.get()), long_date(until, lang.get()));
        fill(t_string!(i18n, my_data.waiting_days), &[("from", &from), ("until", &until)])
    };
    let times = move || match part {
        Some(PartOfDay::Morning) => t_string!(i18n, waitlist.mornings),
        Some(PartOfDay::Afternoon) => t_string!(i18n, waitlist.afternoons),
        None => t_string!(i18n, waitlist.any_time),
    };
    view! {
        <h4>{move || fill(t_string!(i18n, my_data.waiting), &[("code", &entry.code)])}</h4>
        <dl class="summary">
            <div><dt>{t!(i18n, appointment.office)}</dt><dd>{format!("{} — {}", entry.office.city, entry.office.name)}</dd></div>
            <div><dt>{t!(i18n, appointment.service)}</dt><dd>{move || service.name(lang.get()).to_owned()}</dd></div>
            <div><dt>{t!(i18n, my_data.when)}</dt><dd>{days}" "{times}</dd></div>
            <div><dt>{t!(i18n, appointment.name)}</dt><dd>{entry.name}</dd></div>
            <div><dt>{t!(i18n, my_data.email)}</dt><dd>{entry.email}</dd></div>
            <Authorization language consent_at notice_version />
        </dl>
    }
}

/// The language of the messages, and the authorization given and when (rows of a summary).
#[component]
fn Authorization(
    language: String,
    consent_at: DateTime<FixedOffset>,
    notice_version: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let in_english = language == "en";
    view! {
        <div>
            <dt>{t!(i18n, my_data.language)}</dt>
            <dd>{move || if in_english { t_string!(i18n, my_data.english) } else { t_string!(i18n, my_data.spanish) }}</dd>
        </div>
        <div>
            <dt>{t!(i18n, my_data.consent)}</dt>
            <dd>{move || fill(t_string!(i18n, my_data.consent_text), &[("when", &when(&consent_at, lang.get())), ("version", &notice_version)])}</dd>
        </div>
    }
}

fn status_name(status: AppointmentStatus, locale: Locale) -> &'static str {
    match status {
        AppointmentStatus::Booked => td_string!(locale, my_data.status_booked),
        AppointmentStatus::Attended => td_string!(locale, my_data.status_attended),
        AppointmentStatus::NoShow => td_string!(locale, my_data.status_no_show),
        AppointmentStatus::Cancelled => td_string!(locale, my_data.status_cancelled),
    }
}

/// A line of the history: when, what, by whom, and what more it says (e.g. a reason).
#[component]
fn Event(event: HistoryEntry) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let at = event.at;
    let (action, actor, detail) = (event.action, event.actor, event.detail);
    // A move's detail is its two times ("<from> → <to>", RFC 3339), then an official's reason
    // after ": " when one moved it for the citizen.
    let moved = detail.split_once(" → ").and_then(|(from, rest)| {
        let (to, why) = rest.split_once(": ").map_or((rest, None), |(to, why)| (to, Some(why.to_owned())));
        Some((DateTime::parse_from_rfc3339(from).ok()?, DateTime::parse_from_rfc3339(to).ok()?, why))
    });
    let line = move || {
        let locale = i18n.get_locale();
        let what = match action.as_str() {
            "booked" => td_string!(locale, my_data.action_booked),
            "rescheduled" => td_string!(locale, my_data.action_rescheduled),
            "cancelled" => td_string!(locale, my_data.action_cancelled),
            "cancelled_by_office" => td_string!(locale, my_data.action_cancelled_by_office),
            "checked_in" => td_string!(locale, my_data.action_checked_in),
            "check_in_refused" => td_string!(locale, my_data.action_check_in_refused),
            "no_show" => td_string!(locale, my_data.action_no_show),
            "reopened" => td_string!(locale, my_data.action_reopened),
            "found_by_document" => td_string!(locale, my_data.action_found_by_document),
            "erased" => td_string!(locale, my_data.action_erased),
            // One this build does not know: as the server names it.
            other => other,
        };
        // The server names who did it in Spanish; the citizen is "you".
        let who = if actor == "ciudadano (web)" { td_string!(locale, my_data.actor_you) } else { &actor };
        let detail = match (action.as_str(), &moved) {
            // The office and time it was booked for, shown above.
            ("booked", _) => String::new(),
            ("rescheduled", Some((from, to, why))) => {
                let moved = fill(
                    td_string!(locale, my_data.moved),
                    &[("from", &when(from, lang.get())), ("to", &when(to, lang.get()))],
                );
                why.as_ref().map_or(moved.clone(), |why| format!("{moved}: {why}"))
            }
            _ => detail.clone(),
        };
        let line = format!("{}: {what} ({who})", when(&at, lang.get()));
        if detail.is_empty() { line } else { format!("{line} — {detail}") }
    };
    view! { <li>{line}</li> }
}

/// A message sent (or to be sent) to the citizen: when, which, how, and what became of it.
#[component]
fn Message(message: MessageRecord) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let line = move || {
        let locale = i18n.get_locale();
        let kind = match message.kind.as_str() {
            "confirmation" => td_string!(locale, my_data.message_confirmation),
            "reminder" => td_string!(locale, my_data.message_reminder),
            "moved" => td_string!(locale, my_data.message_moved),
            "cancelled" => td_string!(locale, my_data.message_cancelled),
            other => other,
        };
        let channel = match message.channel.as_str() {
            "email" => td_string!(locale, my_data.channel_email),
            "sms" => td_string!(locale, my_data.channel_sms),
            other => other,
        };
        let state = match message.state.as_str() {
            "pending" => td_string!(locale, my_data.state_pending),
            "sent" => td_string!(locale, my_data.state_sent),
            "skipped" => td_string!(locale, my_data.state_skipped),
            "given_up" => td_string!(locale, my_data.state_given_up),
            other => other,
        };
        format!("{}: {kind}, {channel}: {state}", when(&message.queued_at, lang.get()))
    };
    view! { <li>{line}</li> }
}
