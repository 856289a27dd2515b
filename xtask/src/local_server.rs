//! A server on loopback for the bench and the API's contract: a free port, a test clock, and the
//! defences against scripts turned off, killed when dropped.

use anyhow::{Context, Result, bail};
use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The test clock: a Tuesday morning before the offices open, with the whole window ahead.
pub const NOW: &str = "2026-12-01T07:00:00-05:00";

/// The server's default configuration with the defences against scripts turned off: every
/// request comes from one address, faster than any citizen, and takes freed seats again at once.
fn relaxed_config() -> String {
    include_str!("../../crates/server/config/default.toml")
        .replace("rate_limit = true", "rate_limit = false")
        .replace("holds_per_address = 3", "holds_per_address = 0")
        .replace("bookings_per_address_per_day = 10", "bookings_per_address_per_day = 0")
        .replace("release_delay_minutes = [2, 10]", "release_delay_minutes = [0, 0]")
        .replace("proof_of_work = true", "proof_of_work = false")
}

pub struct Server {
    pub base: String,
    _process: Process,
}

impl Server {
    /// `binary` on a free port with `database`, the relaxed configuration and `args`.
    pub fn start(args: &[&str], binary: &Path, database: &str) -> Result<Server> {
        let config = std::env::temp_dir().join(format!("citas-relaxed-{}.toml", std::process::id()));
        std::fs::write(&config, relaxed_config())?;
        let config = config.to_str().context("a temporary path in UTF-8")?;
        Server::start_configured(&[&["--config", config], args].concat(), binary, database)
    }

    /// The same with the server's own defaults (every defence on), or what `args` configure.
    pub fn start_configured(args: &[&str], binary: &Path, database: &str) -> Result<Server> {
        let port = free_port()?;
        let mut command = Command::new(binary);
        command
            .args(["--addr", &format!("127.0.0.1:{port}"), "--database", database, "--now", NOW])
            .args(args)
            .env("RUST_LOG", "warn");
        let process = Process::spawn(&mut command)?;
        let base = format!("http://127.0.0.1:{port}");
        wait_for(&format!("{base}/readyz"))?;
        Ok(Server { base, _process: process })
    }
}

pub struct Process(Child);

impl Process {
    pub fn spawn(command: &mut Command) -> Result<Process> {
        Ok(Process(command.stdout(Stdio::null()).spawn()?))
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub fn wait_for(url: &str) -> Result<()> {
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        if Command::new("curl").args(["-sf", "-o", "/dev/null", url]).status().is_ok_and(|s| s.success()) {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    bail!("{url} did not answer")
}

pub fn free_port() -> Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}
