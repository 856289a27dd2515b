//! The frame of every page: GOV.CO bar, the Defensoría's header with the language switch, and
//! the contact footer.

use crate::i18n::*;
use leptos::prelude::*;
use leptos_i18n::Locale as _;
use leptos_router::components::A;

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    // Inside another site's page (widget.js), that page has its own bar and footer.
    let embedded = expect_context::<crate::embed::Embedded>().0;
    view! {
        <a class="skip-link" href="#contenido">{t!(i18n, common.skip)}</a>
        // One banner landmark holds the GOV.CO bar and the Defensoría's header: nothing of the
        // page's frame is outside a landmark.
        <header>
            {(!embedded).then(|| view! {
                <div class="govco-bar">
                    <a href="https://www.gov.co/" class="govco-link" title=move || t_string!(i18n, common.govco_title)>
                        "GOV.CO"
                    </a>
                    <LanguageSwitch />
                </div>
            })}
            <div class="site-header" class:compact=embedded>
                <A href="/" attr:class="brand">
                    <span class="brand-entity" lang="es">"Defensoría del Contribuyente y del Usuario Aduanero"</span>
                    <span class="brand-service">{t!(i18n, common.app_name)}</span>
                </A>
                {embedded.then(|| view! { <LanguageSwitch /> })}
            </div>
        </header>
        <main id="contenido" class="page" class:full-height=!embedded>
            <crate::pwa::ConnectionBanners />
            {children()}
        </main>
        {(!embedded).then(|| view! { <Footer /> })}
    }
}

/// "English" on the Spanish site, "Español" on the English one, each in its own language.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let other = move || match i18n.get_locale() {
        Locale::es => Locale::en,
        Locale::en => Locale::es,
    };
    view! {
        <button type="button" class="language-switch" lang=move || other().as_str()
            aria-label=move || t_string!(i18n, common.switch_label)
            on:click=move |_| i18n.set_locale(other())>
            {t!(i18n, common.switch_to)}
        </button>
    }
}

#[component]
fn Footer() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <footer class="site-footer">
            <h2 class="footer-title">{t!(i18n, footer.call)}</h2>
            <p>{t!(i18n, footer.hours)}</p>
            <ul class="phones">
                <li>{t!(i18n, footer.taxes)}<a href="tel:+576013078064">"601 307 8064"</a></li>
                <li>{t!(i18n, footer.customs)}<a href="tel:+576013078065">"601 307 8065"</a></li>
                <li>{t!(i18n, footer.central)}<a href="tel:+576017428973">"601 742 8973"</a></li>
            </ul>
            <p class="footer-address">{t!(i18n, footer.address)}</p>
            <p><A href="/accesibilidad">{t!(i18n, footer.accessibility)}</A></p>
        </footer>
    }
}
