//! `/oferta/:offer`: the seat held for someone on the waiting list, from the link in their
//! e-mail. They book it as in the wizard's last steps (the same fields, authorization and
//! proof of work), with the document they joined with; then the wizard's confirmation.

use super::refused::Refused;
use crate::api;
use crate::components::{Alert, ConsentField, PageHeading, PrivacyNotice, focus};
use crate::dom::set_title;
use crate::i18n::*;
use crate::language::{lang_of, use_lang};
use crate::state::{Applicant, Settings, Verified};
use crate::text::fill;
use crate::wizard::choices::LoadFailed;
use crate::wizard::details::{ApplicantFields, Problems};
use crate::wizard::proof::ProofOfWork;
use chrono::{DateTime, FixedOffset};
use citas_domain::api::waitlist::OfferView;
use citas_domain::api::{ARRIVE_EARLY_MINUTES, BookingRequest, ErrorCode};
use citas_domain::format::{long_date, time_of_day};
use citas_domain::time::in_bogota;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

/// The answers that mean there is no seat to take at this address.
const GONE: [&str; 2] = [ErrorCode::HoldExpired.as_str(), ErrorCode::NotFound.as_str()];

/// When a seat held `expires_in` more seconds (the server's count) ends, by this device's clock,
/// in Bogotá's time: a wrong clock on the phone does not matter.
pub fn held_until(expires_in: i64) -> DateTime<FixedOffset> {
    let at = js_sys::Date::now() as i64 + expires_in * 1000;
    in_bogota(&DateTime::from_timestamp_millis(at).unwrap_or_default())
}

#[component]
pub fn OfferPage() -> impl IntoView {
    let i18n = use_i18n();
    set_title(move || t_string!(i18n, waitlist.offer_title).to_string());
    let id = use_params_map().get_untracked().get("offer").unwrap_or_default();
    let fetched = LocalResource::new(move || {
        let id = id.clone();
        async move { api::offer(&id).await }
    });
    // The booking found the seat gone meanwhile.
    let gone = RwSignal::new(false);
    view! {
        <Suspense fallback=move || view! { <p class="loading">{t!(i18n, waitlist.offer_loading)}</p> }>
            {move || fetched.get().map(|loaded| match loaded {
                Ok(_) if gone.get() => view! { <OfferGone /> }.into_any(),
                Ok(offer) => view! { <TakeOffer offer on_gone=Callback::new(move |_| gone.set(true)) /> }.into_any(),
                // Ran out, taken, or never was (a link mistyped).
                Err(failure) if failure.is_any(&GONE) => view! { <OfferGone /> }.into_any(),
                Err(failure) => view! {
                    <PageHeading text=Signal::derive(move || t_string!(i18n, waitlist.offer_title).to_string()) />
                    <LoadFailed failure retry=move |_| fetched.refetch() />
                }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn TakeOffer(offer: OfferView, on_gone: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let applicant = Applicant::get();
    let settings = Settings::get();
    let verified = Verified::get();
    // Solved while the citizen types, as in the wizard.
    let proofs = ProofOfWork::get();
    let consent = RwSignal::new(false);
    let consent_error = RwSignal::new(None::<String>);
    let problem = RwSignal::new(None::<String>);
    let document_taken = RwSignal::new(false);
    let booking = RwSignal::new(false);
    let attempted = RwSignal::new(false);
    let refused = Refused::new();
    let problems = Memo::new(move |_| Problems::of(&applicant, &settings, lang_of(i18n.get_locale())));
    // What was typed wrong, once they tried to book; else what the server refused.
    let shown = Signal::derive(move || {
        let typed = if attempted.get() { problems.get() } else { Problems::default() };
        Problems {
            document: typed.document.or_else(|| refused.on("numero")),
            name: typed.name.or_else(|| refused.on("nombre")),
            email: typed.email.or_else(|| refused.on("correo")),
            phone: typed.phone.or_else(|| refused.on("telefono")),
        }
    });
    let navigate = use_navigate();

    let request = {
        let offer = offer.clone();
        move || BookingRequest {
            office: offer.office.id.clone(),
            service: offer.service.id.clone(),
            start: offer.start.to_rfc3339(),
            document: applicant.document(),
            name: applicant.name.get_untracked(),
            email: Some(applicant.email.get_untracked()),
            phone: Some(applicant.phone.get_untracked()),
            consent: consent.get_untracked(),
            hold: Some(offer.offer.clone()),
        }
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        attempted.set(true);
        refused.clear();
        problem.set(None);
        if !consent.get() {
            consent_error.set(Some(t_string!(i18n, review.consent_error).to_string()));
        }
        let first =
            problems.with(Problems::first_invalid).or_else(|| (!consent.get()).then_some("autorizacion"));
        if let Some(field) = first {
            focus(field);
            return;
        }
        let (request, navigate) = (request(), navigate.clone());
        booking.set(true);
        spawn_local(async move {
            let answer = api::book(&request, proofs.take().await).await;
            booking.set(false);
            match answer {
                Ok(appointment) => {
                    verified.set(request.document, &appointment);
                    applicant.clear();
                    navigate(&format!("/cita/{}", appointment.code), Default::default());
                }
                Err(failure) if failure.is(ErrorCode::HoldExpired) => on_gone.run(()),
                // As in the wizard: said at the top, with the way to the appointment they have.
                Err(failure) if failure.is(ErrorCode::DocumentHasAppointment) => {
                    document_taken.set(true);
                    problem.set(Some(failure.message()));
                }
                Err(failure) => {
                    document_taken.set(false);
                    if !refused.show(&failure, &["numero", "nombre", "correo", "telefono"]) {
                        problem.set(Some(failure.message()));
                    }
                }
            }
        });
    };

    let start = in_bogota(&offer.start);
    let arrive = start - chrono::Duration::minutes(ARRIVE_EARLY_MINUTES);
    let until = held_until(offer.expires_in);
    let minutes = (offer.expires_in.max(0) + 59) / 60;
    let office = offer.office;
    let place = match &office.address {
        Some(address) => format!("{} — {}, {}", office.city, office.name, address),
        None => format!("{} — {}", office.city, office.name),
    };
    let service = offer.service;

    view! {
        <PageHeading text=Signal::derive(move || t_string!(i18n, waitlist.offer_page).to_string()) />
        <p class="lead">
            {move || fill(t_string!(i18n, waitlist.held), &[("time", &time_of_day(until.time(), lang.get())), ("minutes", &minutes)])}
        </p>
        <Alert message=problem.into()>
            {move || document_taken.get().then(|| view! {
                <p><A href="/mi-cita">{t!(i18n, review.manage_existing)}</A></p>
            })}
        </Alert>
        <dl class="summary">
            <div><dt>{t!(i18n, review.service)}</dt><dd>{move || service.name(lang.get()).to_owned()}</dd></div>
            <div><dt>{t!(i18n, review.office)}</dt><dd>{place}</dd></div>
            <div><dt>{t!(i18n, review.date)}</dt><dd>{move || long_date(start.date_naive(), lang.get())}</dd></div>
            <div><dt>{t!(i18n, review.time)}</dt><dd>{move || time_of_day(start.time(), lang.get())}</dd></div>
        </dl>
        <div class="notice">
            <p><strong>{t!(i18n, waitlist.only_document)}</strong></p>
            <p>{move || fill(t_string!(i18n, review.arrive), &[("time", &time_of_day(arrive.time(), lang.get())), ("minutes", &ARRIVE_EARLY_MINUTES)])}</p>
        </div>
        <form on:submit=submit novalidate>
            <ApplicantFields applicant problems=shown />
            <PrivacyNotice purpose=Signal::derive(move || t_string!(i18n, review.privacy_text).to_string()) />
            <ConsentField checked=consent error=consent_error
                label=Signal::derive(move || t_string!(i18n, review.consent).to_string()) />
            <button type="submit" class="button" disabled=move || booking.get()>
                {move || if booking.get() { t_string!(i18n, review.booking) } else { t_string!(i18n, review.confirm) }}
            </button>
        </form>
    }
}

/// The seat ran out or was taken: what that means, and the ways on.
#[component]
fn OfferGone() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageHeading text=Signal::derive(move || t_string!(i18n, waitlist.gone).to_string()) />
        <p>{t!(i18n, waitlist.gone_text)}</p>
        <A href="/agendar/servicio" attr:class="button">{t!(i18n, appointment.book_new)}</A>
        <p><A href="/lista-de-espera">{t!(i18n, waitlist.find_link)}</A></p>
    }
}
