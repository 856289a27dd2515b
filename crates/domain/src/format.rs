//! Dates and times as a Colombian reads them: "martes 1 de diciembre de 2026", "8:30 a. m.".

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike, Weekday};

const MONTHS: [&str; 12] = [
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

pub fn weekday_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "lunes",
        Weekday::Tue => "martes",
        Weekday::Wed => "miércoles",
        Weekday::Thu => "jueves",
        Weekday::Fri => "viernes",
        Weekday::Sat => "sábado",
        Weekday::Sun => "domingo",
    }
}

pub fn month_name(month: u32) -> &'static str {
    MONTHS[(month as usize - 1) % 12]
}

/// "martes 1 de diciembre de 2026".
pub fn long_date(date: NaiveDate) -> String {
    format!(
        "{} {} de {} de {}",
        weekday_name(date.weekday()),
        date.day(),
        month_name(date.month()),
        date.year()
    )
}

/// "diciembre de 2026".
pub fn month_year(date: NaiveDate) -> String {
    format!("{} de {}", month_name(date.month()), date.year())
}

/// "8:30 a. m.", "12:00 m." (noon, as Colombian offices write it), "3:30 p. m.".
pub fn time_of_day(time: NaiveTime) -> String {
    let (hour, minute) = (time.hour(), time.minute());
    if hour == 12 && minute == 0 {
        return "12:00 m.".to_owned();
    }
    let (shown, suffix) = match hour {
        0 => (12, "a. m."),
        1..=11 => (hour, "a. m."),
        12 => (12, "p. m."),
        _ => (hour - 12, "p. m."),
    };
    format!("{shown}:{minute:02} {suffix}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_like_spanish() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        assert_eq!(long_date(d), "martes 1 de diciembre de 2026");
        assert_eq!(month_year(d), "diciembre de 2026");
    }

    #[test]
    fn times_use_colombian_am_pm() {
        let t = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap();
        assert_eq!(time_of_day(t(7, 45)), "7:45 a. m.");
        assert_eq!(time_of_day(t(8, 30)), "8:30 a. m.");
        assert_eq!(time_of_day(t(12, 0)), "12:00 m.");
        assert_eq!(time_of_day(t(12, 30)), "12:30 p. m.");
        assert_eq!(time_of_day(t(15, 30)), "3:30 p. m.");
        assert_eq!(time_of_day(t(0, 5)), "12:05 a. m.");
    }
}
