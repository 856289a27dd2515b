//! A month grid of the booking window, Monday to Friday only (offices never attend on
//! weekends, and five columns leave room for large targets on a 320 px screen): days with free
//! seats are links to choose them; every other day is a disabled button that says why.
//!
//! Keyboard (the WAI-ARIA date-picker pattern): one day is in the Tab order (the chosen one, or
//! the first free one); arrow keys move a day or a week, Home/End to Monday/Friday, across
//! months; a screen reader hears each day's date and its free seats or why it is closed.

use crate::i18n::{Locale, td_string};
use crate::language::lang_of;
use crate::text::fill;
use chrono::{Datelike, Days, NaiveDate, Weekday};
use citas_domain::api::{DayReason, DayView};
use citas_domain::format::{long_date, month_year, weekday_name, weekday_short};
use citas_domain::holidays::holiday_on;
use citas_domain::schedule::is_weekend;
use leptos::prelude::*;

/// The columns: offices attend Monday to Friday.
const WEEKDAYS: [Weekday; 5] = [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri];

/// Why a day cannot be chosen, in words. Holiday names come from the shared table in the
/// reader's language; closure reasons are the operator's own words.
pub fn closed_reason(day: &DayView, locale: Locale) -> String {
    match day.reason {
        Some(DayReason::Weekend) => td_string!(locale, calendar.weekend).to_string(),
        Some(DayReason::Holiday) => {
            let name = holiday_on(day.date)
                .map(|h| h.name(lang_of(locale)).to_owned())
                .or_else(|| day.holiday.clone());
            fill(td_string!(locale, calendar.holiday), &[("name", &name.unwrap_or_default())])
        }
        Some(DayReason::Closure) => fill(
            td_string!(locale, calendar.closure),
            &[(
                "reason",
                &day.closure_en
                    .clone()
                    .filter(|_| matches!(locale, Locale::en))
                    .or_else(|| day.closure.clone())
                    .unwrap_or_default(),
            )],
        ),
        Some(DayReason::Past) => td_string!(locale, calendar.past).to_string(),
        Some(DayReason::NotYetOpen) => td_string!(locale, calendar.not_yet_open).to_string(),
        None if day.free_seats() == 0 => td_string!(locale, calendar.full).to_string(),
        None => String::new(),
    }
}

#[component]
pub fn Calendar(
    days: Vec<DayView>,
    selected: Option<NaiveDate>,
    locale: Locale,
    /// Where choosing a date leads.
    href: Callback<NaiveDate, String>,
    /// Called when a date is chosen (instead of following the link).
    pick: Callback<NaiveDate>,
) -> impl IntoView {
    let mut months: Vec<Vec<DayView>> = Vec::new();
    for day in days.into_iter().filter(|d| !is_weekend(d.date)) {
        match months.last_mut() {
            Some(month) if month[0].date.month() == day.date.month() => month.push(day),
            _ => months.push(vec![day]),
        }
    }
    // The one day reached with Tab.
    let entry = selected
        .filter(|d| months.iter().flatten().any(|day| day.date == *d && is_free(day)))
        .or_else(|| months.iter().flatten().find(|day| is_free(day)).map(|day| day.date));
    let tables = months
        .into_iter()
        .map(|month| {
            let caption = month_year(month[0].date, lang_of(locale));
            let padding = month[0].date.weekday().num_days_from_monday() as usize;
            let mut cells: Vec<Option<DayView>> = vec![None; padding];
            cells.extend(month.into_iter().map(Some));
            cells.resize(cells.len().div_ceil(5) * 5, None);
            let weeks: Vec<Vec<Option<DayView>>> = cells.chunks(5).map(<[_]>::to_vec).collect();
            view! {
                <table class="calendar">
                    <caption>{caption}</caption>
                    <thead>
                        <tr>
                            {WEEKDAYS.into_iter().map(|day| view! {
                                <th scope="col" abbr=weekday_name(day, lang_of(locale))>{weekday_short(day, lang_of(locale))}</th>
                            }).collect_view()}
                        </tr>
                    </thead>
                    <tbody>
                        {weeks.into_iter().map(|week| view! {
                            <tr>{week.into_iter().map(|cell| day_cell(cell, selected, entry, locale, href, pick)).collect_view()}</tr>
                        }).collect_view()}
                    </tbody>
                </table>
            }
        })
        .collect_view();
    view! { <div class="calendars" on:keydown=move_focus>{tables}</div> }
}

fn is_free(day: &DayView) -> bool {
    day.open && day.free_seats() > 0
}

/// Arrow keys, Home and End move focus between days, keeping one day in the Tab order.
fn move_focus(ev: leptos::ev::KeyboardEvent) {
    use leptos::wasm_bindgen::JsCast;
    let Some(from) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) else { return };
    let Some(date) = from.get_attribute("data-date").and_then(|d| d.parse::<NaiveDate>().ok()) else {
        return;
    };
    let offset_from_monday = u64::from(date.weekday().num_days_from_monday());
    // The grid has no weekends: from Friday the next day is Monday, and back.
    let target = match ev.key().as_str() {
        "ArrowRight" => date.checked_add_days(Days::new(if date.weekday() == Weekday::Fri { 3 } else { 1 })),
        "ArrowLeft" => date.checked_sub_days(Days::new(if date.weekday() == Weekday::Mon { 3 } else { 1 })),
        "ArrowDown" => date.checked_add_days(Days::new(7)),
        "ArrowUp" => date.checked_sub_days(Days::new(7)),
        "Home" => date.checked_sub_days(Days::new(offset_from_monday)),
        "End" => date.checked_add_days(Days::new(4 - offset_from_monday)),
        _ => return,
    };
    ev.prevent_default();
    let Some(grid) = ev.current_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
    let to = target
        .and_then(|d| grid.query_selector(&format!("[data-date=\"{d}\"]")).ok().flatten())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(to) = to {
        let _ = from.set_attribute("tabindex", "-1");
        let _ = to.set_attribute("tabindex", "0");
        let _ = to.focus();
    }
}

fn day_cell(
    day: Option<DayView>,
    selected: Option<NaiveDate>,
    entry: Option<NaiveDate>,
    locale: Locale,
    href: Callback<NaiveDate, String>,
    pick: Callback<NaiveDate>,
) -> AnyView {
    let Some(day) = day else {
        return view! { <td></td> }.into_any();
    };
    let number = day.date.day();
    let label = long_date(day.date, lang_of(locale));
    let free = day.free_seats();
    let date = day.date.to_string();
    let tabindex = if entry == Some(day.date) { "0" } else { "-1" };
    if is_free(&day) {
        let seats = if free == 1 {
            td_string!(locale, calendar.seats_one).to_string()
        } else {
            fill(td_string!(locale, calendar.seats_many), &[("n", &free)])
        };
        let is_selected = selected == Some(day.date);
        view! {
            <td class="day free" class:selected=is_selected>
                <a href=href.run(day.date) aria-current=is_selected.then_some("date") data-date=date tabindex=tabindex
                    on:click=move |ev| { ev.prevent_default(); pick.run(day.date); }>
                    <span aria-hidden="true">{number}</span>
                    <span class="visually-hidden">{format!("{label}: {seats}")}</span>
                </a>
            </td>
        }
        .into_any()
    } else {
        let reason = closed_reason(&day, locale);
        let kind = match day.reason {
            Some(DayReason::Holiday | DayReason::Closure) => "day closed holiday",
            Some(DayReason::Weekend) => "day closed weekend",
            None => "day closed full",
            _ => "day closed",
        };
        view! {
            <td class=kind>
                <button type="button" aria-disabled="true" data-date=date tabindex=tabindex title=reason.clone()>
                    <span aria-hidden="true">{number}</span>
                    <span class="visually-hidden">{format!("{label}: {reason}")}</span>
                </button>
            </td>
        }
        .into_any()
    }
}
