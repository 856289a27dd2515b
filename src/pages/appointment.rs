//! One appointment: the confirmation right after booking, and later the place to print it, add
//! it to a calendar, move it or cancel it, see and delete the data kept about its citizen, and
//! a way to forget it on this device (`forget`). What is shown is the server's last answer when
//! this visit has one (just booked, or its document typed: `Verified`), else what the device
//! keeps (`storage::Kept`: no name, service or contacts).

use super::my_data::MyData;
use crate::api;
use crate::components::{DocumentFields, PageHeading, focus};
use crate::dom::{data_url, set_title};
use crate::i18n::*;
use crate::language::use_lang;
use crate::state::{Notice, Settings, Verified};
use crate::storage::{Kept, kept_one};
use crate::text::fill;
use citas_domain::api::privacy::Erased;
use citas_domain::api::{ARRIVE_EARLY_MINUTES, AppointmentStatus, AppointmentView, DocumentInput, ErrorCode};
use citas_domain::document::{Document, DocumentKind};
use citas_domain::format::{long_date, time_of_day};
use citas_domain::ics::appointment_ics;
use citas_domain::lang::Localized;
use citas_domain::time::in_bogota;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::{A, Redirect};
use leptos_router::hooks::use_params_map;

#[component]
pub fn AppointmentPage() -> impl IntoView {
    let code = use_params_map().get_untracked().get("code").unwrap_or_default();
    let verified = Verified::get();
    let kept = kept_one(&code);
    if kept.is_none() && verified.appointment(&code).is_none() {
        // Not on this device: find it with the code and the document.
        return view! { <Redirect path=format!("/mi-cita?codigo={code}") /> }.into_any();
    }
    let i18n = use_i18n();
    let full = Signal::derive({
        let code = code.clone();
        move || verified.appointment(&code)
    });
    let shown = Signal::derive(move || full.get().map(|a| Kept::from(&a)).or_else(|| kept.clone()));
    let is_verified = Memo::new(move |_| full.with(Option::is_some));
    // What just happened (moved, cancelled), said once.
    let notice = Notice::get();
    let said = notice.0.get_untracked();
    notice.0.set(None);
    let erased = RwSignal::new(None::<Erased>);
    let on_erased = Callback::new(move |done| erased.set(Some(done)));

    view! {
        {move || if let Some(done) = erased.get() {
            view! { <ErasedHere erased=done /> }.into_any()
        } else {
            let code = code.clone();
            view! {
                <div role="status">{said.clone().map(|s| view! { <p class="notice success">{s}</p> })}</div>
                {move || shown.get().map(|kept| view! { <Details kept full=full.get() /> })}
                <Manage code=code.clone() shown />
                {move || is_verified.get().then(|| view! { <MyData code=code.clone() on_erased /> })}
                <h2 class="no-print">{t!(i18n, appointment.cannot_attend)}</h2>
                <p class="no-print">{t!(i18n, appointment.cannot_attend_text)}</p>
                <section class="no-print" aria-labelledby="este-dispositivo">
                    <h2 id="este-dispositivo">{t!(i18n, forget.heading)}</h2>
                    <p>{t!(i18n, forget.shared)}</p>
                    <p><A href="/olvidar">{t!(i18n, forget.link)}</A></p>
                </section>
                <p class="no-print"><A href="/">{t!(i18n, common.back_home)}</A></p>
            }.into_any()
        }}
    }
    .into_any()
}

/// The page once the citizen's data was erased (`MyData`).
#[component]
fn ErasedHere(erased: Erased) -> impl IntoView {
    let i18n = use_i18n();
    set_title(move || t_string!(i18n, my_data.erased_heading).to_string());
    let count = erased.erased;
    view! {
        <PageHeading text=Signal::derive(move || t_string!(i18n, my_data.erased_heading).to_string()) />
        <p>{move || fill(t_string!(i18n, my_data.erased_count), &[("count", &count)])}</p>
        {erased.cancelled.map(|code| view! {
            <p>{move || fill(t_string!(i18n, my_data.erased_cancelled), &[("code", &code)])}</p>
        })}
        <p>{t!(i18n, my_data.erased_device)}</p>
        <p><A href="/">{t!(i18n, common.back_home)}</A></p>
    }
}

/// The appointment: what the device keeps of it, and what the server said of it in this visit
/// (its service, the name, an office's reason to cancel, and the calendar file, which names the
/// service) when there is such an answer.
#[component]
fn Details(kept: Kept, full: Option<AppointmentView>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let a = kept;
    let cancelled = a.status == AppointmentStatus::Cancelled;
    set_title(move || {
        if cancelled {
            t_string!(i18n, appointment.title_cancelled)
        } else {
            t_string!(i18n, appointment.title)
        }
        .to_string()
    });
    let start = in_bogota(&a.start);
    let arrive = in_bogota(&(a.start - chrono::Duration::minutes(ARRIVE_EARLY_MINUTES)));
    let calendar = full.as_ref().map(|full| {
        let ics = data_url("text/calendar", &appointment_ics(full, full.updated_at));
        let ics_name = format!("cita-defensoria-{}.ics", full.code);
        view! {
            <a class="button button-secondary" href=ics download=ics_name>
                {t!(i18n, appointment.calendar)}
            </a>
        }
    });
    let office = a.office.clone();
    let address = move || match (&office.address, &office.postal_code) {
        (Some(address), Some(postal)) => fill(
            t_string!(i18n, appointment.address_postal),
            &[("address", &address.clone()), ("city", &office.city.clone()), ("postal", &postal.clone())],
        ),
        (Some(address), None) => fill(
            t_string!(i18n, appointment.address_city),
            &[("address", &address.clone()), ("city", &office.city.clone())],
        ),
        (None, _) => fill(t_string!(i18n, appointment.address_unknown), &[("city", &office.city.clone())]),
    };
    let for_company = a.document.kind == DocumentKind::Nit;
    let heading = Signal::derive(move || {
        if cancelled { t_string!(i18n, appointment.cancelled) } else { t_string!(i18n, appointment.booked) }
            .to_string()
    });
    // Without the server's answer in this visit, the device's copy may be out of date: a booked
    // appointment may since have been moved or cancelled on another device or by the office.
    let from_device = full.is_none() && a.status == AppointmentStatus::Booked;
    let (service, name, cancel_reason, changed_by) = match full {
        Some(full) => (Some(full.service), Some(full.name), full.cancel_reason, full.changed_by),
        None => (None, None, None, None),
    };
    // Who changed it, when not the citizen: "Contact Center", "oficina de Cali" (never a person).
    let change = match (cancel_reason, changed_by) {
        (Some(reason), Some(by)) => Some(
            view! { <div class="notice"><p>{move || fill(t_string!(i18n, appointment.cancelled_by), &[("by", &by), ("reason", &reason)])}</p></div> }
                .into_any(),
        ),
        (Some(reason), None) => Some(
            view! { <div class="notice"><p>{move || fill(t_string!(i18n, appointment.cancelled_by_office), &[("reason", &reason)])}</p></div> }
                .into_any(),
        ),
        (None, Some(by)) => Some(
            view! { <p>{move || fill(t_string!(i18n, appointment.changed_by), &[("by", &by)])}</p> }.into_any(),
        ),
        (None, None) => None,
    };

    view! {
        <div class="confirmation">
            <div class="confirmation-banner" class:cancelled=cancelled>
                <PageHeading text=heading />
                <p>{t!(i18n, appointment.code)}</p>
                <p class="code">{a.code.clone()}</p>
            </div>
            {change}
            {from_device.then(|| view! { <div class="notice"><p>{t!(i18n, appointment.device_copy)}</p></div> })}
            {match a.status {
                AppointmentStatus::Attended => Some(view! { <div class="notice"><p>{t!(i18n, appointment.attended)}</p></div> }),
                AppointmentStatus::NoShow => Some(view! { <div class="notice"><p>{t!(i18n, appointment.no_show)}</p></div> }),
                AppointmentStatus::Booked | AppointmentStatus::Cancelled => None,
            }}
            {(a.status == AppointmentStatus::Booked).then(|| view! {
                <p class="lead">
                    <strong>{move || fill(t_string!(i18n, appointment.arrive), &[("time", &time_of_day(arrive.time(), lang.get())), ("minutes", &ARRIVE_EARLY_MINUTES), ("date", &long_date(start.date_naive(), lang.get()))])}</strong>
                </p>
            })}
            <dl class="summary">
                <div><dt>{t!(i18n, appointment.date)}</dt><dd>{move || long_date(start.date_naive(), lang.get())}</dd></div>
                <div><dt>{t!(i18n, appointment.time)}</dt><dd>{move || time_of_day(start.time(), lang.get())}</dd></div>
                <div><dt>{t!(i18n, appointment.office)}</dt><dd>{a.office.name.clone()}</dd></div>
                <div><dt>{t!(i18n, appointment.address)}</dt><dd>{address}</dd></div>
                {service.map(|service| view! {
                    <div><dt>{t!(i18n, appointment.service)}</dt><dd>{move || service.name(lang.get()).to_owned()}</dd></div>
                })}
                <div><dt>{t!(i18n, appointment.document)}</dt><dd>{a.document.masked.clone()}</dd></div>
                {name.map(|name| view! { <div><dt>{t!(i18n, appointment.name)}</dt><dd>{name}</dd></div> })}
            </dl>
            {(!cancelled).then(|| view! {
                <div class="notice">
                    <p><strong>{t!(i18n, appointment.only_document)}</strong></p>
                </div>
                <h2>{t!(i18n, appointment.bring)}</h2>
                <ul>
                    <li>{t!(i18n, appointment.bring_id)}</li>
                    {for_company.then(|| view! { <li>{t!(i18n, appointment.bring_company)}</li> })}
                    <li>{t!(i18n, appointment.bring_case)}</li>
                </ul>
                <div class="actions no-print">
                    <button type="button" class="button" on:click=move |_| { let _ = window().print(); }>
                        {t!(i18n, appointment.print)}
                    </button>
                    {calendar}
                </div>
            })}
        </div>
    }
}

/// Move or cancel, and the citizen's data (`MyData`): offered once the document proves the
/// appointment is the citizen's.
#[component]
fn Manage(code: String, shown: Signal<Option<Kept>>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let verified = Verified::get();
    let settings = Settings::get();
    let kind = RwSignal::new(DocumentKind::Cc);
    let number = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let check = {
        let code = code.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if let Err(e) = Document::parse(kind.get(), &number.get(), &settings.document_rules()) {
                error.set(Some(e.message(lang.get())));
                focus("numero");
                return;
            }
            let document = DocumentInput { kind: kind.get().code().to_owned(), number: number.get() };
            let code = code.clone();
            spawn_local(async move {
                match api::lookup(&code, document.clone()).await {
                    Ok(found) => {
                        verified.set(document, &found);
                        // The form is gone: the reader goes on from the section's heading.
                        focus("gestionar");
                    }
                    Err(failure) => {
                        error.set(Some(if failure.is(ErrorCode::NotFound) {
                            t_string!(i18n, appointment.wrong_document).to_string()
                        } else {
                            failure.message()
                        }));
                        focus("numero");
                    }
                }
            });
        }
    };

    view! {
        <section class="manage no-print" aria-labelledby="gestionar">
            <h2 id="gestionar" tabindex="-1">{t!(i18n, appointment.manage)}</h2>
            {move || shown.get().map(|a| {
                let booked = a.status == AppointmentStatus::Booked;
                let actions = verified.appointment(&code).map(|full| booked.then(|| {
                    let change = format!("/agendar/fecha?servicio={}&oficina={}&cambio={}", full.service.id, full.office.id, full.code);
                    view! {
                        <div class="actions">
                            <A href=change attr:class="button">{t!(i18n, appointment.change)}</A>
                            <A href=format!("/cita/{}/cancelar", full.code) attr:class="button button-secondary">
                                {t!(i18n, appointment.cancel)}
                            </A>
                        </div>
                    }
                }));
                let verified_now = actions.is_some();
                view! {
                    {(!booked).then(|| view! {
                        <p>{t!(i18n, appointment.book_new_text)}</p>
                        <A href="/agendar/servicio" attr:class="button">{t!(i18n, appointment.book_new)}</A>
                    })}
                    {actions}
                    {(!verified_now).then(|| view! {
                        <p>{move || if booked { t_string!(i18n, appointment.verify_text) } else { t_string!(i18n, appointment.verify_data_text) }}</p>
                        <form on:submit=check.clone() novalidate>
                            <DocumentFields kind number error=error.into() booked_with=true />
                            <button type="submit" class="button">{t!(i18n, common.next)}</button>
                        </form>
                    })}
                }
            })}
        </section>
    }
}
