//! The waiting list (issue 27): when an office has no free seat on the days a citizen can come,
//! they join its list, and a seat that frees there is offered to them first: held for them for
//! a while, with an e-mail that links to it.
//!
//! - `join`: the form (`/lista-de-espera/unirse`, linked from the date step with the service
//!   and office chosen) and, once joined, the entry (`on_the_list`).
//! - `find`: the entry again (`/lista-de-espera?codigo=…`), proved by its document, and
//!   leaving the list (`leave`).
//! - `offer`: the seat held for someone (`/oferta/:offer`), booked with the entry's document;
//!   then the wizard's confirmation.
//!
//! A part of the wasm of its own (src/later.rs): only these screens use this code.

pub mod find;
pub mod join;
mod leave;
pub mod offer;
mod on_the_list;
mod place;
mod refused;
mod when;

use crate::i18n::*;
use crate::language::lang_of;
use crate::state::Settings;
use crate::text::fill;

/// "Le guardamos ese cupo durante 2 horas…", once the settings say how long the list holds an
/// offered seat. The settings come from the screen, found once when it is made rather than at
/// each change of language.
fn offer_held(settings: Settings, i18n: leptos_i18n::I18nContext<Locale>) -> Option<String> {
    settings
        .offer_held(lang_of(i18n.get_locale()))
        .map(|held| fill(t_string!(i18n, waitlist.next_held), &[("held", &held)]))
}
