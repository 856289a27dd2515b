//! Command-line settings and the operator's configuration file.

use crate::clock::Clock;
use anyhow::{Context, bail};
use chrono::{DateTime, FixedOffset};
use citas_domain::catalog::Catalog;
use clap::Parser;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

/// The configuration that ships inside the binary.
pub const DEFAULT_CONFIG: &str = include_str!("../config/default.toml");

#[derive(Debug, Parser)]
#[command(
    name = "citas-server",
    about = "Agendamiento de citas — Defensoría del Contribuyente y del Usuario Aduanero"
)]
pub struct Args {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// Database URL: sqlite://data/citas.db (one machine) or postgres://user@host/db (several
    /// instances on one database).
    #[arg(long, default_value = "sqlite://data/citas.db")]
    pub database: String,
    /// Connections in this instance's database pool.
    #[arg(long, default_value_t = 8)]
    pub max_connections: u32,
    /// Directory of the built client (trunk's dist/); without it only the API is served.
    #[arg(long)]
    pub static_dir: Option<PathBuf>,
    /// Operator configuration (TOML); the embedded default when left out.
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Start the clock at this instant (RFC 3339), for tests and demos.
    #[arg(long, value_parser = parse_instant)]
    pub now: Option<DateTime<FixedOffset>>,
    /// Log lines as text, or as JSON objects for a log collector.
    #[arg(long, value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

fn parse_instant(s: &str) -> Result<DateTime<FixedOffset>, String> {
    DateTime::parse_from_rfc3339(s)
        .map_err(|e| format!("expected an RFC 3339 instant like 2027-03-15T07:00:00-05:00 ({e})"))
}

/// Everything the server needs to start.
#[derive(Debug, Clone)]
pub struct Settings {
    pub addr: SocketAddr,
    pub database_url: String,
    pub max_connections: u32,
    pub static_dir: Option<PathBuf>,
    pub catalog: Catalog,
    pub clock: Clock,
}

impl Settings {
    pub fn from_args(args: Args) -> anyhow::Result<Settings> {
        let catalog = match &args.config {
            Some(path) => load_catalog(path)?,
            None => parse_catalog(DEFAULT_CONFIG).context("the embedded default configuration")?,
        };
        Ok(Settings {
            addr: args.addr,
            database_url: args.database,
            max_connections: args.max_connections,
            static_dir: args.static_dir,
            catalog,
            clock: args.now.map_or_else(Clock::system, Clock::starting_at),
        })
    }
}

pub fn load_catalog(path: &Path) -> anyhow::Result<Catalog> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read the configuration {}", path.display()))?;
    parse_catalog(&text).with_context(|| format!("in {}", path.display()))
}

pub fn parse_catalog(text: &str) -> anyhow::Result<Catalog> {
    let catalog: Catalog = toml::from_str(text)?;
    if let Err(problems) = catalog.check() {
        bail!("the configuration has problems:\n  - {}", problems.join("\n  - "));
    }
    Ok(catalog)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_configuration_has_the_18_cities_and_4_services() {
        let catalog = parse_catalog(DEFAULT_CONFIG).unwrap();
        assert_eq!(catalog.offices.len(), 18);
        assert_eq!(catalog.services.len(), 4);
        let bogota = catalog.office("bogota").unwrap();
        assert_eq!(bogota.city, "Bogotá");
        assert_eq!(bogota.postal_code.as_deref(), Some("111711"));
    }

    #[test]
    fn a_broken_configuration_is_refused_with_every_problem() {
        let text =
            DEFAULT_CONFIG.replace("desks = 3", "desks = 0").replace(r#"id = "cali""#, r#"id = "Cali!""#);
        let err = parse_catalog(&text).unwrap_err().to_string();
        assert!(err.contains("desks must be between 1 and 100"), "{err}");
        assert!(err.contains("\"Cali!\""), "{err}");
        let err = parse_catalog("[booking]\nhorizon = 3").unwrap_err().to_string();
        assert!(err.contains("unknown field"), "{err}");
    }
}
