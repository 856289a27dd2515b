//! Personal fields sealed at rest: a copy of the database holds no document number, name or
//! contact; rows written before sealing are sealed at start; the data key rotates.

use crate::helpers::*;
use crate::processes::{DATA_KEYS, spawn_server, spawn_server_with};
use reqwest::StatusCode;
use serde_json::{Value, json};

const START: &str = "2026-12-02T09:00:00-05:00";
/// What the tests' booking says of the person, none of which may be readable in the database.
const PERSONAL: [&str; 4] = ["52345678", "Ana María Pérez", "ana@example.co", "3001234567"];

/// What the tests' entry of the waiting list says of its person.
const WAITING: [&str; 3] = ["53345678", "Luz Marina Gómez", "luz.marina@example.co"];

/// Joining Bogotá's waiting list for the day of START by the cédula `number`.
fn waiting(number: &str) -> Value {
    json!({
        "office": "bogota", "service": "dudas", "from": &START[..10], "until": &START[..10],
        "document": {"kind": "CC", "number": number}, "name": WAITING[1], "email": WAITING[2],
        "consent": true
    })
}

fn cc(number: &str) -> Value {
    json!({"document": {"kind": "CC", "number": number}})
}

/// Everything the database holds, as text: its files for SQLite, every row for PostgreSQL.
async fn dump(app: &TestApp) -> String {
    if !app.on_postgres() {
        let url = app._database.url.trim_start_matches("sqlite://").to_owned();
        let dir = std::path::Path::new(&url).parent().unwrap().to_owned();
        let mut all = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.file_name().unwrap().to_string_lossy().starts_with("citas.db") {
                all.extend(std::fs::read(path).unwrap());
            }
        }
        return String::from_utf8_lossy(&all).into_owned();
    }
    let tables: Vec<(String,)> =
        sqlx::query_as("SELECT tablename::text FROM pg_tables WHERE schemaname = 'public'")
            .fetch_all(&app.db)
            .await
            .unwrap();
    let mut all = String::new();
    for (table,) in tables {
        let rows: Vec<(String,)> =
            sqlx::query_as(&format!("SELECT t::text FROM {table} t")).fetch_all(&app.db).await.unwrap();
        all.extend(rows.into_iter().map(|(row,)| row));
    }
    all
}

#[tokio::test]
async fn a_copy_of_the_database_holds_no_document_number_name_or_contact() {
    let app = TestApp::spawn().await;
    let booked = app.book(&booking(START, "52345678")).await;
    assert_eq!(booked.status(), StatusCode::CREATED);
    let code = json_of(booked).await["code"].as_str().unwrap().to_owned();
    // Looked up, and found by an office by its document: still nothing readable.
    let lookup = app.post(&format!("/api/v1/appointments/{code}/lookup"), &cc("52345678")).await;
    assert_eq!(json_of(lookup).await["name"], "Ana María Pérez");
    // A waiting entry, likewise.
    assert_eq!(app.post("/api/v1/waitlist", &waiting("53345678")).await.status(), StatusCode::CREATED);
    if !app.on_postgres() {
        sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(&app.db).await.unwrap();
    }
    let dump = dump(&app).await;
    assert!(dump.contains(&code.replace('-', "")), "the dump is read whole");
    for personal in PERSONAL.iter().chain(&WAITING) {
        assert!(!dump.contains(personal), "{personal:?} is readable in a copy of the database");
    }
}

#[tokio::test]
async fn appointments_written_before_sealing_are_sealed_at_start() {
    let app = TestApp::spawn().await;
    sqlx::query(
        "INSERT INTO appointments (code, office_id, service_id, start_at, end_at, document_kind,
                                   document_number, active_document, name, email, phone, status,
                                   consent_at, privacy_notice, created_at, updated_at)
         VALUES ('K7QXM4PT', 'bogota', 'dudas', $1, $2, 'CC', '52345678', 'CC:52345678',
                 'Ana María Pérez', 'ana@example.co', '3001234567', 'booked', $3, '2026-11-25', $3, $3)",
    )
    .bind(at(START).timestamp())
    .bind(at(START).timestamp() + 1800)
    .bind(at(NOW).timestamp())
    .execute(&app.db)
    .await
    .unwrap();
    assert_eq!(app.store.seal_all().await.unwrap(), 1);
    assert_eq!(app.store.seal_all().await.unwrap(), 0, "once is enough");
    if !app.on_postgres() {
        sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(&app.db).await.unwrap();
    }
    for personal in PERSONAL {
        assert!(!dump(&app).await.contains(personal), "{personal:?} still readable");
    }
    let found = app.post("/api/v1/appointments/K7QX-M4PT/lookup", &cc("52345678")).await;
    assert_eq!(found.status(), StatusCode::OK);
    assert_eq!(json_of(found).await["name"], "Ana María Pérez");
    // It still holds its document: the same document cannot book a second appointment.
    let again = app.book(&booking("2026-12-03T09:00:00-05:00", "52345678")).await;
    expect_error(again, StatusCode::CONFLICT, "document_has_appointment").await;
}

#[tokio::test]
async fn the_data_key_rotates_and_a_server_without_the_key_refuses_to_start() {
    let database = TestDb::new().await;
    let client = reqwest::Client::new();
    let new_key = "2:AgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgI=";
    let lookup = |base: String, code: String| {
        let client = client.clone();
        async move {
            client
                .post(format!("{base}/api/v1/appointments/{code}/lookup"))
                .json(&cc("52345678"))
                .send()
                .await
                .unwrap()
        }
    };

    let mut first = spawn_server(&database.url, &[]).listening();
    let booked = first.book(&client, &booking(START, "52345678")).await;
    assert_eq!(booked.status(), StatusCode::CREATED);
    let code = json_of(booked).await["code"].as_str().unwrap().to_owned();
    let joined = client
        .post(format!("{}/api/v1/waitlist", first.base))
        .header("Altcha", proof_from(&client, &first.base).await)
        .json(&waiting("53345678"))
        .send()
        .await
        .unwrap();
    assert_eq!(joined.status(), StatusCode::CREATED);
    let entry = json_of(joined).await["code"].as_str().unwrap().to_owned();
    first.kill();

    // The new key first: it seals, and the old one opens what it sealed until it is resealed.
    let mut second =
        spawn_server_with(&database.url, &[], &[("CITAS_DATA_KEYS", &format!("{new_key},{DATA_KEYS}"))])
            .listening();
    assert_eq!(lookup(second.base.clone(), code.clone()).await.status(), StatusCode::OK);
    second.kill();
    let pool = database.pool().await;
    let keys: Vec<(i64,)> =
        sqlx::query_as("SELECT data_key FROM appointments").fetch_all(&pool).await.unwrap();
    assert_eq!(keys, [(2,)], "resealed with the new key at start");
    let keys: Vec<(i64,)> = sqlx::query_as("SELECT data_key FROM waitlist").fetch_all(&pool).await.unwrap();
    assert_eq!(keys, [(2,)], "the waiting entry too");

    // The old key retired: everything still opens.
    let mut third = spawn_server_with(&database.url, &[], &[("CITAS_DATA_KEYS", new_key)]).listening();
    let found = lookup(third.base.clone(), code.clone()).await;
    assert_eq!(json_of(found).await["name"], "Ana María Pérez");
    let waiting = client
        .post(format!("{}/api/v1/waitlist/{entry}/lookup", third.base))
        .json(&cc("53345678"))
        .send()
        .await
        .unwrap();
    assert_eq!(json_of(waiting).await["email"], "l***@e***.co");
    third.kill();

    // A key that sealed nothing here: the server cannot serve these appointments, and says so.
    let said = spawn_server(&database.url, &[]).refused();
    assert!(said.contains("configure the key it was sealed with"), "{said}");
}
