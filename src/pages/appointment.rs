//! One appointment, as remembered on this device: the confirmation right after booking, and
//! later the place to print it, add it to a calendar, move it or cancel it.

use crate::api;
use crate::dom::{data_url, set_title};
use crate::forms::DocumentFields;
use crate::layout::PageHeading;
use crate::state::{Notice, Settings, Verified, remember, remembered_one};
use citas_domain::api::{ARRIVE_EARLY_MINUTES, AppointmentStatus, AppointmentView, DocumentInput};
use citas_domain::document::{Document, DocumentKind};
use citas_domain::format::{long_date, time_of_day};
use citas_domain::ics::appointment_ics;
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
    let appointment = RwSignal::new(remembered);
    // What just happened (moved, cancelled), said once.
    let notice = expect_context::<Notice>();
    let said = notice.0.get_untracked();
    notice.0.set(None);

    view! {
        <div role="status">{said.map(|s| view! { <p class="notice success">{s}</p> })}</div>
        {move || view! { <Details appointment=appointment.get() /> }}
        <Manage appointment />
        <h2 class="no-print">"Si no puede asistir"</h2>
        <p class="no-print">"Cambie o cancele su cita para que otra persona pueda usar ese turno."</p>
        <p class="no-print"><A href="/">"Volver al inicio"</A></p>
    }
    .into_any()
}

#[component]
fn Details(appointment: AppointmentView) -> impl IntoView {
    let a = appointment;
    let cancelled = a.status == AppointmentStatus::Cancelled;
    set_title(if cancelled { "Cita cancelada" } else { "Su cita" });
    let start = in_bogota(&a.start);
    let arrive = in_bogota(&a.arrive_by);
    let ics = data_url("text/calendar", &appointment_ics(&a, a.updated_at));
    let ics_name = format!("cita-defensoria-{}.ics", a.code);
    let address = match (&a.office.address, &a.office.postal_code) {
        (Some(address), Some(postal)) => format!("{address}, {} (código postal {postal})", a.office.city),
        (Some(address), None) => format!("{address}, {}", a.office.city),
        (None, _) => format!("{}. Confirme la dirección en el Contact Center.", a.office.city),
    };
    let for_company = a.document.kind == DocumentKind::Nit;

    view! {
        <div class="confirmation">
            <div class="confirmation-banner" class:cancelled=cancelled>
                <PageHeading text=if cancelled { "Esta cita fue cancelada" } else { "Su cita está agendada" } />
                <p>"Código de la cita"</p>
                <p class="code">{a.code.clone()}</p>
            </div>
            {(!cancelled).then(|| view! {
                <p class="lead">
                    {format!("Preséntese a las {} ", time_of_day(arrive.time()))}
                    <strong>{format!("({ARRIVE_EARLY_MINUTES} minutos antes)")}</strong>
                    {format!(" el {}.", long_date(start.date_naive()))}
                </p>
            })}
            <dl class="summary">
                <div><dt>"Fecha"</dt><dd>{long_date(start.date_naive())}</dd></div>
                <div><dt>"Hora de la cita"</dt><dd>{time_of_day(start.time())}</dd></div>
                <div><dt>"Oficina"</dt><dd>{a.office.name.clone()}</dd></div>
                <div><dt>"Dirección"</dt><dd>{address}</dd></div>
                <div><dt>"Servicio"</dt><dd>{a.service.name.clone()}</dd></div>
                <div><dt>"Documento"</dt><dd>{a.document.masked.clone()}</dd></div>
                <div><dt>"Nombre"</dt><dd>{a.name.clone()}</dd></div>
            </dl>
            {(!cancelled).then(|| view! {
                <div class="notice">
                    <p><strong>"Solo se atenderá la solicitud del documento con el que agendó la cita."</strong></p>
                </div>
                <h2>"Qué llevar"</h2>
                <ul>
                    <li>"Su documento de identidad original."</li>
                    {for_company.then(|| view! {
                        <li>"Si va en nombre de una empresa: el certificado de existencia y representación legal, o el poder que le autoriza."</li>
                    })}
                    <li>"Los documentos de su caso: número de radicado, comunicaciones de la DIAN o respuestas recibidas."</li>
                </ul>
                <div class="actions no-print">
                    <button type="button" class="button" on:click=move |_| { let _ = window().print(); }>"Imprimir"</button>
                    <a class="button button-secondary" href=ics.clone() download=ics_name.clone()>"Añadir a mi calendario"</a>
                </div>
            })}
        </div>
    }
}

/// Move or cancel: offered once the document proves the appointment is the citizen's.
#[component]
fn Manage(appointment: RwSignal<AppointmentView>) -> impl IntoView {
    let verified = expect_context::<Verified>();
    let settings = expect_context::<Settings>();
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
                error.set(Some(e.to_string()));
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
                    Err(failure) if failure.code() == Some("not_found") => {
                        error.set(Some("Ese documento no corresponde a esta cita. Escriba el documento con el que la agendó.".into()))
                    }
                    Err(failure) => error.set(Some(failure.message())),
                }
            });
        }
    };

    view! {
        <section class="manage no-print" aria-labelledby="gestionar">
            <h2 id="gestionar">"Cambiar o cancelar"</h2>
            {move || {
                let a = appointment.get();
                if a.status == AppointmentStatus::Cancelled {
                    view! {
                        <p>"Si aún necesita atención, agende una nueva cita."</p>
                        <A href="/agendar/servicio" attr:class="button">"Agendar una cita"</A>
                    }.into_any()
                } else if is_verified() {
                    let change = format!("/agendar/fecha?servicio={}&oficina={}&cambio={}", a.service.id, a.office.id, a.code);
                    view! {
                        <div class="actions">
                            <A href=change attr:class="button">"Cambiar fecha u hora"</A>
                            <A href=format!("/cita/{}/cancelar", a.code) attr:class="button button-secondary">"Cancelar la cita"</A>
                        </div>
                    }.into_any()
                } else {
                    view! {
                        <p>"Para cambiar o cancelar, escriba el documento con el que agendó la cita."</p>
                        <form on:submit=check.clone() novalidate>
                            <DocumentFields kind number error=error.into() legend="Documento con el que agendó" />
                            <button type="submit" class="button">"Continuar"</button>
                        </form>
                    }.into_any()
                }
            }}
        </section>
    }
}
