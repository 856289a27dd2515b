//! Step 6: everything at a glance, the data-protection authorization, and the booking itself.
//! (When an appointment is being moved, this step confirms the change instead: `change.rs`.)

use super::change::ChangeReview;
use super::details::Problems;
use super::hold::{HoldTimer, Holds};
use super::proof::ProofOfWork;
use super::{Step, StepPage, back_to_times_if_gone, use_selection};
use crate::api::{self, ApiFailure};
use crate::components::{Alert, ConsentField, PrivacyNotice};
use crate::i18n::*;
use crate::language::{lang_of, use_lang};
use crate::state::{Applicant, Offices, Settings, Verified, services};
use crate::text::fill;
use citas_domain::api::{ARRIVE_EARLY_MINUTES, AppointmentView, BookingRequest, ErrorCode};
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
    let applicant = Applicant::get();
    let settings = Settings::get();
    let i18n = use_i18n();
    let lang = use_lang();
    if Problems::of(&applicant, &settings, lang_of(i18n.get_locale_untracked())).first_invalid().is_some() {
        // Reached without valid details (e.g. a new tab): fill them in first.
        return view! { <Redirect path=selection.href(Step::Details) /> }.into_any();
    }
    let offices = expect_context::<Offices>();
    let holds = Holds::get();
    let verified = Verified::get();
    let embedded = expect_context::<crate::embed::Embedded>();
    let consent = RwSignal::new(false);
    let consent_error = RwSignal::new(None::<String>);
    let problem = RwSignal::new(None::<String>);
    // The document holds another appointment: this booking cannot be made, so the held seat is
    // let go, and the citizen is told so and where to manage the appointment they have.
    let document_taken = RwSignal::new(false);
    let navigate = use_navigate();

    let proofs = ProofOfWork::get();
    let booking = Action::new_local(move |request: &BookingRequest| {
        let request = request.clone();
        async move { api::book(&request, proofs.take().await).await }
    });
    let on_result = {
        let selection = selection.clone();
        move |result: Result<AppointmentView, ApiFailure>| match result {
            Ok(appointment) => {
                holds.forget();
                crate::embed::notify(
                    embedded,
                    "citas:booked",
                    &appointment.office.id,
                    &appointment.service.id,
                );
                verified.set(applicant.document(), &appointment);
                applicant.clear();
                navigate(&format!("/cita/{}", appointment.code), Default::default());
            }
            Err(failure) => {
                if back_to_times_if_gone(&failure, &selection, &navigate) {
                    return;
                }
                let taken = failure.is(ErrorCode::DocumentHasAppointment);
                if taken {
                    holds.release();
                }
                document_taken.set(taken);
                problem.set(Some(failure.message()));
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
                document: applicant.document(),
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
            consent_error.set(Some(t_string!(i18n, review.consent_error).to_string()));
            return;
        }
        booking.dispatch_local(request());
    };

    let document = Document::parse(
        applicant.kind.get_untracked(),
        &applicant.number.get_untracked(),
        &settings.document_rules(),
    )
    .ok();
    let document = move || {
        document
            .as_ref()
            .map(|d| format!("{} {}", d.kind().label(lang.get()), d.display_number()))
            .unwrap_or_default()
    };
    let date = selection.date.unwrap_or_default();
    let time = selection.time.unwrap_or_default();
    let arrive = time - chrono::Duration::minutes(ARRIVE_EARLY_MINUTES);
    let office_id = selection.office.clone().unwrap_or_default();
    let service_id = selection.service.clone().unwrap_or_default();
    let place = Signal::derive(move || {
        offices.0.get().and_then(Result::ok).map(|list| {
            let service = services(&list).into_iter().find(|s| s.id == service_id);
            let office = list.into_iter().find(|o| o.id == office_id);
            (service, office)
        })
    });
    let (email, phone) = (applicant.email.get_untracked(), applicant.phone.get_untracked());
    let timer_selection = selection.clone();
    // The document, name, e-mail and phone were all asked on the details step.
    let details = selection.href_with_choice(Step::Details);
    let document_row = document.clone();

    view! {
        <StepPage step=Step::Review>
            <Alert message=problem.into()>
                {move || document_taken.get().then(|| view! {
                    <p>{t!(i18n, review.seat_released)}</p>
                    <p><A href="/mi-cita">{t!(i18n, review.manage_existing)}</A></p>
                })}
            </Alert>
            <HoldTimer selection=timer_selection />
            <dl class="summary">
                <Answer label=|l| td_string!(l, review.service) href=selection.href_with_choice(Step::Service)>
                    {move || place.get().and_then(|(s, _)| s).map(|s| s.name(lang.get()).to_owned())}
                </Answer>
                <Answer label=|l| td_string!(l, review.office) href=selection.href_with_choice(Step::City)>
                    {move || place.get().and_then(|(_, o)| o).map(|o| match o.address {
                        Some(a) => format!("{} — {}, {}", o.city, o.name, a),
                        None => format!("{} — {}", o.city, o.name),
                    })}
                </Answer>
                <Answer label=|l| td_string!(l, review.date) href=selection.href_with_choice(Step::Date)>
                    {move || long_date(date, lang.get())}
                </Answer>
                <Answer label=|l| td_string!(l, review.time) href=selection.href_with_choice(Step::Time)>
                    {move || time_of_day(time, lang.get())}
                </Answer>
                <Answer label=|l| td_string!(l, review.document) href=details.clone()>{document_row}</Answer>
                <Answer label=|l| td_string!(l, review.name) href=details.clone()>{applicant.name.get_untracked()}</Answer>
                {(!email.trim().is_empty()).then(|| view! {
                    <Answer label=|l| td_string!(l, review.email) href=details.clone()>{email.clone()}</Answer>
                })}
                {(!phone.trim().is_empty()).then(|| view! {
                    <Answer label=|l| td_string!(l, review.phone) href=details.clone()>{phone.clone()}</Answer>
                })}
            </dl>
            // Refused because the document has an appointment, the seat is let go: nothing is left
            // here to book, and the alert above says where to go instead.
            <div hidden=move || document_taken.get()>
                <div class="notice">
                    <p><strong>{move || fill(t_string!(i18n, review.only_document), &[("document", &document())])}</strong></p>
                    <p>{move || fill(t_string!(i18n, review.arrive), &[("time", &time_of_day(arrive, lang.get())), ("minutes", &ARRIVE_EARLY_MINUTES)])}</p>
                </div>
                <form on:submit=submit novalidate>
                    <PrivacyNotice purpose=Signal::derive(move || t_string!(i18n, review.privacy_text).to_string()) />
                    <ConsentField checked=consent error=consent_error
                        label=Signal::derive(move || t_string!(i18n, review.consent).to_string()) />
                    <button type="submit" class="button" disabled=move || booking.pending().get()>
                        {move || if booking.pending().get() { t_string!(i18n, review.booking) } else { t_string!(i18n, review.confirm) }}
                    </button>
                </form>
            </div>
        </StepPage>
    }
    .into_any()
}

/// One answer of the summary: its label, its value, and "Cambiar" back to the step that asked
/// for it, named for its row for screen readers ("Cambiar fecha").
#[component]
fn Answer(label: fn(Locale) -> &'static str, href: String, children: Children) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div><dt>{move || label(i18n.get_locale())}</dt><dd>{children()}</dd>
            <dd class="change"><A href=href>
                {t!(i18n, common.change)}
                <span class="visually-hidden">{move || format!(" {}", label(i18n.get_locale()).to_lowercase())}</span>
            </A></dd></div>
    }
}
