//! Load tools for `cargo xtask bench` (which starts the servers and reports):
//!
//!   citas-bench bare ADDR JSON_FILE BROTLI_FILE  a bare axum handler returning JSON_FILE at
//!                                                /bare, and BROTLI_FILE as brotli at /bare.br
//!   citas-bench bookings BASE spread|held|one|cancel|move CLIENTS COUNT [NOW]
//!                                                COUNT bookings from CLIENTS concurrent clients:
//!                                                every seat once, the same but each seat held
//!                                                first as the wizard does, or one slot for all;
//!                                                or every seat once, then each booking cancelled,
//!                                                or half of each office's seats, then each
//!                                                booking moved to the other half (the changes
//!                                                timed); requests send a
//!                                                browser's Accept-Encoding. BASE is
//!                                                the server's http:// URL, or a database URL to
//!                                                run the server's router in this process, with
//!                                                its clock at NOW
//!   citas-bench inserts DATABASE_URL CLIENTS COUNT
//!                                                raw inserts, same durability as the server
//!   citas-bench solve BASE COUNT                 COUNT proof-of-work challenges of the server
//!                                                at BASE solved one after the other on one
//!                                                core, as a script would: the holds and
//!                                                bookings per second one core can pay for
//!
//! Results are one JSON object on stdout.

use anyhow::{Context, Result, bail};
use axum::body::{Body, Bytes};
use axum::http::Request;
use axum::http::header::{ACCEPT_ENCODING, CONTENT_TYPE};
use futures::future::join_all;
use serde_json::{Value, json};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use tower::ServiceExt;

/// The server's allocator, so that the bare ceiling and the in-process server differ from the
/// real one only in what they do per request.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |i: usize| args.get(i).cloned().context("missing argument (see the source's header)");
    match args.first().map(String::as_str) {
        Some("bare") => bare(&arg(1)?, &arg(2)?, &arg(3)?).await,
        Some("bookings") => {
            bookings(&arg(1)?, &arg(2)?, arg(3)?.parse()?, arg(4)?.parse()?, args.get(5).map(String::as_str))
                .await
        }
        Some("inserts") => inserts(&arg(1)?, arg(2)?.parse()?, arg(3)?.parse()?).await,
        Some("solve") => solve(&arg(1)?, arg(2)?.parse()?).await,
        _ => bail!("usage: citas-bench bare|bookings|inserts|solve …"),
    }
}

/// The ceiling: axum answering a fixed body of the same size as the real availability, as it
/// is sent without compression and as it is sent to browsers (brotli).
async fn bare(addr: &str, json_file: &str, brotli_file: &str) -> Result<()> {
    let json: &'static [u8] = Box::leak(std::fs::read(json_file)?.into_boxed_slice());
    let brotli: &'static [u8] = Box::leak(std::fs::read(brotli_file)?.into_boxed_slice());
    let app = axum::Router::new()
        .route(
            "/bare",
            axum::routing::get(move || async move { ([("content-type", "application/json")], json) }),
        )
        .route(
            "/bare.br",
            axum::routing::get(move || async move {
                ([("content-type", "application/json"), ("content-encoding", "br")], brotli)
            }),
        );
    let listener = tokio::net::TcpListener::bind(addr).await?;
    axum::serve(listener, app).await?;
    Ok(())
}

/// What browsers send with every request: the server must not spend on compressing answers
/// what a client without it would not see. (Neither target here decompresses; the one answer
/// read, a hold's, is smaller than what the server compresses.)
const BROWSER: &str = "gzip, deflate, br, zstd";

/// Where the load goes: the server over HTTP on loopback, or the same router inside this
/// process, called without sockets or HTTP parsing (what the server's code and the database
/// cost, without the network, HTTP and a load generator's share of the CPU).
#[derive(Clone)]
enum Target {
    Http { client: reqwest::Client, base: String },
    InProcess(axum::Router),
}

impl Target {
    /// `BASE` is the server's URL, or a database URL to serve in process with the clock at `now`.
    async fn new(base: &str, clients: usize, now: Option<&str>) -> Result<Target> {
        if base.starts_with("http://") {
            let client = reqwest::Client::builder().pool_max_idle_per_host(clients).build()?;
            return Ok(Target::Http { client, base: base.to_owned() });
        }
        use citas_server::{clock::Clock, config, http, store::Store};
        let now = chrono::DateTime::parse_from_rfc3339(now.context("in process, give the clock's NOW")?)?;
        let store = Store::connect(base, 8).await?;
        use citas_server::store::sealing::{Keys, install};
        install(Keys::load(&store.beside_database("keys.env"))?);
        let state = http::AppState::new(
            store,
            // The defences against scripts off: every booking comes from one client, faster
            // than any citizen, and takes freed seats again at once.
            config::parse_config(
                &config::DEFAULT_CONFIG
                    .replace("rate_limit = true", "rate_limit = false")
                    .replace("holds_per_address = 3", "holds_per_address = 0")
                    .replace("bookings_per_address_per_day = 10", "bookings_per_address_per_day = 0")
                    .replace("release_delay_minutes = [2, 10]", "release_delay_minutes = [0, 0]")
                    .replace("proof_of_work = true", "proof_of_work = false"),
            )?,
            Clock::starting_at(now),
        )
        .await?;
        Ok(Target::InProcess(http::router(state, None)))
    }

    /// The setup's reads, without Accept-Encoding: their JSON is read here.
    async fn get(&self, path: &str) -> Result<Value> {
        Ok(serde_json::from_slice(&self.send(Request::get(path).body(Vec::new())?).await?.1)?)
    }

    /// POSTs `body` as a browser would; the answer's status and body.
    async fn post(&self, path: &str, body: &Value) -> Result<(u16, Bytes)> {
        let request = Request::post(path)
            .header(ACCEPT_ENCODING, BROWSER)
            .header(CONTENT_TYPE, "application/json")
            .body(serde_json::to_vec(body)?)?;
        self.send(request).await
    }

    async fn send(&self, request: Request<Vec<u8>>) -> Result<(u16, Bytes)> {
        match self {
            Target::Http { client, base } => {
                let (parts, body) = request.into_parts();
                let url = format!("{base}{}", parts.uri);
                let response =
                    client.request(parts.method, url).headers(parts.headers).body(body).send().await?;
                Ok((response.status().as_u16(), response.bytes().await?))
            }
            Target::InProcess(router) => {
                let response = router.clone().oneshot(request.map(Body::from)).await?;
                let status = response.status().as_u16();
                Ok((status, axum::body::to_bytes(response.into_body(), usize::MAX).await?))
            }
        }
    }
}

/// COUNT booking attempts by CLIENTS concurrent clients: `spread` over every free slot of every
/// office, or `one` slot for all; or, with `cancel`, the `spread` bookings made first and then
/// cancelled, or with `move`, the first half of each office's seats booked and each moved to
/// a seat of the second half; then the cancellations or moves are timed.
async fn bookings(base: &str, mode: &str, clients: usize, count: usize, now: Option<&str>) -> Result<()> {
    let target = Target::new(base, clients, now).await?;
    let offices = target.get("/api/v1/offices").await?;
    let mut slots: Vec<(String, String, u64)> = Vec::new();
    for office in offices.as_array().into_iter().flatten() {
        let id = office["id"].as_str().unwrap_or_default().to_owned();
        let days = target.get(&format!("/api/v1/offices/{id}/availability")).await?;
        for slot in days["days"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|d| d["slots"].as_array().into_iter().flatten())
        {
            let seats = slot["available"].as_u64().unwrap_or(0);
            slots.push((id.clone(), slot["start"].as_str().unwrap_or_default().to_owned(), seats));
        }
    }
    // Every seat once, offices interleaved; or the first slot of Bogotá for everyone.
    let mut seats: Vec<(String, String)> =
        slots.iter().flat_map(|(o, s, n)| std::iter::repeat_n((o.clone(), s.clone()), *n as usize)).collect();
    seats.sort_by_key(|(o, s)| (s.clone(), o.clone()));
    // For `move`, where each booking of an office's first half moves to: the same office's
    // second half, in the same order.
    let mut moves_to: Vec<String> = Vec::new();
    let jobs: Vec<(String, String)> = match mode {
        "spread" | "held" | "cancel" => seats.into_iter().take(count).collect(),
        "move" => {
            // `slots` lists each office's slots together.
            let mut offices: Vec<&str> = slots.iter().map(|(o, _, _)| o.as_str()).collect();
            offices.dedup();
            let mut jobs = Vec::new();
            for office in offices {
                let own: Vec<&(String, String)> = seats.iter().filter(|(o, _)| o == office).collect();
                let (first, second) = own.split_at(own.len() / 2);
                jobs.extend(first.iter().map(|&seat| seat.clone()));
                moves_to.extend(second.iter().take(first.len()).map(|(_, start)| start.clone()));
            }
            // Each office's second half is at least as long as its first.
            jobs.truncate(count);
            moves_to.truncate(count);
            jobs
        }
        "one" => {
            // From the middle of the window: its first slot leaves the window (one hour's
            // notice) within the first second, and the rest of the load would be refused for that.
            let bogota: Vec<_> = slots.iter().filter(|(o, _, _)| o == "bogota").collect();
            let (office, start, _) = (*bogota.get(bogota.len() / 2).context("no slot in Bogotá")?).clone();
            vec![(office, start); count]
        }
        other => bail!("unknown mode {other}"),
    };
    let held = mode == "held";
    let attempts = jobs.len();
    let jobs = Arc::new(jobs);
    let book = {
        let target = target.clone();
        move |i: usize| {
            let (target, jobs) = (target.clone(), jobs.clone());
            async move {
                let (office, start) = &jobs[i];
                book(&target, office, start, &document(i), held).await.unwrap_or((0, Bytes::new()))
            }
        }
    };
    let (booked, seconds) = concurrently(clients, attempts, book).await;
    let moving = mode == "move";
    if !moving && mode != "cancel" {
        let statuses = booked.into_iter().map(|(_, (status, _), latency)| (status, latency)).collect();
        println!("{}", summary(statuses, seconds, 201, "created", "bookings_per_second"));
        return Ok(());
    }
    // The answer shows the document masked: the number is found again from the booking's index.
    let codes: Vec<(String, String, usize)> = booked
        .into_iter()
        .filter(|(_, (status, _), _)| *status == 201)
        .filter_map(|(i, (_, body), _)| {
            let code = serde_json::from_slice::<Value>(&body).ok()?["code"].as_str()?.to_owned();
            Some((code, document(i), i))
        })
        .collect();
    let (changes, codes, moves_to) = (codes.len(), Arc::new(codes), Arc::new(moves_to));
    let change = move |i: usize| {
        let (target, codes, moves_to) = (target.clone(), codes.clone(), moves_to.clone());
        async move {
            let (code, number, booked) = &codes[i];
            let mut proof = json!({ "document": { "kind": "CC", "number": number } });
            let path = if moving {
                proof["start"] = json!(moves_to[*booked]);
                format!("/api/v1/appointments/{code}/reschedule")
            } else {
                format!("/api/v1/appointments/{code}/cancel")
            };
            target.post(&path, &proof).await.map_or(0, |(s, _)| s)
        }
    };
    let (changed, seconds) = concurrently(clients, changes, change).await;
    let statuses = changed.into_iter().map(|(_, status, latency)| (status, latency)).collect();
    let (done, rate) =
        if moving { ("moved", "moves_per_second") } else { ("cancelled", "cancels_per_second") };
    println!("{}", summary(statuses, seconds, 200, done, rate));
    Ok(())
}

/// The document of the `i`th booking: one cédula per booking.
fn document(i: usize) -> String {
    format!("{}", 10_000_000 + i)
}

/// One booking, with its hold first if `held` (as the wizard does): the booking's status and
/// answer, or the hold's status when it was refused.
async fn book(target: &Target, office: &str, start: &str, number: &str, held: bool) -> Result<(u16, Bytes)> {
    let mut body = json!({
        "office": office, "service": "dudas", "start": start, "name": "Carga de prueba", "consent": true,
        "document": { "kind": "CC", "number": number },
    });
    if held {
        let hold = json!({ "office": office, "service": "dudas", "start": start, "client": format!("bench-{number}") });
        let (status, held) = target.post("/api/v1/holds", &hold).await?;
        if status != 201 {
            return Ok((status, held));
        }
        body["hold"] = serde_json::from_slice::<Value>(&held)?["hold"].clone();
    }
    target.post("/api/v1/appointments", &body).await
}

/// Runs `job(i)` for every `i` below `count` from `clients` concurrent tasks: each `i` with
/// what its job returned and how long it took, and the seconds they all took.
async fn concurrently<T, F, Fut>(clients: usize, count: usize, job: F) -> (Vec<(usize, T, Duration)>, f64)
where
    T: Send + 'static,
    F: Fn(usize) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = T> + Send + 'static,
{
    let job = Arc::new(job);
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let workers = (0..clients).map(|_| {
        let (job, next) = (job.clone(), next.clone());
        tokio::spawn(async move {
            let mut seen = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= count {
                    break;
                }
                let sent = Instant::now();
                let done = job(i).await;
                seen.push((i, done, sent.elapsed()));
            }
            seen
        })
    });
    let results = join_all(workers).await.into_iter().flat_map(|r| r.unwrap_or_default()).collect();
    (results, started.elapsed().as_secs_f64())
}

/// The JSON report of requests answered `ok` (counted as `done`, their rate as `rate`), the
/// others refused (4xx) or failed, and the latencies' p50 and p99.
fn summary(mut results: Vec<(u16, Duration)>, seconds: f64, ok: u16, done: &str, rate: &str) -> Value {
    results.sort_by_key(|(_, d)| *d);
    let percentile = |p: f64| {
        results
            .get(((results.len() as f64 * p) as usize).min(results.len().saturating_sub(1)))
            .map_or(0.0, |r| r.1.as_secs_f64() * 1000.0)
    };
    let succeeded = results.iter().filter(|(s, _)| *s == ok).count();
    let refused = results.iter().filter(|(s, _)| *s != ok && (400..500).contains(s)).count();
    let mut report = json!({
        "requests": results.len(), "refused": refused, "failed": results.len() - succeeded - refused,
        "seconds": seconds, "requests_per_second": results.len() as f64 / seconds,
        "p50_ms": percentile(0.5), "p99_ms": percentile(0.99),
    });
    report[done] = json!(succeeded);
    report[rate] = json!(succeeded as f64 / seconds);
    report
}

/// The database's own ceiling for a booking's write: one row per transaction, with the same
/// durability as the server (SQLite: WAL and synchronous=FULL; PostgreSQL: its durable commit),
/// from CLIENTS tasks over a pool of 8 connections as the server uses.
async fn inserts(url: &str, clients: usize, count: usize) -> Result<()> {
    sqlx::any::install_default_drivers();
    let sqlite = url.starts_with("sqlite:");
    let pool = sqlx::any::AnyPoolOptions::new()
        .max_connections(8)
        .after_connect(move |conn, _| {
            Box::pin(async move {
                if sqlite {
                    use sqlx::Executor;
                    conn.execute(
                        "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 10000;",
                    )
                    .await?;
                }
                Ok(())
            })
        })
        .connect(url)
        .await?;
    sqlx::query("CREATE TABLE IF NOT EXISTS bench_inserts (n BIGINT NOT NULL, payload TEXT NOT NULL)")
        .execute(&pool)
        .await?;
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let workers = (0..clients).map(|_| {
        let (pool, next) = (pool.clone(), next.clone());
        tokio::spawn(async move {
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= count {
                    break;
                }
                let _ = sqlx::query("INSERT INTO bench_inserts (n, payload) VALUES ($1, $2)")
                    .bind(i as i64)
                    .bind("Carga de prueba, una fila como una cita")
                    .execute(&pool)
                    .await;
            }
        })
    });
    join_all(workers).await;
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "{}",
        json!({ "inserts": count, "seconds": seconds, "inserts_per_second": count as f64 / seconds })
    );
    Ok(())
}

/// Fetches `count` challenges, then solves them one after the other on this thread with native
/// SHA-256 (faster than a browser's), timing only the solving.
async fn solve(base: &str, count: usize) -> Result<()> {
    use sha2::Digest;
    let client = reqwest::Client::new();
    let mut challenges = Vec::with_capacity(count);
    for _ in 0..count {
        let challenge: Value = client.get(format!("{base}/api/v1/challenge")).send().await?.json().await?;
        challenges.push(challenge);
    }
    let mut times = Vec::with_capacity(count);
    let started = Instant::now();
    for challenge in &challenges {
        let one = Instant::now();
        let salt = challenge["salt"].as_str().context("a challenge has a salt")?;
        let target = challenge["challenge"].as_str().context("a challenge has a challenge")?;
        let most = challenge["maxnumber"].as_u64().context("a challenge has a maxnumber")?;
        (0..=most)
            .find(|n| hex::encode(sha2::Sha256::digest(format!("{salt}{n}"))) == target)
            .context("a challenge has a solution")?;
        times.push(one.elapsed());
    }
    let seconds = started.elapsed().as_secs_f64();
    times.sort();
    let median = times.get(count / 2).copied().unwrap_or_default();
    println!(
        "{}",
        json!({
            "solves": count,
            "seconds": seconds,
            "solves_per_second": count as f64 / seconds,
            "median_ms": median.as_secs_f64() * 1000.0,
        })
    );
    Ok(())
}
