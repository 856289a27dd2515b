//! What an administrator may ask of the calendar: a closure that makes sense (known offices,
//! dates in order and not over, times on the opening hours, a reason citizens can read), and
//! desks in range from today on. Each refusal names the field at fault and says why in both
//! languages, for the form to show beside it.

use crate::api::staff::{ClosureOffices, DesksChange, NewClosure};
use crate::availability::in_calendar;
use crate::catalog::Catalog;
use crate::lang::{Lang, Localized};
use crate::reason::{Reason, ReasonError};
use crate::time::clock;
use chrono::NaiveDate;
use std::fmt;

/// The longest closure, in days: a year, leap day included.
pub const MAX_CLOSURE_DAYS: i64 = 366;

/// The most desks an office may have (the configuration's limit too).
pub const MAX_DESKS: u32 = 100;

/// Why a closure is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClosureError {
    NoOffices,
    UnknownOffice(String),
    /// `to` before `from`.
    Reversed,
    /// It ends before today: there is nothing left to close.
    Over,
    /// Longer than `MAX_CLOSURE_DAYS`, or beyond the years the calendar answers for.
    TooLong,
    /// One time without the other (the field missing).
    TimeMissing(&'static str),
    /// `to_time` not after `from_time`.
    TimesReversed,
    /// A time outside the opening hours (the field, and the hours).
    OutsideHours(&'static str, String, String),
    /// A reason citizens cannot read (the field: `reason_es`, or `reason_en` when given).
    Reason(&'static str, ReasonError),
}

impl ClosureError {
    /// The field of `NewClosure` at fault.
    pub fn field(&self) -> &'static str {
        match self {
            ClosureError::NoOffices | ClosureError::UnknownOffice(_) => "offices",
            ClosureError::Reversed | ClosureError::Over | ClosureError::TooLong => "to",
            ClosureError::TimesReversed => "to_time",
            ClosureError::TimeMissing(field)
            | ClosureError::OutsideHours(field, ..)
            | ClosureError::Reason(field, _) => field,
        }
    }
}

impl Localized for ClosureError {
    fn message(&self, lang: Lang) -> String {
        let es = lang == Lang::Es;
        match self {
            ClosureError::NoOffices if es => "Elija al menos una oficina, o todas.".into(),
            ClosureError::NoOffices => "Choose at least one office, or all of them.".into(),
            ClosureError::UnknownOffice(id) if es => format!("No hay una oficina «{id}»."),
            ClosureError::UnknownOffice(id) => format!("There is no office \"{id}\"."),
            ClosureError::Reversed if es => "La fecha final debe ser igual o posterior a la inicial.".into(),
            ClosureError::Reversed => "The end date must be on or after the start date.".into(),
            ClosureError::Over if es => "Ese cierre ya terminó: la fecha final es anterior a hoy.".into(),
            ClosureError::Over => "That closure is over: its end date is before today.".into(),
            ClosureError::TooLong if es => format!("Un cierre dura como máximo {MAX_CLOSURE_DAYS} días."),
            ClosureError::TooLong => format!("A closure lasts {MAX_CLOSURE_DAYS} days at most."),
            ClosureError::TimeMissing(_) if es => {
                "Dé la hora inicial y la final, o ninguna para cerrar el día entero.".into()
            }
            ClosureError::TimeMissing(_) => {
                "Give both the start and end times, or neither to close whole days.".into()
            }
            ClosureError::TimesReversed if es => "La hora final debe ser posterior a la inicial.".into(),
            ClosureError::TimesReversed => "The end time must be after the start time.".into(),
            ClosureError::OutsideHours(_, opens, closes) if es => {
                format!("La hora debe estar dentro del horario de atención, de {opens} a {closes}.")
            }
            ClosureError::OutsideHours(_, opens, closes) => {
                format!("The time must be within the opening hours, {opens} to {closes}.")
            }
            ClosureError::Reason(_, e) => e.message(lang),
        }
    }
}

impl fmt::Display for ClosureError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::Es))
    }
}

impl std::error::Error for ClosureError {}

/// The closure as it will be kept: reasons trimmed, an English reason left empty dropped,
/// offices without repeats. `today` is the date in Bogotá.
pub fn check_closure(
    catalog: &Catalog,
    closure: &NewClosure,
    today: NaiveDate,
) -> Result<NewClosure, ClosureError> {
    let offices = match &closure.offices {
        ClosureOffices::All(all) => ClosureOffices::All(*all),
        ClosureOffices::Some(ids) if ids.is_empty() => return Err(ClosureError::NoOffices),
        ClosureOffices::Some(ids) => {
            let mut unique: Vec<String> = Vec::with_capacity(ids.len());
            for id in ids {
                if catalog.office(id).is_none() {
                    return Err(ClosureError::UnknownOffice(id.clone()));
                }
                if !unique.contains(id) {
                    unique.push(id.clone());
                }
            }
            ClosureOffices::Some(unique)
        }
    };
    if closure.to < closure.from {
        return Err(ClosureError::Reversed);
    }
    if closure.to < today {
        return Err(ClosureError::Over);
    }
    if (closure.to - closure.from).num_days() + 1 > MAX_CLOSURE_DAYS || !in_calendar(closure.to) {
        return Err(ClosureError::TooLong);
    }
    match (closure.from_time, closure.to_time) {
        (None, None) => {}
        (Some(_), None) => return Err(ClosureError::TimeMissing("to_time")),
        (None, Some(_)) => return Err(ClosureError::TimeMissing("from_time")),
        (Some(start), Some(end)) => {
            let hours = catalog.hours;
            let outside = |field| ClosureError::OutsideHours(field, clock(hours.opens), clock(hours.closes));
            if !(hours.opens..hours.closes).contains(&start) {
                return Err(outside("from_time"));
            }
            if end <= start {
                return Err(ClosureError::TimesReversed);
            }
            if end > hours.closes {
                return Err(outside("to_time"));
            }
        }
    }
    let reason_es = reason(&closure.reason_es, "reason_es")?;
    let reason_en = match closure.reason_en.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(text) => Some(reason(text, "reason_en")?),
    };
    Ok(NewClosure { offices, reason_es, reason_en, ..closure.clone() })
}

/// A reason on one line, if citizens can read it.
fn reason(text: &str, field: &'static str) -> Result<String, ClosureError> {
    Ok(Reason::parse(text).map_err(|e| ClosureError::Reason(field, e))?.as_str().to_owned())
}

/// Why a change of desks is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DesksError {
    OutOfRange,
    /// From a date before today: days gone by are not planned again.
    Past,
}

impl DesksError {
    /// The field of `DesksChange` at fault.
    pub fn field(&self) -> &'static str {
        match self {
            DesksError::OutOfRange => "desks",
            DesksError::Past => "from",
        }
    }
}

impl Localized for DesksError {
    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (DesksError::OutOfRange, Lang::Es) => format!("Los puestos van de 1 a {MAX_DESKS}."),
            (DesksError::OutOfRange, Lang::En) => format!("Desks go from 1 to {MAX_DESKS}."),
            (DesksError::Past, Lang::Es) => "El cambio rige desde hoy o una fecha futura.".into(),
            (DesksError::Past, Lang::En) => "The change applies from today or a later date.".into(),
        }
    }
}

impl fmt::Display for DesksError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::Es))
    }
}

impl std::error::Error for DesksError {}

/// A change of desks from a date on: 1 to `MAX_DESKS`, from `today` (in Bogotá) or later.
pub fn check_desks(change: &DesksChange, today: NaiveDate) -> Result<(), DesksError> {
    if !(1..=MAX_DESKS).contains(&change.desks) {
        return Err(DesksError::OutOfRange);
    }
    if change.from < today || !in_calendar(change.from) {
        return Err(DesksError::Past);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::staff::AllOffices;
    use crate::catalog::Office;
    use crate::reason::MAX_REASON_CHARS;
    use chrono::NaiveTime;

    fn catalog() -> Catalog {
        let office = |id: &str| Office {
            id: id.into(),
            city: id.into(),
            department: String::new(),
            dane_code: String::new(),
            name: id.into(),
            address: None,
            postal_code: None,
            notes: None,
            desks: 3,
            slot_minutes: 30,
            latitude: None,
            longitude: None,
        };
        Catalog {
            booking: Default::default(),
            hours: Default::default(),
            documents: Default::default(),
            services: Vec::new(),
            offices: vec![office("bogota"), office("cali")],
            embedding: Default::default(),
        }
    }

    fn date(s: &str) -> NaiveDate {
        s.parse().expect("a date")
    }

    fn time(s: &str) -> NaiveTime {
        crate::time::parse_clock(s).expect("a time")
    }

    const TODAY: &str = "2026-12-01";

    fn closure() -> NewClosure {
        NewClosure {
            offices: ClosureOffices::Some(vec!["bogota".into()]),
            from: date("2026-12-04"),
            to: date("2026-12-04"),
            from_time: None,
            to_time: None,
            reason_es: "Jornada de inventario".into(),
            reason_en: None,
        }
    }

    fn refusal(c: NewClosure) -> (&'static str, ClosureError) {
        let e = check_closure(&catalog(), &c, date(TODAY)).expect_err("refused");
        (e.field(), e)
    }

    #[test]
    fn a_sensible_closure_is_kept_trimmed() {
        let c = NewClosure {
            offices: ClosureOffices::Some(vec!["bogota".into(), "cali".into(), "bogota".into()]),
            from_time: Some(time("12:00")),
            to_time: Some(time("16:00")),
            reason_es: "  Jornada de inventario ".into(),
            reason_en: Some("   ".into()),
            ..closure()
        };
        let kept = check_closure(&catalog(), &c, date(TODAY)).expect("valid");
        assert_eq!(kept.offices, ClosureOffices::Some(vec!["bogota".into(), "cali".into()]));
        assert_eq!(kept.reason_es, "Jornada de inventario");
        assert_eq!(kept.reason_en, None);
        let all = NewClosure { offices: ClosureOffices::All(AllOffices::All), ..closure() };
        assert!(check_closure(&catalog(), &all, date(TODAY)).is_ok());
        // It may have begun: it still closes what is left.
        let ongoing = NewClosure { from: date("2026-11-20"), to: date(TODAY), ..closure() };
        assert!(check_closure(&catalog(), &ongoing, date(TODAY)).is_ok());
    }

    #[test]
    fn offices_must_be_known_and_some() {
        let none = NewClosure { offices: ClosureOffices::Some(vec![]), ..closure() };
        assert_eq!(refusal(none), ("offices", ClosureError::NoOffices));
        let unknown = NewClosure { offices: ClosureOffices::Some(vec!["pasto".into()]), ..closure() };
        assert_eq!(refusal(unknown), ("offices", ClosureError::UnknownOffice("pasto".into())));
    }

    #[test]
    fn dates_must_be_in_order_not_over_and_within_a_year() {
        let reversed = NewClosure { from: date("2026-12-05"), ..closure() };
        assert_eq!(refusal(reversed), ("to", ClosureError::Reversed));
        let over = NewClosure { from: date("2026-11-02"), to: date("2026-11-30"), ..closure() };
        assert_eq!(refusal(over), ("to", ClosureError::Over));
        let year = NewClosure { from: date("2027-01-01"), to: date("2027-12-31"), ..closure() };
        assert!(check_closure(&catalog(), &year, date(TODAY)).is_ok());
        let longer = NewClosure { from: date("2027-01-01"), to: date("2028-01-01"), ..closure() };
        assert!(check_closure(&catalog(), &longer, date(TODAY)).is_ok(), "2028 leaps: 366 days");
        let longer = NewClosure { from: date("2027-01-01"), to: date("2028-01-02"), ..closure() };
        assert_eq!(refusal(longer), ("to", ClosureError::TooLong));
    }

    #[test]
    fn times_come_in_pairs_in_order_on_the_opening_hours() {
        let half = NewClosure { from_time: Some(time("12:00")), ..closure() };
        assert_eq!(refusal(half).0, "to_time");
        let half = NewClosure { to_time: Some(time("12:00")), ..closure() };
        assert_eq!(refusal(half).0, "from_time");
        let reversed =
            NewClosure { from_time: Some(time("12:00")), to_time: Some(time("12:00")), ..closure() };
        assert_eq!(refusal(reversed), ("to_time", ClosureError::TimesReversed));
        let early = NewClosure { from_time: Some(time("07:30")), to_time: Some(time("09:00")), ..closure() };
        assert_eq!(refusal(early).0, "from_time");
        let late = NewClosure { from_time: Some(time("15:00")), to_time: Some(time("17:00")), ..closure() };
        let (field, e) = refusal(late);
        assert_eq!(field, "to_time");
        assert!(e.message(Lang::Es).contains("08:00 a 16:00"), "{e}");
        let whole = NewClosure { from_time: Some(time("08:00")), to_time: Some(time("16:00")), ..closure() };
        assert!(check_closure(&catalog(), &whole, date(TODAY)).is_ok());
    }

    #[test]
    fn reasons_are_one_readable_line() {
        let empty = NewClosure { reason_es: "  ".into(), ..closure() };
        assert_eq!(refusal(empty), ("reason_es", ClosureError::Reason("reason_es", ReasonError::Empty)));
        let long = NewClosure { reason_es: "á".repeat(MAX_REASON_CHARS + 1), ..closure() };
        assert_eq!(refusal(long).0, "reason_es");
        let fits = NewClosure { reason_es: "á".repeat(MAX_REASON_CHARS), ..closure() };
        assert!(check_closure(&catalog(), &fits, date(TODAY)).is_ok());
        let two_lines = NewClosure { reason_es: "Jornada de\ninventario".into(), ..closure() };
        assert_eq!(
            check_closure(&catalog(), &two_lines, date(TODAY)).unwrap().reason_es,
            "Jornada de inventario"
        );
        let control = NewClosure { reason_en: Some("Stock\u{7}taking".into()), ..closure() };
        assert_eq!(
            refusal(control),
            ("reason_en", ClosureError::Reason("reason_en", ReasonError::ControlCharacters))
        );
        for e in [
            ClosureError::NoOffices,
            ClosureError::TooLong,
            ClosureError::Reason("reason_es", ReasonError::Empty),
        ] {
            assert_ne!(e.message(Lang::Es), e.message(Lang::En));
        }
    }

    #[test]
    fn desks_go_from_one_to_a_hundred_from_today_on() {
        let today = date(TODAY);
        assert!(check_desks(&DesksChange { from: today, desks: 1 }, today).is_ok());
        assert!(check_desks(&DesksChange { from: date("2027-01-04"), desks: 100 }, today).is_ok());
        assert_eq!(check_desks(&DesksChange { from: today, desks: 0 }, today), Err(DesksError::OutOfRange));
        assert_eq!(check_desks(&DesksChange { from: today, desks: 101 }, today), Err(DesksError::OutOfRange));
        let past = check_desks(&DesksChange { from: date("2026-11-30"), desks: 2 }, today).unwrap_err();
        assert_eq!((past, past.field()), (DesksError::Past, "from"));
    }
}
