//! A month grid of the booking window: days with free seats are links to choose them; every
//! other day says why it cannot be chosen.

use chrono::{Datelike, NaiveDate};
use citas_domain::api::{DayReason, DayView};
use citas_domain::format::{long_date, month_year};
use leptos::prelude::*;

const WEEKDAYS: [(&str, &str); 7] = [
    ("lu", "lunes"),
    ("ma", "martes"),
    ("mi", "miércoles"),
    ("ju", "jueves"),
    ("vi", "viernes"),
    ("sá", "sábado"),
    ("do", "domingo"),
];

/// Why a day cannot be chosen, in words.
pub fn closed_reason(day: &DayView) -> String {
    match day.reason {
        Some(DayReason::Weekend) => "fin de semana".into(),
        Some(DayReason::Holiday) => format!("festivo: {}", day.holiday.as_deref().unwrap_or("")),
        Some(DayReason::Closure) => format!("sin atención: {}", day.closure.as_deref().unwrap_or("")),
        Some(DayReason::Past) => "ya no hay horas para reservar".into(),
        Some(DayReason::NotYetOpen) => "aún no se abre la agenda".into(),
        None if day.free_seats() == 0 => "sin cupos".into(),
        None => String::new(),
    }
}

#[component]
pub fn Calendar(
    days: Vec<DayView>,
    selected: Option<NaiveDate>,
    /// Where choosing a date leads.
    href: Callback<NaiveDate, String>,
    /// Called when a date is chosen (instead of following the link).
    pick: Callback<NaiveDate>,
) -> impl IntoView {
    let mut months: Vec<Vec<DayView>> = Vec::new();
    for day in days {
        match months.last_mut() {
            Some(month) if month[0].date.month() == day.date.month() => month.push(day),
            _ => months.push(vec![day]),
        }
    }
    months
        .into_iter()
        .map(|month| {
            let caption = month_year(month[0].date);
            let padding = month[0].date.weekday().num_days_from_monday() as usize;
            let mut cells: Vec<Option<DayView>> = vec![None; padding];
            cells.extend(month.into_iter().map(Some));
            cells.resize(cells.len().div_ceil(7) * 7, None);
            let weeks: Vec<Vec<Option<DayView>>> = cells.chunks(7).map(<[_]>::to_vec).collect();
            view! {
                <table class="calendar">
                    <caption>{caption}</caption>
                    <thead>
                        <tr>
                            {WEEKDAYS.iter().map(|(short, long)| view! {
                                <th scope="col" abbr=*long>{*short}</th>
                            }).collect_view()}
                        </tr>
                    </thead>
                    <tbody>
                        {weeks.into_iter().map(|week| view! {
                            <tr>{week.into_iter().map(|cell| day_cell(cell, selected, href, pick)).collect_view()}</tr>
                        }).collect_view()}
                    </tbody>
                </table>
            }
        })
        .collect_view()
}

fn day_cell(
    day: Option<DayView>,
    selected: Option<NaiveDate>,
    href: Callback<NaiveDate, String>,
    pick: Callback<NaiveDate>,
) -> AnyView {
    let Some(day) = day else {
        return view! { <td></td> }.into_any();
    };
    let number = day.date.day();
    let label = long_date(day.date);
    let free = day.free_seats();
    if day.open && free > 0 {
        let seats = if free == 1 { "1 cupo libre".to_owned() } else { format!("{free} cupos libres") };
        let is_selected = selected == Some(day.date);
        view! {
            <td class="day free" class:selected=is_selected>
                <a href=href.run(day.date) aria-current=is_selected.then_some("date")
                    on:click=move |ev| { ev.prevent_default(); pick.run(day.date); }>
                    <span aria-hidden="true">{number}</span>
                    <span class="visually-hidden">{format!("{label}: {seats}")}</span>
                </a>
            </td>
        }
        .into_any()
    } else {
        let reason = closed_reason(&day);
        let kind = match day.reason {
            Some(DayReason::Holiday | DayReason::Closure) => "day closed holiday",
            Some(DayReason::Weekend) => "day closed weekend",
            None => "day closed full",
            _ => "day closed",
        };
        view! {
            <td class=kind title=reason.clone()>
                <span aria-hidden="true">{number}</span>
                <span class="visually-hidden">{format!("{label}: {reason}")}</span>
            </td>
        }
        .into_any()
    }
}
