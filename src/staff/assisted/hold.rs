//! The seat kept for the citizen while the official or agent types their details
//! (`POST /api/v1/staff/holds`), as the wizard keeps one for a citizen: taken when a time is
//! chosen, replaced by the account's next hold on the server, kept once for one more hold period
//! on asking, let go when no time is chosen any more or the screen is left without booking.
//! Booking with it turns it into the appointment.
//!
//! One request at a time, for the latest choice: a list's choice changes at each arrow key, and
//! only where it stops counts. (No timer waits for it to stop: a timer's binding would be new
//! glue in the main part, which every citizen downloads; src/staff/dom.rs says why.)

use super::super::api;
use crate::api::ApiFailure;
use chrono::{DateTime, FixedOffset};
use citas_domain::api::{HoldRequest, HoldView};
use citas_domain::format::time_of_day;
use citas_domain::lang::Lang;
use citas_domain::time::in_bogota;
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// A choice to be kept: its number, what to ask, and whom to tell when it cannot be.
type Wanted = (u32, HoldRequest, Callback<ApiFailure>);

#[derive(Clone, Copy)]
pub struct KeptSeat {
    held: RwSignal<Option<HoldView>>,
    /// Counts the choices (and their undoing): an answer to an older one is not kept.
    chosen: StoredValue<u32>,
    /// The latest choice, until it is asked for.
    wanted: StoredValue<Option<Wanted>>,
    asking: StoredValue<bool>,
}

impl KeptSeat {
    /// A seat for this screen, let go when the screen goes.
    pub fn new() -> KeptSeat {
        let kept = KeptSeat {
            held: RwSignal::new(None),
            chosen: StoredValue::new(0),
            wanted: StoredValue::new(None),
            asking: StoredValue::new(false),
        };
        on_cleanup(move || kept.release());
        kept
    }

    /// Keeps the seat at `start`; `refused` says why it could not be.
    pub fn keep(
        self,
        office: String,
        service: String,
        start: DateTime<FixedOffset>,
        refused: Callback<ApiFailure>,
    ) {
        let choice = self.next_choice();
        let request = HoldRequest { office, service, start: start.to_rfc3339(), client: None };
        self.wanted.set_value(Some((choice, request, refused)));
        if !self.asking.get_value() {
            self.asking.set_value(true);
            spawn_local(self.ask());
        }
    }

    /// Asks for the latest choice until none is left to ask for.
    async fn ask(self) {
        while let Some((choice, request, refused)) = self.wanted.try_update_value(Option::take).flatten() {
            let answer = api::hold(&request).await;
            let latest = self.chosen.try_get_value() == Some(choice);
            match answer {
                Ok(hold) if latest => {
                    self.held.set(Some(hold));
                }
                Err(failure) if latest => {
                    self.held.set(None);
                    refused.run(failure);
                }
                // Undone meanwhile, and nothing newer to replace it: free for others at once.
                Ok(hold) if self.wanted.try_with_value(Option::is_none).unwrap_or(true) => {
                    crate::api::release_hold(&hold.hold);
                }
                _ => {}
            }
        }
        self.asking.try_set_value(false);
    }

    /// No time is chosen any more: its seat is free for others at once.
    pub fn release(self) {
        self.next_choice();
        self.wanted.try_set_value(None);
        if let Some(hold) = self.held.try_get_untracked().flatten() {
            crate::api::release_hold(&hold.hold);
            self.held.try_set(None);
        }
    }

    /// The booking took the seat: nothing to let go.
    pub fn used(self) {
        self.next_choice();
        self.held.set(None);
    }

    /// The start of the seat kept, if any.
    pub fn start(self) -> Option<DateTime<FixedOffset>> {
        self.held.with(|h| h.as_ref().map(|h| h.start))
    }

    /// The hold to book with, when it is for `start`.
    pub fn id_for(self, start: DateTime<FixedOffset>) -> Option<String> {
        self.held.with_untracked(|h| h.as_ref().filter(|h| h.start == start).map(|h| h.hold.clone()))
    }

    /// One more hold period for the seat kept, once, as a citizen's "Necesito más tiempo": a
    /// caller's details can take longer than a hold lasts.
    async fn extend(self) -> Result<(), ApiFailure> {
        let Some(hold) = self.held.get_untracked() else { return Ok(()) };
        let extended = crate::api::extend_hold(&hold.hold).await?;
        // Not if another time was chosen meanwhile: that one is kept instead.
        if self.held.with_untracked(|h| h.as_ref().is_some_and(|h| h.hold == extended.hold)) {
            self.held.set(Some(extended));
        }
        Ok(())
    }

    /// Whether a seat is kept, and has had its extension.
    fn extended(self) -> Option<bool> {
        self.held.with(|h| h.as_ref().map(|h| h.extended))
    }

    /// "La hora queda apartada para el ciudadano hasta las 7:10 a. m.", while it is.
    fn said(self) -> Option<String> {
        self.held.with(|h| {
            h.as_ref().map(|h| {
                let until = time_of_day(in_bogota(&h.expires_at).time(), Lang::Es);
                // The time ends the sentence with its own period ("a. m.").
                format!("La hora queda apartada para el ciudadano hasta las {until}")
            })
        })
    }

    fn next_choice(self) -> u32 {
        let next = self.chosen.try_get_value().unwrap_or_default().wrapping_add(1);
        self.chosen.try_set_value(next);
        next
    }
}

/// Until when the seat is kept, with "Necesito más tiempo" for its one extension.
#[component]
pub fn KeptNotice(kept: KeptSeat) -> impl IntoView {
    let refused = RwSignal::new(None::<String>);
    // Where focus goes when the button it was on gives way to the sentence: the same place in
    // the form, so that Tab goes on to the caller's details.
    let done = NodeRef::<html::P>::new();
    Effect::new(move || {
        if let Some(sentence) = done.get() {
            let _ = sentence.focus();
        }
    });
    let extend = move |_| {
        refused.set(None);
        spawn_local(async move {
            if let Err(failure) = kept.extend().await {
                refused.set(Some(failure.message()));
            }
        });
    };
    view! {
        <p role="status" class="staff-notice">{move || kept.said()}</p>
        {move || match kept.extended() {
            Some(false) => view! {
                <button type="button" class="button button-secondary" on:click=extend>"Necesito más tiempo"</button>
            }.into_any(),
            Some(true) => view! { <p node_ref=done tabindex="-1">"Ya usó la extensión de tiempo."</p> }.into_any(),
            None => ().into_any(),
        }}
        {move || refused.get().map(|message| view! { <p class="field-error">{message}</p> })}
    }
}
