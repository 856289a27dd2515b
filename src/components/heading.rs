//! The heading every page starts with.

use leptos::html;
use leptos::prelude::*;

/// The page's h1, focused on arrival so screen readers start reading the new page there.
#[component]
pub fn PageHeading(#[prop(into)] text: Signal<String>) -> impl IntoView {
    let heading = NodeRef::<html::H1>::new();
    Effect::new(move || {
        if let Some(h1) = heading.get() {
            let _ = h1.focus();
        }
    });
    view! { <h1 node_ref=heading tabindex="-1">{text}</h1> }
}
