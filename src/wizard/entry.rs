//! Where the widget (public/widget.js) enters the wizard.

use super::{Selection, Step};
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;

/// `/embed?oficina=…&servicio=…&idioma=…`: starts the wizard at the first step not preselected.
#[component]
pub fn EmbedEntry() -> impl IntoView {
    let query = use_query_map().get_untracked();
    if let Some(locale) = query.get("idioma").and_then(|l| l.parse::<crate::i18n::Locale>().ok()) {
        crate::i18n::use_i18n().set_locale(locale);
    }
    let selection = Selection {
        service: query.get("servicio").filter(|s| !s.is_empty()),
        office: query.get("oficina").filter(|s| !s.is_empty()),
        ..Selection::default()
    };
    let step = match (&selection.service, &selection.office) {
        (Some(_), Some(_)) => Step::Date,
        (Some(_), None) => Step::City,
        (None, _) => Step::Service,
    };
    view! { <Redirect path=selection.href(step) /> }
}
