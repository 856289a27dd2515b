//! Developer commands, so a fresh clone needs only cargo:
//!
//!   cargo xtask run    install what is missing, build, serve http://127.0.0.1:8080 on SQLite
//!   cargo xtask test   fmt check, clippy -D warnings, every Rust test, the browser tests
//!
//! Tool versions come from Trunk.toml (wasm-bindgen must also equal Cargo.lock's); tools are
//! installed once, never downloaded by trunk (it runs --offline).

mod bench;
mod locales;
mod tools;

use anyhow::{Context, Result};
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
    build_client(&tools)?;
    cargo(&["build", "--release", "-p", "citas-server"])?;
    let mut server = Command::new(root.join("target/release/citas-server"));
    server.args(["--addr", "127.0.0.1:8080", "--database", "sqlite://data/citas.db", "--static-dir", "dist"]);
    server.args(server_args);
    println!("citas: http://127.0.0.1:8080 (Ctrl-C to stop)");
    run(&mut server)
}

fn test(root: &Path) -> Result<()> {
    let tools = tools::ensure_build_tools(root)?;
    step("formatting");
    cargo(&["fmt", "--all", "--check"])?;
    step("clippy (server, domain, xtask)");
    cargo(&[
        "clippy",
        "-p",
        "citas-domain",
        "-p",
        "citas-server",
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
    step("web client build");
    build_client(&tools)?;
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

/// trunk build of the client into dist/, size-optimized (profile wasm-release, wasm-opt -Oz).
pub(crate) fn build_client(tools: &tools::BuildTools) -> Result<()> {
    // trunk runs offline (it must never download a tool), which makes its cargo offline too.
    cargo(&["fetch", "--quiet"])?;
    let mut trunk = Command::new(&tools.trunk);
    trunk
        .args(["build", "--release", "--offline", "--cargo-profile", "wasm-release"])
        .env("TRUNK_SKIP_VERSION_CHECK", "true")
        // trunk takes NO_COLOR as its --no-color flag and refuses the common value "1".
        .env_remove("NO_COLOR")
        .env("PATH", tools.path_with_tools()?);
    run(&mut trunk).context("building the web client with trunk")?;
    precompress(Path::new("dist"))
}

/// Brotli and gzip copies of every text and wasm file of the build, made once here so the
/// server sends them without compressing on every request.
fn precompress(dir: &Path) -> Result<()> {
    use std::io::Write;
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            precompress(&path)?;
            continue;
        }
        let compressible = ["html", "js", "wasm", "css", "svg", "webmanifest", "json"]
            .iter()
            .any(|ext| path.extension().is_some_and(|e| e == *ext));
        if !compressible {
            continue;
        }
        let bytes = std::fs::read(&path)?;
        let mut brotli = Vec::new();
        let params = brotli::enc::BrotliEncoderParams { quality: 11, ..Default::default() };
        brotli::BrotliCompress(&mut &bytes[..], &mut brotli, &params)?;
        std::fs::write(format!("{}.br", path.display()), brotli)?;
        let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gzip.write_all(&bytes)?;
        std::fs::write(format!("{}.gz", path.display()), gzip.finish()?)?;
    }
    Ok(())
}

fn step(name: &str) {
    println!("\n==> {name}");
}

pub(crate) fn cargo(args: &[&str]) -> Result<()> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    run(Command::new(cargo).args(args))
}
