//! When the citizen can come: the first and last day, inside the booking window, and the part
//! of the day.

use crate::components::TextField;
use crate::i18n::*;
use crate::language::use_lang;
use crate::state::Settings;
use crate::text::fill;
use chrono::{DateTime, Days, NaiveDate};
use citas_domain::api::waitlist::PartOfDay;
use citas_domain::format::long_date;
use citas_domain::time::bogota_date;
use leptos::prelude::*;

/// The days that can be booked, by this device's clock: today in Bogotá up to the horizon.
/// (The server checks with its own, and says so beside the field if they disagree.)
pub fn booking_window(settings: &Settings) -> Option<(NaiveDate, NaiveDate)> {
    let horizon = settings.0.get().and_then(Result::ok)?.booking.horizon_days;
    let today = bogota_date(&DateTime::from_timestamp_millis(js_sys::Date::now() as i64)?);
    Some((today, today.checked_add_days(Days::new(u64::from(horizon)))?))
}

/// "Solo en la mañana", or any time of the day (`None`).
pub fn part_of_day_name(part: Option<PartOfDay>, locale: Locale) -> &'static str {
    match part {
        None => td_string!(locale, waitlist.any_time),
        Some(PartOfDay::Morning) => td_string!(locale, waitlist.mornings),
        Some(PartOfDay::Afternoon) => td_string!(locale, waitlist.afternoons),
    }
}

#[component]
pub fn WhenFields(
    from: RwSignal<String>,
    until: RwSignal<String>,
    part: RwSignal<Option<PartOfDay>>,
    window: Memo<Option<(NaiveDate, NaiveDate)>>,
    from_error: Signal<Option<String>>,
    until_error: Signal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    // The whole window until the citizen narrows it.
    Effect::new(move || {
        if let Some((first, last)) = window.get() {
            if from.get_untracked().is_empty() {
                from.set(first.to_string());
            }
            if until.get_untracked().is_empty() {
                until.set(last.to_string());
            }
        }
    });
    let bound = move |last: bool| window.get().map(|(first, end)| if last { end } else { first });
    let hint = move |text: fn(Locale) -> &'static str, last: bool| {
        Signal::derive(move || {
            let date = bound(last).map(|d| long_date(d, lang.get())).unwrap_or_default();
            fill(text(i18n.get_locale()), &[("date", &date)])
        })
    };
    view! {
        <fieldset>
            <legend>{t!(i18n, waitlist.days)}</legend>
            <TextField id="desde" value=from error=from_error input_type="date"
                label=Signal::derive(move || t_string!(i18n, waitlist.from).to_string())
                hint=hint(|l| td_string!(l, waitlist.from_hint), false)
                min=Signal::derive(move || bound(false).map(|d| d.to_string()))
                max=Signal::derive(move || bound(true).map(|d| d.to_string())) />
            <TextField id="hasta" value=until error=until_error input_type="date"
                label=Signal::derive(move || t_string!(i18n, waitlist.until).to_string())
                hint=hint(|l| td_string!(l, waitlist.until_hint), true)
                min=Signal::derive(move || bound(false).map(|d| d.to_string()))
                max=Signal::derive(move || bound(true).map(|d| d.to_string())) />
        </fieldset>
        <fieldset>
            <legend>{t!(i18n, waitlist.hours)}</legend>
            <div class="inline-choices">
                {[None, Some(PartOfDay::Morning), Some(PartOfDay::Afternoon)].into_iter().map(|p| view! {
                    <label class="choice compact">
                        <input type="radio" name="horario" value=p.map_or("any", PartOfDay::as_str)
                            prop:checked=move || part.get() == p
                            on:change=move |_| part.set(p) />
                        <span class="choice-text"><span class="choice-title">{move || part_of_day_name(p, i18n.get_locale())}</span></span>
                    </label>
                }).collect_view()}
            </div>
        </fieldset>
    }
}
