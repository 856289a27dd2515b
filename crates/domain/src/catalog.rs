//! What operators configure: offices, services, opening hours, booking window. Closures and
//! changes of desks are the administrators', through the API (`calendar`).
//!
//! The server reads it from TOML (an embedded default, or `--config`); [`Catalog::check`]
//! refuses a configuration that could produce impossible slots, so mistakes fail at start-up
//! rather than in front of a citizen.

use crate::document::DocumentRules;
use chrono::NaiveTime;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    #[serde(default)]
    pub booking: BookingRules,
    #[serde(default)]
    pub hours: OpeningHours,
    #[serde(default)]
    pub documents: DocumentRules,
    pub services: Vec<Service>,
    pub offices: Vec<Office>,
    #[serde(default)]
    pub embedding: Embedding,
}

/// The sites allowed to show the booking wizard inside their pages (widget.js): every other
/// site is refused by the browser (Content-Security-Policy `frame-ancestors`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Embedding {
    /// Origins like "https://www.dian.gov.co": scheme, host and port, no path.
    pub allowed_origins: Vec<String>,
}

impl Default for Embedding {
    fn default() -> Self {
        // Where the announcement sends citizens to book ("Agendamiento de citas").
        Embedding { allowed_origins: vec!["https://www.dian.gov.co".to_owned()] }
    }
}

/// How far ahead citizens may book.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields, default)]
pub struct BookingRules {
    /// A slot can be booked until this many minutes before it starts.
    pub min_notice_minutes: u32,
    /// The last bookable date is today (in Bogotá) plus this many days.
    pub horizon_days: u32,
    /// How long a chosen time is kept for the citizen while they finish (extendable once).
    pub hold_minutes: u32,
}

impl Default for BookingRules {
    fn default() -> Self {
        BookingRules { min_notice_minutes: 60, horizon_days: 30, hold_minutes: 10 }
    }
}

/// In-person attention, Monday to Friday: the first slot starts at `opens` and the last one
/// ends by `closes` (the announcement: "entre las 8:00 a. m. y las 4:00 p. m.").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct OpeningHours {
    #[serde(with = "hh_mm")]
    pub opens: NaiveTime,
    #[serde(with = "hh_mm")]
    pub closes: NaiveTime,
}

impl Default for OpeningHours {
    fn default() -> Self {
        OpeningHours {
            opens: NaiveTime::from_hms_opt(8, 0, 0).expect("valid"),
            closes: NaiveTime::from_hms_opt(16, 0, 0).expect("valid"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Service {
    pub id: String,
    pub name: String,
    pub description: String,
    /// English, for the English version of the site; Spanish is shown when missing.
    #[serde(default)]
    pub name_en: Option<String>,
    #[serde(default)]
    pub description_en: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Office {
    /// ASCII slug used in URLs and the API, e.g. "bogota".
    pub id: String,
    pub city: String,
    pub department: String,
    /// DANE municipality code.
    pub dane_code: String,
    /// What the office is called, e.g. "Dirección Seccional de Impuestos y Aduanas de Pasto".
    pub name: String,
    /// Street address, when a source for it is known; otherwise the operator fills it in.
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub postal_code: Option<String>,
    #[serde(default)]
    pub notes: Option<String>,
    /// Officials attending at once: the seats of every slot, until an administrator changes
    /// them from a date on (`calendar::OfficeCalendar::desks_on`).
    pub desks: u32,
    pub slot_minutes: u32,
    /// Where the office is (decimal degrees), to suggest nearby offices and link to a map.
    #[serde(default)]
    pub latitude: Option<f64>,
    #[serde(default)]
    pub longitude: Option<f64>,
}

impl Office {
    pub fn location(&self) -> Option<crate::geo::Point> {
        Some(crate::geo::Point { latitude: self.latitude?, longitude: self.longitude? })
    }
}

impl Catalog {
    pub fn office(&self, id: &str) -> Option<&Office> {
        self.offices.iter().find(|o| o.id == id)
    }

    pub fn service(&self, id: &str) -> Option<&Service> {
        self.services.iter().find(|s| s.id == id)
    }

    /// Every problem with the configuration, so an operator can fix them all at once.
    pub fn check(&self) -> Result<(), Vec<String>> {
        let mut problems = Vec::new();
        let slug = |s: &str| {
            !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        };
        if self.services.is_empty() {
            problems.push("at least one [[services]] is needed".to_owned());
        }
        if self.offices.is_empty() {
            problems.push("at least one [[offices]] is needed".to_owned());
        }
        for (i, s) in self.services.iter().enumerate() {
            if !slug(&s.id) {
                problems
                    .push(format!("service id {:?} must be lowercase ASCII letters, digits or '-'", s.id));
            }
            if self.services[..i].iter().any(|t| t.id == s.id) {
                problems.push(format!("service id {:?} is repeated", s.id));
            }
        }
        if self.hours.opens >= self.hours.closes {
            problems.push("hours.opens must be before hours.closes".to_owned());
        }
        let open_minutes = (self.hours.closes - self.hours.opens).num_minutes();
        for (i, o) in self.offices.iter().enumerate() {
            if !slug(&o.id) {
                problems.push(format!("office id {:?} must be lowercase ASCII letters, digits or '-'", o.id));
            }
            if self.offices[..i].iter().any(|p| p.id == o.id) {
                problems.push(format!("office id {:?} is repeated", o.id));
            }
            if o.desks == 0 || o.desks > 100 {
                problems.push(format!("office {:?}: desks must be between 1 and 100", o.id));
            }
            if o.latitude.is_some() != o.longitude.is_some()
                || o.latitude.is_some_and(|l| !(-90.0..=90.0).contains(&l))
                || o.longitude.is_some_and(|l| !(-180.0..=180.0).contains(&l))
            {
                problems.push(format!("office {:?}: give both latitude and longitude, in degrees", o.id));
            }
            if !(5..=240).contains(&o.slot_minutes) || i64::from(o.slot_minutes) > open_minutes {
                problems.push(format!(
                    "office {:?}: slot_minutes must be between 5 and 240 and fit in the opening hours",
                    o.id
                ));
            }
        }
        for origin in &self.embedding.allowed_origins {
            let rest = origin.strip_prefix("https://").or_else(|| origin.strip_prefix("http://"));
            let valid = rest.is_some_and(|host| {
                !host.is_empty()
                    && host.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':'))
            });
            if !valid {
                problems.push(format!(
                    "embedding.allowed_origins: {origin:?} must be an origin like \"https://www.dian.gov.co\" (no path)"
                ));
            }
        }
        if self.booking.horizon_days == 0 || self.booking.horizon_days > 366 {
            problems.push("booking.horizon_days must be between 1 and 366".to_owned());
        }
        if !(1..=60).contains(&self.booking.hold_minutes) {
            problems.push("booking.hold_minutes must be between 1 and 60".to_owned());
        }
        if problems.is_empty() { Ok(()) } else { Err(problems) }
    }
}

/// "08:00" in configuration files.
mod hh_mm {
    use chrono::NaiveTime;
    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    pub fn serialize<S: Serializer>(t: &NaiveTime, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&crate::time::clock(*t))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveTime, D::Error> {
        let s = String::deserialize(d)?;
        crate::time::parse_clock(&s)
            .ok_or_else(|| D::Error::custom(format!("expected a time like \"08:00\", found {s:?}")))
    }
}
