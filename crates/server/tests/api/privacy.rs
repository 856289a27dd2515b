//! Ley 1581 de 2012: a citizen sees everything kept about their document and deletes it; an
//! office does the same on a request received by other channels; retention erases what has
//! been kept long enough, and never an upcoming appointment.

use crate::helpers::*;
use chrono::Duration;
use citas_domain::api::staff::Role;
use citas_server::config::Privacy;
use citas_server::retention::erase_expired;
use reqwest::StatusCode;
use serde_json::{Value, json};

const TOMORROW_9: &str = "2026-12-02T09:00:00-05:00";
const TOMORROW_10: &str = "2026-12-02T10:00:00-05:00";

fn cc(number: &str) -> Value {
    json!({"document": {"kind": "CC", "number": number}})
}

async fn booked(app: &TestApp, start: &str, number: &str) -> String {
    let response = app.book(&booking(start, number)).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    json_of(response).await["code"].as_str().unwrap().to_owned()
}

/// The personal fields as stored (opened), and when they were erased.
async fn stored(app: &TestApp, code: &str) -> (String, String, Option<String>, Option<String>, Option<i64>) {
    let code = code.replace('-', "");
    let (name, number, email, phone, erased_at): (
        String,
        String,
        Option<String>,
        Option<String>,
        Option<i64>,
    ) = sqlx::query_as(
        "SELECT name, document_number, email, phone, erased_at FROM appointments WHERE code = $1",
    )
    .bind(code)
    .fetch_one(&app.db)
    .await
    .unwrap();
    let open = |field, value: Option<String>| value.map(|v| opened(field, &v));
    (
        opened("name", &name),
        opened("document_number", &number),
        open("email", email),
        open("phone", phone),
        erased_at,
    )
}

async fn actions(app: &TestApp, code: &str) -> Vec<(String, String, Option<i64>)> {
    let code = code.replace('-', "");
    sqlx::query_as(
        "SELECT e.action, e.detail, e.account_id FROM appointment_events e
           JOIN appointments a ON a.id = e.appointment_id WHERE a.code = $1 ORDER BY e.id",
    )
    .bind(code)
    .fetch_all(&app.db)
    .await
    .unwrap()
}

#[tokio::test]
async fn a_citizen_sees_everything_kept_about_their_document() {
    let app = TestApp::spawn().await;
    let booking = app.clock.now();
    let code = booked(&app, TOMORROW_9, "52345678").await;
    let booked_by = app.clock.now();
    let data = app.post(&format!("/api/v1/appointments/{code}/data"), &cc("52345678")).await;
    assert_eq!(data.status(), StatusCode::OK);
    assert_eq!(data.headers()["cache-control"], "no-store");
    let data = json_of(data).await;
    assert_eq!(data["document"], json!({"kind": "CC", "number": "52345678"}));
    assert_eq!((data["kept_days"].as_u64(), data["kept_days_cancelled"].as_u64()), (Some(90), Some(30)));
    let kept = &data["appointments"][0];
    assert_eq!(kept["appointment"]["code"], code.as_str());
    assert_eq!(kept["appointment"]["email"], "ana@example.co", "in full: it is theirs");
    assert_eq!(kept["appointment"]["phone"], "3001234567");
    assert_eq!(kept["privacy_notice"], citas_domain::api::PRIVACY_NOTICE_VERSION);
    assert_later_by(&kept["consent_at"], Duration::zero(), booking, booked_by);
    assert_eq!(kept["history"][0]["action"], "booked");
    let kinds: Vec<&str> =
        kept["messages"].as_array().unwrap().iter().map(|m| m["kind"].as_str().unwrap()).collect();
    assert!(kinds.contains(&"confirmation"), "{kinds:?}");

    let wrong = app.post(&format!("/api/v1/appointments/{code}/data"), &cc("52345679")).await;
    expect_error(wrong, StatusCode::NOT_FOUND, "not_found").await;
}

#[tokio::test]
async fn a_citizen_erases_their_data_and_their_upcoming_appointment_is_cancelled_first() {
    let app = TestApp::spawn().await;
    let code = booked(&app, TOMORROW_9, "52345678").await;
    let free_before = app.available("bogota", TOMORROW_9).await;
    let erased = app.post(&format!("/api/v1/appointments/{code}/erase"), &cc("52345678")).await;
    assert_eq!(erased.status(), StatusCode::OK);
    assert_eq!(json_of(erased).await, json!({"erased": 1, "cancelled": code}));

    assert_eq!(
        stored(&app, &code).await,
        (String::new(), String::new(), None, None, Some(app.clock.now().timestamp()))
    );
    let history: Vec<String> = actions(&app, &code).await.into_iter().map(|(action, ..)| action).collect();
    assert_eq!(history, ["booked", "cancelled", "erased"]);
    assert_eq!(app.available("bogota", TOMORROW_9).await, free_before + 1, "the seat goes to someone else");
    // Nothing is left to find with that document, and the document may book again.
    let lookup = app.post(&format!("/api/v1/appointments/{code}/lookup"), &cc("52345678")).await;
    expect_error(lookup, StatusCode::NOT_FOUND, "not_found").await;
    booked(&app, TOMORROW_10, "52345678").await;
}

#[tokio::test]
async fn an_office_erases_on_a_request_received_by_letter_and_the_history_says_who() {
    let app = TestApp::spawn().await;
    app.add_official("luis@dian.gov.co", Role::Funcionario, &["bogota"]).await;
    app.add_official("ana@dian.gov.co", Role::Funcionario, &["cali"]).await;
    let code = booked(&app, TOMORROW_9, "52345678").await;
    let path = format!("/api/v1/staff/appointments/{code}/erase");

    let cali = app.sign_in("ana@dian.gov.co").await;
    expect_error(cali.post(&path, &json!({"reason": "Carta"})).await, StatusCode::FORBIDDEN, "forbidden")
        .await;
    let bogota = app.sign_in("luis@dian.gov.co").await;
    expect_error(
        bogota.post(&path, &json!({"reason": ""})).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_reason",
    )
    .await;
    assert_eq!(stored(&app, &code).await.1, "52345678", "refused requests erase nothing");

    let erased = bogota.post(&path, &json!({"reason": "Solicitud escrita radicada 2026-001234"})).await;
    assert_eq!(erased.status(), StatusCode::OK);
    assert_eq!(json_of(erased).await["erased"], 1);
    assert_eq!(stored(&app, &code).await.1, "");
    let (action, detail, account) = actions(&app, &code).await.pop().unwrap();
    assert_eq!((action.as_str(), detail.as_str()), ("erased", "Solicitud escrita radicada 2026-001234"));
    assert!(account.is_some(), "the official's account is kept for audits");
    // Asked again: nothing is left.
    let again = bogota.post(&path, &json!({"reason": "Otra vez"})).await;
    assert_eq!(json_of(again).await, json!({"erased": 0}));
}

#[tokio::test]
async fn retention_erases_what_was_kept_long_enough_and_never_an_upcoming_appointment() {
    let app = TestApp::spawn().await;
    let privacy = Privacy::default();
    let kept = booked(&app, TOMORROW_9, "52345678").await;
    let cancelled = booked(&app, TOMORROW_10, "52345679").await;
    let cancel = app.post(&format!("/api/v1/appointments/{cancelled}/cancel"), &cc("52345679")).await;
    assert_eq!(cancel.status(), StatusCode::OK);

    assert_eq!(erase_expired(&app.store, &privacy, &app.clock).await.unwrap(), Some(0));
    app.clock.advance(Duration::days(31));
    assert_eq!(erase_expired(&app.store, &privacy, &app.clock).await.unwrap(), Some(1));
    assert_eq!(stored(&app, &cancelled).await.1, "", "cancelled 31 days ago: erased");
    assert_eq!(stored(&app, &kept).await.1, "52345678", "ended 30 days ago: kept");
    assert_eq!(actions(&app, &cancelled).await.pop().unwrap().0, "erased");

    // A new appointment, upcoming when retention runs 90 days after the first one ended.
    app.clock.advance(Duration::days(61));
    let start = (app.clock.now() + Duration::days(1)).date_naive().and_hms_opt(9, 0, 0).unwrap();
    let start = chrono::TimeZone::from_local_datetime(&app.clock.now().timezone(), &start).unwrap();
    let upcoming_start = next_weekday(start).to_rfc3339();
    let upcoming = booked(&app, &upcoming_start, "52345670").await;
    assert_eq!(erase_expired(&app.store, &privacy, &app.clock).await.unwrap(), Some(1));
    assert_eq!(stored(&app, &kept).await.1, "", "ended more than 90 days ago: erased");
    assert_eq!(stored(&app, &upcoming).await.1, "52345670", "upcoming: never touched");
}

/// `start` moved to the next working day if it falls on a weekend.
fn next_weekday(mut start: chrono::DateTime<chrono::FixedOffset>) -> chrono::DateTime<chrono::FixedOffset> {
    use chrono::Datelike;
    while matches!(start.weekday(), chrono::Weekday::Sat | chrono::Weekday::Sun) {
        start += Duration::days(1);
    }
    start
}

#[tokio::test]
async fn on_postgresql_one_instance_erases_at_a_time() {
    let app = TestApp::spawn().await;
    if !app.on_postgres() {
        return;
    }
    use sqlx::Connection;
    let mut other = sqlx::PgConnection::connect(&app._database.url).await.unwrap();
    let mut holding = other.begin().await.unwrap();
    sqlx::query("SELECT pg_advisory_xact_lock(1581)").execute(&mut *holding).await.unwrap();
    let run = erase_expired(&app.store, &Privacy::default(), &app.clock).await.unwrap();
    assert_eq!(run, None, "another instance's run is under way");
    holding.rollback().await.unwrap();
    // The app's own retention task runs at start and may hold the lock for a moment: once the
    // other instance let go, a run gets its turn within a few tries.
    let mut run = None;
    for _ in 0..50 {
        run = erase_expired(&app.store, &Privacy::default(), &app.clock).await.unwrap();
        if run.is_some() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(run, Some(0), "the lock is free again");
}
