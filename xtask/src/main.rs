//! Developer commands, so a fresh clone needs only cargo:
//!
//!   cargo xtask run    install what is missing, build, serve http://127.0.0.1:8080 on SQLite
//!   cargo xtask test   fmt check, clippy -D warnings, every Rust test, the API's contract,
//!                      the browser tests
//!
//! Tool versions come from Trunk.toml (wasm-bindgen must also equal Cargo.lock's); tools are
//! installed once, never downloaded by trunk (it runs --offline).

mod api_contract;
mod bench;
mod client;
mod local_server;
mod locales;
mod tools;

use anyhow::Result;
use std::path::{Path, PathBuf};
use std::process::Command;
use tools::run;

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let command = args.next().unwrap_or_default();
    let rest: Vec<String> = args.collect();
    let root = workspace_root();
    std::env::set_current_dir(&root)?;
    match command.as_str() {
        "run" => serve(&root, &rest),
        "test" => test(&root),
        "bench" => bench::bench(&root),
        // The contract step of `test` alone, against the debug server already built.
        "contract" => api_contract::contract(&root),
        _ => {
            eprintln!("usage: cargo xtask run [server options] | cargo xtask test | cargo xtask bench");
            std::process::exit(2);
        }
    }
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives in the workspace").to_owned()
}

/// Builds everything in release and serves it on http://127.0.0.1:8080 with SQLite under data/.
fn serve(root: &Path, server_args: &[String]) -> Result<()> {
    let tools = tools::ensure_build_tools(root)?;
    client::build_client(root, &tools)?;
    cargo(&["build", "--release", "-p", "citas-server"])?;
    // The server's own defaults serve 127.0.0.1:8080 from data/citas.db; what is given wins.
    let given = |flag: &str| {
        server_args.iter().enumerate().find_map(|(i, a)| match a.strip_prefix(flag) {
            Some("") => server_args.get(i + 1).map(String::as_str),
            Some(value) => value.strip_prefix('='),
            None => None,
        })
    };
    let mut server = Command::new(root.join("target/release/citas-server"));
    if given("--static-dir").is_none() {
        server.args(["--static-dir", "dist"]);
    }
    server.args(server_args);
    println!("citas: http://{} (Ctrl-C to stop)", given("--addr").unwrap_or("127.0.0.1:8080"));
    run(&mut server)
}

fn test(root: &Path) -> Result<()> {
    let tools = tools::ensure_build_tools(root)?;
    step("formatting");
    cargo(&["fmt", "--all", "--check"])?;
    step("clippy (server, domain, bench, xtask)");
    cargo(&[
        "clippy",
        "-p",
        "citas-domain",
        "-p",
        "citas-server",
        "-p",
        "citas-bench",
        "-p",
        "xtask",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ])?;
    step("clippy (web client, wasm32)");
    cargo(&[
        "clippy",
        "-p",
        "citas",
        "-p",
        "citas-domain",
        "--target",
        "wasm32-unknown-unknown",
        "--",
        "-D",
        "warnings",
    ])?;
    step("Rust tests (SQLite)");
    cargo(&["test", "-p", "citas-domain", "-p", "citas-server", "-p", "xtask"])?;
    postgres_tests()?;
    step("API contract (schemathesis against the OpenAPI document)");
    // `cargo test` above built the debug server binary it runs.
    api_contract::contract(root)?;
    step("web client build");
    client::build_client(root, &tools)?;
    step("browser tests");
    let chromium = tools::ensure_chromium()?;
    let browser_dir = root.join("tests/browser");
    tools::npm_ci(&browser_dir)?;
    let mut playwright = Command::new(browser_dir.join("node_modules/.bin/playwright"));
    playwright
        .arg("test")
        .current_dir(&browser_dir)
        .env("CHROMIUM", chromium)
        // `cargo test` above built the debug server binary the browser tests run.
        .env("CITAS_SERVER", root.join("target/debug/citas-server"))
        .env("CITAS_DIST", root.join("dist"));
    run(&mut playwright)?;
    println!("\nall checks passed");
    Ok(())
}

/// The server's whole suite again on PostgreSQL: always in CI (the machine has it), elsewhere
/// when CITAS_TEST_POSTGRES gives an administrator's URL.
fn postgres_tests() -> Result<()> {
    const VAR: &str = "CITAS_TEST_POSTGRES";
    let url = std::env::var(VAR).ok().filter(|u| !u.is_empty()).or_else(|| {
        std::env::var("CI")
            .is_ok_and(|ci| ci == "true")
            .then(|| "postgres://postgres@127.0.0.1:5432/test".to_owned())
    });
    let Some(url) = url else {
        step(&format!("Rust tests (PostgreSQL): SKIPPED — set {VAR}=postgres://user@host/db to run them"));
        return Ok(());
    };
    step(&format!("Rust tests (PostgreSQL at {url})"));
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    run(Command::new(cargo).args(["test", "-p", "citas-server"]).env(VAR, url))
}

fn step(name: &str) {
    println!("\n==> {name}");
}

pub(crate) fn cargo(args: &[&str]) -> Result<()> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    run(Command::new(cargo).args(args))
}
