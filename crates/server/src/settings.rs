//! Command-line settings and the operator's configuration file.

use crate::clock::Clock;
use crate::config::{Config, DEFAULT_CONFIG, load_config, parse_config};
use anyhow::Context;
use chrono::{DateTime, FixedOffset};
use clap::Parser;
use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "citas-server",
    about = "Agendamiento de citas — Defensoría del Contribuyente y del Usuario Aduanero"
)]
pub struct Args {
    /// Something other than serving, e.g. managing officials' accounts.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// Address of Prometheus' /metrics, apart from the public one (a private network, or
    /// 127.0.0.1 for a collector on the machine); without it, metrics are not served.
    #[arg(long)]
    pub metrics_addr: Option<SocketAddr>,
    /// Database URL: sqlite://data/citas.db (one machine) or postgres://user@host/db (several
    /// instances on one database).
    #[arg(long, default_value = "sqlite://data/citas.db", global = true)]
    pub database: String,
    /// Connections in this instance's database pool.
    #[arg(long, default_value_t = 8)]
    pub max_connections: u32,
    /// Directory of the built client (trunk's dist/); without it only the API is served.
    #[arg(long)]
    pub static_dir: Option<PathBuf>,
    /// Operator configuration (TOML); the embedded default when left out.
    #[arg(long, global = true)]
    pub config: Option<PathBuf>,
    /// Start the clock at this instant (RFC 3339), for tests and demos.
    #[arg(long, value_parser = parse_instant)]
    pub now: Option<DateTime<FixedOffset>>,
    /// Log lines as text, or as JSON objects for a log collector.
    #[arg(long, value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,
}

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Officials' accounts, in the database of --database.
    #[command(subcommand)]
    Users(Users),
}

#[derive(Debug, clap::Subcommand)]
pub enum Users {
    /// Adds an account. Its password (12 characters at least) is read from standard input.
    Add {
        #[arg(long)]
        email: String,
        #[arg(long, value_parser = ["funcionario", "administrador", "contact_center"])]
        role: String,
        /// An office a funcionario acts on (its id, e.g. cali); repeat for several.
        #[arg(long = "office")]
        offices: Vec<String>,
    },
    /// Lists the accounts.
    List,
    /// Disables an account: its sessions end and it cannot sign in.
    Disable {
        #[arg(long)]
        email: String,
    },
    /// Enables a disabled account again.
    Enable {
        #[arg(long)]
        email: String,
    },
    /// Sets a new password, read from standard input; the account's sessions end and any lock
    /// is lifted.
    ResetPassword {
        #[arg(long)]
        email: String,
    },
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
    pub metrics_addr: Option<SocketAddr>,
    pub database_url: String,
    pub max_connections: u32,
    pub static_dir: Option<PathBuf>,
    pub config: Config,
    /// Where `config` was read from, if not the embedded default.
    pub config_path: Option<PathBuf>,
    pub clock: Clock,
}

impl Settings {
    pub fn from_args(args: Args) -> anyhow::Result<Settings> {
        let config = match &args.config {
            Some(path) => load_config(path)?,
            None => parse_config(DEFAULT_CONFIG).context("the embedded default configuration")?,
        };
        Ok(Settings {
            addr: args.addr,
            metrics_addr: args.metrics_addr,
            database_url: args.database,
            max_connections: args.max_connections,
            static_dir: args.static_dir,
            config,
            config_path: args.config,
            clock: args.now.map_or_else(Clock::system, Clock::starting_at),
        })
    }
}
