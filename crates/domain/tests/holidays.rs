//! Our holiday table against an independent implementation (python `holidays`, see the
//! fixture's header), for every year the service is likely to run in.

use chrono::NaiveDate;
use citas_domain::holidays::{holiday_on, holidays_in};
use std::collections::BTreeSet;

fn reference() -> BTreeSet<NaiveDate> {
    include_str!("fixtures/holidays-co-2024-2030.txt")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').next().unwrap().parse().unwrap())
        .collect()
}

#[test]
fn holidays_2024_to_2030_match_the_independent_reference() {
    let ours: BTreeSet<NaiveDate> = (2024..=2030).flat_map(holidays_in).map(|h| h.date).collect();
    let reference = reference();
    let missing: Vec<_> = reference.difference(&ours).collect();
    let extra: Vec<_> = ours.difference(&reference).collect();
    assert!(missing.is_empty() && extra.is_empty(), "missing {missing:?}, extra {extra:?}");
    // The law names 18 feasts a year, 19 from 2026 (Ley 2578); some years two share a date.
    for year in 2024..=2030 {
        assert_eq!(holidays_in(year).len(), if year < 2026 { 18 } else { 19 }, "{year}");
    }
}

#[test]
fn every_listed_date_is_found_by_holiday_on() {
    for date in reference() {
        assert!(holiday_on(date).is_some(), "{date}");
    }
}

#[test]
fn well_known_dates() {
    let d = |s: &str| s.parse::<NaiveDate>().unwrap();
    assert_eq!(holiday_on(d("2026-12-08")).unwrap().name, "Inmaculada Concepción");
    assert_eq!(holiday_on(d("2027-03-25")).unwrap().name, "Jueves Santo");
    assert_eq!(holiday_on(d("2027-03-26")).unwrap().name, "Viernes Santo");
    assert_eq!(holiday_on(d("2026-11-16")).unwrap().name, "Independencia de Cartagena");
    assert!(holiday_on(d("2026-11-11")).is_none());
    assert!(holiday_on(d("2026-12-24")).is_none());
}
