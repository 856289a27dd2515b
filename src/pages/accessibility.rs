//! The accessibility statement (MinTIC Resolución 1519 de 2020, Anexo 1): the standard met,
//! how it was checked, what is known not to work yet, and how to report a barrier.

use crate::components::PageHeading;
use crate::dom::set_title;
use crate::i18n::*;
use leptos::prelude::*;

#[component]
pub fn AccessibilityStatement() -> impl IntoView {
    let i18n = use_i18n();
    set_title(move || t_string!(i18n, a11y.title).to_string());
    view! {
        <PageHeading text=Signal::derive(move || t_string!(i18n, a11y.title).to_string()) />
        <p class="lead">{t!(i18n, a11y.lead)}</p>
        <h2>{t!(i18n, a11y.standard)}</h2>
        <p>{t!(i18n, a11y.standard_text)}</p>
        <h2>{t!(i18n, a11y.checked)}</h2>
        <ul>
            <li>{t!(i18n, a11y.check_axe)}</li>
            <li>{t!(i18n, a11y.check_keyboard)}</li>
            <li>{t!(i18n, a11y.check_reflow)}</li>
            <li>{t!(i18n, a11y.check_manual)}</li>
        </ul>
        <h2>{t!(i18n, a11y.limits)}</h2>
        <ul>
            <li>{t!(i18n, a11y.limit_users)}</li>
            <li>{t!(i18n, a11y.limit_config)}</li>
            <li>{t!(i18n, a11y.limit_ics)}</li>
        </ul>
        <h2>{t!(i18n, a11y.report)}</h2>
        <p>{t!(i18n, a11y.report_text)}</p>
        <ul class="phones">
            <li>{t!(i18n, a11y.taxes)}<a href="tel:+576013078064">"601 307 8064"</a></li>
            <li>{t!(i18n, a11y.customs)}<a href="tel:+576013078065">"601 307 8065"</a></li>
            <li>{t!(i18n, a11y.central)}<a href="tel:+576017428973">"601 742 8973"</a></li>
        </ul>
        <p>{t!(i18n, a11y.pqsr)}</p>
    }
}
