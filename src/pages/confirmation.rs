//! The confirmation: what an official and the citizen both rely on. Printable, and can be
//! added to a calendar.

use crate::dom::{data_url, set_title};
use crate::state::remembered;
use citas_domain::api::{ARRIVE_EARLY_MINUTES, AppointmentView};
use citas_domain::document::DocumentKind;
use citas_domain::format::{long_date, time_of_day};
use citas_domain::ics::appointment_ics;
use citas_domain::time::in_bogota;
use leptos::html;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

#[component]
pub fn Confirmation() -> impl IntoView {
    let code = use_params_map().get_untracked().get("code").unwrap_or_default();
    match remembered().into_iter().find(|a| a.code == code) {
        Some(appointment) => view! { <Details appointment /> }.into_any(),
        None => {
            set_title("Cita no encontrada");
            view! {
                <h1>"No encontramos esta cita en este dispositivo"</h1>
                <p>{format!("La cita {code} no está guardada en este navegador.")}</p>
                <p>"Si necesita ayuda con su cita, llame al Contact Center."</p>
                <p><A href="/">"Ir al inicio"</A></p>
            }
            .into_any()
        }
    }
}

#[component]
fn Details(appointment: AppointmentView) -> impl IntoView {
    set_title("Cita agendada");
    let heading = NodeRef::<html::H1>::new();
    Effect::new(move || {
        if let Some(h1) = heading.get() {
            let _ = h1.focus();
        }
    });
    let a = appointment;
    let start = in_bogota(&a.start);
    let arrive = in_bogota(&a.arrive_by);
    let ics = data_url("text/calendar", &appointment_ics(&a, a.created_at));
    let ics_name = format!("cita-defensoria-{}.ics", a.code);
    let address = match (&a.office.address, &a.office.postal_code) {
        (Some(address), Some(postal)) => format!("{address}, {} (código postal {postal})", a.office.city),
        (Some(address), None) => format!("{address}, {}", a.office.city),
        (None, _) => format!("{}. Confirme la dirección en el Contact Center.", a.office.city),
    };
    let for_company = a.document.kind == DocumentKind::Nit;

    view! {
        <div class="confirmation">
            <div class="confirmation-banner">
                <h1 node_ref=heading tabindex="-1">"Su cita está agendada"</h1>
                <p>"Código de la cita"</p>
                <p class="code">{a.code.clone()}</p>
            </div>
            <p class="lead">
                {format!("Preséntese a las {} ", time_of_day(arrive.time()))}
                <strong>{format!("({ARRIVE_EARLY_MINUTES} minutos antes)")}</strong>
                {format!(" el {}.", long_date(start.date_naive()))}
            </p>
            <dl class="summary">
                <div><dt>"Fecha"</dt><dd>{long_date(start.date_naive())}</dd></div>
                <div><dt>"Hora de la cita"</dt><dd>{time_of_day(start.time())}</dd></div>
                <div><dt>"Oficina"</dt><dd>{a.office.name.clone()}</dd></div>
                <div><dt>"Dirección"</dt><dd>{address}</dd></div>
                <div><dt>"Servicio"</dt><dd>{a.service.name.clone()}</dd></div>
                <div><dt>"Documento"</dt><dd>{a.document.masked.clone()}</dd></div>
                <div><dt>"Nombre"</dt><dd>{a.name.clone()}</dd></div>
            </dl>
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
                <a class="button button-secondary" href=ics download=ics_name>"Añadir a mi calendario"</a>
            </div>
            <h2>"Si no puede asistir"</h2>
            <p>"Cancele o cambie su cita para que otra persona pueda usar ese turno. Llame al Contact Center con su código de cita."</p>
            <p class="no-print"><A href="/">"Volver al inicio"</A></p>
        </div>
    }
}
