//! What administrators change in offices' calendars, beyond the configuration: closures (whole
//! days, or hours of them) and the desks attending from a date on. The server keeps them in
//! the database and reads them on every request that plans days, so a change reaches every
//! instance at once; the configuration still gives the hours, the slot length and the desks
//! before any change.

use crate::api::staff::{ClosureOffices, DesksChange, NewClosure};
use crate::catalog::Office;
use crate::lang::Lang;
use crate::schedule::Slot;
use crate::time::at_bogota;
use chrono::{NaiveDate, NaiveTime};

/// Why an office does not attend, in the administrator's words: Spanish, and English when they
/// gave it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClosureReason {
    pub es: String,
    pub en: Option<String>,
}

impl ClosureReason {
    /// The reason in `lang`; Spanish when there is no English.
    pub fn in_lang(&self, lang: Lang) -> &str {
        match (lang, &self.en) {
            (Lang::En, Some(en)) => en,
            _ => &self.es,
        }
    }
}

/// Days an office does not attend, from `from` to `to`: whole days, or with `hours` the slots
/// that overlap `[start, end)` on each of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Closure {
    pub offices: ClosureOffices,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub hours: Option<(NaiveTime, NaiveTime)>,
    pub reason: ClosureReason,
}

impl Closure {
    /// Whether it closes `office` for the whole of `date`.
    pub fn closes_day(&self, office: &str, date: NaiveDate) -> bool {
        self.hours.is_none() && self.applies(office, date)
    }

    /// Whether it removes `slot` of `office`.
    pub fn closes_slot(&self, office: &str, slot: &Slot) -> bool {
        let date = slot.start.date_naive();
        if !self.applies(office, date) {
            return false;
        }
        match self.hours {
            None => true,
            Some((start, end)) => {
                slot.start < at_bogota(date.and_time(end)) && slot.end > at_bogota(date.and_time(start))
            }
        }
    }

    fn applies(&self, office: &str, date: NaiveDate) -> bool {
        (self.from..=self.to).contains(&date) && self.offices.includes(office)
    }
}

impl From<&NewClosure> for Closure {
    fn from(c: &NewClosure) -> Closure {
        Closure {
            offices: c.offices.clone(),
            from: c.from,
            to: c.to,
            hours: c.from_time.zip(c.to_time),
            reason: ClosureReason { es: c.reason_es.clone(), en: c.reason_en.clone() },
        }
    }
}

/// The desks of one office from a date on, until a later change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DesksFrom {
    pub office: String,
    pub change: DesksChange,
}

/// The closures and desk changes that bear on some days, as read for planning them. The
/// empty calendar is the configuration's alone.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OfficeCalendar {
    pub closures: Vec<Closure>,
    /// For each office, its latest change on or before the first day asked for and every later
    /// one.
    pub desks: Vec<DesksFrom>,
}

impl OfficeCalendar {
    /// The desks of `office` on `date`: its latest change on or before the date, else the
    /// configured ones.
    pub fn desks_on(&self, office: &Office, date: NaiveDate) -> u32 {
        self.desks
            .iter()
            .filter(|d| d.office == office.id && d.change.from <= date)
            .max_by_key(|d| d.change.from)
            .map_or(office.desks, |d| d.change.desks)
    }

    /// The closure that closes `office` for the whole of `date`, if any.
    pub fn closure_of_day(&self, office: &str, date: NaiveDate) -> Option<&Closure> {
        self.closures.iter().find(|c| c.closes_day(office, date))
    }

    /// The closure that removes `slot` of `office`, if any.
    pub fn closure_of_slot(&self, office: &str, slot: &Slot) -> Option<&Closure> {
        self.closures.iter().find(|c| c.closes_slot(office, slot))
    }
}
