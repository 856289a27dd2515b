//! The waiting list: citizens join when nothing suits them; a seat that frees is offered to the
//! first in line whose days fit, held for them; not taken in time it goes to the next, and with
//! nobody left back to everyone after the fair release's delay. Rounds of offers are run by
//! the test (`Offering::round`) on the server's clock, except where the server's own task and
//! its messages are the point.

use crate::helpers::*;
use crate::smtp_sink::SmtpSink;
use chrono::Duration;
use citas_domain::api::staff::Role;
use citas_server::Application;
use citas_server::config::parse_config;
use citas_server::settings::Settings;
use citas_server::waitlist::{Offering, Round};
use futures::future::join_all;
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::collections::HashSet;
use std::sync::Arc;

/// Wednesday 2 December 2026: the day everyone wants.
const DAY: &str = "2026-12-02";
const SLOTS: usize = 16;

/// One desk in Bogotá; fair release as by default (two to ten minutes); rounds of offers only
/// when the test runs one.
fn config() -> String {
    one_desk_config()
        .replace("release_delay_minutes = [0, 0]", "release_delay_minutes = [2, 10]")
        .replace("every_seconds = 30", "every_seconds = 3600")
}

fn offering(app: &TestApp, config: &str) -> Offering {
    let config = parse_config(config).unwrap();
    Offering {
        store: app.store.clone(),
        catalog: Arc::new(config.catalog),
        waitlist: config.waitlist,
        abuse: config.abuse,
        clock: app.clock.clone(),
    }
}

fn slot(i: usize) -> String {
    format!("{DAY}T{:02}:{:02}:00-05:00", 8 + i / 2, (i % 2) * 30)
}

/// Books every seat of DAY in Bogotá: the code of each slot's appointment.
async fn fill_the_day(app: &TestApp) -> Vec<String> {
    let mut codes = Vec::new();
    for i in 0..SLOTS {
        let response = app.book(&booking(&slot(i), &format!("{}", 70_000_000 + i))).await;
        assert_eq!(response.status(), StatusCode::CREATED);
        codes.push(json_of(response).await["code"].as_str().unwrap().to_owned());
    }
    codes
}

fn joining(number: &str, from: &str, until: &str) -> Value {
    json!({
        "office": "bogota",
        "service": "dudas",
        "from": from,
        "until": until,
        "document": { "kind": "CC", "number": number },
        "name": "Luz Marina Gómez",
        "email": format!("{number}@example.co"),
        "consent": true
    })
}

/// Joins for DAY: the entry's code.
async fn join(app: &TestApp, number: &str) -> String {
    let response = app.post("/api/v1/waitlist", &joining(number, DAY, DAY)).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    json_of(response).await["code"].as_str().unwrap().to_owned()
}

fn proof(number: &str) -> Value {
    json!({ "document": { "kind": "CC", "number": number } })
}

async fn lookup(app: &TestApp, code: &str, number: &str) -> reqwest::Response {
    app.post(&format!("/api/v1/waitlist/{code}/lookup"), &proof(number)).await
}

/// The hold of the entry's open offer, and the offered seat's start.
async fn offer_of(app: &TestApp, code: &str, number: &str) -> Option<(String, String)> {
    let entry = json_of(lookup(app, code, number).await).await;
    let offer = entry.get("offer")?;
    Some((offer["offer"].as_str()?.to_owned(), offer["start"].as_str()?.to_owned()))
}

async fn cancel(app: &TestApp, code: &str, number: &str) {
    let cancelled = app.post(&format!("/api/v1/appointments/{code}/cancel"), &proof(number)).await;
    assert_eq!(json_of(cancelled).await["status"], "cancelled");
}

/// A booking of `start` through `hold` by the cédula `number`.
fn taking(start: &str, number: &str, hold: &str) -> Value {
    let mut body = booking(start, number);
    body["hold"] = json!(hold);
    body
}

#[tokio::test]
async fn a_freed_seat_goes_to_the_first_in_line_and_only_their_document_books_it() {
    let config = config();
    let app = TestApp::spawn_with(&config).await;
    let offering = offering(&app, &config);
    let codes = fill_the_day(&app).await;
    let (first, second) = (join(&app, "71000001").await, join(&app, "71000002").await);
    assert_eq!(json_of(lookup(&app, &second, "71000002").await).await["position"], 2);
    assert_eq!(offering.round().await.unwrap().offers_made, 0, "nothing is free");

    // 15:00 is cancelled: its seat, in fair release, is offered to the first in line only.
    let three = slot(14);
    cancel(&app, &codes[14], &format!("{}", 70_000_014)).await;
    let round_from = app.clock.now();
    assert_eq!(offering.round().await.unwrap().offers_made, 1);
    let round_until = app.clock.now();
    let (hold, start) = offer_of(&app, &first, "71000001").await.expect("an offer for the first");
    assert_eq!(at(&start), at(&three));
    assert!(offer_of(&app, &second, "71000002").await.is_none());
    let offered = json_of(app.get(&format!("/api/v1/offers/{hold}")).await).await;
    assert_eq!(offered["office"]["id"], "bogota");
    // Held for two hours from the round (about 9:00), long before the hour's notice before 15:00.
    assert_later_by(&offered["expires_at"], Duration::hours(2), round_from, round_until);

    // Past the fair release's delay the seat is still held; nobody's browser can release it.
    app.clock.advance(Duration::minutes(11));
    assert_eq!(
        app.client.delete(format!("{}/api/v1/holds/{hold}", app.base)).send().await.unwrap().status(),
        204
    );
    assert_eq!(app.available("bogota", &three).await, 0);
    expect_error(app.book(&booking(&three, "52000001")).await, StatusCode::CONFLICT, "slot_full").await;
    let stranger = app.book(&taking(&three, "71000002", &hold)).await;
    let refusal = expect_error(stranger, StatusCode::CONFLICT, "offer_not_yours").await;
    assert_eq!(refusal["field"], "document.number");

    // The first in line books it through the offer, and is off the list.
    let booked = app.book(&taking(&three, "71000001", &hold)).await;
    assert_eq!(booked.status(), StatusCode::CREATED);
    expect_error(lookup(&app, &first, "71000001").await, StatusCode::NOT_FOUND, "not_found").await;
    expect_error(app.get(&format!("/api/v1/offers/{hold}")).await, StatusCode::GONE, "hold_expired").await;
    let (state, name, email): (String, Option<String>, Option<String>) =
        sqlx::query_as("SELECT state, name, email FROM waitlist WHERE code = $1")
            .bind(first.replace('-', ""))
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!((state.as_str(), name, email), ("booked", None, None), "its personal data erased");
    let taken: String = sqlx::query_scalar("SELECT state FROM waitlist_offers WHERE hold_id = $1")
        .bind(&hold)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(taken, "taken");
    assert_eq!(json_of(lookup(&app, &second, "71000002").await).await["position"], 1);
    let metrics = app.client.get(format!("{}/metrics", app.metrics_base)).send().await.unwrap();
    let metrics = metrics.text().await.unwrap();
    assert!(metrics.contains("citas_waitlist_offers_total{outcome=\"taken\"}"), "{metrics}");
}

#[tokio::test]
async fn an_offer_not_taken_in_time_goes_to_the_next_and_then_back_to_everyone() {
    let config = config();
    let app = TestApp::spawn_with(&config).await;
    let offering = offering(&app, &config);
    let codes = fill_the_day(&app).await;
    let (first, second) = (join(&app, "71000001").await, join(&app, "71000002").await);
    let three = slot(14);
    cancel(&app, &codes[14], &format!("{}", 70_000_014)).await;
    offering.round().await.unwrap();
    let (lapsed, _) = offer_of(&app, &first, "71000001").await.unwrap();

    app.clock.advance(Duration::minutes(121));
    let round = offering.round().await.unwrap();
    assert_eq!((round.offers_lapsed, round.offers_made), (1, 1));
    let (next, start) = offer_of(&app, &second, "71000002").await.expect("the next in line's turn");
    assert_eq!(at(&start), at(&three));
    assert!(offer_of(&app, &first, "71000001").await.is_none(), "not offered the same seat again");
    expect_error(app.book(&taking(&three, "71000001", &lapsed)).await, StatusCode::GONE, "hold_expired")
        .await;

    // Nobody left for it: back to everyone after two to ten minutes.
    app.clock.advance(Duration::minutes(121));
    let round = offering.round().await.unwrap();
    assert_eq!((round.offers_lapsed, round.offers_made, round.seats_let_go), (1, 0, 1));
    expect_error(app.book(&taking(&three, "71000002", &next)).await, StatusCode::GONE, "hold_expired").await;
    assert_eq!(app.available("bogota", &three).await, 0);
    app.clock.advance(Duration::minutes(10));
    assert_eq!(app.available("bogota", &three).await, 1);
}

#[tokio::test]
async fn leaving_or_booking_elsewhere_takes_an_entry_off_the_list_and_passes_its_offer_on() {
    let config = config();
    let app = TestApp::spawn_with(&config).await;
    let offering = offering(&app, &config);
    let codes = fill_the_day(&app).await;
    let entries = [join(&app, "71000001").await, join(&app, "71000002").await];
    cancel(&app, &codes[14], &format!("{}", 70_000_014)).await;
    offering.round().await.unwrap();
    assert!(offer_of(&app, &entries[0], "71000001").await.is_some());

    let left = app.post(&format!("/api/v1/waitlist/{}/leave", entries[0]), &proof("71000001")).await;
    assert_eq!(left.status(), StatusCode::NO_CONTENT);
    expect_error(lookup(&app, &entries[0], "71000001").await, StatusCode::NOT_FOUND, "not_found").await;
    let round = offering.round().await.unwrap();
    assert_eq!(round.offers_made, 1, "{round:?}");
    assert!(offer_of(&app, &entries[1], "71000002").await.is_some());

    // The second books another day on their own: off the list, and the seat goes to everyone.
    assert_eq!(
        app.book(&booking("2026-12-03T10:00:00-05:00", "71000002")).await.status(),
        StatusCode::CREATED
    );
    expect_error(lookup(&app, &entries[1], "71000002").await, StatusCode::NOT_FOUND, "not_found").await;
    let round = offering.round().await.unwrap();
    assert_eq!((round.offers_made, round.seats_let_go), (0, 1), "{round:?}");
    app.clock.advance(Duration::minutes(10));
    assert_eq!(app.available("bogota", &slot(14)).await, 1);
}

#[tokio::test]
async fn free_seats_are_offered_in_the_part_of_the_day_asked_for() {
    let config = config();
    let app = TestApp::spawn_with(&config).await;
    let offering = offering(&app, &config);
    let mut body = joining("71000001", DAY, DAY);
    body["part_of_day"] = json!("afternoon");
    let code = json_of(app.post("/api/v1/waitlist", &body).await).await["code"].as_str().unwrap().to_owned();
    assert_eq!(offering.round().await.unwrap().offers_made, 1);
    let (_, start) = offer_of(&app, &code, "71000001").await.unwrap();
    assert_eq!(at(&start), at(&slot(8)), "the first afternoon slot, 12:00");
    assert_eq!(app.available("bogota", &slot(8)).await, 0);
}

#[tokio::test]
async fn entries_leave_the_list_when_their_last_day_passes() {
    let config = config();
    let app = TestApp::spawn_with(&config).await;
    let offering = offering(&app, &config);
    fill_the_day(&app).await;
    let code = join(&app, "71000001").await;
    // Its last day, 2 December, is not over until midnight.
    app.clock.advance(Duration::days(1));
    assert_eq!(offering.round().await.unwrap().entries_expired, 0);
    app.clock.advance(Duration::days(1));
    assert_eq!(offering.round().await.unwrap().entries_expired, 1);
    expect_error(lookup(&app, &code, "71000001").await, StatusCode::NOT_FOUND, "not_found").await;
    let (state, document): (String, Option<String>) =
        sqlx::query_as("SELECT state, document_number FROM waitlist WHERE code = $1")
            .bind(code.replace('-', ""))
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!((state.as_str(), document), ("expired", None));
}

#[tokio::test]
async fn joining_is_refused_with_the_reason() {
    let app = TestApp::spawn_with(&config()).await;
    let refused = |body: Value, status: StatusCode, code: &'static str, field: &'static str| {
        let app = &app;
        async move {
            let error = expect_error(app.post("/api/v1/waitlist", &body).await, status, code).await;
            assert_eq!(error["field"], field, "{error}");
        }
    };
    let with = |change: &dyn Fn(&mut Value)| {
        let mut body = joining("71000001", DAY, "2026-12-04");
        change(&mut body);
        body
    };
    refused(with(&|b| b["until"] = json!("2026-12-01")), StatusCode::BAD_REQUEST, "invalid_range", "until")
        .await;
    refused(with(&|b| b["from"] = json!("mañana")), StatusCode::BAD_REQUEST, "invalid_date", "from").await;
    refused(
        with(&|b| b["until"] = json!("2027-03-01")),
        StatusCode::UNPROCESSABLE_ENTITY,
        "outside_window",
        "until",
    )
    .await;
    refused(
        with(&|b| b["from"] = json!("2026-11-30")),
        StatusCode::UNPROCESSABLE_ENTITY,
        "outside_window",
        "from",
    )
    .await;
    refused(with(&|b| b["email"] = json!("")), StatusCode::UNPROCESSABLE_ENTITY, "invalid_email", "email")
        .await;
    refused(
        with(&|b| b["consent"] = json!(false)),
        StatusCode::UNPROCESSABLE_ENTITY,
        "consent_required",
        "consent",
    )
    .await;
    let unknown = with(&|b| b["office"] = json!("atlantida"));
    expect_error(app.post("/api/v1/waitlist", &unknown).await, StatusCode::NOT_FOUND, "unknown_office").await;

    assert_eq!(app.post("/api/v1/waitlist", &with(&|_| {})).await.status(), StatusCode::CREATED);
    let again = with(&|b| b["office"] = json!("cali"));
    refused(again, StatusCode::CONFLICT, "already_waiting", "document.number").await;
    assert_eq!(app.book(&booking(&slot(3), "71000009")).await.status(), StatusCode::CREATED);
    let booked = expect_error(
        app.post("/api/v1/waitlist", &joining("71000009", DAY, DAY)).await,
        StatusCode::CONFLICT,
        "document_has_appointment",
    )
    .await;
    assert!(booked["message"].as_str().unwrap().contains("cita"), "{booked}");
}

#[tokio::test]
async fn wrong_documents_lock_an_entrys_code() {
    let app = TestApp::spawn_with(&config()).await;
    let code = join(&app, "71000001").await;
    for _ in 0..5 {
        expect_error(lookup(&app, &code, "71000002").await, StatusCode::NOT_FOUND, "not_found").await;
    }
    expect_error(lookup(&app, &code, "71000001").await, StatusCode::TOO_MANY_REQUESTS, "code_locked").await;
    let leave = app.post(&format!("/api/v1/waitlist/{code}/leave"), &proof("71000001")).await;
    expect_error(leave, StatusCode::TOO_MANY_REQUESTS, "code_locked").await;
}

#[tokio::test]
async fn officials_see_how_many_wait_day_by_day_at_their_offices_only() {
    let app = TestApp::spawn_with(&config()).await;
    for (number, until) in [("71000001", DAY), ("71000002", "2026-12-04")] {
        let response = app.post("/api/v1/waitlist", &joining(number, DAY, until)).await;
        assert_eq!(response.status(), StatusCode::CREATED);
    }
    app.add_official("ana@dian.gov.co", Role::Funcionario, &["bogota"]).await;
    let official = app.sign_in("ana@dian.gov.co").await;
    let lengths = json_of(official.get("/api/v1/staff/offices/bogota/waitlist").await).await;
    assert_eq!(lengths["waiting"], 2);
    let on = |date: &str| {
        lengths["days"].as_array().unwrap().iter().find(|d| d["date"] == date).unwrap()["waiting"].clone()
    };
    assert_eq!((on("2026-12-02"), on("2026-12-03"), on("2026-12-07")), (json!(2), json!(1), json!(0)));
    let elsewhere = official.get("/api/v1/staff/offices/cali/waitlist").await;
    expect_error(elsewhere, StatusCode::FORBIDDEN, "forbidden").await;
    let anonymous = app.get("/api/v1/staff/offices/bogota/waitlist").await;
    expect_error(anonymous, StatusCode::UNAUTHORIZED, "unauthenticated").await;
}

/// The servers' own tasks and their messages, on two instances of one database (PostgreSQL when
/// the suite runs on it): joining is confirmed by e-mail; a cancellation's seat is offered by
/// e-mail to the first in line; not taken in time, to the next, whose link books it. Each
/// message goes once although both instances run their rounds every second.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_freed_seat_is_offered_by_email_in_turn_and_its_link_books_it() {
    let sink = SmtpSink::start();
    let config = mail_config_with(sink.port, |_| {})
        .replace("desks = 3", "desks = 1")
        .replace("every_seconds = 30", "every_seconds = 1");
    let app = TestApp::spawn_with(&config).await;
    let mut settings = parse_config(&config).unwrap();
    settings.mail.outbox_dir = Some(app.outbox.path().to_owned());
    let other = Application::build(Settings {
        addr: "127.0.0.1:0".parse().unwrap(),
        metrics_addr: None,
        database_url: app._database.url.clone(),
        max_connections: 4,
        static_dir: None,
        config: settings,
        config_path: None,
        clock: app.clock.clone(),
    })
    .await
    .unwrap();
    let other = tokio::spawn(other.run_until(std::future::pending()));

    let codes = fill_the_day(&app).await;
    let (first, second) = ("71000001@example.co", "71000002@example.co");
    let entry = join(&app, "71000001").await;
    join(&app, "71000002").await;
    let joined = &sink.wait_for(first, 1).await[0];
    assert!(joined.subject().starts_with("Está en la lista de espera"), "{}", joined.subject());
    assert!(joined.text().contains(&format!("https://citas.example.gov.co/lista-de-espera?codigo={entry}")));

    cancel(&app, &codes[14], &format!("{}", 70_000_014)).await;
    let offer = &sink.wait_for(first, 2).await[1];
    assert!(offer.subject().starts_with("Se liberó un cupo para usted"), "{}", offer.subject());
    assert!(offer.text().contains("CC •••001"), "{}", offer.text());
    let lapsed = link_of(offer);

    // Not taken in two hours: the next in line's turn.
    app.clock.advance(Duration::minutes(121));
    let offer = &sink.wait_for(second, 2).await[1];
    let hold = link_of(offer);
    expect_error(app.book(&taking(&slot(14), "71000001", &lapsed)).await, StatusCode::GONE, "hold_expired")
        .await;
    let booked = app.book(&taking(&slot(14), "71000002", &hold)).await;
    assert_eq!(booked.status(), StatusCode::CREATED);

    // Each message once, though two instances sent what was due.
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    assert_eq!(sink.delivered_to(first).len(), 2);
    assert_eq!(sink.delivered_to(second).len(), 2);
    other.abort();
}

/// The offer's id, from the link of its message.
fn link_of(offer: &crate::smtp_sink::Received) -> String {
    let text = offer.text();
    let link = text
        .lines()
        .find(|l| l.starts_with("https://citas.example.gov.co/oferta/"))
        .expect("the offer's link");
    link.rsplit('/').next().unwrap().to_owned()
}

/// Rounds of two instances on one PostgreSQL, at once, over many freed seats and many waiting:
/// no seat is offered twice, no entry has two open offers, and every offer holds a seat.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_instances_on_one_postgres_never_offer_one_seat_twice() {
    if std::env::var(POSTGRES_VAR).is_err() {
        eprintln!("SKIPPED: several instances need PostgreSQL; set {POSTGRES_VAR}=postgres://…");
        return;
    }
    // Offers held ten minutes, so that each wave lapses soon and long before the seats' notice.
    let config = config().replace("offer_minutes = 120", "offer_minutes = 10");
    let app = TestApp::spawn_with(&config).await;
    let here = offering(&app, &config);
    let mut there = offering(&app, &config);
    there.store = citas_server::store::Store::connect(&app._database.url, 8).await.unwrap();
    let codes = fill_the_day(&app).await;
    for i in 0..24 {
        join(&app, &format!("{}", 72_000_000 + i)).await;
    }
    // Eight seats from 10:00 to 13:30.
    for (i, code) in codes.iter().enumerate().skip(4).take(8) {
        cancel(&app, code, &format!("{}", 70_000_000 + i)).await;
    }
    // Three waves: offers made, then every offer lapsed and passed on, twice.
    for _ in 0..3 {
        let rounds = join_all((0..8).map(|i| if i % 2 == 0 { here.round() } else { there.round() })).await;
        let made: u64 = rounds.into_iter().map(|r: Result<Round, _>| r.unwrap().offers_made).sum();
        assert!(made > 0);
        let open: Vec<(i64, i64, String)> =
            sqlx::query_as("SELECT entry_id, start_at, hold_id FROM waitlist_offers WHERE state = 'open'")
                .fetch_all(&app.db)
                .await
                .unwrap();
        assert_eq!(open.len(), 8, "one offer for each of the eight freed seats");
        assert_eq!(open.iter().map(|o| o.0).collect::<HashSet<_>>().len(), 8, "one open offer per entry");
        assert_eq!(open.iter().map(|o| o.1).collect::<HashSet<_>>().len(), 8, "one offer per seat");
        for (_, start, hold) in &open {
            let held: i64 = sqlx::query_scalar("SELECT start_at FROM seats WHERE hold_id = $1")
                .bind(hold)
                .fetch_one(&app.db)
                .await
                .unwrap();
            assert_eq!(held, *start);
        }
        app.clock.advance(Duration::minutes(11));
    }
}

/// A citizen whose appointment has passed may wait for another; erasing everything kept about
/// their document (through that appointment) takes them off the list too.
#[tokio::test]
async fn erasing_ones_data_takes_one_off_the_list() {
    let app = TestApp::spawn_with(&config()).await;
    let booked = json_of(app.book(&booking(&slot(2), "71000001")).await).await;
    let appointment = booked["code"].as_str().unwrap();
    expect_error(
        app.post("/api/v1/waitlist", &joining("71000001", "2026-12-03", "2026-12-04")).await,
        StatusCode::CONFLICT,
        "document_has_appointment",
    )
    .await;
    // 10:00 the next day: the appointment has started, and no longer holds the document.
    app.clock.advance(Duration::hours(27));
    let entry =
        json_of(app.post("/api/v1/waitlist", &joining("71000001", "2026-12-03", "2026-12-04")).await).await;
    let entry = entry["code"].as_str().unwrap_or_else(|| panic!("{entry}"));
    let kept =
        json_of(app.post(&format!("/api/v1/appointments/{appointment}/data"), &proof("71000001")).await)
            .await;
    assert_eq!(kept["waiting"]["code"], entry, "{kept}");
    assert_eq!(kept["waiting"]["email"], "71000001@example.co", "in full: it is the citizen's own");
    let erased = app.post(&format!("/api/v1/appointments/{appointment}/erase"), &proof("71000001")).await;
    assert_eq!(erased.status(), StatusCode::OK);
    expect_error(lookup(&app, entry, "71000001").await, StatusCode::NOT_FOUND, "not_found").await;
    let kept: (String, Option<String>, Option<String>) =
        sqlx::query_as("SELECT state, name, document_hash FROM waitlist WHERE code = $1")
            .bind(entry.replace('-', ""))
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(kept, ("left".to_owned(), None, None));
}
