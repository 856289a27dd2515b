//! Step 6: everything at a glance, the data-protection authorization, and the booking itself.
//! (When an appointment is being moved, this step confirms the change instead: `change.rs`.)

use super::change::ChangeReview;
use super::details::Problems;
use super::hold::{HoldTimer, Holds};
use super::{Alert, FieldError, Step, StepPage, back_to_times_if_gone, use_selection};
use crate::api::{self, ApiFailure};
use crate::state::{Applicant, Offices, Settings, Verified, remember, services};
use citas_domain::api::{ARRIVE_EARLY_MINUTES, AppointmentView, BookingRequest, DocumentInput};
use citas_domain::document::Document;
use citas_domain::format::{long_date, time_of_day};
use leptos::prelude::*;
use leptos_router::components::{A, Redirect};
use leptos_router::hooks::use_navigate;

#[component]
pub fn ReviewStep() -> impl IntoView {
    let selection = use_selection().get_untracked();
    if selection.changing.is_some() {
        return view! { <ChangeReview selection /> }.into_any();
    }
    let applicant = expect_context::<Applicant>();
    let settings = expect_context::<Settings>();
    if Problems::of(&applicant, &settings).first_invalid().is_some() {
        // Reached without valid details (e.g. a new tab): fill them in first.
        return view! { <Redirect path=selection.href(Step::Details) /> }.into_any();
    }
    let offices = expect_context::<Offices>();
    let holds = expect_context::<Holds>();
    let verified = expect_context::<Verified>();
    let consent = RwSignal::new(false);
    let consent_error = RwSignal::new(None::<String>);
    let problem = RwSignal::new(None::<String>);
    let navigate = use_navigate();

    let booking = Action::new_local(|request: &BookingRequest| {
        let request = request.clone();
        async move { api::book(&request).await }
    });
    let on_result = {
        let selection = selection.clone();
        move |result: Result<AppointmentView, ApiFailure>| match result {
            Ok(appointment) => {
                holds.forget();
                remember(&appointment);
                verified.set(&appointment.code, document_input(&applicant));
                applicant.clear();
                navigate(&format!("/cita/{}", appointment.code), Default::default());
            }
            Err(failure) => {
                if !back_to_times_if_gone(&failure, &selection, &navigate) {
                    problem.set(Some(failure.message()));
                }
            }
        }
    };
    Effect::new(move || {
        if let Some(result) = booking.value().get() {
            on_result(result);
        }
    });

    let request = {
        let selection = selection.clone();
        move || {
            let start = selection.start();
            BookingRequest {
                office: selection.office.clone().unwrap_or_default(),
                service: selection.service.clone().unwrap_or_default(),
                start: start.map(|s| s.to_rfc3339()).unwrap_or_default(),
                document: document_input(&applicant),
                name: applicant.name.get_untracked(),
                email: Some(applicant.email.get_untracked()),
                phone: Some(applicant.phone.get_untracked()),
                consent: consent.get_untracked(),
                hold: start.and_then(|s| holds.for_slot(selection.office.as_deref().unwrap_or_default(), s)),
            }
        }
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        problem.set(None);
        if !consent.get() {
            consent_error.set(Some("Para agendar la cita debe marcar la autorización.".into()));
            return;
        }
        booking.dispatch_local(request());
    };

    let document = Document::parse(
        applicant.kind.get_untracked(),
        &applicant.number.get_untracked(),
        &settings.document_rules(),
    )
    .map(|d| format!("{} {}", d.kind().label(), d.display_number()))
    .unwrap_or_default();
    let date = selection.date.unwrap_or_default();
    let time = selection.time.unwrap_or_default();
    let arrive = time - chrono::Duration::minutes(ARRIVE_EARLY_MINUTES);
    let office_id = selection.office.clone().unwrap_or_default();
    let service_id = selection.service.clone().unwrap_or_default();
    let place = Signal::derive(move || {
        offices.0.get().and_then(Result::ok).map(|list| {
            let service = services(&list).into_iter().find(|s| s.id == service_id).map(|s| s.name);
            let office = list.into_iter().find(|o| o.id == office_id);
            (service, office)
        })
    });
    let (email, phone) = (applicant.email.get_untracked(), applicant.phone.get_untracked());
    let timer_selection = selection.clone();
    let change = move |step: Step, what: &'static str| {
        view! { <A href=selection.href_with_choice(step)>"Cambiar"<span class="visually-hidden">{format!(" {what}")}</span></A> }
    };

    view! {
        <StepPage step=Step::Review heading="Revise y confirme su cita">
            <Alert message=problem.into() />
            <HoldTimer selection=timer_selection />
            <dl class="summary">
                <div><dt>"Servicio"</dt>
                    <dd>{move || place.get().and_then(|(s, _)| s)}</dd>
                    <dd class="change">{change(Step::Service, "servicio")}</dd></div>
                <div><dt>"Oficina"</dt>
                    <dd>{move || place.get().and_then(|(_, o)| o).map(|o| match o.address {
                        Some(a) => format!("{} — {}, {}", o.city, o.name, a),
                        None => format!("{} — {}", o.city, o.name),
                    })}</dd>
                    <dd class="change">{change(Step::City, "oficina")}</dd></div>
                <div><dt>"Fecha"</dt><dd>{long_date(date)}</dd>
                    <dd class="change">{change(Step::Date, "fecha")}</dd></div>
                <div><dt>"Hora"</dt><dd>{time_of_day(time)}</dd>
                    <dd class="change">{change(Step::Time, "hora")}</dd></div>
                <div><dt>"Documento"</dt><dd>{document.clone()}</dd>
                    <dd class="change">{change(Step::Details, "datos")}</dd></div>
                <div><dt>"Nombre"</dt><dd>{applicant.name.get_untracked()}</dd></div>
                {(!email.trim().is_empty()).then(|| view! { <div><dt>"Correo"</dt><dd>{email.clone()}</dd></div> })}
                {(!phone.trim().is_empty()).then(|| view! { <div><dt>"Teléfono"</dt><dd>{phone.clone()}</dd></div> })}
            </dl>
            <div class="notice">
                <p><strong>{format!("Solo se atenderá la solicitud del documento {document}.")}</strong></p>
                <p>{format!("Preséntese a las {} ({ARRIVE_EARLY_MINUTES} minutos antes de su cita).", time_of_day(arrive))}</p>
            </div>
            <form on:submit=submit novalidate>
                <PrivacyNotice />
                <div class="field" class:field-invalid=move || consent_error.get().is_some()>
                    <FieldError id="autorizacion-error" message=consent_error.into() />
                    <label class="checkbox">
                        <input type="checkbox" id="autorizacion" name="autorizacion"
                            aria-describedby=move || consent_error.get().map(|_| "autorizacion-error")
                            prop:checked=move || consent.get()
                            on:change=move |ev| { consent.set(event_target_checked(&ev)); consent_error.set(None); } />
                        <span>"Autorizo el tratamiento de mis datos personales para agendar y atender esta cita, según la Ley 1581 de 2012 y el aviso anterior."</span>
                    </label>
                </div>
                <button type="submit" class="button" disabled=move || booking.pending().get()>
                    {move || if booking.pending().get() { "Agendando…" } else { "Confirmar la cita" }}
                </button>
            </form>
        </StepPage>
    }
    .into_any()
}

fn document_input(applicant: &Applicant) -> DocumentInput {
    DocumentInput {
        kind: applicant.kind.get_untracked().code().to_owned(),
        number: applicant.number.get_untracked(),
    }
}

/// Ley 1581 de 2012, art. 12: what is collected, why, the citizen's rights, and who is
/// responsible — before asking for the authorization.
#[component]
fn PrivacyNotice() -> impl IntoView {
    view! {
        <section class="privacy" aria-labelledby="aviso-datos">
            <h2 id="aviso-datos" class="small-heading">"Aviso de privacidad"</h2>
            <p>
                "La DIAN, a través de la Defensoría del Contribuyente y del Usuario Aduanero, usará su documento, "
                "nombre y, si los da, su correo y teléfono, solo para agendar su cita, identificarle al llegar y "
                "avisarle de cambios. El correo y el teléfono son opcionales. No pedimos datos sensibles."
            </p>
            <details>
                <summary>"Sus derechos y cómo ejercerlos"</summary>
                <p>
                    "Puede conocer, actualizar y rectificar sus datos; pedir prueba de esta autorización; saber "
                    "cómo se han usado; revocarla o pedir que se borren cuando no haya un deber legal de "
                    "conservarlos; y presentar quejas ante la Superintendencia de Industria y Comercio. "
                    "Consultar sus datos es gratis."
                </p>
                <p>
                    "Responsable: Unidad Administrativa Especial Dirección de Impuestos y Aduanas Nacionales "
                    "(DIAN), Carrera 8 n.º 6C-38, Edificio San Agustín, Bogotá D.C.; teléfono 601 742 8973. "
                    "Política de tratamiento de datos personales de la DIAN (Circular DIAN 1 de 2019)."
                </p>
            </details>
        </section>
    }
}
