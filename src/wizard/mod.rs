//! The booking wizard: service → city → date → time → details → review, each step a route.
//!
//! The choices so far live in the URL's query (`?servicio=…&oficina=…&fecha=…&hora=…`), so
//! the back button, a reload or a shared link land on the same step with the same choices.
//!
//! The date and time steps also serve to move an existing appointment (`&cambio=<code>`):
//! then the steps are date → time → confirm the change.

mod alternatives;
pub mod calendar;
mod change;
pub mod choices;
pub mod city;
pub mod date;
pub mod details;
pub mod entry;
pub mod hold;
pub mod proof;
pub mod review;
pub mod service;
pub mod time;

use crate::components::PageHeading;
use crate::dom::set_title;
use crate::i18n::*;
use crate::language::use_lang;
use crate::text::fill;
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};
use citas_domain::api::ErrorCode;
use citas_domain::time::{at_bogota, clock, parse_clock};
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::{A, Redirect};
use leptos_router::hooks::{use_navigate, use_query_map};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Step {
    Service,
    City,
    Date,
    Time,
    Details,
    Review,
}

impl Step {
    pub const COUNT: usize = 6;

    pub fn number(self) -> usize {
        self as usize + 1
    }

    /// The step's name, as in the page title: "Fecha".
    pub fn title(self, locale: Locale) -> &'static str {
        match self {
            Step::Service => td_string!(locale, steps.service),
            Step::City => td_string!(locale, steps.city),
            Step::Date => td_string!(locale, steps.date),
            Step::Time => td_string!(locale, steps.time),
            Step::Details => td_string!(locale, steps.details),
            Step::Review => td_string!(locale, steps.review),
        }
    }

    /// The question the step asks: "¿Qué día quiere ir?".
    fn heading(self, locale: Locale, changing: bool) -> &'static str {
        match self {
            Step::Service => td_string!(locale, service.heading),
            Step::City => td_string!(locale, city.heading),
            Step::Date => td_string!(locale, date.heading),
            Step::Time => td_string!(locale, time.heading),
            Step::Details => td_string!(locale, details.heading),
            Step::Review if changing => td_string!(locale, change.heading),
            Step::Review => td_string!(locale, review.heading),
        }
    }

    pub fn path(self) -> &'static str {
        match self {
            Step::Service => "/agendar/servicio",
            Step::City => "/agendar/ciudad",
            Step::Date => "/agendar/fecha",
            Step::Time => "/agendar/hora",
            Step::Details => "/agendar/datos",
            Step::Review => "/agendar/confirmar",
        }
    }

    /// Where "Volver" leads from this step.
    fn previous(self, selection: &Selection) -> Option<Step> {
        if selection.changing.is_some() {
            return match self {
                Step::Review => Some(Step::Time),
                Step::Time => Some(Step::Date),
                _ => None,
            };
        }
        match self {
            Step::Service => None,
            Step::City => Some(Step::Service),
            Step::Date => Some(Step::City),
            Step::Time => Some(Step::Date),
            Step::Details => Some(Step::Time),
            Step::Review => Some(Step::Details),
        }
    }
}

/// The choices made so far, read from the URL.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    pub service: Option<String>,
    pub office: Option<String>,
    pub date: Option<NaiveDate>,
    pub time: Option<NaiveTime>,
    /// The code of the appointment being moved, when this is a change and not a new booking.
    pub changing: Option<String>,
}

impl Selection {
    /// The link to `step` carrying the choices that step builds on, and no date or time after
    /// it (so choosing another city drops the date and time chosen for the old one).
    pub fn href(&self, step: Step) -> String {
        self.link(step, false)
    }

    /// The link back to `step` with its own choice too, shown as already made.
    pub fn href_with_choice(&self, step: Step) -> String {
        self.link(step, true)
    }

    fn link(&self, step: Step, own_choice: bool) -> String {
        let keep = |s: Step| s < step || (own_choice && s == step);
        let mut query = Vec::new();
        if let (true, Some(s)) = (keep(Step::Service), &self.service) {
            query.push(format!("servicio={}", js_sys::encode_uri_component(s)));
        }
        // The office travels on every link: it may be chosen before the service (from the
        // directory or the widget), and choosing a service does not change it.
        if let Some(o) = &self.office {
            query.push(format!("oficina={}", js_sys::encode_uri_component(o)));
        }
        if let (true, Some(d)) = (keep(Step::Date), self.date) {
            query.push(format!("fecha={d}"));
        }
        if let (true, Some(t)) = (keep(Step::Time), self.time) {
            query.push(format!("hora={}", clock(t)));
        }
        if let Some(code) = &self.changing {
            query.push(format!("cambio={}", js_sys::encode_uri_component(code)));
        }
        if query.is_empty() { step.path().to_owned() } else { format!("{}?{}", step.path(), query.join("&")) }
    }

    /// The first step whose choice `step` needs and does not have.
    fn missing_before(&self, step: Step) -> Option<Step> {
        [
            (Step::Service, self.service.is_some()),
            (Step::City, self.office.is_some()),
            (Step::Date, self.date.is_some()),
            (Step::Time, self.time.is_some()),
        ]
        .into_iter()
        .find(|(s, chosen)| *s < step && !chosen)
        .map(|(s, _)| s)
    }

    /// The step after choosing the time: the details for a new booking, or straight to
    /// confirming when an appointment is being moved.
    pub fn after_time(&self) -> Step {
        if self.changing.is_some() { Step::Review } else { Step::Details }
    }

    /// "Paso 2 de 6" of a booking, or "paso 2 de 3" of a change.
    fn position(&self, step: Step) -> (usize, usize) {
        match (&self.changing, step) {
            (Some(_), Step::Date) => (1, 3),
            (Some(_), Step::Time) => (2, 3),
            (Some(_), _) => (3, 3),
            (None, _) => (step.number(), Step::COUNT),
        }
    }

    pub fn start(&self) -> Option<DateTime<FixedOffset>> {
        Some(at_bogota(self.date?.and_time(self.time?)))
    }

    pub fn with_service(&self, id: String) -> Selection {
        Selection { service: Some(id), ..self.clone() }
    }

    pub fn with_office(&self, id: String) -> Selection {
        Selection { office: Some(id), ..self.clone() }
    }

    pub fn with_date(&self, date: NaiveDate) -> Selection {
        Selection { date: Some(date), ..self.clone() }
    }

    pub fn with_time(&self, time: NaiveTime) -> Selection {
        Selection { time: Some(time), ..self.clone() }
    }
}

/// Refusals that mean the chosen time can no longer be had: the citizen chooses again.
const TIME_GONE: [&str; 7] = [
    ErrorCode::SlotFull.as_str(),
    ErrorCode::HoldExpired.as_str(),
    ErrorCode::OutsideWindow.as_str(),
    ErrorCode::NotASlot.as_str(),
    ErrorCode::OutsideHours.as_str(),
    ErrorCode::Holiday.as_str(),
    ErrorCode::Closure.as_str(),
];

/// When `failure` means the time is gone, sends the citizen back to choose another, saying
/// why, with fresh availability and whatever they typed kept; otherwise leaves it to the step.
pub fn back_to_times_if_gone(
    failure: &crate::api::ApiFailure,
    selection: &Selection,
    navigate: &impl Fn(&str, NavigateOptions),
) -> bool {
    if !failure.is_any(&TIME_GONE) {
        return false;
    }
    hold::Holds::get().forget();
    let i18n = use_i18n();
    let notice = fill(t_string!(i18n, steps.time_gone), &[("reason", &failure.message())]);
    crate::state::Notice::get().0.set(Some(notice));
    let times = Selection { time: None, ..selection.clone() }.href(Step::Time);
    navigate(&times, NavigateOptions { replace: true, ..Default::default() });
    true
}

/// Writes a choice into the current step's URL without a new history entry, so the back
/// button, a reload or the "Volver" link come back to it already chosen.
pub fn record_choice(selection: &Selection, step: Step) {
    let navigate = use_navigate();
    navigate(
        &selection.href_with_choice(step),
        NavigateOptions { replace: true, scroll: false, ..Default::default() },
    );
}

/// The selection in the current URL.
pub fn use_selection() -> Memo<Selection> {
    let query = use_query_map();
    Memo::new(move |_| {
        let q = query.get();
        Selection {
            service: q.get("servicio").filter(|s| !s.is_empty()),
            office: q.get("oficina").filter(|s| !s.is_empty()),
            date: q.get("fecha").and_then(|d| d.parse().ok()),
            time: q.get("hora").and_then(|t| parse_clock(&t)),
            changing: q.get("cambio").filter(|c| !c.is_empty()),
        }
    })
}

/// The frame of a step: progress, back link, heading (focused on arrival, so screen readers
/// start there), and the page title. A step opened without the choices it needs sends the
/// citizen to the step that is missing.
#[component]
pub fn StepPage(step: Step, children: Children) -> impl IntoView {
    let selection = use_selection().get_untracked();
    if let Some(missing) = selection.missing_before(step) {
        return view! { <Redirect path=selection.href(missing) /> }.into_any();
    }
    // The proof the hold and the booking will carry is solved while the citizen chooses.
    proof::ProofOfWork::get();
    let i18n = use_i18n();
    let lang = use_lang();
    let (number, count) = selection.position(step);
    let changing = selection.changing.is_some();
    let progress = move || match changing {
        true => fill(t_string!(i18n, steps.change_progress), &[("n", &number), ("count", &count)]),
        false => fill(t_string!(i18n, steps.progress), &[("n", &number), ("count", &count)]),
    };
    set_title(move || format!("{}: {}", progress(), step.title(i18n.get_locale())));
    let heading = Signal::derive(move || step.heading(i18n.get_locale(), changing).to_owned());
    let back = match (step.previous(&selection), &selection.changing) {
        (Some(previous), _) => selection.href_with_choice(previous),
        (None, Some(code)) => format!("/cita/{code}"),
        (None, None) => "/".to_owned(),
    };

    view! {
        <nav class="step-nav" aria-label=move || t_string!(i18n, steps.nav)>
            <A href=back attr:class="back-link">{t!(i18n, common.back)}</A>
            <p class="progress">
                {progress}
                <span class="visually-hidden">{move || format!(": {}", step.title(i18n.get_locale()))}</span>
            </p>
        </nav>
        <PageHeading text=heading />
        {(step != Step::Review).then(|| selection.changing.as_deref().and_then(crate::storage::kept_one)).flatten().map(|a| {
            let start = citas_domain::time::in_bogota(&a.start);
            view! {
                <p class="notice">
                    {move || fill(t_string!(i18n, steps.changing), &[("code", &a.code.clone()), ("date", &citas_domain::format::long_date(start.date_naive(), lang.get())), ("time", &citas_domain::format::time_of_day(start.time(), lang.get())), ("city", &a.office.city.clone())])}
                </p>
            }
        })}
        {children()}
    }
    .into_any()
}
