//! Dates and times as a reader of each language expects them: "martes 1 de diciembre de 2026",
//! "8:30\u{a0}a.\u{a0}m." in Colombian Spanish; "Tuesday, December 1, 2026", "8:30\u{a0}AM" in English.

use crate::lang::Lang;
use chrono::{Datelike, NaiveDate, NaiveTime, Timelike, Weekday};

const MONTHS_ES: [&str; 12] = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

pub fn weekday_name(day: Weekday, lang: Lang) -> &'static str {
    let i = day.num_days_from_monday() as usize;
    match lang {
        Lang::Es => ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"][i],
        Lang::En => ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][i],
    }
}

/// Two letters for a calendar's column header: "lu", "Mo".
pub fn weekday_short(day: Weekday, lang: Lang) -> &'static str {
    let i = day.num_days_from_monday() as usize;
    match lang {
        Lang::Es => ["lu", "ma", "mi", "ju", "vi", "sá", "do"][i],
        Lang::En => ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"][i],
    }
}

pub fn month_name(month: u32, lang: Lang) -> &'static str {
    let i = (month as usize - 1) % 12;
    match lang {
        Lang::Es => MONTHS_ES[i],
        Lang::En => MONTHS_EN[i],
    }
}

/// "martes 1 de diciembre de 2026" / "Tuesday, December 1, 2026".
pub fn long_date(date: NaiveDate, lang: Lang) -> String {
    let (weekday, month) = (weekday_name(date.weekday(), lang), month_name(date.month(), lang));
    match lang {
        Lang::Es => format!("{weekday} {} de {month} de {}", date.day(), date.year()),
        Lang::En => format!("{weekday}, {month} {}, {}", date.day(), date.year()),
    }
}

/// "diciembre de 2026" / "December 2026".
pub fn month_year(date: NaiveDate, lang: Lang) -> String {
    let month = month_name(date.month(), lang);
    match lang {
        Lang::Es => format!("{month} de {}", date.year()),
        Lang::En => format!("{month} {}", date.year()),
    }
}

/// "8:30\u{a0}a.\u{a0}m.", "12:00\u{a0}m." (noon, as Colombian offices write it), "3:30\u{a0}p.\u{a0}m.";
/// in English "8:30\u{a0}AM", "12:00\u{a0}PM", "3:30\u{a0}PM". The spaces are non-breaking (`NBSP`): a phone's
/// narrow line would otherwise end in "8:30 a." and start the next with "m.".
pub fn time_of_day(time: NaiveTime, lang: Lang) -> String {
    let (hour, minute) = (time.hour(), time.minute());
    let shown = match hour % 12 {
        0 => 12,
        h => h,
    };
    let morning = hour < 12;
    match lang {
        Lang::Es if hour == 12 && minute == 0 => format!("12:00{NBSP}m."),
        Lang::Es => format!("{shown}:{minute:02}{NBSP}{}.{NBSP}m.", if morning { "a" } else { "p" }),
        Lang::En => format!("{shown}:{minute:02}{NBSP}{}", if morning { "AM" } else { "PM" }),
    }
}

/// A length of time as a citizen says it: "2 horas", "1 hora", "90 minutos" / "2 hours",
/// "1 hour", "90 minutes" (whole hours in hours, anything else in minutes).
pub fn duration(minutes: u32, lang: Lang) -> String {
    let in_hours = minutes.is_multiple_of(60);
    let count = if in_hours { minutes / 60 } else { minutes };
    let word = match (in_hours, lang, count == 1) {
        (true, Lang::Es, true) => "hora",
        (true, Lang::Es, false) => "horas",
        (true, Lang::En, true) => "hour",
        (true, Lang::En, false) => "hours",
        (false, Lang::Es, true) => "minuto",
        (false, Lang::Es, false) => "minutos",
        (false, Lang::En, true) => "minute",
        (false, Lang::En, false) => "minutes",
    };
    format!("{count}{NBSP}{word}")
}

/// The no-break space, which keeps a time and its "a. m." on one line.
const NBSP: char = '\u{a0}';

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_like_each_language() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        assert_eq!(long_date(d, Lang::Es), "martes 1 de diciembre de 2026");
        assert_eq!(month_year(d, Lang::Es), "diciembre de 2026");
        assert_eq!(long_date(d, Lang::En), "Tuesday, December 1, 2026");
        assert_eq!(month_year(d, Lang::En), "December 2026");
        assert_eq!(weekday_short(d.weekday(), Lang::En), "Tu");
    }

    #[test]
    fn times_use_colombian_am_pm_and_english_am_pm() {
        let t = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap();
        assert_eq!(time_of_day(t(7, 45), Lang::Es), "7:45\u{a0}a.\u{a0}m.");
        assert_eq!(time_of_day(t(8, 30), Lang::Es), "8:30\u{a0}a.\u{a0}m.");
        assert_eq!(time_of_day(t(12, 0), Lang::Es), "12:00\u{a0}m.");
        assert_eq!(time_of_day(t(12, 30), Lang::Es), "12:30\u{a0}p.\u{a0}m.");
        assert_eq!(time_of_day(t(15, 30), Lang::Es), "3:30\u{a0}p.\u{a0}m.");
        assert_eq!(time_of_day(t(0, 5), Lang::Es), "12:05\u{a0}a.\u{a0}m.");
        assert_eq!(time_of_day(t(8, 30), Lang::En), "8:30\u{a0}AM");
        assert_eq!(time_of_day(t(12, 0), Lang::En), "12:00\u{a0}PM");
        assert_eq!(time_of_day(t(15, 30), Lang::En), "3:30\u{a0}PM");
    }

    #[test]
    fn lengths_of_time_in_hours_when_whole() {
        assert_eq!(duration(120, Lang::Es), "2\u{a0}horas");
        assert_eq!(duration(60, Lang::Es), "1\u{a0}hora");
        assert_eq!(duration(90, Lang::Es), "90\u{a0}minutos");
        assert_eq!(duration(1, Lang::Es), "1\u{a0}minuto");
        assert_eq!(duration(120, Lang::En), "2\u{a0}hours");
        assert_eq!(duration(60, Lang::En), "1\u{a0}hour");
        assert_eq!(duration(45, Lang::En), "45\u{a0}minutes");
    }
}
