//! Keeping the chosen time while the citizen types (a "hold" on the server), telling them how
//! long it is kept, and letting them ask for more time once — the GOV.UK timeout-warning
//! pattern, announced in minutes rather than seconds.

use super::proof::ProofOfWork;
use super::{Selection, Step};
use crate::api::{self, ApiFailure};
use crate::i18n::*;
use crate::state::first_use;
use crate::storage::{browser_id, read, remove, session_storage, write};
use crate::text::fill;
use chrono::{DateTime, FixedOffset};
use citas_domain::api::{HoldRequest, instant};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use serde::{Deserialize, Serialize};
use std::time::Duration;

const HOLD_KEY: &str = "citas.reserva";
/// The seat asked for and not yet answered: a reload meanwhile loses the answer, not the seat,
/// which the reloaded step asks for again (a new hold of this browser replaces its last).
const ASKED_KEY: &str = "citas.reserva.pedida";
/// When to warn and offer more time.
const WARN_SECONDS: f64 = 120.0;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HeldSeat {
    pub id: String,
    pub office: String,
    pub service: String,
    #[serde(deserialize_with = "instant::rfc3339")]
    pub start: DateTime<FixedOffset>,
    /// When the hold ends, by this device's clock (ms): the server says how long it lasts,
    /// so a wrong clock on the phone does not matter.
    pub deadline_ms: f64,
    pub extended: bool,
}

/// The one hold of this browser tab.
#[derive(Clone, Copy)]
pub struct Holds {
    current: RwSignal<Option<HeldSeat>>,
    proofs: ProofOfWork,
    /// The number of the latest `take`: an answer to an earlier one comes too late to count.
    asked: StoredValue<u32>,
    /// Why the chosen time could not be kept.
    pub lost: RwSignal<Option<String>>,
}

impl Holds {
    /// This tab's hold, made when a booking step first needs it.
    pub fn get() -> Holds {
        first_use(Holds::start)
    }

    /// At start. A seat noted in this tab is taken again only when a booking step is reloaded
    /// (see `start`); on any other page the citizen went elsewhere, and the note goes.
    pub fn forget_noted_unless_booking() {
        if !on_booking_step() {
            let storage = session_storage();
            remove(&storage, HOLD_KEY);
            remove(&storage, ASKED_KEY);
        }
    }

    fn start() -> Holds {
        let holds = Holds {
            current: RwSignal::new(None),
            proofs: ProofOfWork::get(),
            asked: StoredValue::new(0),
            lost: RwSignal::new(None),
        };
        let storage = session_storage();
        let saved: Option<HeldSeat> = read(&storage, ASKED_KEY).or_else(|| read(&storage, HOLD_KEY));
        Effect::new(move || {
            let current = holds.current.get();
            write(&session_storage(), HOLD_KEY, &current);
        });
        // Leaving the page frees the seat for others at once. What was held stays noted in
        // this tab, so coming back (a reload) takes it again if it is still free.
        window_event_listener_untyped("pagehide", move |_| {
            if let Some(seat) = holds.current.get_untracked() {
                api::release_hold(&seat.id);
            }
        });
        // Coming back to a booking step (a reload) takes the noted seat again.
        if let Some(seat) = saved.filter(|_| on_booking_step()) {
            spawn_local(async move {
                if let Err(failure) = holds.take(seat.office, seat.service, seat.start).await {
                    holds.lost.set(Some(failure.message()));
                }
            });
        }
        holds
    }

    /// Holds a seat at `start`, replacing this browser's previous hold.
    pub async fn take(
        self,
        office: String,
        service: String,
        start: DateTime<FixedOffset>,
    ) -> Result<(), ApiFailure> {
        let request = HoldRequest {
            office: office.clone(),
            service: service.clone(),
            start: start.to_rfc3339(),
            client: Some(browser_id()),
        };
        let storage = session_storage();
        let asked = HeldSeat {
            id: String::new(),
            office: office.clone(),
            service: service.clone(),
            start,
            deadline_ms: 0.0,
            extended: false,
        };
        write(&storage, ASKED_KEY, &asked);
        self.asked.update_value(|n| *n += 1);
        let ours = self.asked.get_value();
        let answer = api::hold(&request, self.proofs.take().await).await;
        if self.asked.get_value() != ours {
            // Overtaken while the proof of work was solved or the request travelled: another
            // time was chosen, or the booking was made or given up. A seat held by this answer
            // would be kept from others for nobody.
            if let Ok(view) = &answer {
                api::release_hold(&view.hold);
            }
            return Ok(());
        }
        // Unanswered (the page going away, or no network), the seat may be held all the same.
        if !matches!(answer, Err(ApiFailure::Network)) {
            remove(&storage, ASKED_KEY);
        }
        match answer {
            Ok(view) => {
                let deadline_ms = js_sys::Date::now() + view.expires_in as f64 * 1000.0;
                self.current.set(Some(HeldSeat {
                    id: view.hold,
                    office,
                    service,
                    start,
                    deadline_ms,
                    extended: false,
                }));
                self.lost.set(None);
                Ok(())
            }
            Err(failure) => {
                self.current.set(None);
                Err(failure)
            }
        }
    }

    /// The hold for this office and time, if it is still on.
    pub fn for_slot(&self, office: &str, start: DateTime<FixedOffset>) -> Option<String> {
        self.current.with_untracked(|c| {
            c.as_ref()
                .filter(|s| s.office == office && s.start == start && s.deadline_ms > js_sys::Date::now())
                .map(|s| s.id.clone())
        })
    }

    /// Whether this tab holds the seat at `start` (tracked: views update when it changes).
    pub fn holds(&self, office: &str, start: DateTime<FixedOffset>) -> bool {
        self.current.with(|c| c.as_ref().is_some_and(|s| s.office == office && s.start == start))
    }

    /// The hold became an appointment (or was refused): nothing to release. A hold still asked
    /// for is let go when its answer comes, and its note goes now: the booking is over.
    pub fn forget(&self) {
        self.asked.update_value(|n| *n += 1);
        remove(&session_storage(), ASKED_KEY);
        self.current.set(None);
    }

    /// Frees the held seat for others at once: the citizen cannot use it.
    pub fn release(&self) {
        if let Some(seat) = self.current.get_untracked() {
            api::release_hold(&seat.id);
        }
        self.forget();
    }

    async fn extend(self) -> Result<(), ApiFailure> {
        let Some(seat) = self.current.get_untracked() else { return Ok(()) };
        let view = api::extend_hold(&seat.id).await?;
        let deadline_ms = js_sys::Date::now() + view.expires_in as f64 * 1000.0;
        self.current.set(Some(HeldSeat { deadline_ms, extended: true, ..seat }));
        Ok(())
    }
}

fn on_booking_step() -> bool {
    window().location().pathname().is_ok_and(|p| p.starts_with("/agendar/"))
}

/// "We keep this time for you for 9 more minutes", a warning with "I need more time" two
/// minutes before the end, and what to do once it has ended. Shown on the steps after the time.
#[component]
pub fn HoldTimer(selection: Selection) -> impl IntoView {
    let i18n = use_i18n();
    let holds = Holds::get();
    // Ticks that make the text below look at the clock again; cleared with the component.
    let tick = RwSignal::new(0u32);
    if let Ok(interval) = set_interval_with_handle(move || tick.update(|t| *t += 1), Duration::from_secs(5)) {
        on_cleanup(move || interval.clear());
    }
    let now = move || {
        tick.track();
        js_sys::Date::now()
    };
    let start = selection.start();
    let office = selection.office.clone().unwrap_or_default();
    let ours =
        Signal::derive(move || holds.current.get().filter(|s| Some(s.start) == start && s.office == office));
    // Whole minutes left, rounded up: the text changes once a minute, not every second.
    let minutes_left =
        move || ours.get().map(|s| ((s.deadline_ms - now()) / 60_000.0).ceil().max(0.0) as i64);
    let warning = move || ours.get().is_some_and(|s| s.deadline_ms - now() <= WARN_SECONDS * 1000.0);
    let extend_error = RwSignal::new(None::<String>);
    let extend = move |_| {
        spawn_local(async move {
            if let Err(failure) = holds.extend().await {
                extend_error.set(Some(failure.message()));
            }
        });
    };
    let choose_again = selection.href_with_choice(Step::Time);

    view! {
        <div class="hold" aria-live="polite" aria-atomic="true">
            {move || match (minutes_left(), holds.lost.get()) {
                (Some(0), _) => view! {
                    <p class="alert" role="alert">
                        {t!(i18n, hold.expired)}" "
                        <A href=choose_again.clone()>{t!(i18n, hold.choose_again)}</A>
                    </p>
                }.into_any(),
                (Some(1), _) => view! { <p>{t!(i18n, hold.one_minute)}</p> }.into_any(),
                (Some(n), _) => view! { <p>{fill(t_string!(i18n, hold.minutes), &[("n", &n)])}</p> }.into_any(),
                (None, Some(lost)) => view! {
                    <p class="alert" role="alert">{lost}" "<A href=choose_again.clone()>{t!(i18n, hold.choose_other)}</A></p>
                }.into_any(),
                (None, None) => ().into_any(),
            }}
        </div>
        {move || (warning() && minutes_left() != Some(0)).then(|| view! {
            <div class="hold-warning" role="alert">
                <p><strong>{t!(i18n, hold.warning)}</strong></p>
                {move || match ours.get().map(|s| s.extended) {
                    Some(false) => view! {
                        <button type="button" class="button button-secondary" on:click=extend>
                            {t!(i18n, hold.more_time)}
                        </button>
                    }.into_any(),
                    _ => view! { <p>{t!(i18n, hold.used)}</p> }.into_any(),
                }}
                {move || extend_error.get().map(|e| view! { <p class="field-error">{e}</p> })}
            </div>
        })}
    }
}
