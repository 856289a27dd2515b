//! `cargo xtask contract`: the running server against its own OpenAPI document. schemathesis
//! sends every operation generated requests, valid and invalid, and fails on any 5xx, any
//! status the document does not list, and any answer that does not match it. The debug
//! server runs with the defences against scripts turned off, so that a random request is
//! refused for what it says, not for how often it comes.
//!
//! Two runs: every operation as anyone on the Internet calls it (the officials' ones then only
//! meet their gate), and the officials' operations again signed in as an administrador from the
//! site's own origin, so that what is behind the gate meets the same requests.

use crate::local_server::Server;
use crate::tools::{self, run};
use anyhow::{Context, Result, bail};
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

/// Requests per operation and phase in the first run: it stays within about two minutes here.
/// The officials' operations, which it can only see refuse it, get fewer
/// (`generation.max-examples` in xtask/schemathesis.toml, which wins over this).
const MAX_EXAMPLES: &str = "200";

/// The same for the signed-in run, which has only the officials' operations.
const SIGNED_IN_EXAMPLES: &str = "50";

/// The account the signed-in run uses, made in the run's own fresh database.
const EMAIL: &str = "contrato@dian.gov.co";
const PASSWORD: &str = "una clave del contrato";

pub fn contract(root: &Path) -> Result<()> {
    let schemathesis = tools::ensure_schemathesis(root)?;
    let scratch = std::env::temp_dir().join(format!("citas-contract-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&scratch);
    std::fs::create_dir_all(&scratch)?;
    let database = format!("sqlite://{}/contract.db", scratch.display());
    let binary = root.join("target/debug/citas-server");
    let server = Server::start(&[], &binary, &database)?;
    let everyone = root.join("xtask/schemathesis.toml");
    let result = run(&mut schemathesis_run(&schemathesis, &everyone, &server, &scratch, MAX_EXAMPLES))
        .and_then(|()| signed_in(root, &schemathesis, &binary, &database, &server, &scratch));
    drop(server);
    let _ = std::fs::remove_dir_all(&scratch);
    result
}

/// The officials' operations but signing in and out, with an administrador's session.
fn signed_in(
    root: &Path,
    schemathesis: &Path,
    binary: &Path,
    database: &str,
    server: &Server,
    scratch: &Path,
) -> Result<()> {
    let session = sign_in(binary, database, server)?;
    // The appointments that the operations taking a code act on (xtask/schemathesis-signed-in.toml):
    // one this morning by the test clock, which can be checked in, and one tomorrow. Their
    // documents are in xtask/schemathesis.toml's dictionary, so that some check-ins match.
    let today = book(server, &session, "2026-12-01T09:00:00-05:00", "1020304050")?;
    let tomorrow = book(server, &session, "2026-12-02T08:00:00-05:00", "52345678")?;
    // This run's blocks first: for an operation, the first block that matches decides.
    let config = scratch.join("signed-in.toml");
    let ours = std::fs::read_to_string(root.join("xtask/schemathesis-signed-in.toml"))?;
    let shared = std::fs::read_to_string(root.join("xtask/schemathesis.toml"))?;
    std::fs::write(&config, format!("{ours}\n{shared}"))?;
    std::fs::write(scratch.join("today.dict"), format!("\"{today}\"\n"))?;
    std::fs::write(scratch.join("tomorrow.dict"), format!("\"{tomorrow}\"\n"))?;
    run(schemathesis_run(schemathesis, &config, server, scratch, SIGNED_IN_EXAMPLES)
        .args(["--include-path-regex", "^/api/v1/staff/", "--exclude-path", "/api/v1/staff/session"])
        .args(["--header", &format!("Origin: {}", server.base)])
        .env("CITAS_SESSION", session))
}

fn schemathesis_run(
    schemathesis: &Path,
    config: &Path,
    server: &Server,
    scratch: &Path,
    examples: &str,
) -> Command {
    let mut command = Command::new(schemathesis);
    command
        .arg("--config-file")
        .arg(config)
        .arg("run")
        .arg(format!("{}/api/v1/openapi.json", server.base))
        .args(["--checks", "all", "--max-examples", examples, "--seed", "1", "--no-color"])
        .current_dir(scratch);
    command
}

/// Books an appointment at Bogotá for the cédula `number`, as an official does: its code.
fn book(server: &Server, session: &str, start: &str, number: &str) -> Result<String> {
    let body = serde_json::json!({
        "office": "bogota",
        "service": "dudas",
        "start": start,
        "document": {"kind": "CC", "number": number},
        "name": "Ana María Pérez",
        "consent": {"verbal": true},
    });
    let answer = curl(server, "/api/v1/staff/appointments")
        .args(["-H", &format!("Cookie: citas_funcionario={session}"), "--data", &body.to_string()])
        .output()?;
    let appointment: serde_json::Value = serde_json::from_slice(&answer.stdout)
        .with_context(|| format!("booking at {start}: {}", String::from_utf8_lossy(&answer.stdout)))?;
    appointment["code"]
        .as_str()
        .map(str::to_owned)
        .with_context(|| format!("booking at {start} was refused: {appointment}"))
}

/// `curl` posting JSON to `path` from the site's own origin.
fn curl(server: &Server, path: &str) -> Command {
    let mut command = Command::new("curl");
    command
        .args(["-s", "-H", "Content-Type: application/json"])
        .args(["-H", &format!("Origin: {}", server.base)])
        .arg(format!("{}{path}", server.base));
    command
}

/// Adds the administrador's account and signs in: the value of the session's cookie.
fn sign_in(binary: &Path, database: &str, server: &Server) -> Result<String> {
    let mut add = Command::new(binary)
        .args(["users", "add", "--database", database, "--email", EMAIL, "--role", "administrador"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()?;
    add.stdin.take().context("the password's pipe")?.write_all(format!("{PASSWORD}\n").as_bytes())?;
    if !add.wait()?.success() {
        bail!("could not add the contract's account");
    }
    let credentials = serde_json::json!({"email": EMAIL, "password": PASSWORD});
    let answer = curl(server, "/api/v1/staff/session")
        .args(["-o", "/dev/null", "-D", "-", "--data", &credentials.to_string()])
        .output()?;
    let headers = String::from_utf8(answer.stdout)?;
    headers
        .lines()
        .filter_map(|line| line.split_once(':'))
        .filter(|(name, _)| name.eq_ignore_ascii_case("set-cookie"))
        .find_map(|(_, value)| value.trim().strip_prefix("citas_funcionario="))
        .and_then(|cookie| cookie.split(';').next())
        .map(str::to_owned)
        .with_context(|| format!("signing in gave no session:\n{headers}"))
}
