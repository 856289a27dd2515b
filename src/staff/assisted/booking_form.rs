//! The booking for a citizen, on one page in the wizard's order: the appointment, the citizen,
//! the consent read aloud. Checked with the wizard's own rules before it is sent; what the
//! server refuses is said at the top (focused, as the other screens' refusals) and beside the
//! field it names.

use super::caller::{CallerFields, new_caller};
use super::consent::VerbalConsent;
use super::field_errors::FieldErrors;
use super::hold::KeptSeat;
use super::slot_choice::{Chosen, SlotChoice};
use crate::api::ApiFailure;
use crate::components::{Alert, PageHeading, focus};
use crate::staff::api;
use crate::staff::chrome::Session;
use crate::state::Settings;
use crate::wizard::details::Problems;
use citas_domain::api::staff::{AssistedBooking, VerbalConsent as Consent};
use citas_domain::api::{AppointmentView, DocumentInput, ErrorCode};
use citas_domain::lang::Lang;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

#[component]
pub fn BookingForm(on_booked: Callback<AppointmentView>) -> impl IntoView {
    let session = Session::get();
    let settings = Settings::get();
    let offices = session.me().map(|me| me.offices).unwrap_or_default();
    let chosen = Chosen::new(&offices);
    let availability = chosen.availability();
    let kept = KeptSeat::new();
    let caller = new_caller();
    let agreed = RwSignal::new(false);
    let found = Memo::new(move |_| {
        let missing = |id: &'static str, value: RwSignal<String>, said: &str| {
            value.with(String::is_empty).then(|| (id, said.to_owned()))
        };
        let details = Problems::of(&caller, &settings, Lang::Es);
        [
            missing("servicio", chosen.service, "Elija el servicio."),
            missing("oficina", chosen.office, "Elija la oficina."),
            missing("fecha", chosen.date, "Elija el día."),
            missing("hora", chosen.start, "Elija la hora."),
            details.document.map(|m| ("numero", m)),
            details.name.map(|m| ("nombre", m)),
            details.email.map(|m| ("correo", m)),
            details.phone.map(|m| ("telefono", m)),
            (!agreed.get()).then(|| {
                ("consentimiento", "Lea el aviso al ciudadano y marque que aceptó de viva voz.".to_owned())
            }),
        ]
        .into_iter()
        .flatten()
        .collect()
    });
    let errors = FieldErrors::new(found);
    let problem = RwSignal::new(None::<String>);
    // The document has an appointment already: it is found by the search, to move or cancel.
    let document_taken = RwSignal::new(false);
    let sending = RwSignal::new(false);

    let refused = move |failure: ApiFailure| {
        let Some(message) = session.message(&failure) else { return };
        let taken = failure.is(ErrorCode::DocumentHasAppointment);
        document_taken.set(taken);
        let message = match taken {
            true => "Ese documento ya tiene una cita agendada.".to_owned(),
            false => message,
        };
        if let Some(id) = field_id(&failure) {
            if id == "hora" {
                // The time is gone (full, no longer bookable, its hold over): another one.
                chosen.start.set(String::new());
                availability.refetch();
            }
            errors.refuse(id, message.clone());
        }
        problem.set(Some(message));
    };
    let hold_refused = Callback::new(move |failure: ApiFailure| {
        if let Some(message) = session.message(&failure) {
            chosen.start.set(String::new());
            availability.refetch();
            errors.refuse("hora", message);
        }
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        problem.set(None);
        document_taken.set(false);
        if let Some(id) = errors.attempt() {
            return focus(id);
        }
        let Some(start) = chosen.start_time() else { return };
        let optional = |value: RwSignal<String>| Some(value.get()).filter(|v| !v.trim().is_empty());
        let booking = AssistedBooking {
            office: chosen.office.get(),
            service: chosen.service.get(),
            start: start.to_rfc3339(),
            document: DocumentInput {
                kind: caller.kind.get().code().to_owned(),
                number: caller.number.get(),
            },
            name: caller.name.get(),
            email: optional(caller.email),
            phone: optional(caller.phone),
            hold: kept.id_for(start),
            consent: Consent { verbal: agreed.get() },
        };
        sending.set(true);
        spawn_local(async move {
            let answer = api::book(&booking).await;
            sending.set(false);
            match answer {
                Ok(appointment) => {
                    kept.used();
                    on_booked.run(appointment);
                }
                Err(failure) => refused(failure),
            }
        });
    };

    view! {
        <PageHeading text=Signal::derive(|| "Agendar para un ciudadano".to_owned()) />
        <p>"Para quien llama o viene sin poder agendar: las mismas reglas que en la web. La hora elegida queda apartada mientras escribe."</p>
        <Alert message=problem.into()>
            {move || document_taken.get().then(|| view! {
                <p><A href="/funcionarios/buscar">"Buscar sus citas por documento para cambiarla o cancelarla"</A></p>
            })}
        </Alert>
        <form on:submit=submit novalidate class="staff-narrow">
            <h2>"La cita"</h2>
            <SlotChoice chosen offices availability kept errors hold_refused />
            <h2>"El ciudadano"</h2>
            <CallerFields caller errors />
            <VerbalConsent agreed error=errors.of("consentimiento") />
            <button type="submit" class="button" disabled=move || sending.get()>
                {move || if sending.get() { "Agendando…" } else { "Agendar" }}
            </button>
        </form>
    }
}

/// The form's field that a refusal names (`field`: "document.number", "start", …).
fn field_id(failure: &ApiFailure) -> Option<&'static str> {
    let ApiFailure::Refused(refusal) = failure else { return None };
    Some(match refusal.field.as_deref()? {
        "service" => "servicio",
        "office" => "oficina",
        "start" | "hold" => "hora",
        "document.kind" | "document.number" => "numero",
        "name" => "nombre",
        "email" => "correo",
        "phone" => "telefono",
        "consent" => "consentimiento",
        _ => return None,
    })
}
