//! An entry of the waiting list as its citizen sees it, right after joining or found again with
//! its code: its code, the place in line, what happens next, the seat held for them if there is
//! one, and the way to leave the list.

use super::leave::Leave;
use super::offer::held_until;
use super::offer_held;
use super::when::part_of_day_name;
use crate::components::PageHeading;
use crate::dom::set_title;
use crate::i18n::*;
use crate::language::use_lang;
use crate::state::Settings;
use crate::text::fill;
use citas_domain::api::DocumentInput;
use citas_domain::api::waitlist::{OfferView, WaitlistView};
use citas_domain::format::{long_date, time_of_day};
use citas_domain::time::in_bogota;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn OnTheList(entry: WaitlistView, document: DocumentInput, on_left: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let settings = Settings::get();
    set_title(move || t_string!(i18n, waitlist.on_list_title).to_string());
    let (position, city, email) = (entry.position, entry.office.city.clone(), entry.email.clone());
    let (code, masked, until) = (entry.code.clone(), entry.document.masked.clone(), entry.until);
    view! {
        <div class="confirmation">
            <div class="confirmation-banner">
                <PageHeading text=Signal::derive(move || t_string!(i18n, waitlist.on_list).to_string()) />
                <p>{t!(i18n, waitlist.code)}</p>
                <p class="code">{code.clone()}</p>
            </div>
            <p class="lead">
                <strong>{move || fill(t_string!(i18n, waitlist.position_text), &[("n", &position), ("city", &city)])}</strong>
            </p>
            {entry.offer.clone().map(|offer| view! { <HeldSeat offer /> })}
            <h2>{t!(i18n, waitlist.next)}</h2>
            <ul>
                <li>{move || fill(t_string!(i18n, waitlist.next_email), &[("email", &email)])}</li>
                {move || offer_held(settings, i18n).map(|held| view! { <li>{held}</li> })}
                <li>{move || fill(t_string!(i18n, waitlist.next_document), &[("document", &masked)])}</li>
                <li>{move || fill(t_string!(i18n, waitlist.next_until), &[("date", &long_date(until, lang.get()))])}</li>
            </ul>
            <div class="notice"><p>{t!(i18n, waitlist.next_code)}</p></div>
            <EntrySummary entry />
            <Leave code document on_left />
        </div>
    }
}

#[component]
fn EntrySummary(entry: WaitlistView) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let (from, until, part, service) = (entry.from, entry.until, entry.part_of_day, entry.service);
    view! {
        <dl class="summary">
            <div><dt>{t!(i18n, review.office)}</dt><dd>{format!("{} — {}", entry.office.city, entry.office.name)}</dd></div>
            <div><dt>{t!(i18n, review.service)}</dt><dd>{move || service.name(lang.get()).to_owned()}</dd></div>
            <div><dt>{t!(i18n, waitlist.days_label)}</dt>
                <dd>{move || fill(t_string!(i18n, waitlist.days_value), &[("from", &long_date(from, lang.get())), ("until", &long_date(until, lang.get()))])}</dd></div>
            <div><dt>{t!(i18n, waitlist.hours_label)}</dt><dd>{move || part_of_day_name(part, i18n.get_locale())}</dd></div>
            <div><dt>{t!(i18n, review.document)}</dt><dd>{entry.document.masked}</dd></div>
            <div><dt>{t!(i18n, review.email)}</dt><dd>{entry.email}</dd></div>
            <div><dt>{t!(i18n, waitlist.position)}</dt><dd>{entry.position.to_string()}</dd></div>
        </dl>
    }
}

/// The seat offered to them now, with the way to take it.
#[component]
fn HeldSeat(offer: OfferView) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let start = in_bogota(&offer.start);
    let expires = held_until(offer.expires_in);
    view! {
        <div class="notice success">
            <h2 class="small-heading">{t!(i18n, waitlist.offer_heading)}</h2>
            <p>{move || fill(t_string!(i18n, waitlist.offer_text), &[
                ("date", &long_date(start.date_naive(), lang.get())),
                ("time", &time_of_day(start.time(), lang.get())),
                ("expires", &time_of_day(expires.time(), lang.get())),
            ])}</p>
            <p><A href=format!("/oferta/{}", offer.offer)>{t!(i18n, waitlist.offer_link)}</A></p>
        </div>
    }
}
