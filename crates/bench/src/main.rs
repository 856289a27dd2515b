//! Load tools for `cargo xtask bench` (which starts the servers and reports):
//!
//!   citas-bench bare ADDR BODY_FILE              a bare axum handler returning BODY_FILE
//!   citas-bench bookings BASE spread|held|one CLIENTS COUNT
//!                                                COUNT bookings from CLIENTS concurrent clients:
//!                                                every seat once, the same but each seat held
//!                                                first as the wizard does, or one slot for all
//!   citas-bench inserts DATABASE_URL CLIENTS COUNT
//!                                                raw inserts, same durability as the server
//!
//! Results are one JSON object on stdout.

use anyhow::{Context, Result, bail};
use futures::future::join_all;
use serde_json::{Value, json};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

#[tokio::main]
async fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |i: usize| args.get(i).cloned().context("missing argument (see the source's header)");
    match args.first().map(String::as_str) {
        Some("bare") => bare(&arg(1)?, &arg(2)?).await,
        Some("bookings") => bookings(&arg(1)?, &arg(2)?, arg(3)?.parse()?, arg(4)?.parse()?).await,
        Some("inserts") => inserts(&arg(1)?, arg(2)?.parse()?, arg(3)?.parse()?).await,
        _ => bail!("usage: citas-bench bare|bookings|inserts …"),
    }
}

/// The ceiling: axum answering a fixed body of the same size as the real availability.
async fn bare(addr: &str, body_file: &str) -> Result<()> {
    let body: &'static [u8] = Box::leak(std::fs::read(body_file)?.into_boxed_slice());
    let app = axum::Router::new().route(
        "/bare",
        axum::routing::get(move || async move { ([("content-type", "application/json")], body) }),
    );
    let listener = tokio::net::TcpListener::bind(addr).await?;
    axum::serve(listener, app).await?;
    Ok(())
}

/// COUNT booking attempts by CLIENTS concurrent clients: `spread` over every free slot of every
/// office, or `one` slot for all.
async fn bookings(base: &str, mode: &str, clients: usize, count: usize) -> Result<()> {
    let http = reqwest::Client::builder().pool_max_idle_per_host(clients).build()?;
    let offices: Vec<Value> = http.get(format!("{base}/api/v1/offices")).send().await?.json().await?;
    let mut slots: Vec<(String, String, u64)> = Vec::new();
    for office in &offices {
        let id = office["id"].as_str().unwrap_or_default().to_owned();
        let days: Value =
            http.get(format!("{base}/api/v1/offices/{id}/availability")).send().await?.json().await?;
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
    let jobs: Vec<(String, String)> = match mode {
        "spread" | "held" => {
            let mut seats: Vec<(String, String)> = slots
                .iter()
                .flat_map(|(o, s, n)| std::iter::repeat_n((o.clone(), s.clone()), *n as usize))
                .collect();
            seats.sort_by_key(|(o, s)| (s.clone(), o.clone()));
            seats.into_iter().take(count).collect()
        }
        "one" => {
            let (office, start, _) =
                slots.iter().find(|(o, _, _)| o == "bogota").context("no slot in Bogotá")?.clone();
            vec![(office, start); count]
        }
        other => bail!("unknown mode {other}"),
    };
    let held = mode == "held";
    let jobs = Arc::new(jobs);
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let workers = (0..clients).map(|_| {
        let (http, jobs, next, base) = (http.clone(), jobs.clone(), next.clone(), base.to_owned());
        tokio::spawn(async move {
            let mut seen = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some((office, start)) = jobs.get(i) else { break };
                let mut body = json!({
                    "office": office, "service": "dudas", "start": start, "name": "Carga de prueba", "consent": true,
                    "document": { "kind": "CC", "number": format!("{}", 10_000_000 + i) },
                });
                let sent = Instant::now();
                let status = async {
                    if held {
                        let hold = json!({ "office": office, "service": "dudas", "start": start });
                        let response = http.post(format!("{base}/api/v1/holds")).json(&hold).send().await?;
                        if response.status() != 201 {
                            return Ok(response.status().as_u16());
                        }
                        body["hold"] = response.json::<Value>().await?["hold"].clone();
                    }
                    let response = http.post(format!("{base}/api/v1/appointments")).json(&body).send().await?;
                    Ok::<_, reqwest::Error>(response.status().as_u16())
                };
                seen.push((status.await.unwrap_or(0), sent.elapsed()));
            }
            seen
        })
    });
    let mut results: Vec<(u16, Duration)> =
        join_all(workers).await.into_iter().flat_map(|r| r.unwrap_or_default()).collect();
    let seconds = started.elapsed().as_secs_f64();
    results.sort_by_key(|(_, d)| *d);
    let percentile = |p: f64| {
        results
            .get(((results.len() as f64 * p) as usize).min(results.len().saturating_sub(1)))
            .map_or(0.0, |r| r.1.as_secs_f64() * 1000.0)
    };
    let created = results.iter().filter(|(s, _)| *s == 201).count();
    let refused = results.iter().filter(|(s, _)| (400..500).contains(s)).count();
    let failed = results.len() - created - refused;
    println!(
        "{}",
        json!({
            "requests": results.len(), "created": created, "refused": refused, "failed": failed,
            "seconds": seconds, "requests_per_second": results.len() as f64 / seconds,
            "bookings_per_second": created as f64 / seconds, "p50_ms": percentile(0.5), "p99_ms": percentile(0.99),
        })
    );
    Ok(())
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
