//! One appointment, as remembered on this device: the confirmation right after booking, and
//! later the place to print it, add it to a calendar, move it or cancel it.

use crate::api;
use crate::components::{DocumentFields, PageHeading, focus};
use crate::dom::{data_url, set_title};
use crate::i18n::*;
use crate::language::use_lang;
use crate::state::{Notice, Settings, Verified};
use crate::storage::{remember, remembered_one};
use crate::text::fill;
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
    let Some(remembered) = remembered_one(&code) else {
        // Not on this device: find it with the code and the document.
        return view! { <Redirect path=format!("/mi-cita?codigo={code}") /> }.into_any();
    };
    let i18n = use_i18n();
    let appointment = RwSignal::new(remembered);
    // What just happened (moved, cancelled), said once.
    let notice = Notice::get();
    let said = notice.0.get_untracked();
    notice.0.set(None);

    view! {
        <div role="status">{said.map(|s| view! { <p class="notice success">{s}</p> })}</div>
        {move || view! { <Details appointment=appointment.get() /> }}
        <Manage appointment />
        <h2 class="no-print">{t!(i18n, appointment.cannot_attend)}</h2>
        <p class="no-print">{t!(i18n, appointment.cannot_attend_text)}</p>
        <p class="no-print"><A href="/">{t!(i18n, common.back_home)}</A></p>
    }
    .into_any()
}

#[component]
fn Details(appointment: AppointmentView) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let a = appointment;
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
    let arrive = in_bogota(&a.arrive_by);
    let ics = data_url("text/calendar", &appointment_ics(&a, a.updated_at));
    let ics_name = format!("cita-defensoria-{}.ics", a.code);
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
    let service = a.service.clone();
    let heading = Signal::derive(move || {
        if cancelled { t_string!(i18n, appointment.cancelled) } else { t_string!(i18n, appointment.booked) }
            .to_string()
    });

    view! {
        <div class="confirmation">
            <div class="confirmation-banner" class:cancelled=cancelled>
                <PageHeading text=heading />
                <p>{t!(i18n, appointment.code)}</p>
                <p class="code">{a.code.clone()}</p>
            </div>
            {a.cancel_reason.clone().map(|reason| view! {
                <div class="notice"><p>{move || fill(t_string!(i18n, appointment.cancelled_by_office), &[("reason", &reason)])}</p></div>
            })}
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
                <div><dt>{t!(i18n, appointment.service)}</dt><dd>{move || service.name(lang.get()).to_owned()}</dd></div>
                <div><dt>{t!(i18n, appointment.document)}</dt><dd>{a.document.masked.clone()}</dd></div>
                <div><dt>{t!(i18n, appointment.name)}</dt><dd>{a.name.clone()}</dd></div>
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
                    <a class="button button-secondary" href=ics.clone() download=ics_name.clone()>
                        {t!(i18n, appointment.calendar)}
                    </a>
                </div>
            })}
        </div>
    }
}

/// Move or cancel: offered once the document proves the appointment is the citizen's.
#[component]
fn Manage(appointment: RwSignal<AppointmentView>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let verified = Verified::get();
    let settings = Settings::get();
    let code = appointment.get_untracked().code;
    let kind = RwSignal::new(DocumentKind::Cc);
    let number = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let is_verified = {
        let code = code.clone();
        move || verified.document_for(&code).is_some()
    };
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
                        remember(&found);
                        verified.set(&code, document);
                        if found != appointment.get_untracked() {
                            appointment.set(found);
                        }
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
            <h2 id="gestionar">{t!(i18n, appointment.manage)}</h2>
            {move || {
                let a = appointment.get();
                if a.status != AppointmentStatus::Booked {
                    view! {
                        <p>{t!(i18n, appointment.book_new_text)}</p>
                        <A href="/agendar/servicio" attr:class="button">{t!(i18n, appointment.book_new)}</A>
                    }.into_any()
                } else if is_verified() {
                    let change = format!("/agendar/fecha?servicio={}&oficina={}&cambio={}", a.service.id, a.office.id, a.code);
                    view! {
                        <div class="actions">
                            <A href=change attr:class="button">{t!(i18n, appointment.change)}</A>
                            <A href=format!("/cita/{}/cancelar", a.code) attr:class="button button-secondary">
                                {t!(i18n, appointment.cancel)}
                            </A>
                        </div>
                    }.into_any()
                } else {
                    view! {
                        <p>{t!(i18n, appointment.verify_text)}</p>
                        <form on:submit=check.clone() novalidate>
                            <DocumentFields kind number error=error.into() booked_with=true />
                            <button type="submit" class="button">{t!(i18n, common.next)}</button>
                        </form>
                    }.into_any()
                }
            }}
        </section>
    }
}
