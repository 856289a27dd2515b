//! `cargo xtask bench`: the figures of docs/performance.md, all from one run on this
//! machine. Release builds; servers on loopback with a test clock; results in
//! target/bench-report.md.

use crate::client::ClientBuild;
use crate::local_server::{NOW, Process, Server, free_port, wait_for};
use crate::tools::{self, run};
use anyhow::{Context, Result, bail};
use serde_json::Value;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

const POSTGRES: &str = "postgres://postgres@127.0.0.1:5432/test";
const CLIENTS: &str = "200";
/// Booking attempts per load: with every seat of the 30-day window once (6 699 seats at the
/// default configuration), a run lasts seconds, not a fraction of one.
const BOOKINGS: &str = "6000";
/// Raw inserts: enough for about as long a run as the bookings' on either database.
const INSERTS: &str = "20000";
/// Lighthouse audits per page; the median run is reported (Lighthouse's docs/variability.md).
const LIGHTHOUSE_RUNS: &str = "5";
/// The release server as the bench runs it: serving the built client, with the database pool
/// of a small deploy.
const BENCH_ARGS: &[&str] = &["--static-dir", "dist", "--max-connections", "8"];
/// What browsers send with every request.
const BROWSER: &str = "gzip, deflate, br, zstd";

pub fn bench(root: &Path) -> Result<()> {
    let tools = tools::ensure_build_tools(root)?;
    let client = crate::client::build_client(root, &tools)?;
    crate::cargo(&["build", "--release", "-p", "citas-server", "-p", "citas-bench"])?;
    let wrk = tools::ensure_wrk()?;
    let server = root.join("target/release/citas-server");
    let load = root.join("target/release/citas-bench");
    let scratch = tempdir()?;
    let mut report = String::from("# cargo xtask bench\n\n");
    writeln!(
        report,
        "Loopback, release builds, {} cores; clock at {NOW}.\n",
        std::thread::available_parallelism()?
    )?;

    client_sizes(root, &client, &mut report)?;
    // First, while no database is still busy with what a load left behind (checkpoints,
    // autovacuum): a browser's audit measures the CPU it is given.
    lighthouse(root, &server, &scratch, &mut report)?;
    proof_of_work(root, &server, &load, &scratch, &mut report)?;

    // Availability of a month of one office against the bare axum ceiling, same body: as
    // sent without compression, and as sent to browsers (brotli, compressed once per answer).
    let sqlite = format!("sqlite://{}/availability.db", scratch.display());
    let citas = Server::start(BENCH_ARGS, &server, &sqlite)?;
    let path = "/api/v1/offices/bogota/availability";
    let json = curl(&format!("{}{path}", citas.base), "identity")?;
    let brotli = curl(&format!("{}{path}", citas.base), "br")?;
    let (json_file, brotli_file) = (scratch.join("availability.json"), scratch.join("availability.json.br"));
    std::fs::write(&json_file, &json)?;
    std::fs::write(&brotli_file, &brotli)?;
    let bare_port = free_port()?;
    let bare = Process::spawn(
        Command::new(&load)
            .args(["bare", &format!("127.0.0.1:{bare_port}")])
            .args([&json_file, &brotli_file]),
    )?;
    let bare_url = format!("http://127.0.0.1:{bare_port}/bare");
    wait_for(&bare_url)?;
    writeln!(report, "## Availability reads (a month of one office, wrk -t2 -c64 -d10s)\n")?;
    writeln!(
        report,
        "| sent as | body | `GET {path}` requests/s | p50 | p99 | bare axum, same body | ratio |"
    )?;
    writeln!(report, "|---|---|---|---|---|---|---|")?;
    for (label, encoding, size, bare_url) in [
        ("JSON, uncompressed", None, json.len(), bare_url.clone()),
        ("to a browser (brotli)", Some(BROWSER), brotli.len(), format!("{bare_url}.br")),
    ] {
        let real = wrk_run(&wrk, &format!("{}{path}", citas.base), encoding)?;
        let ceiling = wrk_run(&wrk, &bare_url, encoding)?;
        writeln!(
            report,
            "| {label} | {size} bytes | {:.0} | {} | {} | {:.0} | **{:.0} %** |",
            real.rps,
            real.p50,
            real.p99,
            ceiling.rps,
            100.0 * real.rps / ceiling.rps
        )?;
    }
    drop((citas, bare));
    writeln!(report, "\nTarget: ≥ 50 % of the bare-axum ceiling.\n")?;

    // Bookings, against each database's raw insert rate at the same durability.
    writeln!(report, "## Bookings ({CLIENTS} concurrent clients)\n")?;
    writeln!(
        report,
        "| database | load | attempts | created | bookings/s | attempts/s | p50 | p99 | raw inserts/s | ratio |"
    )?;
    writeln!(report, "|---|---|---|---|---|---|---|---|---|---|")?;
    let mut databases = vec![(
        "SQLite",
        Box::new(|name: &str| Ok(format!("sqlite://{}/{name}.db?mode=rwc", scratch.display())))
            as Box<dyn Fn(&str) -> Result<String>>,
    )];
    if postgres_reachable() {
        databases.push(("PostgreSQL", Box::new(|name: &str| create_postgres_database(name))));
    } else {
        writeln!(report, "(PostgreSQL not reachable at {POSTGRES}: skipped.)\n")?;
    }
    let mut changes = String::new();
    for (label, database) in &databases {
        let raw: Value = json_of(Command::new(&load).args(["inserts", &database("raw")?, CLIENTS, INSERTS]))?;
        let raw_rate = raw["inserts_per_second"].as_f64().unwrap_or(0.0);
        for (mode, what, over_http) in [
            ("spread", "all offices, every seat once", true),
            ("held", "the same, each seat held first (as the wizard does)", true),
            ("one", "one slot, 3 desks", true),
            ("spread", "all offices, the server's router called in process (no HTTP)", false),
        ] {
            let database =
                database(&format!("bookings_{mode}_{}", if over_http { "http" } else { "in_process" }))?;
            let result: Value = if over_http {
                let citas = Server::start(BENCH_ARGS, &server, &database)?;
                json_of(Command::new(&load).args(["bookings", &citas.base, mode, CLIENTS, BOOKINGS]))?
            } else {
                json_of(Command::new(&load).args(["bookings", &database, mode, CLIENTS, BOOKINGS, NOW]))?
            };
            let n = |k: &str| result[k].as_f64().unwrap_or(0.0);
            let rate = if mode == "one" { n("requests_per_second") } else { n("bookings_per_second") };
            writeln!(
                report,
                "| {label} | {what} | {} | {} | {:.0} | {:.0} | {:.1} ms | {:.1} ms | {raw_rate:.0} | **{:.0} %** |",
                n("requests"),
                n("created"),
                n("bookings_per_second"),
                n("requests_per_second"),
                n("p50_ms"),
                n("p99_ms"),
                100.0 * rate / raw_rate
            )?;
            if n("failed") > 0.0 {
                bail!("{label} {mode}: {} requests failed: {result}", n("failed"));
            }
        }
        for (mode, what, done, rate) in [
            ("cancel", "every booking cancelled", "cancelled", "cancels_per_second"),
            ("move", "every booking moved to a later seat of its office", "moved", "moves_per_second"),
        ] {
            let citas = Server::start(BENCH_ARGS, &server, &database(&format!("changes_{mode}"))?)?;
            let result =
                json_of(Command::new(&load).args(["bookings", &citas.base, mode, CLIENTS, BOOKINGS]))?;
            let n = |k: &str| result[k].as_f64().unwrap_or(0.0);
            writeln!(
                changes,
                "| {label} | {what} | {} | {} | {:.0} | {:.1} ms | {:.1} ms |",
                n("requests"),
                n(done),
                n(rate),
                n("p50_ms"),
                n("p99_ms")
            )?;
            if n("failed") > 0.0 || n("refused") > 0.0 {
                bail!("{label} {mode}: not all answered 200: {result}");
            }
        }
    }
    writeln!(
        report,
        "\nRatio: bookings/s (all offices) or attempts/s (one slot) ÷ raw inserts/s (target ≥ 50 %). \
         A held booking is two requests, a hold and the booking. Requests carry a browser's \
         Accept-Encoding. In process, the load generator and the server share one process and \
         no socket: the gap to the row over HTTP is what HTTP on loopback costs on these cores.\n"
    )?;
    writeln!(
        report,
        "## Cancellations and moves ({CLIENTS} concurrent clients, over HTTP)\n\nEvery seat of all offices booked once, then every booking cancelled; or the first half of each office's seats booked, then each booking moved to a seat of the second half. Only the changes are timed.\n\n| database | change | requests | done | changes/s | p50 | p99 |\n|---|---|---|---|---|---|---|\n{changes}"
    )?;
    println!("\n{report}");
    std::fs::write(root.join("target/bench-report.md"), &report)?;
    println!("(also in target/bench-report.md)");
    Ok(())
}

/// What a citizen's phone downloads: the first load, then the code of each later part (once,
/// on the first visit to one of its screens) and the API data of each screen.
fn client_sizes(root: &Path, client: &ClientBuild, report: &mut String) -> Result<()> {
    let dist = root.join("dist");
    let pkg = dist.join(&client.pkg);
    let size = |path: &Path, suffix: &str| {
        std::fs::metadata(format!("{}{suffix}", path.display())).map(|m| m.len()).unwrap_or(0)
    };
    // index.html, its hashed CSS, and the main part with its JS and the parts' loader (not
    // sw.js, installed after the first screen, nor widget.js, which only host pages load).
    let mut first_load: Vec<PathBuf> = vec![dist.join("index.html")];
    for entry in std::fs::read_dir(&dist)? {
        let path = entry?.path();
        let name = path.file_name().unwrap_or_default().to_string_lossy().to_string();
        if name.contains('-') && name.ends_with(".css") {
            first_load.push(path);
        }
    }
    first_load.extend(["citas.js", "__wasm_split.js", "citas_bg.wasm"].map(|f| pkg.join(f)));
    let mut first = [0u64; 3];
    let mut rows = String::new();
    for path in &first_load {
        let (raw, gz, br) = (size(path, ""), size(path, ".gz"), size(path, ".br"));
        first[0] += raw;
        first[1] += gz;
        first[2] += br;
        let name = path.strip_prefix(&dist).unwrap_or(path).display();
        writeln!(rows, "| {name} | {} | {} | {} |", kb(raw), kb(gz), kb(br))?;
    }
    writeln!(
        report,
        "## Client transfer size\n\n| first load | raw | gzip | brotli |\n|---|---|---|---|\n{rows}| **total** | **{}** | **{}** | **{}** |\n",
        kb(first[0]),
        kb(first[1]),
        kb(first[2])
    )?;
    writeln!(
        report,
        "First load: {} brotli (target ≤ 250 KB).\n\nLater parts of the code, each fetched on the first visit to one of its screens (files shared by parts are counted in each; the service worker then keeps them all):\n\n| part | files | brotli |\n|---|---|---|",
        kb(first[2])
    )?;
    for (part, files) in &client.parts {
        let mut files = files.clone();
        // The officials' part also fetches its stylesheet (src/staff/stylesheet.rs); no citizen
        // downloads any of it.
        if part == "staff" {
            files.push("staff.css".to_owned());
        }
        let br: u64 = files.iter().map(|f| size(&pkg.join(f), ".br")).sum();
        writeln!(report, "| {part} | {} | {} |", files.len(), kb(br))?;
    }
    writeln!(report, "\nAPI data of the screens (brotli, from a running server):\n")?;
    let scratch = tempdir()?;
    let citas = Server::start(
        BENCH_ARGS,
        &root.join("target/release/citas-server"),
        &format!("sqlite://{}/sizes.db", scratch.display()),
    )?;
    writeln!(report, "| screen | request | brotli |\n|---|---|---|")?;
    for (screen, path) in [
        ("service, city, directory (once, then cached)", "/api/v1/offices"),
        ("date (a month of one office)", "/api/v1/offices/bogota/availability"),
        ("time (one day)", "/api/v1/offices/bogota/availability?from=2026-12-02&to=2026-12-02"),
    ] {
        writeln!(
            report,
            "| {screen} | `{path}` | {} |",
            kb(curl(&format!("{}{path}", citas.base), "br")?.len() as u64)
        )?;
    }
    report.push('\n');
    Ok(())
}

fn lighthouse(root: &Path, server: &Path, scratch: &Path, report: &mut String) -> Result<()> {
    let dir = root.join("tests/lighthouse");
    tools::npm_ci(&dir)?;
    let citas = Server::start(BENCH_ARGS, server, &format!("sqlite://{}/lighthouse.db", scratch.display()))?;
    let chromium = tools::ensure_chromium()?;
    writeln!(
        report,
        "## Lighthouse, mobile emulation (release server, median of {LIGHTHOUSE_RUNS} runs)\n\n| page | phone CPU | performance | every run | time to interactive | largest paint | blocking time | layout shift | accessibility | best practices |\n|---|---|---|---|---|---|---|---|---|---|"
    )?;
    // Lighthouse's phone is this machine's CPU slowed down 4×, so its score depends on the
    // machine; 8× shows what the same phone would score on cores half as fast.
    for slowdown in ["4", "8"] {
        let result = audit(&dir, &citas.base, &chromium, slowdown)?;
        for page in ["first screen", "confirmation"] {
            let r = &result[page];
            let every: Vec<String> =
                r["runs"].as_array().into_iter().flatten().map(|score| score.to_string()).collect();
            writeln!(
                report,
                "| {page} | {slowdown}× slower | {} | {} | {} ms | {} ms | {} ms | {} | {} | {} |",
                r["performance"],
                every.join(", "),
                r["interactive_ms"],
                r["largest_paint_ms"],
                r["blocking_ms"],
                r["layout_shift"],
                r["accessibility"],
                r["best-practices"]
            )?;
        }
    }
    writeln!(
        report,
        "\nTarget: performance ≥ 95 at Lighthouse's 4× (the median run; the accessibility and best-practices columns are that run's).\n"
    )?;
    Ok(())
}

/// What the proof of work costs a citizen's browser (Chromium at this machine's speed and 4×
/// slower), and what it costs a script: the challenges one core solves per second, each a hold
/// or a booking it may then ask for.
fn proof_of_work(root: &Path, server: &Path, load: &Path, scratch: &Path, report: &mut String) -> Result<()> {
    let dir = root.join("tests/lighthouse");
    let database = format!("sqlite://{}/proof.db", scratch.display());
    let citas = Server::start_configured(BENCH_ARGS, server, &database)?;
    let chromium = tools::ensure_chromium()?;
    let browser = json_of(
        Command::new("node").current_dir(&dir).args(["proof.mjs", &citas.base]).env("CHROMIUM", &chromium),
    )?;
    let script = json_of(Command::new(load).args(["solve", &citas.base, "200"]))?;
    writeln!(
        report,
        "## Proof of work (the default difficulty)\n\n| who | median to solve | every run (ms) |\n|---|---|---|"
    )?;
    for (slowdown, label) in
        [("1", "a browser on this machine"), ("4", "the same, CPU 4× slower (Lighthouse's phone)")]
    {
        let runs: Vec<String> =
            browser[slowdown]["runs"].as_array().into_iter().flatten().map(|ms| ms.to_string()).collect();
        writeln!(report, "| {label} | {} ms | {} |", browser[slowdown]["median_ms"], runs.join(", "))?;
    }
    writeln!(
        report,
        "| a script, native SHA-256, one core | {:.1} ms | {} solves in {:.1} s: **{:.0} holds or bookings per second per core** |\n",
        script["median_ms"].as_f64().unwrap_or(0.0),
        script["solves"],
        script["seconds"].as_f64().unwrap_or(0.0),
        script["solves_per_second"].as_f64().unwrap_or(0.0)
    )?;
    writeln!(
        report,
        "Target: the browser's median under 1 s at 4×. Without the proof, a script's holds per second are the server's (the held bookings' rows below: two requests per booking).\n"
    )?;
    Ok(())
}

/// `audit.mjs` at a phone CPU `slowdown` times slower than this machine: its JSON, per page.
fn audit(dir: &Path, base: &str, chromium: &Path, slowdown: &str) -> Result<Value> {
    let output = Command::new("node")
        .current_dir(dir)
        .args(["audit.mjs", base, "--categories=performance,accessibility,best-practices", "--mobile"])
        .arg(format!("--runs={LIGHTHOUSE_RUNS}"))
        .arg(format!("--cpu-slowdown={slowdown}"))
        .env("CHROMIUM", chromium)
        .output()?;
    if !output.status.success() {
        bail!("lighthouse failed: {}", String::from_utf8_lossy(&output.stderr));
    }
    let text = String::from_utf8_lossy(&output.stdout);
    Ok(serde_json::from_str(&text[text.find('{').unwrap_or(0)..])?)
}

struct Wrk {
    rps: f64,
    p50: String,
    p99: String,
}

/// wrk against `url`, sending `encoding` as Accept-Encoding when given.
fn wrk_run(wrk: &Path, url: &str, encoding: Option<&str>) -> Result<Wrk> {
    let mut command = Command::new(wrk);
    command.args(["-t2", "-c64", "-d10s", "--latency"]);
    if let Some(encoding) = encoding {
        command.args(["-H", &format!("Accept-Encoding: {encoding}")]);
    }
    let output = command.arg(url).output()?;
    let text = String::from_utf8_lossy(&output.stdout).to_string();
    let field = |prefix: &str| {
        text.lines()
            .find_map(|l| l.trim().strip_prefix(prefix).map(|rest| rest.trim().to_owned()))
            .with_context(|| format!("wrk printed no {prefix}: {text}"))
    };
    if text.contains("Non-2xx") {
        bail!("wrk got errors from {url}: {text}");
    }
    Ok(Wrk { rps: field("Requests/sec:")?.parse()?, p50: field("50%")?, p99: field("99%")? })
}

/// The body as received with this Accept-Encoding (compressed bytes for "br").
fn curl(url: &str, encoding: &str) -> Result<Vec<u8>> {
    let output =
        Command::new("curl").args(["-sf", "-H", &format!("Accept-Encoding: {encoding}"), url]).output()?;
    if !output.status.success() {
        bail!("curl {url} failed");
    }
    Ok(output.stdout)
}

fn json_of(command: &mut Command) -> Result<Value> {
    let output = command.output()?;
    if !output.status.success() {
        bail!("{command:?} failed: {}", String::from_utf8_lossy(&output.stderr));
    }
    Ok(serde_json::from_slice(&output.stdout)?)
}

fn postgres_reachable() -> bool {
    Command::new("psql").args([POSTGRES, "-Atc", "SELECT 1"]).output().is_ok_and(|o| o.status.success())
}

fn create_postgres_database(name: &str) -> Result<String> {
    let database = format!("citas_bench_{name}");
    run(Command::new("psql").args([
        POSTGRES,
        "-qc",
        &format!("DROP DATABASE IF EXISTS {database} WITH (FORCE)"),
    ]))?;
    run(Command::new("psql").args([POSTGRES, "-qc", &format!("CREATE DATABASE {database}")]))?;
    Ok(format!("postgres://postgres@127.0.0.1:5432/{database}"))
}

fn tempdir() -> Result<std::path::PathBuf> {
    let dir = std::env::temp_dir().join(format!("citas-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

fn kb(bytes: u64) -> String {
    format!("{:.1} KB", bytes as f64 / 1000.0)
}
