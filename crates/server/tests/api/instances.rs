//! Several stateless instances on one PostgreSQL: started at once on an empty database, and
//! hammered at once for the same seats (bookings, holds, reschedules and cancellations). The
//! database alone decides every race.

use crate::helpers::*;
use crate::processes::{spawn_server, start_server};
use futures::future::join_all;
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::collections::HashSet;

/// Four one-desk slots in Bogotá, wanted by everyone.
const SLOTS: [&str; 4] = [
    "2026-12-02T08:00:00-05:00",
    "2026-12-02T08:30:00-05:00",
    "2026-12-02T09:00:00-05:00",
    "2026-12-02T09:30:00-05:00",
];

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_and_four_instances_on_one_postgres_never_overbook_nor_lose_a_booking() {
    if std::env::var(POSTGRES_VAR).is_err() {
        eprintln!("SKIPPED: several instances need PostgreSQL; set {POSTGRES_VAR}=postgres://…");
        return;
    }
    for instances in [2, 4] {
        hammer(instances).await;
    }
}

/// A deploy starts every instance at once on a database that may not have the schema yet: one
/// of them applies the migrations (under sqlx's lock on PostgreSQL) and all of them serve.
#[tokio::test]
async fn instances_started_at_once_on_an_empty_database_all_serve() {
    if std::env::var(POSTGRES_VAR).is_err() {
        eprintln!("SKIPPED: several instances need PostgreSQL; set {POSTGRES_VAR}=postgres://…");
        return;
    }
    let database = TestDb::new().await;
    let starting: Vec<_> = (0..4).map(|_| spawn_server(&database.url, &[])).collect();
    let servers: Vec<_> = starting.into_iter().map(|s| s.listening()).collect();
    let client = reqwest::Client::new();
    for server in &servers {
        let ready = client.get(format!("{}/readyz", server.base)).send().await.unwrap();
        assert_eq!(ready.status(), StatusCode::OK, "{}", server.base);
        let month =
            client.get(format!("{}/api/v1/offices/bogota/availability", server.base)).send().await.unwrap();
        assert_eq!(month.status(), StatusCode::OK, "{}", server.base);
    }
    let migrations =
        std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations/postgres")).unwrap().count();
    let db = database.pool().await;
    let applied: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM _sqlx_migrations WHERE success")
        .fetch_one(&db)
        .await
        .unwrap();
    assert_eq!(applied, migrations as i64);
    db.close().await;
}

async fn hammer(instances: usize) {
    let database = TestDb::new().await;
    let config_dir = tempfile::tempdir().unwrap();
    let config = config_dir.path().join("citas.toml");
    std::fs::write(&config, one_desk_config()).unwrap();
    let config = config.to_str().unwrap();
    let servers: Vec<_> = (0..instances)
        .map(|_| start_server(&database.url, &["--config", config, "--max-connections", "8"]))
        .collect();
    let bases: Vec<String> = servers.iter().map(|s| s.base.clone()).collect();
    let client = reqwest::Client::new();
    let post = |i: usize, path: String, body: Value| {
        let url = format!("{}{path}", bases[i % bases.len()]);
        let client = client.clone();
        async move {
            let response = client.post(url).json(&body).send().await.unwrap();
            let status = response.status();
            (status, response.json::<Value>().await.unwrap_or(Value::Null))
        }
    };

    // Wave 1: 120 bookings for the four slots and 40 holds for two of them (so that some
    // bookings surely win), spread over the instances.
    let bookings = (0..120).map(|i| {
        post(i, "/api/v1/appointments".into(), booking(SLOTS[i % 4], &format!("{}", 60_000_000 + i)))
    });
    let holds = (0..40).map(|i| {
        let body = json!({ "office": "bogota", "service": "dudas", "start": SLOTS[i % 2], "client": format!("browser-{i}") });
        post(i, "/api/v1/holds".into(), body)
    });
    let (booked, held) = tokio::join!(join_all(bookings), join_all(holds));
    let mut statuses: Vec<StatusCode> = booked.iter().chain(&held).map(|(s, _)| *s).collect();
    let won: Vec<(String, String)> = booked
        .iter()
        .enumerate()
        .filter(|(_, (s, _))| *s == StatusCode::CREATED)
        .map(|(i, (_, a))| (a["code"].as_str().unwrap().to_owned(), format!("{}", 60_000_000 + i)))
        .collect();
    assert!(!won.is_empty());

    // Wave 2: every winner tries to move to every other slot, some cancel, while newcomers book.
    let proof = |number: &str| json!({ "kind": "CC", "number": number });
    let moves = won.iter().enumerate().flat_map(|(i, (code, number))| {
        SLOTS.iter().map(move |start| (i, code.clone(), number.clone(), *start))
    });
    let moves = moves.map(|(i, code, number, start)| {
        post(
            i,
            format!("/api/v1/appointments/{code}/reschedule"),
            json!({ "document": proof(&number), "start": start }),
        )
    });
    let cancels = won.iter().enumerate().filter(|(i, _)| i % 2 == 0).map(|(i, (code, number))| {
        post(i + 1, format!("/api/v1/appointments/{code}/cancel"), json!({ "document": proof(number) }))
    });
    let newcomers = (0..60).map(|i| {
        post(i, "/api/v1/appointments".into(), booking(SLOTS[i % 4], &format!("{}", 61_000_000 + i)))
    });
    let (moved, cancelled, late) = tokio::join!(join_all(moves), join_all(cancels), join_all(newcomers));
    statuses.extend(moved.iter().chain(&cancelled).chain(&late).map(|(s, _)| *s));
    let late_won: Vec<String> = late
        .iter()
        .filter(|(s, _)| *s == StatusCode::CREATED)
        .map(|(_, a)| a["code"].as_str().unwrap().replace('-', ""))
        .collect();

    // No server error: every race ended in an answer for the citizen.
    let failures: Vec<_> = statuses.iter().filter(|s| s.is_server_error()).collect();
    assert!(failures.is_empty(), "{instances} instances: server errors {failures:?}");

    // No overbooking: at most one seat per one-desk slot, booked or held.
    let db = database.pool().await;
    let per_slot: Vec<(String, i64, i64)> = sqlx::query_as(
        "SELECT office_id, start_at, COUNT(*) FROM seats GROUP BY office_id, start_at HAVING COUNT(*) > 1",
    )
    .fetch_all(&db)
    .await
    .unwrap();
    assert!(per_slot.is_empty(), "{instances} instances: overbooked {per_slot:?}");
    // No lost booking: every 201 is there, each booked appointment holds exactly the seat of its
    // time, and cancelled ones hold none.
    let rows: Vec<(String, String, i64, i64)> = sqlx::query_as(
        "SELECT a.code, a.status, a.start_at,
                (SELECT COUNT(*) FROM seats s WHERE s.appointment_id = a.id AND s.start_at = a.start_at)
           FROM appointments a",
    )
    .fetch_all(&db)
    .await
    .unwrap();
    let codes: HashSet<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    for (code, _) in &won {
        assert!(codes.contains(code.replace('-', "").as_str()), "lost {code}");
    }
    for code in &late_won {
        assert!(codes.contains(code.as_str()), "lost {code}");
    }
    for (code, status, _, seats) in &rows {
        let expected = if status == "booked" { 1 } else { 0 };
        assert_eq!(*seats, expected, "{instances} instances: {code} is {status} with {seats} seats");
    }
    let orphans: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM seats s WHERE s.appointment_id IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM appointments a WHERE a.id = s.appointment_id AND a.status = 'booked')",
    )
    .fetch_one(&db)
    .await
    .unwrap();
    assert_eq!(orphans, 0, "{instances} instances: seats of cancelled appointments");

    db.close().await;
    drop(servers);
}
