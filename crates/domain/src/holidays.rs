//! Colombian national public holidays ("días festivos"), as the law stands today:
//!
//! - Ley 51 de 1983 (the "Ley Emiliani"): the fixed holidays, and the ones whose rest is moved
//!   to the following Monday when they do not fall on a Monday; Easter-based feasts.
//! - Ley 2578 de 2026 (1 June 2026), art. 6: 9 July, Nuestra Señora del Rosario de
//!   Chiquinquirá, from 2026 on, also moved to Monday under Ley 51 de 1983.
//!
//! Local "días cívicos" and office closures are not law-wide holidays; administrators close
//! offices for them through the API (`calendar`).

use crate::lang::Lang;
use chrono::{Datelike, Days, NaiveDate, Weekday};

/// A public holiday: the date the rest is taken (after any move to Monday) and its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Holiday {
    pub date: NaiveDate,
    /// The Spanish name, as the law and Colombians call it.
    pub name: &'static str,
    pub name_en: &'static str,
}

impl Holiday {
    pub fn name(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Es => self.name,
            Lang::En => self.name_en,
        }
    }
}

/// First year of Ley 2578 de 2026's holiday.
const CHIQUINQUIRA_SINCE: i32 = 2026;

/// Every national holiday of `year`, in date order. Two feasts may share a date (in 2025 both
/// Sagrado Corazón and San Pedro y San Pablo were moved to 30 June); both are listed.
pub fn holidays_in(year: i32) -> Vec<Holiday> {
    let easter = easter_sunday(year);
    let from_easter = |days: i64| {
        if days >= 0 { easter + Days::new(days as u64) } else { easter - Days::new(days.unsigned_abs()) }
    };
    let date = |month, day| NaiveDate::from_ymd_opt(year, month, day).expect("valid holiday date");

    let mut list = vec![
        // Kept on their own date (Ley 51 de 1983, art. 1).
        fixed(date(1, 1), "Año Nuevo", "New Year's Day"),
        fixed(date(5, 1), "Día del Trabajo", "Labour Day"),
        fixed(date(7, 20), "Día de la Independencia", "Independence Day"),
        fixed(date(8, 7), "Batalla de Boyacá", "Battle of Boyacá"),
        fixed(date(12, 8), "Inmaculada Concepción", "Immaculate Conception"),
        fixed(date(12, 25), "Navidad", "Christmas Day"),
        fixed(from_easter(-3), "Jueves Santo", "Maundy Thursday"),
        fixed(from_easter(-2), "Viernes Santo", "Good Friday"),
        // Moved to the following Monday (Ley 51 de 1983, art. 1, parágrafo).
        monday(date(1, 6), "Día de los Reyes Magos", "Epiphany"),
        monday(date(3, 19), "Día de San José", "Saint Joseph's Day"),
        monday(date(6, 29), "San Pedro y San Pablo", "Saints Peter and Paul"),
        monday(date(8, 15), "Asunción de la Virgen", "Assumption of Mary"),
        monday(date(10, 12), "Día de la Raza", "Columbus Day"),
        monday(date(11, 1), "Día de Todos los Santos", "All Saints' Day"),
        monday(date(11, 11), "Independencia de Cartagena", "Independence of Cartagena"),
        monday(from_easter(39), "Ascensión del Señor", "Ascension Day"),
        monday(from_easter(60), "Corpus Christi", "Corpus Christi"),
        monday(from_easter(68), "Sagrado Corazón de Jesús", "Sacred Heart"),
    ];
    if year >= CHIQUINQUIRA_SINCE {
        list.push(monday(
            date(7, 9),
            "Nuestra Señora del Rosario de Chiquinquirá",
            "Our Lady of the Rosary of Chiquinquirá",
        ));
    }
    list.sort_by_key(|h| h.date);
    list
}

/// The holiday on `date`, if any (the first name when two feasts share the day).
pub fn holiday_on(date: NaiveDate) -> Option<Holiday> {
    holidays_in(date.year()).into_iter().find(|h| h.date == date)
}

fn fixed(date: NaiveDate, name: &'static str, name_en: &'static str) -> Holiday {
    Holiday { date, name, name_en }
}

/// Ley 51 de 1983: "cuando no caigan en día lunes se trasladarán al lunes siguiente".
fn monday(date: NaiveDate, name: &'static str, name_en: &'static str) -> Holiday {
    let days_after_monday = date.weekday().num_days_from_monday();
    let date = if date.weekday() == Weekday::Mon {
        date
    } else {
        date + Days::new(u64::from(7 - days_after_monday))
    };
    Holiday { date, name, name_en }
}

/// Easter Sunday in the Gregorian calendar (the anonymous "Meeus/Jones/Butcher" algorithm).
pub fn easter_sunday(year: i32) -> NaiveDate {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32).expect("Easter is a valid date")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn easter_dates_match_the_church_tables() {
        assert_eq!(easter_sunday(2024), d(2024, 3, 31));
        assert_eq!(easter_sunday(2025), d(2025, 4, 20));
        assert_eq!(easter_sunday(2026), d(2026, 4, 5));
        assert_eq!(easter_sunday(2027), d(2027, 3, 28));
        assert_eq!(easter_sunday(2038), d(2038, 4, 25));
    }

    #[test]
    fn a_holiday_on_monday_stays_and_others_move_to_the_next_monday() {
        // 6 January 2025 is a Monday; in 2026 it is a Tuesday and rest moves to the 12th.
        assert_eq!(holiday_on(d(2025, 1, 6)).unwrap().name, "Día de los Reyes Magos");
        assert!(holiday_on(d(2026, 1, 6)).is_none());
        assert_eq!(holiday_on(d(2026, 1, 12)).unwrap().name, "Día de los Reyes Magos");
        // Fixed holidays never move, even on a Sunday (20 July 2025).
        assert_eq!(holiday_on(d(2025, 7, 20)).unwrap().name, "Día de la Independencia");
    }

    #[test]
    fn chiquinquira_is_a_holiday_from_2026_only() {
        assert_eq!(holiday_on(d(2026, 7, 13)).unwrap().name, "Nuestra Señora del Rosario de Chiquinquirá");
        assert!(holiday_on(d(2025, 7, 14)).is_none());
        assert_eq!(holidays_in(2025).len(), 18);
        assert_eq!(holidays_in(2026).len(), 19);
    }
}
