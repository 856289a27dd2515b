//! The booking made: the code large, spelled one character at a time to be read over the phone
//! ("K de kilo"; in English for a caller who needs it), when to come and when to be there, and
//! whether a confirmation goes by e-mail.

use crate::components::PageHeading;
use crate::staff::widgets::agenda_href;
use crate::text::fill;
use citas_domain::api::{ARRIVE_EARLY_MINUTES, AppointmentView};
use citas_domain::code::{AppointmentCode, spelled};
use citas_domain::format::{long_date, time_of_day};
use citas_domain::lang::Lang;
use citas_domain::time::in_bogota;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn Confirmation(appointment: AppointmentView, on_another: Callback<()>) -> impl IntoView {
    let start = in_bogota(&appointment.start);
    let arrive = time_of_day(in_bogota(&appointment.arrive_by).time(), Lang::Es);
    let date = long_date(start.date_naive(), Lang::Es);
    let say = fill(
        "Preséntese a las {arrive} del {date}, {minutes} minutos antes de su cita.",
        &[("arrive", &arrive), ("date", &date), ("minutes", &ARRIVE_EARLY_MINUTES)],
    );
    let mail = match &appointment.email {
        Some(email) => fill("Le llegará la confirmación por correo a {email}.", &[("email", email)]),
        None => "No dio correo: no recibirá confirmación. Pídale que anote el código.".to_owned(),
    };
    let office = &appointment.office;
    let place = match &office.address {
        Some(address) => format!("{} — {}, {}", office.city, office.name, address),
        None => format!("{} — {}", office.city, office.name),
    };
    view! {
        <div class="confirmation-banner">
            <PageHeading text=Signal::derive(|| "Cita agendada".to_owned()) />
            <p>"Código de la cita"</p>
            <p class="code assisted-code">{appointment.code.clone()}</p>
        </div>
        <SpelledCode code=appointment.code.clone() />
        <p class="lead"><strong>{say}</strong></p>
        <dl class="summary">
            <div><dt>"Fecha"</dt><dd>{date}</dd></div>
            <div><dt>"Hora"</dt><dd>{time_of_day(start.time(), Lang::Es)}</dd></div>
            <div><dt>"Oficina"</dt><dd>{place}</dd></div>
            <div><dt>"Servicio"</dt><dd>{appointment.service.name.clone()}</dd></div>
            <div><dt>"A nombre de"</dt><dd>{appointment.name.clone()}</dd></div>
            <div><dt>"Documento"</dt><dd>{appointment.document.masked.clone()}</dd></div>
        </dl>
        <p class="notice">{mail}</p>
        // Offered offices are the account's own, so their agenda opens.
        <p><A href=agenda_href(&office.id, Some(start.date_naive()))>
            {format!("Ver la cita en la agenda de {}", office.city)}
        </A></p>
        <button type="button" class="button" on:click=move |_| on_another.run(())>"Agendar otra cita"</button>
    }
}

/// The code's characters one by one, with a word for each letter: in Spanish, or in English
/// for a caller who asks (the button says which is shown).
#[component]
fn SpelledCode(code: String) -> impl IntoView {
    let english = RwSignal::new(false);
    let code = AppointmentCode::parse(&code);
    let lang = move || if english.get() { Lang::En } else { Lang::Es };
    view! {
        <h2 id="deletreo">"Para dictar el código"</h2>
        <ol class="spelled" aria-labelledby="deletreo" lang=move || if english.get() { "en" } else { "es" }>
            {move || code.as_ref().map(|code| {
                spelled(code, lang()).into_iter().map(|item| view! { <li>{item}</li> }).collect_view()
            })}
        </ol>
        <button type="button" class="button button-secondary" aria-pressed=move || english.get().to_string()
            on:click=move |_| english.update(|e| *e = !*e)>
            "Deletrear en inglés"
        </button>
    }
}
