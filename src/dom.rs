//! Small DOM chores the framework leaves to us.

use crate::i18n::{td_string, use_i18n};
use leptos::prelude::*;

/// "Paso 3 de 6: Fecha — Agendamiento de citas": screen readers announce the title on change.
/// Follows the language when it changes.
pub fn set_title(title: impl Fn() -> String + 'static) {
    let i18n = use_i18n();
    Effect::new(move || {
        let app = td_string!(i18n.get_locale(), common.app_name);
        document().set_title(&format!("{} — {app}", title()));
    });
}

/// The static "Cargando…" text of index.html, shown until the app starts.
pub fn remove_loading_message() {
    if let Some(el) = document().get_element_by_id("cargando") {
        el.remove();
    }
}

/// Offers `text` as a file download without a server round trip.
pub fn data_url(mime: &str, text: &str) -> String {
    format!("data:{mime};charset=utf-8,{}", js_sys::encode_uri_component(text))
}
