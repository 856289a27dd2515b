//! The operator's configuration file: the domain's catalogue (offices, services, hours, booking
//! window, embedding) and the server's own sections, `[site]` (how the site is served),
//! `[abuse]` (the defences against scripts, floods and slow clients), `[staff]` (the
//! officials' sessions and agenda), `[mail]` (messages to citizens), `[privacy]` (how long
//! personal data is kept) and `[waitlist]` (offers of freed seats). The server refuses a file that does not make sense, listing
//! every problem.

use anyhow::{Context, bail};
use chrono::{DateTime, FixedOffset};
use citas_domain::catalog::Catalog;
use rand::Rng;
use serde::Deserialize;
use std::net::IpAddr;
use std::path::Path;
use std::time::Duration;

/// The configuration that ships inside the binary.
pub const DEFAULT_CONFIG: &str = include_str!("../config/default.toml");

#[derive(Debug, Clone)]
pub struct Config {
    pub catalog: Catalog,
    pub site: Site,
    pub abuse: Abuse,
    pub staff: Staff,
    pub mail: Mail,
    pub privacy: Privacy,
    pub waitlist: Waitlist,
}

/// The waiting list (`waitlist`): how long a freed seat is held for whoever it is offered to,
/// and how often each instance looks for seats to offer.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Waitlist {
    /// An offer's seat is held this long (never past the booking window's minimum notice).
    pub offer_minutes: u32,
    /// How often an instance offers freed seats and passes on offers not taken in time.
    pub every_seconds: u32,
}

impl Default for Waitlist {
    fn default() -> Self {
        Waitlist { offer_minutes: 120, every_seconds: 30 }
    }
}

impl Waitlist {
    fn check(&self, problems: &mut Vec<String>) {
        if !(10..=24 * 60).contains(&self.offer_minutes) {
            problems.push("waitlist.offer_minutes must be between 10 and 1440".to_owned());
        }
        if !(1..=3600).contains(&self.every_seconds) {
            problems.push("waitlist.every_seconds must be between 1 and 3600".to_owned());
        }
    }
}

/// How long citizens' personal data is kept (`retention`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Privacy {
    /// Days after an appointment ends that its name, document, e-mail and phone are kept.
    pub keep_days: u32,
    /// Days after a cancellation, likewise.
    pub keep_cancelled_days: u32,
    /// How often an instance erases what has been kept long enough.
    pub erase_every_minutes: u32,
}

impl Default for Privacy {
    fn default() -> Self {
        Privacy { keep_days: 90, keep_cancelled_days: 30, erase_every_minutes: 60 }
    }
}

impl Privacy {
    fn check(&self, problems: &mut Vec<String>) {
        for (name, value, most) in [
            ("keep_days", self.keep_days, 3650),
            ("keep_cancelled_days", self.keep_cancelled_days, 3650),
            ("erase_every_minutes", self.erase_every_minutes, 24 * 60),
        ] {
            if !(1..=most).contains(&value) {
                problems.push(format!("privacy.{name} must be between 1 and {most}"));
            }
        }
        if self.keep_cancelled_days > self.keep_days {
            problems.push("privacy.keep_cancelled_days must not be more than privacy.keep_days".to_owned());
        }
    }
}

/// How citizens reach the site.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Site {
    /// Citizens reach it over https (TLS here or at a proxy in front): browsers are told to
    /// come back only over https (Strict-Transport-Security). Off for plain-http intranets and
    /// development, where that header would lock browsers out.
    pub https: bool,
}

/// Defences against scripts, floods and slow clients. Each can be relaxed (a closed intranet,
/// a test); none can be turned into nonsense.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Abuse {
    /// A connection that has not sent a request's headers within this time is closed
    /// (slowloris).
    pub header_read_timeout_seconds: u64,
    /// A request not answered within this time is answered 503 `busy`.
    pub request_timeout_seconds: u64,
    /// Requests handled at once by this instance; more are answered 503 `busy` at once rather
    /// than queued behind them.
    pub max_requests_in_flight: usize,
    /// Whether the rates below limit each client address (429 `too_many_requests`).
    pub rate_limit: bool,
    /// Holds a client address may take per minute (a burst of as many, then one more every
    /// minute divided by it), on this instance.
    pub holds_per_minute: u32,
    /// Bookings a client address may ask for per minute, likewise.
    pub bookings_per_minute: u32,
    /// Lookups, reschedules and cancellations a client address may ask for per minute.
    pub changes_per_minute: u32,
    /// The proxies (addresses, or networks like "10.0.0.0/8") whose `X-Forwarded-For` says
    /// which client a request comes from. A request from anywhere else is its peer's.
    pub trusted_proxies: Vec<Network>,
    /// Live holds one client address may keep at once (browsers behind one address share
    /// them); 0 for no limit.
    pub holds_per_address: u32,
    /// Bookings one client address may make in a day (in Bogotá); 0 for no limit.
    pub bookings_per_address_per_day: u32,
    /// Whether holds and bookings must carry a proof of work (`GET /api/v1/challenge`).
    pub proof_of_work: bool,
    /// The challenge's difficulty: the solution is a number up to this, found by trying them
    /// in turn (half of it on average).
    pub proof_of_work_max_number: u64,
    /// A seat freed by a cancellation or a move returns to the others after a random delay
    /// between these minutes, so that cancelling and booking again cannot hand it to someone
    /// chosen; [0, 0] returns it at once.
    pub release_delay_minutes: [u32; 2],
}

impl Default for Abuse {
    fn default() -> Self {
        Abuse {
            header_read_timeout_seconds: 10,
            request_timeout_seconds: 10,
            max_requests_in_flight: 512,
            rate_limit: true,
            holds_per_minute: 20,
            bookings_per_minute: 5,
            changes_per_minute: 10,
            trusted_proxies: Vec::new(),
            holds_per_address: 3,
            bookings_per_address_per_day: 10,
            proof_of_work: true,
            proof_of_work_max_number: 50_000,
            release_delay_minutes: [2, 10],
        }
    }
}

impl Abuse {
    pub fn header_read_timeout(&self) -> Duration {
        Duration::from_secs(self.header_read_timeout_seconds)
    }

    pub fn request_timeout(&self) -> Duration {
        Duration::from_secs(self.request_timeout_seconds)
    }

    /// When a seat freed `now` returns to the others: after a delay drawn anew for each seat.
    pub fn release_at(&self, now: DateTime<FixedOffset>) -> DateTime<FixedOffset> {
        let [least, most] = self.release_delay_minutes.map(|m| i64::from(m) * 60);
        now + chrono::Duration::seconds(rand::rng().random_range(least..=most))
    }

    /// The most bookings per client address and day, if limited.
    pub fn most_bookings_per_address(&self) -> Option<i64> {
        (self.bookings_per_address_per_day > 0).then_some(i64::from(self.bookings_per_address_per_day))
    }

    /// The most live holds per client address, if limited.
    pub fn most_holds_per_address(&self) -> Option<i64> {
        (self.holds_per_address > 0).then_some(i64::from(self.holds_per_address))
    }

    fn check(&self, problems: &mut Vec<String>) {
        if !(1..=300).contains(&self.header_read_timeout_seconds) {
            problems.push("abuse.header_read_timeout_seconds must be between 1 and 300".to_owned());
        }
        if !(1..=300).contains(&self.request_timeout_seconds) {
            problems.push("abuse.request_timeout_seconds must be between 1 and 300".to_owned());
        }
        if !(1..=100_000).contains(&self.max_requests_in_flight) {
            problems.push("abuse.max_requests_in_flight must be between 1 and 100000".to_owned());
        }
        if !(1_000..=1_000_000).contains(&self.proof_of_work_max_number) {
            problems.push(
                "abuse.proof_of_work_max_number must be between 1000 and 1000000 (proof_of_work = false turns it off)"
                    .to_owned(),
            );
        }
        let [least, most] = self.release_delay_minutes;
        if least > most || most > 120 {
            problems.push(
                "abuse.release_delay_minutes must be [least, most] with least <= most <= 120 ([0, 0] turns it off)"
                    .to_owned(),
            );
        }
        for (name, rate) in [
            ("holds_per_minute", self.holds_per_minute),
            ("bookings_per_minute", self.bookings_per_minute),
            ("changes_per_minute", self.changes_per_minute),
        ] {
            if !(1..=60_000).contains(&rate) {
                problems.push(format!(
                    "abuse.{name} must be between 1 and 60000 (rate_limit = false turns the limits off)"
                ));
            }
        }
    }
}

/// The officials' side: their sessions, their sign-in, and the rules of their agenda.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Staff {
    /// A session unused this long ends.
    pub idle_minutes: u32,
    /// A session ends this long after signing in, used or not (a working day and a bit).
    pub session_hours: u32,
    /// Failed sign-ins of one account, within `sign_in_lock_minutes`, that lock it...
    pub sign_in_failures: u32,
    /// ...for this long.
    pub sign_in_lock_minutes: u32,
    /// Sign-ins a client address may try per minute, on this instance.
    pub sign_ins_per_minute: u32,
    /// A no-show can be marked this long after the appointment's start, not before.
    pub no_show_grace_minutes: u32,
    /// Holds, bookings, moves and cancellations one account may make for citizens per minute, on
    /// this instance (with `[abuse] rate_limit`): the citizens' limits per client address do not
    /// bind a call centre whose agents share one address.
    pub assisted_per_minute: u32,
}

impl Default for Staff {
    fn default() -> Self {
        Staff {
            idle_minutes: 30,
            session_hours: 10,
            sign_in_failures: 5,
            sign_in_lock_minutes: 15,
            sign_ins_per_minute: 10,
            no_show_grace_minutes: 15,
            assisted_per_minute: 30,
        }
    }
}

impl Staff {
    fn check(&self, problems: &mut Vec<String>) {
        for (name, value, most) in [
            ("idle_minutes", self.idle_minutes, 24 * 60),
            ("session_hours", self.session_hours, 24),
            ("sign_in_failures", self.sign_in_failures, 100),
            ("sign_in_lock_minutes", self.sign_in_lock_minutes, 24 * 60),
            ("sign_ins_per_minute", self.sign_ins_per_minute, 60_000),
            ("no_show_grace_minutes", self.no_show_grace_minutes, 240),
            ("assisted_per_minute", self.assisted_per_minute, 60_000),
        ] {
            if !(1..=most).contains(&value) {
                problems.push(format!("staff.{name} must be between 1 and {most}"));
            }
        }
    }
}

/// Messages to citizens (`mail`): where they go out, and when.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Mail {
    /// Where citizens reach the site ("https://citas.example.gov.co"): links lead there.
    pub site_url: String,
    /// The sender, "Name <address>" or an address.
    pub from: String,
    /// Where answers go, when not to `from`; empty for none.
    pub reply_to: String,
    /// Without `smtp`, messages are written here as .eml files; by default `outbox/` beside
    /// the SQLite database, or `data/outbox` (`Store::beside_database`).
    pub outbox_dir: Option<std::path::PathBuf>,
    pub smtp: Option<Smtp>,
    /// The reminder goes this long before the appointment.
    pub reminder_hours: u32,
    /// Attempts after which a message is given up.
    pub max_attempts: u32,
    /// The wait before the first retry; each next waits twice as long, up to six hours.
    pub retry_seconds: u32,
    /// How often each instance looks for messages due.
    pub poll_seconds: u32,
    /// How long an instance has to send a message it claimed before another may take it.
    pub claim_seconds: u32,
    /// A mail server that has not answered by then has failed the attempt.
    pub send_timeout_seconds: u32,
}

impl Default for Mail {
    fn default() -> Self {
        Mail {
            site_url: "http://127.0.0.1:8080".to_owned(),
            from: "Defensoría del Contribuyente <citas@localhost>".to_owned(),
            reply_to: String::new(),
            outbox_dir: None,
            smtp: None,
            reminder_hours: 24,
            max_attempts: 8,
            retry_seconds: 60,
            poll_seconds: 5,
            claim_seconds: 300,
            send_timeout_seconds: 30,
        }
    }
}

/// The mail server messages are handed to. Its account comes from the environment
/// (`CITAS_SMTP_USER`, `CITAS_SMTP_PASSWORD`), never from this file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Smtp {
    pub host: String,
    pub port: u16,
    pub security: Security,
    /// The certificate (PEM) of the authority that signed the mail server's, when it is not one
    /// of the public authorities (an agency's own relay): trusted besides them.
    #[serde(default)]
    pub ca_file: Option<std::path::PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Security {
    /// Plain connection upgraded with STARTTLS, which is required (port 587).
    Starttls,
    /// TLS from the first byte (port 465).
    Tls,
    /// No encryption: only for a relay on the same machine or a test's.
    None,
}

impl Mail {
    fn check(&self, problems: &mut Vec<String>) {
        if !(self.site_url.starts_with("https://") || self.site_url.starts_with("http://"))
            || self.site_url.ends_with('/')
        {
            problems.push("mail.site_url must be an http(s) address without a final /".to_owned());
        }
        if self.from.parse::<lettre::message::Mailbox>().is_err() {
            problems.push(format!("mail.from {:?} is not an address like \"Name <a@b.co>\"", self.from));
        }
        if !self.reply_to.is_empty() && self.reply_to.parse::<lettre::message::Mailbox>().is_err() {
            problems.push(format!("mail.reply_to {:?} is not an address", self.reply_to));
        }
        for (name, value, most) in [
            ("reminder_hours", self.reminder_hours, 24 * 7),
            ("max_attempts", self.max_attempts, 100),
            ("retry_seconds", self.retry_seconds, 24 * 3600),
            ("poll_seconds", self.poll_seconds, 3600),
            ("claim_seconds", self.claim_seconds, 24 * 3600),
            ("send_timeout_seconds", self.send_timeout_seconds, 600),
        ] {
            if !(1..=most).contains(&value) {
                problems.push(format!("mail.{name} must be between 1 and {most}"));
            }
        }
        if self.claim_seconds <= self.send_timeout_seconds {
            problems.push("mail.claim_seconds must be longer than mail.send_timeout_seconds".to_owned());
        }
        if let Some(smtp) = &self.smtp
            && smtp.host.trim().is_empty()
        {
            problems.push("mail.smtp.host must name the mail server".to_owned());
        }
    }
}

/// An address, or a network of them ("10.0.0.0/8", "fd00::/8").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Network {
    address: IpAddr,
    prefix: u8,
}

impl Network {
    pub fn contains(&self, address: IpAddr) -> bool {
        let bits = |a: IpAddr| match a {
            IpAddr::V4(v4) => (u128::from(v4.to_bits()) << 96, 32),
            IpAddr::V6(v6) => (v6.to_bits(), 128),
        };
        let ((network, width), (candidate, candidate_width)) = (bits(self.address), bits(address));
        let mask = u128::MAX.checked_shl(u32::from(128 - self.prefix)).unwrap_or(0);
        width == candidate_width && network & mask == candidate & mask
    }
}

impl std::str::FromStr for Network {
    type Err = String;

    fn from_str(text: &str) -> Result<Network, String> {
        let invalid = || format!("{text:?} is not an address or a network like \"10.0.0.0/8\"");
        let (address, prefix) = match text.split_once('/') {
            Some((address, prefix)) => (address, Some(prefix)),
            None => (text, None),
        };
        let address: IpAddr = address.trim().parse().map_err(|_| invalid())?;
        let width = if address.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            Some(p) => p.trim().parse::<u8>().ok().filter(|p| *p <= width).ok_or_else(invalid)?,
            None => width,
        };
        Ok(Network { address, prefix })
    }
}

impl<'de> Deserialize<'de> for Network {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Network, D::Error> {
        String::deserialize(deserializer)?.parse().map_err(serde::de::Error::custom)
    }
}

pub fn load_config(path: &Path) -> anyhow::Result<Config> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read the configuration {}", path.display()))?;
    parse_config(&text).with_context(|| format!("in {}", path.display()))
}

/// The server's sections are taken out of the file; the rest is the domain's catalogue.
pub fn parse_config(text: &str) -> anyhow::Result<Config> {
    let mut table: toml::Table = toml::from_str(text)?;
    if table.contains_key("closures") {
        bail!(
            "[[closures]] do not belong in the configuration: an administrator closes offices \
             through the API (POST /api/v1/staff/closures), which every instance sees at once"
        );
    }
    let site: Site = section(&mut table, "site")?;
    let abuse: Abuse = section(&mut table, "abuse")?;
    let staff: Staff = section(&mut table, "staff")?;
    let mail: Mail = section(&mut table, "mail")?;
    let privacy: Privacy = section(&mut table, "privacy")?;
    let waitlist: Waitlist = section(&mut table, "waitlist")?;
    let catalog: Catalog = table.try_into()?;
    let mut problems = catalog.check().err().unwrap_or_default();
    abuse.check(&mut problems);
    staff.check(&mut problems);
    mail.check(&mut problems);
    privacy.check(&mut problems);
    waitlist.check(&mut problems);
    if !problems.is_empty() {
        bail!("the configuration has problems:\n  - {}", problems.join("\n  - "));
    }
    Ok(Config { catalog, site, abuse, staff, mail, privacy, waitlist })
}

fn section<T: for<'de> Deserialize<'de> + Default>(table: &mut toml::Table, name: &str) -> anyhow::Result<T> {
    match table.remove(name) {
        Some(value) => value.try_into().with_context(|| format!("in [{name}]")),
        None => Ok(T::default()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn networks_hold_their_addresses_only() {
        let net: Network = "10.1.0.0/16".parse().unwrap();
        assert!(net.contains("10.1.200.3".parse().unwrap()));
        assert!(!net.contains("10.2.0.1".parse().unwrap()));
        assert!(!net.contains("::ffff:10.1.0.1".parse().unwrap()));
        let one: Network = "192.0.2.7".parse().unwrap();
        assert!(one.contains("192.0.2.7".parse().unwrap()));
        assert!(!one.contains("192.0.2.8".parse().unwrap()));
        let v6: Network = "fd00::/8".parse().unwrap();
        assert!(v6.contains("fd12::1".parse().unwrap()));
        let everything: Network = "0.0.0.0/0".parse().unwrap();
        assert!(everything.contains("203.0.113.9".parse().unwrap()));
        for bad in ["10.0.0.0/33", "host", "10.0.0/8", "::/129"] {
            assert!(bad.parse::<Network>().is_err(), "{bad}");
        }
    }

    #[test]
    fn the_embedded_configuration_has_the_18_cities_and_4_services() {
        let config = parse_config(DEFAULT_CONFIG).unwrap();
        assert_eq!(config.catalog.offices.len(), 18);
        assert_eq!(config.catalog.services.len(), 4);
        let bogota = config.catalog.office("bogota").unwrap();
        assert_eq!(bogota.city, "Bogotá");
        assert_eq!(bogota.postal_code.as_deref(), Some("111711"));
        assert!(!config.site.https);
    }

    #[test]
    fn a_broken_configuration_is_refused_with_every_problem() {
        let text = DEFAULT_CONFIG
            .replace("desks = 3", "desks = 0")
            .replace(r#"id = "cali""#, r#"id = "Cali!""#)
            .replace("max_requests_in_flight = 512", "max_requests_in_flight = 0")
            .replace("release_delay_minutes = [2, 10]", "release_delay_minutes = [10, 2]");
        let err = parse_config(&text).unwrap_err().to_string();
        assert!(err.contains("desks must be between 1 and 100"), "{err}");
        assert!(err.contains("\"Cali!\""), "{err}");
        assert!(err.contains("abuse.max_requests_in_flight"), "{err}");
        assert!(err.contains("abuse.release_delay_minutes"), "{err}");
        let text = DEFAULT_CONFIG.replace("trusted_proxies = []", "trusted_proxies = [\"10.0.0.0/33\"]");
        let err = format!("{:#}", parse_config(&text).unwrap_err());
        assert!(err.contains("10.0.0.0/33"), "{err}");
        let err = parse_config("[booking]\nhorizon = 3").unwrap_err().to_string();
        assert!(err.contains("unknown field"), "{err}");
        let err = format!(
            "{:#}",
            parse_config(&DEFAULT_CONFIG.replace("https = false", "http = true")).unwrap_err()
        );
        assert!(err.contains("unknown field"), "{err}");
    }

    #[test]
    fn closures_in_the_configuration_point_to_the_api() {
        let text =
            format!("{DEFAULT_CONFIG}\n[[closures]]\ndate = \"2026-12-24\"\nreason = \"Inventario\"\n");
        let err = parse_config(&text).unwrap_err().to_string();
        assert!(err.contains("POST /api/v1/staff/closures"), "{err}");
    }
}
