use crate::components::PageHeading;
use crate::dom::set_title;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    set_title(move || t_string!(i18n, not_found.title).to_string());
    view! {
        <PageHeading text=Signal::derive(move || t_string!(i18n, not_found.heading).to_string()) />
        <p>{t!(i18n, not_found.text)}</p>
        <p><A href="/">{t!(i18n, common.home_link)}</A></p>
    }
}
