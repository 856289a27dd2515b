//! Small DOM chores the framework leaves to us.

use leptos::prelude::*;

/// "Paso 3 de 6: Fecha — Agendamiento de citas": screen readers announce the title on change.
pub fn set_title(title: &str) {
    document().set_title(&format!("{title} — Agendamiento de citas"));
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
