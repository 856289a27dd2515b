//! `/lista-de-espera/unirse?servicio=…&oficina=…`: joining an office's waiting list, from the
//! date step when no day suits (the service and office come along), or chosen here. Checked as
//! typed, with the same rules as the server; its refusals are shown beside their fields.

use super::leave::LeftTheList;
use super::offer_held;
use super::on_the_list::OnTheList;
use super::place::PlaceFields;
use super::refused::Refused;
use super::when::{WhenFields, booking_window};
use crate::api;
use crate::components::{Alert, ConsentField, DocumentFields, PageHeading, PrivacyNotice, TextField, focus};
use crate::dom::set_title;
use crate::i18n::*;
use crate::language::lang_of;
use crate::state::{Applicant, Settings};
use crate::text::fill;
use crate::wizard::details::Problems;
use crate::wizard::proof::ProofOfWork;
use chrono::NaiveDate;
use citas_domain::api::DocumentInput;
use citas_domain::api::waitlist::{PartOfDay, WaitlistRequest, WaitlistView};
use citas_domain::format::long_date;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

/// The form's inputs, in their order on the page.
const INPUTS: [&str; 7] = ["servicio", "oficina", "desde", "hasta", "numero", "nombre", "correo"];

#[component]
pub fn JoinWaitlist() -> impl IntoView {
    let joined = RwSignal::new(None::<(WaitlistView, DocumentInput)>);
    let left = RwSignal::new(false);
    view! {
        {move || match (left.get(), joined.get()) {
            (true, _) => LeftTheList().into_any(),
            (false, Some((entry, document))) => {
                view! { <OnTheList entry document on_left=Callback::new(move |_| left.set(true)) /> }.into_any()
            }
            (false, None) => view! { <JoinForm on_joined=Callback::new(move |j: (WaitlistView, DocumentInput)| joined.set(Some(j))) /> }.into_any(),
        }}
    }
}

#[component]
fn JoinForm(on_joined: Callback<(WaitlistView, DocumentInput)>) -> impl IntoView {
    let i18n = use_i18n();
    set_title(move || t_string!(i18n, waitlist.join_title).to_string());
    let query = use_query_map().get_untracked();
    let service = RwSignal::new(query.get("servicio").unwrap_or_default());
    let office = RwSignal::new(query.get("oficina").unwrap_or_default());
    let settings = Settings::get();
    let window = Memo::new(move |_| booking_window(&settings));
    let (from, until) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let part = RwSignal::new(None::<PartOfDay>);
    let applicant = Applicant::get();
    let consent = RwSignal::new(false);
    let consent_error = RwSignal::new(None::<String>);
    let problem = RwSignal::new(None::<String>);
    let joining = RwSignal::new(false);
    // Problems appear after the first attempt to join, then follow the typing.
    let attempted = RwSignal::new(false);
    let refused = Refused::new();
    // Solved while the citizen types, as in the wizard.
    let proofs = ProofOfWork::get();

    let problems = Memo::new(move |_| {
        let locale = i18n.get_locale();
        let typed = Problems::of(&applicant, &settings, lang_of(locale));
        let email = if applicant.email.get().trim().is_empty() {
            Some(td_string!(locale, waitlist.email_missing).to_owned())
        } else {
            typed.email
        };
        let (from, until) = dates(&from.get(), &until.get(), window.get(), locale);
        let chosen =
            |value: RwSignal<String>, missing: &str| value.get().is_empty().then(|| missing.to_owned());
        let found = [
            chosen(service, td_string!(locale, waitlist.service_error)),
            chosen(office, td_string!(locale, waitlist.office_error)),
            from,
            until,
            typed.document,
            typed.name,
            email,
        ];
        INPUTS.into_iter().zip(found).filter_map(|(id, problem)| Some((id, problem?))).collect::<Vec<_>>()
    });
    let error = move |id: &'static str| {
        Signal::derive(move || {
            let typed = attempted
                .get()
                .then(|| problems.with(|p| p.iter().find(|(at, _)| *at == id).map(|(_, m)| m.clone())));
            typed.flatten().or_else(|| refused.on(id))
        })
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        attempted.set(true);
        refused.clear();
        problem.set(None);
        if !consent.get() {
            consent_error.set(Some(t_string!(i18n, waitlist.consent_error).to_string()));
        }
        let first = problems
            .with(|p| p.first().map(|(id, _)| *id))
            .or_else(|| (!consent.get()).then_some("autorizacion"));
        if let Some(id) = first {
            focus(id);
            return;
        }
        let request = WaitlistRequest {
            office: office.get(),
            service: service.get(),
            from: from.get(),
            until: until.get(),
            part_of_day: part.get(),
            document: applicant.document(),
            name: applicant.name.get(),
            email: applicant.email.get(),
            consent: true,
        };
        joining.set(true);
        spawn_local(async move {
            let answer = api::join_waitlist(&request, proofs.take().await).await;
            joining.set(false);
            match answer {
                Ok(entry) => {
                    applicant.clear();
                    on_joined.run((entry, request.document));
                }
                Err(failure) => {
                    if !refused.show(&failure, &INPUTS) {
                        problem.set(Some(failure.message()));
                    }
                }
            }
        });
    };

    view! {
        <PageHeading text=Signal::derive(move || t_string!(i18n, waitlist.join_heading).to_string()) />
        <p>
            {t!(i18n, waitlist.join_intro)}
            {move || offer_held(settings, i18n).map(|held| format!(" {held}"))}
        </p>
        <Alert message=problem.into() />
        <form on:submit=submit novalidate>
            <PlaceFields service office service_error=error("servicio") office_error=error("oficina") />
            <WhenFields from until part window from_error=error("desde") until_error=error("hasta") />
            <DocumentFields kind=applicant.kind number=applicant.number error=error("numero") />
            <TextField id="nombre" value=applicant.name error=error("nombre")
                label=Signal::derive(move || t_string!(i18n, details.name).to_string())
                hint=Signal::derive(move || t_string!(i18n, details.name_hint).to_string())
                autocomplete="name" />
            <TextField id="correo" value=applicant.email error=error("correo")
                label=Signal::derive(move || t_string!(i18n, waitlist.email).to_string())
                hint=Signal::derive(move || t_string!(i18n, waitlist.email_hint).to_string())
                input_type="email" autocomplete="email" inputmode="email" />
            <PrivacyNotice purpose=Signal::derive(move || t_string!(i18n, waitlist.privacy_text).to_string()) />
            <ConsentField checked=consent error=consent_error
                label=Signal::derive(move || t_string!(i18n, waitlist.consent).to_string()) />
            <button type="submit" class="button" disabled=move || joining.get()>
                {move || if joining.get() { t_string!(i18n, waitlist.joining) } else { t_string!(i18n, waitlist.join) }}
            </button>
        </form>
        <p>{t!(i18n, waitlist.already)}" "<A href="/lista-de-espera">{t!(i18n, waitlist.find_link)}</A></p>
    }
}

/// The problems of the first and last day: each a date of the booking window (when known), the
/// last not before the first.
fn dates(
    from: &str,
    until: &str,
    window: Option<(NaiveDate, NaiveDate)>,
    locale: Locale,
) -> (Option<String>, Option<String>) {
    let inside = |text: &str| {
        text.parse::<NaiveDate>()
            .ok()
            .filter(|d| window.is_none_or(|(first, last)| (first..=last).contains(d)))
    };
    let outside = || {
        let lang = lang_of(locale);
        let (first, last) = window.map(|(f, l)| (long_date(f, lang), long_date(l, lang))).unwrap_or_default();
        fill(td_string!(locale, waitlist.date_error), &[("first", &first), ("last", &last)])
    };
    match (inside(from), inside(until)) {
        (None, None) => (Some(outside()), Some(outside())),
        (None, Some(_)) => (Some(outside()), None),
        (Some(_), None) => (None, Some(outside())),
        (Some(first), Some(last)) if last < first => {
            (None, Some(td_string!(locale, waitlist.until_before).to_owned()))
        }
        (Some(_), Some(_)) => (None, None),
    }
}
