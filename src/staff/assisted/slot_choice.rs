//! The wizard's first four steps as four lists: service, office (an official's own, every
//! office for the Contact Center), day and time, from the office's availability; the seat is
//! kept for the citizen as soon as a time is chosen.

use super::field_errors::FieldErrors;
use super::hold::{KeptNotice, KeptSeat};
use super::list_field::{Item, ListField};
use super::slots;
use crate::api::ApiFailure;
use crate::state::{Offices, services};
use chrono::{DateTime, FixedOffset, NaiveDate};
use citas_domain::api::staff::AgendaEntry;
use citas_domain::api::{AvailabilityView, OfficeView};
use leptos::prelude::*;

/// The office's availability over the booking window, once an office is chosen.
pub type Availability = LocalResource<Option<Result<AvailabilityView, ApiFailure>>>;

/// What has been chosen, as the lists' values ("" while nothing is).
#[derive(Clone, Copy)]
pub struct Chosen {
    pub service: RwSignal<String>,
    pub office: RwSignal<String>,
    pub date: RwSignal<String>,
    pub start: RwSignal<String>,
}

impl Chosen {
    /// Nothing chosen yet, but the office of an official who has only one.
    pub fn new(offices: &[String]) -> Chosen {
        let office = match offices {
            [only] => only.clone(),
            _ => String::new(),
        };
        Chosen {
            service: RwSignal::new(String::new()),
            office: RwSignal::new(office),
            date: RwSignal::new(String::new()),
            start: RwSignal::new(String::new()),
        }
    }

    /// An appointment being moved: its office and service, its new day and time to choose.
    pub fn moving(entry: &AgendaEntry) -> Chosen {
        Chosen {
            service: RwSignal::new(entry.service.clone()),
            office: RwSignal::new(entry.office.clone()),
            date: RwSignal::new(String::new()),
            start: RwSignal::new(String::new()),
        }
    }

    pub fn day(self) -> Option<NaiveDate> {
        self.date.with(|d| d.parse().ok())
    }

    pub fn start_time(self) -> Option<DateTime<FixedOffset>> {
        self.start.with(|s| DateTime::parse_from_rfc3339(s).ok())
    }

    /// The availability of the office chosen, asked for again when the office changes.
    pub fn availability(self) -> Availability {
        LocalResource::new(move || {
            let office = self.office.get();
            async move {
                match office.is_empty() {
                    true => None,
                    false => Some(crate::api::availability(&office, None).await),
                }
            }
        })
    }

    /// A choice undoes the ones after it (another office has other days), and the seat is kept
    /// for the time chosen, or let go when none is.
    pub fn follow(self, kept: KeptSeat, refused: Callback<ApiFailure>) {
        Effect::watch(move || self.office.get(), move |_, _, _| self.date.set(String::new()), false);
        Effect::watch(move || self.date.get(), move |_, _, _| self.start.set(String::new()), false);
        Effect::watch(
            move || (self.service.get(), self.start_time()),
            move |(service, start), _, _| match start {
                Some(start) if !service.is_empty() => {
                    kept.keep(self.office.get_untracked(), service.clone(), *start, refused)
                }
                _ => kept.release(),
            },
            false,
        );
    }
}

#[component]
pub fn SlotChoice(
    chosen: Chosen,
    /// The offices the account acts on.
    offices: Vec<String>,
    availability: Availability,
    kept: KeptSeat,
    errors: FieldErrors,
    /// Why the seat of the time chosen could not be kept.
    hold_refused: Callback<ApiFailure>,
) -> impl IntoView {
    chosen.follow(kept, hold_refused);
    let catalogue = expect_context::<Offices>().0;
    let mine = Memo::new(move |_| -> Vec<OfficeView> {
        let all = catalogue.get().and_then(Result::ok).unwrap_or_default();
        all.into_iter().filter(|o| offices.contains(&o.id)).collect()
    });
    let service_items =
        move || mine.with(|m| services(m).into_iter().map(|s| Item::new(s.id, s.name)).collect());
    let office_items = move || {
        let service = chosen.service.get();
        mine.with(|m| {
            m.iter()
                .filter(|o| service.is_empty() || o.services.iter().any(|s| s.id == service))
                .map(|o| Item::new(o.id.clone(), o.city.clone()))
                .collect()
        })
    };
    // An office that does not give the service chosen is no longer chosen.
    Effect::watch(
        move || chosen.service.get(),
        move |service, _, _| {
            let gives = mine.with(|m| {
                m.iter().any(|o| {
                    o.id == chosen.office.get_untracked() && o.services.iter().any(|s| s.id == *service)
                })
            });
            if !gives {
                chosen.office.set(String::new());
            }
        },
        false,
    );
    let loaded = move || availability.get().flatten().and_then(Result::ok);
    let day_items = move || loaded().map(|a| slots::days(&a, kept.start())).unwrap_or_default();
    let time_items = move || match (loaded(), chosen.day()) {
        (Some(a), Some(day)) => slots::times(&a, day, kept.start()),
        _ => Vec::new(),
    };
    let failed = move || match availability.get().flatten() {
        Some(Err(failure)) => Some(failure.message()),
        _ => None,
    };

    view! {
        <ListField id="servicio" label="Servicio" prompt="Elija el servicio" items=Signal::derive(service_items)
            value=chosen.service error=errors.of("servicio") />
        <ListField id="oficina" label="Oficina" prompt="Elija la oficina" items=Signal::derive(office_items)
            value=chosen.office error=errors.of("oficina") />
        {move || failed().map(|message| view! {
            <p class="alert">{message}</p>
            <button type="button" class="button button-secondary" on:click=move |_| availability.refetch()>
                "Cargar de nuevo los días"
            </button>
        })}
        <ListField id="fecha" label="Día" prompt="Elija el día" items=Signal::derive(day_items)
            value=chosen.date error=errors.of("fecha") />
        <ListField id="hora" label="Hora" prompt="Elija la hora" items=Signal::derive(time_items)
            value=chosen.start error=errors.of("hora") />
        <KeptNotice kept />
    }
}
