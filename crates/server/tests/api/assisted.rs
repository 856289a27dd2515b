//! Booking for a citizen: a Contact Center agent books, moves and cancels for whoever calls, an
//! official for whoever comes to their office's desk; the consent given aloud and the history
//! name the account; the citizen sees "Contact Center" or the office, never the person; the
//! citizens' limits per client address do not bind them, their account's own limit does.

use crate::helpers::*;
use citas_domain::api::staff::Role;
use citas_server::config::DEFAULT_CONFIG;
use reqwest::StatusCode;
use serde_json::{Value, json};

const NINE: &str = "2026-12-02T09:00:00-05:00";
const TEN: &str = "2026-12-02T10:00:00-05:00";
const AGENT: &str = "agente@contactcenter.dian.gov.co";

/// A caller's booking, as the agent types it: the citizen's body with the consent given aloud.
fn for_caller(start: &str, number: &str) -> Value {
    let mut body = booking(start, number);
    body["consent"] = json!({"verbal": true});
    body
}

fn cc(number: &str) -> Value {
    json!({"document": {"kind": "CC", "number": number}})
}

/// The history's lines of an appointment: (action, actor, its account, detail).
async fn history(app: &TestApp, code: &str) -> Vec<(String, String, Option<i64>, String)> {
    sqlx::query_as(
        "SELECT e.action, e.actor, e.account_id, e.detail FROM appointment_events e
           JOIN appointments a ON a.id = e.appointment_id WHERE a.code = $1 ORDER BY e.id",
    )
    .bind(code.replace('-', ""))
    .fetch_all(&app.db)
    .await
    .unwrap()
}

async fn account_id(app: &TestApp, email: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM staff_accounts WHERE email = $1")
        .bind(email)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn an_agent_books_moves_and_cancels_for_a_caller_and_the_history_names_the_account() {
    let app = TestApp::spawn().await;
    app.add_official(AGENT, Role::ContactCenter, &[]).await;
    let agent = app.sign_in(AGENT).await;
    let id = account_id(&app, AGENT).await;

    // The seat is held while the agent types, then booked through the hold.
    let hold = agent
        .post("/api/v1/staff/holds", &json!({"office": "bogota", "service": "dudas", "start": NINE}))
        .await;
    assert_eq!(hold.status(), StatusCode::CREATED);
    let hold = json_of(hold).await["hold"].as_str().unwrap().to_owned();
    assert_eq!(app.available("bogota", NINE).await, 2);
    let mut body = for_caller(NINE, "52345678");
    body["consent"] = json!({"verbal": false});
    let refused = agent.post("/api/v1/staff/appointments", &body).await;
    expect_error(refused, StatusCode::UNPROCESSABLE_ENTITY, "consent_required").await;
    body["consent"] = json!({"verbal": true});
    body["hold"] = json!(hold);
    let booked = agent.post("/api/v1/staff/appointments", &body).await;
    assert_eq!(booked.status(), StatusCode::CREATED);
    let code = json_of(booked).await["code"].as_str().unwrap().to_owned();
    assert_eq!(app.available("bogota", NINE).await, 2, "the hold became the seat");
    let consent: (Option<i64>, i64) =
        sqlx::query_as("SELECT consent_by, consent_at FROM appointments WHERE code = $1")
            .bind(code.replace('-', ""))
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(
        consent,
        (Some(id), app.clock.now().timestamp()),
        "who recorded the consent given aloud, and when"
    );

    // The citizen sees who booked it: the Contact Center, not the agent.
    let seen = json_of(app.post(&format!("/api/v1/appointments/{code}/lookup"), &cc("52345678")).await).await;
    assert_eq!(seen["changed_by"], "Contact Center");

    let moved = agent
        .post(
            &format!("/api/v1/staff/appointments/{code}/reschedule"),
            &json!({"start": TEN, "reason": "Lo pidió por teléfono"}),
        )
        .await;
    assert_eq!(moved.status(), StatusCode::OK);
    assert_eq!(at(json_of(moved).await["start"].as_str().unwrap()), at(TEN));
    let no_reason =
        agent.post(&format!("/api/v1/staff/appointments/{code}/reschedule"), &json!({"start": NINE})).await;
    expect_error(no_reason, StatusCode::UNPROCESSABLE_ENTITY, "invalid_reason").await;
    let cancelled = agent
        .post(&format!("/api/v1/staff/appointments/{code}/cancel"), &json!({"reason": "Ya no puede asistir"}))
        .await;
    assert_eq!(json_of(cancelled).await["status"], "cancelled");

    let lines = history(&app, &code).await;
    let named: Vec<(&str, &str, Option<i64>)> =
        lines.iter().map(|(a, b, c, _)| (a.as_str(), b.as_str(), *c)).collect();
    assert_eq!(
        named,
        [
            ("booked", "Contact Center", Some(id)),
            ("rescheduled", "Contact Center", Some(id)),
            ("cancelled_by_office", "Contact Center", Some(id)),
        ]
    );
    assert!(lines[1].3.ends_with(": Lo pidió por teléfono"), "{}", lines[1].3);
    let seen = json_of(app.post(&format!("/api/v1/appointments/{code}/lookup"), &cc("52345678")).await).await;
    assert_eq!(
        (seen["changed_by"].as_str(), seen["cancel_reason"].as_str()),
        (Some("Contact Center"), Some("Ya no puede asistir"))
    );
    assert!(!seen.to_string().contains(AGENT), "the agent is never named to the citizen");

    // What only a desk does is not the Contact Center's.
    let second = json_of(agent.post("/api/v1/staff/appointments", &for_caller(NINE, "52345679")).await).await;
    let code = second["code"].as_str().unwrap();
    let check_in = agent.post(&format!("/api/v1/staff/appointments/{code}/check-in"), &cc("52345679")).await;
    expect_error(check_in, StatusCode::FORBIDDEN, "forbidden").await;
}

#[tokio::test]
async fn an_official_books_at_their_desk_and_nowhere_else() {
    let app = TestApp::spawn().await;
    app.add_official("ana@dian.gov.co", Role::Funcionario, &["cali"]).await;
    let official = app.sign_in("ana@dian.gov.co").await;
    let mut body = for_caller("2026-12-02T09:00:00-05:00", "52345678");
    body["office"] = json!("cali");
    let booked = official.post("/api/v1/staff/appointments", &body).await;
    assert_eq!(booked.status(), StatusCode::CREATED);
    let code = json_of(booked).await["code"].as_str().unwrap().to_owned();
    assert_eq!(history(&app, &code).await[0].1, "oficina de Cali");

    let elsewhere = official.post("/api/v1/staff/appointments", &for_caller(NINE, "52345679")).await;
    expect_error(elsewhere, StatusCode::FORBIDDEN, "forbidden").await;
    let hold = official
        .post("/api/v1/staff/holds", &json!({"office": "bogota", "service": "dudas", "start": NINE}))
        .await;
    expect_error(hold, StatusCode::FORBIDDEN, "forbidden").await;
    let citizens = app.book(&booking(NINE, "52345670")).await;
    let theirs = json_of(citizens).await["code"].as_str().unwrap().to_owned();
    let moved = official
        .post(
            &format!("/api/v1/staff/appointments/{theirs}/reschedule"),
            &json!({"start": TEN, "reason": "Pedido"}),
        )
        .await;
    expect_error(moved, StatusCode::FORBIDDEN, "forbidden").await;
    let anonymous =
        app.staff_browser().post("/api/v1/staff/appointments", &for_caller(NINE, "52345671")).await;
    expect_error(anonymous, StatusCode::UNAUTHORIZED, "unauthenticated").await;
}

/// With the defences as shipped: one address, many bookings a minute and a day (a call centre),
/// and no proof of work; the account's own limit holds.
#[tokio::test]
async fn an_agent_is_limited_per_account_not_by_the_citizens_limits_per_address() {
    let config = DEFAULT_CONFIG.replace("assisted_per_minute = 30", "assisted_per_minute = 12");
    let app = TestApp::spawn_with(&config).await;
    app.add_official(AGENT, Role::ContactCenter, &[]).await;
    let agent = app.sign_in(AGENT).await;
    // More than a citizen's address may book in a minute (5) and in a day (10).
    for i in 0..12 {
        let start = format!("2026-12-{:02}T{:02}:00:00-05:00", 2 + i / 8, 8 + i % 8);
        let booked = agent
            .post("/api/v1/staff/appointments", &for_caller(&start, &format!("{}", 53_000_000 + i)))
            .await;
        assert_eq!(booked.status(), StatusCode::CREATED, "booking {i}: {}", booked.text().await.unwrap());
    }
    let over =
        agent.post("/api/v1/staff/appointments", &for_caller("2026-12-03T15:00:00-05:00", "53000099")).await;
    assert!(over.headers().contains_key("retry-after"));
    expect_error(over, StatusCode::TOO_MANY_REQUESTS, "too_many_requests").await;
    // Another agent has their own.
    app.add_official("otra@contactcenter.dian.gov.co", Role::ContactCenter, &[]).await;
    let other = app.sign_in("otra@contactcenter.dian.gov.co").await;
    let booked =
        other.post("/api/v1/staff/appointments", &for_caller("2026-12-03T15:00:00-05:00", "53000099")).await;
    assert_eq!(booked.status(), StatusCode::CREATED);
}
