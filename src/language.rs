//! The language shown: Spanish first, following the browser, or the one the citizen picked.

use crate::api;
use crate::i18n::{Locale, use_i18n};
use crate::storage::{local_storage, read, write};
use citas_domain::lang::Lang;
use leptos::prelude::*;
use leptos_i18n::Locale as _;

const LANGUAGE_KEY: &str = "citas.idioma";

/// The domain's language for the locale shown (dates, validation messages, holiday names).
pub fn use_lang() -> Signal<Lang> {
    let i18n = use_i18n();
    Signal::derive(move || lang_of(i18n.get_locale()))
}

pub fn lang_of(locale: Locale) -> Lang {
    match locale {
        Locale::es => Lang::Es,
        Locale::en => Lang::En,
    }
}

/// The language follows the browser on a first visit; once the citizen picks one, it is
/// remembered on this device. `<html lang>` always names the language shown.
pub fn keep_language() {
    let i18n = use_i18n();
    let saved: Option<String> = read(&local_storage(), LANGUAGE_KEY);
    if let Some(locale) = saved.and_then(|s| s.parse::<Locale>().ok()) {
        // After the context has settled on the browser's preference, which this overrides.
        Effect::new(move || i18n.set_locale(locale));
    }
    let first = StoredValue::new(true);
    Effect::new(move || {
        let locale = i18n.get_locale();
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("lang", locale.as_str());
        }
        api::set_locale(locale);
        if !first.get_value() {
            write(&local_storage(), LANGUAGE_KEY, &locale.as_str());
        }
        first.set_value(false);
    });
}
