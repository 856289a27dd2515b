//! The officials' side: sign-in and its defences, the agenda, check-in against the document,
//! no-shows, cancellations by the office, search by document and history.

use crate::helpers::*;
use chrono::Duration;
use citas_domain::api::staff::Role;
use reqwest::StatusCode;
use serde_json::{Value, json};

const CALI: &str = "ana@dian.gov.co";
const BOGOTA: &str = "luis@dian.gov.co";
const ADMIN: &str = "jefa@dian.gov.co";

/// Today (Tuesday 1 December 2026) at 9:00 and 8:00, and tomorrow at 9:00, in Bogotá.
const TODAY_9: &str = "2026-12-01T09:00:00-05:00";
const TODAY_8: &str = "2026-12-01T08:00:00-05:00";
const TOMORROW_9: &str = "2026-12-02T09:00:00-05:00";

async fn spawn_with_officials() -> TestApp {
    let app = TestApp::spawn().await;
    app.add_official(CALI, Role::Funcionario, &["cali"]).await;
    app.add_official(BOGOTA, Role::Funcionario, &["bogota"]).await;
    app.add_official(ADMIN, Role::Administrador, &[]).await;
    app
}

/// Books in Bogotá at `start` for the cédula `number`: its code.
async fn booked(app: &TestApp, start: &str, number: &str) -> String {
    let response = app.book(&booking(start, number)).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    json_of(response).await["code"].as_str().unwrap().to_owned()
}

fn cc(number: &str) -> Value {
    json!({"document": {"kind": "CC", "number": number}})
}

#[tokio::test]
async fn every_staff_route_needs_a_session_and_an_office_of_the_officials() {
    let app = spawn_with_officials().await;
    let code = booked(&app, TODAY_9, "52345678").await;
    let stranger = app.staff_browser();
    for path in [
        "/api/v1/staff/me",
        "/api/v1/staff/offices/bogota/agenda",
        &format!("/api/v1/staff/appointments/{code}/history"),
    ] {
        expect_error(stranger.get(path).await, StatusCode::UNAUTHORIZED, "unauthenticated").await;
    }
    let checked =
        stranger.post(&format!("/api/v1/staff/appointments/{code}/check-in"), &cc("52345678")).await;
    expect_error(checked, StatusCode::UNAUTHORIZED, "unauthenticated").await;

    let cali = app.sign_in(CALI).await;
    let me = json_of(cali.get("/api/v1/staff/me").await).await;
    assert_eq!(me, json!({"email": CALI, "role": "funcionario", "offices": ["cali"]}));
    expect_error(cali.get("/api/v1/staff/offices/bogota/agenda").await, StatusCode::FORBIDDEN, "forbidden")
        .await;
    let checked = cali.post(&format!("/api/v1/staff/appointments/{code}/check-in"), &cc("52345678")).await;
    expect_error(checked, StatusCode::FORBIDDEN, "forbidden").await;
    expect_error(
        cali.get("/api/v1/staff/offices/nowhere/agenda").await,
        StatusCode::NOT_FOUND,
        "unknown_office",
    )
    .await;
    assert_eq!(cali.get("/api/v1/staff/offices/cali/agenda").await.status(), StatusCode::OK);

    let admin = app.sign_in(ADMIN).await;
    let me = json_of(admin.get("/api/v1/staff/me").await).await;
    assert_eq!(me["offices"].as_array().unwrap().len(), 18);
    assert_eq!(admin.get("/api/v1/staff/offices/bogota/agenda").await.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_change_from_another_site_is_refused_even_with_the_session() {
    let app = spawn_with_officials().await;
    let code = booked(&app, TODAY_9, "52345678").await;
    let official = app.sign_in(BOGOTA).await;
    let path = format!("{}/api/v1/staff/appointments/{code}/check-in", app.base);
    let forged = official.client.post(&path).header("Origin", "https://evil.example").json(&cc("52345678"));
    expect_error(forged.send().await.unwrap(), StatusCode::FORBIDDEN, "origin_refused").await;
    let without = official.client.post(&path).json(&cc("52345678"));
    expect_error(without.send().await.unwrap(), StatusCode::FORBIDDEN, "origin_refused").await;
    let sign_in = app.client.post(format!("{}/api/v1/staff/session", app.base));
    let sign_in = sign_in.json(&json!({"email": BOGOTA, "password": PASSWORD})).send().await.unwrap();
    expect_error(sign_in, StatusCode::FORBIDDEN, "origin_refused").await;
    // Nothing changed; from the site itself it works.
    assert_eq!(
        official.post(&format!("/api/v1/staff/appointments/{code}/check-in"), &cc("52345678")).await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn an_account_locks_after_repeated_failed_sign_ins() {
    let app = spawn_with_officials().await;
    let browser = app.staff_browser();
    let wrong = json!({"email": CALI, "password": "no es la clave"});
    for _ in 0..5 {
        expect_error(
            browser.post("/api/v1/staff/session", &wrong).await,
            StatusCode::UNAUTHORIZED,
            "invalid_credentials",
        )
        .await;
    }
    // Locked: even the right password is refused, with the answer an unknown e-mail gets, so
    // that neither the accounts nor a right guess show.
    let right = json!({"email": CALI, "password": PASSWORD});
    let locked = browser.post("/api/v1/staff/session", &right).await;
    let locked = expect_error(locked, StatusCode::UNAUTHORIZED, "invalid_credentials").await;
    let unknown = json!({"email": "nadie@dian.gov.co", "password": PASSWORD});
    let unknown = browser.post("/api/v1/staff/session", &unknown).await;
    assert_eq!(expect_error(unknown, StatusCode::UNAUTHORIZED, "invalid_credentials").await, locked);
    // Another account is not locked by those failures.
    app.sign_in(BOGOTA).await;
    app.clock.advance(Duration::minutes(14));
    let still = browser.post("/api/v1/staff/session", &right).await;
    expect_error(still, StatusCode::UNAUTHORIZED, "invalid_credentials").await;

    app.clock.advance(Duration::minutes(2));
    app.sign_in(CALI).await;
}

#[tokio::test]
async fn sign_ins_from_one_address_are_rate_limited() {
    let app = TestApp::spawn_with(citas_server::config::DEFAULT_CONFIG).await;
    let browser = app.staff_browser();
    let unknown = json!({"email": "nadie@dian.gov.co", "password": PASSWORD});
    for _ in 0..10 {
        expect_error(
            browser.post("/api/v1/staff/session", &unknown).await,
            StatusCode::UNAUTHORIZED,
            "invalid_credentials",
        )
        .await;
    }
    let limited = browser.post("/api/v1/staff/session", &unknown).await;
    assert!(limited.headers().contains_key("retry-after"));
    expect_error(limited, StatusCode::TOO_MANY_REQUESTS, "too_many_requests").await;
}

#[tokio::test]
async fn a_session_ends_when_idle_after_ten_hours_and_at_sign_out() {
    let app = spawn_with_officials().await;
    let official = app.sign_in(CALI).await;
    app.clock.advance(Duration::minutes(29));
    assert_eq!(official.get("/api/v1/staff/me").await.status(), StatusCode::OK);
    app.clock.advance(Duration::minutes(31));
    expect_error(official.get("/api/v1/staff/me").await, StatusCode::UNAUTHORIZED, "unauthenticated").await;

    let official = app.sign_in(CALI).await;
    // Used every 20 minutes until 9 h 40 min after signing in...
    for _ in 0..29 {
        app.clock.advance(Duration::minutes(20));
        assert_eq!(official.get("/api/v1/staff/me").await.status(), StatusCode::OK);
    }
    // ...and used 25 minutes later, at 10 h 05 min: over.
    app.clock.advance(Duration::minutes(25));
    expect_error(official.get("/api/v1/staff/me").await, StatusCode::UNAUTHORIZED, "unauthenticated").await;

    let official = app.sign_in(CALI).await;
    assert_eq!(official.delete("/api/v1/staff/session").await.status(), StatusCode::NO_CONTENT);
    expect_error(official.get("/api/v1/staff/me").await, StatusCode::UNAUTHORIZED, "unauthenticated").await;
}

#[tokio::test]
async fn a_disabled_account_or_a_new_password_ends_its_sessions() {
    let app = spawn_with_officials().await;
    let official = app.sign_in(CALI).await;
    let now = app.clock.now().timestamp();
    assert!(app.store.set_disabled(CALI, true, now).await.unwrap());
    expect_error(official.get("/api/v1/staff/me").await, StatusCode::UNAUTHORIZED, "unauthenticated").await;
    let again = app
        .staff_browser()
        .post("/api/v1/staff/session", &json!({"email": CALI, "password": PASSWORD}))
        .await;
    expect_error(again, StatusCode::UNAUTHORIZED, "invalid_credentials").await;

    let official = app.sign_in(BOGOTA).await;
    let hash = citas_server::http::staff::hash_password("otra clave larga de prueba");
    assert!(app.store.set_password(BOGOTA, &hash, now).await.unwrap());
    expect_error(official.get("/api/v1/staff/me").await, StatusCode::UNAUTHORIZED, "unauthenticated").await;
}

#[tokio::test]
async fn check_in_attends_only_the_document_the_appointment_was_booked_with() {
    let app = spawn_with_officials().await;
    let code = booked(&app, TODAY_9, "52345678").await;
    let tomorrow = booked(&app, TOMORROW_9, "1020304050").await;
    let official = app.sign_in(BOGOTA).await;
    let check_in = |code: &str| format!("/api/v1/staff/appointments/{code}/check-in");

    let error = expect_error(
        official.post(&check_in(&code), &cc("52345679")).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "document_mismatch",
    )
    .await;
    assert_eq!(error["field"], "document.number");
    let nit = json!({"document": {"kind": "NIT", "number": "800197268-4"}});
    expect_error(
        official.post(&check_in(&code), &nit).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "document_mismatch",
    )
    .await;
    expect_error(
        official.post(&check_in(&code), &cc("12")).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_document",
    )
    .await;
    expect_error(
        official.post(&check_in(&tomorrow), &cc("1020304050")).await,
        StatusCode::CONFLICT,
        "appointment_not_today",
    )
    .await;
    expect_error(
        official.post(&check_in("ZZZZ-ZZZZ"), &cc("52345678")).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;

    let attended = json_of(official.post(&check_in(&code), &cc("52.345.678")).await).await;
    assert_eq!(attended["status"], "attended");
    assert!(attended["checked_in_at"].as_str().unwrap().starts_with("2026-12-01T07:0"), "{attended}");
    expect_error(
        official.post(&check_in(&code), &cc("52345678")).await,
        StatusCode::CONFLICT,
        "appointment_not_booked",
    )
    .await;

    let agenda = json_of(official.get("/api/v1/staff/offices/bogota/agenda?date=2026-12-01").await).await;
    assert_eq!(agenda["date"], "2026-12-01");
    let entries = agenda["appointments"].as_array().unwrap();
    assert_eq!(entries.len(), 1, "tomorrow's is not today's: {agenda}");
    assert_eq!(entries[0]["code"], code.as_str());
    assert_eq!(entries[0]["status"], "attended");
    assert_eq!(entries[0]["document"], "CC •••678");
    assert_eq!(entries[0]["name"], "Ana María Pérez");
    // The citizen's "Mi cita" says it too, and it can no longer be changed.
    let mine = json_of(app.post(&format!("/api/v1/appointments/{code}/lookup"), &cc("52345678")).await).await;
    assert_eq!(mine["status"], "attended");
}

#[tokio::test]
async fn a_no_show_waits_for_the_grace_period_and_reopen_undoes_it_the_same_day() {
    let app = spawn_with_officials().await;
    let code = booked(&app, TODAY_8, "52345678").await;
    let official = app.sign_in(BOGOTA).await;
    let no_show = format!("/api/v1/staff/appointments/{code}/no-show");
    let reopen = format!("/api/v1/staff/appointments/{code}/reopen");
    expect_error(official.post(&no_show, &json!({})).await, StatusCode::CONFLICT, "too_early_for_no_show")
        .await;
    // To 8:14 exactly, however long the test took to get here.
    app.clock.advance(at("2026-12-01T08:14:00-05:00") - app.clock.now());
    // Sessions end after 30 idle minutes.
    let official = app.sign_in(BOGOTA).await;
    expect_error(official.post(&no_show, &json!({})).await, StatusCode::CONFLICT, "too_early_for_no_show")
        .await;
    expect_error(official.post(&reopen, &json!({})).await, StatusCode::CONFLICT, "nothing_to_reopen").await;
    app.clock.advance(at("2026-12-01T08:15:00-05:00") - app.clock.now());
    assert_eq!(json_of(official.post(&no_show, &json!({})).await).await["status"], "no_show");
    expect_error(official.post(&no_show, &json!({})).await, StatusCode::CONFLICT, "appointment_not_booked")
        .await;
    // The person arrives late after all: reopened, and checked in.
    assert_eq!(json_of(official.post(&reopen, &json!({})).await).await["status"], "booked");
    let check_in =
        official.post(&format!("/api/v1/staff/appointments/{code}/check-in"), &cc("52345678")).await;
    assert_eq!(json_of(check_in).await["status"], "attended");
    app.clock.advance(Duration::days(1));
    let official = app.sign_in(BOGOTA).await;
    expect_error(official.post(&reopen, &json!({})).await, StatusCode::CONFLICT, "appointment_not_today")
        .await;
}

#[tokio::test]
async fn an_office_cancels_with_a_reason_the_citizen_sees_and_the_seat_is_freed() {
    let app = TestApp::spawn_with(&one_desk_config()).await;
    app.add_official(BOGOTA, Role::Funcionario, &["bogota"]).await;
    let code = booked(&app, TOMORROW_9, "52345678").await;
    assert_eq!(app.available("bogota", TOMORROW_9).await, 0);
    let official = app.sign_in(BOGOTA).await;
    let cancel = format!("/api/v1/staff/appointments/{code}/cancel");
    expect_error(
        official.post(&cancel, &json!({"reason": "  "})).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_reason",
    )
    .await;
    // Typed in the box on two lines: kept on one, as the citizen's screens and e-mails show it.
    let typed = "La funcionaria que atiende este servicio\r\nestará en una diligencia.";
    let reason = "La funcionaria que atiende este servicio estará en una diligencia.";
    let cancelled = json_of(official.post(&cancel, &json!({"reason": typed})).await).await;
    assert_eq!(cancelled["status"], "cancelled");
    assert_eq!(cancelled["cancel_reason"], reason);
    assert_eq!(app.available("bogota", TOMORROW_9).await, 1);

    let mine = json_of(app.post(&format!("/api/v1/appointments/{code}/lookup"), &cc("52345678")).await).await;
    assert_eq!(mine["status"], "cancelled");
    assert_eq!(mine["cancel_reason"], reason);
    // The document may book again.
    assert_eq!(app.book(&booking(TOMORROW_9, "52345678")).await.status(), StatusCode::CREATED);
}

#[tokio::test]
async fn the_history_names_each_staff_action_and_its_account() {
    let app = spawn_with_officials().await;
    let code = booked(&app, TODAY_9, "52345678").await;
    let official = app.sign_in(BOGOTA).await;
    official.post(&format!("/api/v1/staff/appointments/{code}/check-in"), &cc("11111111")).await;
    official.post(&format!("/api/v1/staff/appointments/{code}/check-in"), &cc("52345678")).await;
    official.post(&format!("/api/v1/staff/appointments/{code}/reopen"), &json!({})).await;
    let found = json_of(official.post("/api/v1/staff/appointments/search", &cc("52345678")).await).await;
    assert_eq!(found["appointments"][0]["code"], code.as_str());
    let history = json_of(official.get(&format!("/api/v1/staff/appointments/{code}/history")).await).await;
    let actions: Vec<(&str, &str)> = history["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["action"].as_str().unwrap(), e["actor"].as_str().unwrap()))
        .collect();
    assert_eq!(
        actions,
        [
            ("booked", "ciudadano (web)"),
            ("check_in_refused", "oficina de Bogotá"),
            ("checked_in", "oficina de Bogotá"),
            ("reopened", "oficina de Bogotá"),
            ("found_by_document", "oficina de Bogotá"),
        ]
    );
    let accounts: Vec<Option<i64>> =
        sqlx::query_scalar("SELECT account_id FROM appointment_events ORDER BY id")
            .fetch_all(&app.db)
            .await
            .unwrap();
    let official_id = app.store.account_by_email(BOGOTA).await.unwrap().unwrap().id;
    assert_eq!(accounts, [None, Some(official_id), Some(official_id), Some(official_id), Some(official_id)]);
    // Nothing of the document in the history.
    assert!(!history.to_string().contains("52345678") && !history.to_string().contains("11111111"));
}

#[tokio::test]
async fn a_search_by_document_finds_only_at_the_officials_offices() {
    let app = spawn_with_officials().await;
    booked(&app, TODAY_9, "52345678").await;
    let cali = app.sign_in(CALI).await;
    let found = json_of(cali.post("/api/v1/staff/appointments/search", &cc("52345678")).await).await;
    assert_eq!(found, json!({"appointments": []}));
    let admin = app.sign_in(ADMIN).await;
    let found = json_of(admin.post("/api/v1/staff/appointments/search", &cc("52345678")).await).await;
    assert_eq!(found["appointments"].as_array().unwrap().len(), 1);
    assert_eq!(found["appointments"][0]["office"], "bogota");
}

#[tokio::test]
async fn the_agenda_downloads_as_csv() {
    let app = spawn_with_officials().await;
    booked(&app, TODAY_9, "52345678").await;
    let official = app.sign_in(BOGOTA).await;
    let response = official.get("/api/v1/staff/offices/bogota/agenda.csv?date=2026-12-01").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "text/csv; charset=utf-8");
    assert_eq!(response.headers()["cache-control"], "no-store");
    let text = response.text().await.unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "\u{feff}hora,fin,código,servicio,nombre,documento,estado,llegada");
    assert!(lines[1].starts_with("09:00,09:30,"), "{text}");
    assert!(lines[1].contains("Ana María Pérez,CC •••678,agendada,"), "{text}");
    let bad = official.get("/api/v1/staff/offices/bogota/agenda?date=mañana").await;
    expect_error(bad, StatusCode::BAD_REQUEST, "invalid_date").await;
}

/// `citas-server users …` with `args`, the password (if any) on standard input: whether it
/// succeeded, and what it printed.
fn users(database: &str, args: &[&str], password: Option<&str>) -> (bool, String) {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_citas-server"))
        .args(["users"])
        .args(args)
        .args(["--database", database])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    if let Some(password) = password {
        // A command that stopped before reading it says why in its output, asserted below.
        let _ = writeln!(stdin, "{password}");
    }
    drop(stdin);
    let output = child.wait_with_output().unwrap();
    let text =
        format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    (output.status.success(), text)
}

#[tokio::test]
async fn the_operator_manages_accounts_from_the_server_binary() {
    let app = TestApp::spawn().await;
    let db = app._database.url.clone();
    let add = [
        "add",
        "--email",
        "Marta@DIAN.gov.co",
        "--role",
        "funcionario",
        "--office",
        "cali",
        "--office",
        "pasto",
    ];
    let (ok, text) = users(&db, &add, Some("corta"));
    assert!(!ok && text.contains("12 characters"), "{text}");
    let (ok, text) =
        users(&db, &["add", "--email", "x@dian.gov.co", "--role", "funcionario"], Some(PASSWORD));
    assert!(!ok && text.contains("--office"), "{text}");
    let (ok, text) = users(
        &db,
        &["add", "--email", "x@dian.gov.co", "--role", "funcionario", "--office", "marte"],
        Some(PASSWORD),
    );
    assert!(!ok && text.contains("marte"), "{text}");
    let (ok, text) = users(&db, &add, Some(PASSWORD));
    assert!(ok, "{text}");
    let (ok, text) = users(&db, &add, Some(PASSWORD));
    assert!(!ok && text.contains("already"), "{text}");
    let (ok, text) = users(&db, &["list"], None);
    assert!(ok && text.contains("marta@dian.gov.co\tfuncionario\tenabled\tcali, pasto"), "{text}");

    let official = app.sign_in("marta@dian.gov.co").await;
    let me = json_of(official.get("/api/v1/staff/me").await).await;
    assert_eq!(me["offices"], json!(["cali", "pasto"]));
    let (ok, text) = users(&db, &["disable", "--email", "marta@dian.gov.co"], None);
    assert!(ok, "{text}");
    expect_error(official.get("/api/v1/staff/me").await, StatusCode::UNAUTHORIZED, "unauthenticated").await;
    let (ok, _) = users(&db, &["enable", "--email", "marta@dian.gov.co"], None);
    assert!(ok);
    let (ok, _) =
        users(&db, &["reset-password", "--email", "marta@dian.gov.co"], Some("una clave nueva y larga"));
    assert!(ok);
    let old = app
        .staff_browser()
        .post("/api/v1/staff/session", &json!({"email": "marta@dian.gov.co", "password": PASSWORD}))
        .await;
    expect_error(old, StatusCode::UNAUTHORIZED, "invalid_credentials").await;
    let (ok, text) = users(&db, &["disable", "--email", "nadie@dian.gov.co"], None);
    assert!(!ok && text.contains("no account"), "{text}");

    // A Contact Center agent acts on every office: no --office.
    let agent = ["add", "--email", "agente@dian.gov.co", "--role", "contact_center"];
    let (ok, text) = users(&db, &[&agent[..], &["--office", "cali"]].concat(), Some(PASSWORD));
    assert!(!ok && text.contains("every office"), "{text}");
    let (ok, text) = users(&db, &agent, Some(PASSWORD));
    assert!(ok, "{text}");
    let (ok, text) = users(&db, &["list"], None);
    assert!(ok && text.contains("agente@dian.gov.co\tcontact_center\tenabled\tevery office"), "{text}");
}
