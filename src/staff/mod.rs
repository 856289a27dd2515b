//! The officials' side (`/funcionarios`): sign-in, an office's agenda with check-in against the
//! document, no-shows and cancellations and its waiting list, a search by document, and
//! closures. Its own part of
//! the wasm (src/later.rs), with its own stylesheet (`stylesheet`): citizens never
//! download any of it. Desktop first (an office PC at 1280×800), usable on a tablet; Spanish
//! only.
//!
//! `chrome` frames every screen; each screen is one file and uses the widgets below it.

mod agenda;
mod api;
mod assisted;
mod cancel;
mod check_in;
mod chrome;
mod closures;
mod desks;
mod dom;
mod erase;
mod search;
mod sign_in;
mod stylesheet;
mod waitlist;
mod widgets;

pub use chrome::{StaffFrame, StaffFrameProps};
use leptos::prelude::*;

/// The officials' screens, one route each (src/app.rs).
#[derive(Clone, Copy)]
pub enum Screen {
    Agenda,
    Assisted,
    Search,
    Closures,
}

impl Screen {
    fn view(self) -> AnyView {
        match self {
            Screen::Agenda => agenda::AgendaPage().into_any(),
            Screen::Assisted => assisted::AssistedPage().into_any(),
            Screen::Search => search::SearchPage().into_any(),
            Screen::Closures => closures::ClosuresPage().into_any(),
        }
    }
}
