//! Find, reschedule and cancel: every request proves ownership with the document.

use crate::helpers::*;
use chrono::Duration;
use futures::future::join_all;
use reqwest::{Response, StatusCode};
use serde_json::{Value, json};

const START: &str = "2026-12-02T09:00:00-05:00";
const LATER: &str = "2026-12-03T11:00:00-05:00";

fn proof(number: &str) -> Value {
    json!({ "document": { "kind": "CC", "number": number } })
}

async fn booked(app: &TestApp, start: &str, number: &str) -> String {
    let response = app.book(&booking(start, number)).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    json_of(response).await["code"].as_str().unwrap().to_owned()
}

async fn reschedule(app: &TestApp, code: &str, number: &str, start: &str) -> Response {
    let mut body = proof(number);
    body["start"] = json!(start);
    app.post(&format!("/api/v1/appointments/{code}/reschedule"), &body).await
}

async fn events(app: &TestApp, code: &str) -> Vec<(String, String)> {
    sqlx::query_as(
        "SELECT e.action, e.detail FROM appointment_events e JOIN appointments a ON a.id = e.appointment_id
          WHERE a.code = $1 ORDER BY e.id",
    )
    .bind(code.replace('-', ""))
    .fetch_all(&app.db)
    .await
    .unwrap()
}

#[tokio::test]
async fn lookup_needs_the_right_code_and_document_and_says_nothing_otherwise() {
    let app = TestApp::spawn().await;
    let code = booked(&app, START, "52345678").await;
    let found = app.post(&format!("/api/v1/appointments/{code}/lookup"), &proof("52.345.678")).await;
    assert_eq!(found.status(), StatusCode::OK);
    let found = json_of(found).await;
    assert_eq!(found["code"], code.as_str());
    assert_eq!(found["start"], START);
    // Typed in lower case without the hyphen, it is the same code.
    let typed = code.replace('-', "").to_lowercase();
    assert_eq!(
        app.post(&format!("/api/v1/appointments/{typed}/lookup"), &proof("52345678")).await.status(),
        200
    );

    let wrong_document = app.post(&format!("/api/v1/appointments/{code}/lookup"), &proof("52345679")).await;
    let a = expect_error(wrong_document, StatusCode::NOT_FOUND, "not_found").await;
    let unknown_code = app.post("/api/v1/appointments/2345-6789/lookup", &proof("52345678")).await;
    let b = expect_error(unknown_code, StatusCode::NOT_FOUND, "not_found").await;
    assert_eq!(a, b, "the two cases must look the same");
    let garbage = app.post("/api/v1/appointments/%3Cx%3E/lookup", &proof("52345678")).await;
    expect_error(garbage, StatusCode::NOT_FOUND, "not_found").await;
    let bad_document = app.post(&format!("/api/v1/appointments/{code}/lookup"), &proof("12a")).await;
    expect_error(bad_document, StatusCode::UNPROCESSABLE_ENTITY, "invalid_document").await;
}

#[tokio::test]
async fn rescheduling_moves_the_seat_and_records_it() {
    let app = TestApp::spawn().await;
    let code = booked(&app, START, "52345678").await;
    assert_eq!(app.available("bogota", START).await, 2);
    let response = reschedule(&app, &code, "52345678", LATER).await;
    assert_eq!(response.status(), StatusCode::OK);
    let moved = json_of(response).await;
    assert_eq!(moved["start"], LATER);
    assert_eq!(moved["arrive_by"], "2026-12-03T10:45:00-05:00");
    assert_eq!(moved["code"], code.as_str());
    assert_eq!(app.available("bogota", START).await, 3, "the old seat is free at once");
    assert_eq!(app.available("bogota", LATER).await, 2);
    let history = events(&app, &code).await;
    assert_eq!(history[0].0, "booked");
    assert_eq!(history[1], ("rescheduled".into(), format!("{START} → {LATER}")));
    assert!(history.iter().all(|(_, detail)| !detail.contains("52345678")));
}

#[tokio::test]
async fn rescheduling_to_a_full_slot_changes_nothing() {
    let app = TestApp::spawn_with(&one_desk_config()).await;
    let code = booked(&app, START, "52345678").await;
    booked(&app, LATER, "79876543").await;
    let response = reschedule(&app, &code, "52345678", LATER).await;
    expect_error(response, StatusCode::CONFLICT, "slot_full").await;
    assert_eq!(app.available("bogota", START).await, 0, "the original seat is kept");
    let still = app.post(&format!("/api/v1/appointments/{code}/lookup"), &proof("52345678")).await;
    assert_eq!(json_of(still).await["start"], START);
    assert_eq!(events(&app, &code).await.len(), 1);
}

/// The wizard holds the new time before the move: a live hold becomes the appointment's seat;
/// an expired one is refused and nothing moves.
#[tokio::test]
async fn rescheduling_onto_a_hold_takes_the_held_seat_and_an_expired_hold_changes_nothing() {
    let app = TestApp::spawn_with(&one_desk_config()).await;
    let code = booked(&app, START, "52345678").await;
    let url = format!("/api/v1/appointments/{code}/reschedule");
    let hold = || async {
        let request =
            json!({ "office": "bogota", "service": "dudas", "start": LATER, "client": new_browser() });
        json_of(app.post("/api/v1/holds", &request).await).await["hold"].clone()
    };
    let mut body = proof("52345678");
    body["start"] = json!(LATER);
    body["hold"] = hold().await;
    app.clock.advance(Duration::minutes(11));
    expect_error(app.post(&url, &body).await, StatusCode::GONE, "hold_expired").await;
    let still = app.post(&format!("/api/v1/appointments/{code}/lookup"), &proof("52345678")).await;
    assert_eq!(json_of(still).await["start"], START);
    assert_eq!(app.available("bogota", START).await, 0, "the original seat is kept");
    assert_eq!(events(&app, &code).await.len(), 1);

    body["hold"] = hold().await;
    assert_eq!(app.available("bogota", LATER).await, 0, "held");
    let moved = app.post(&url, &body).await;
    assert_eq!(moved.status(), StatusCode::OK);
    assert_eq!(json_of(moved).await["start"], LATER);
    assert_eq!(app.available("bogota", START).await, 1);
    let later: Vec<(Option<i64>, Option<String>)> =
        sqlx::query_as("SELECT appointment_id, hold_id FROM seats WHERE start_at = $1")
            .bind(at(LATER).timestamp())
            .fetch_all(&app.db)
            .await
            .unwrap();
    assert!(matches!(later.as_slice(), [(Some(_), None)]), "the hold became the seat: {later:?}");
    let actions: Vec<String> = events(&app, &code).await.into_iter().map(|(a, _)| a).collect();
    assert_eq!(actions, ["booked", "rescheduled"]);
}

#[tokio::test]
async fn rescheduling_follows_the_booking_rules() {
    let app = TestApp::spawn().await;
    let code = booked(&app, START, "52345678").await;
    let cases = [
        ("2026-12-08T09:00:00-05:00", "holiday"),
        ("2026-12-05T09:00:00-05:00", "outside_hours"),
        ("2027-01-05T09:00:00-05:00", "outside_window"),
        ("2026-12-03T11:10:00-05:00", "not_a_slot"),
        ("mañana", "invalid_start"),
    ];
    for (start, code_expected) in cases {
        expect_error(
            reschedule(&app, &code, "52345678", start).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            code_expected,
        )
        .await;
    }
    expect_error(reschedule(&app, &code, "11111111", LATER).await, StatusCode::NOT_FOUND, "not_found").await;
    // To the same time: nothing to do.
    let same = reschedule(&app, &code, "52345678", START).await;
    assert_eq!(same.status(), StatusCode::OK);
    assert_eq!(app.available("bogota", START).await, 2);
}

#[tokio::test]
async fn cancelling_frees_the_seat_at_once_and_again_answers_the_same() {
    let app = TestApp::spawn_with(&one_desk_config()).await;
    let code = booked(&app, START, "52345678").await;
    let url = format!("/api/v1/appointments/{code}/cancel");
    let first = app.post(&url, &proof("52345678")).await;
    assert_eq!(first.status(), StatusCode::OK);
    let first = json_of(first).await;
    assert_eq!(first["status"], "cancelled");
    assert_eq!(app.available("bogota", START).await, 1);
    let second = json_of(app.post(&url, &proof("52345678")).await).await;
    assert_eq!(second, first);
    assert_eq!(events(&app, &code).await.iter().filter(|(a, _)| a == "cancelled").count(), 1);
    // The freed seat goes to the next citizen; the document may book again.
    assert_eq!(app.book(&booking(START, "79876543")).await.status(), StatusCode::CREATED);
    assert_eq!(app.book(&booking(LATER, "52345678")).await.status(), StatusCode::CREATED);
    expect_error(
        reschedule(&app, &code, "52345678", LATER).await,
        StatusCode::CONFLICT,
        "appointment_cancelled",
    )
    .await;
    expect_error(app.post(&url, &proof("11111111")).await, StatusCode::NOT_FOUND, "not_found").await;
}

/// Twenty cancellations of one appointment racing each other and a move: every one answers
/// "cancelled", the history says so once, and no seat is left taken, wherever the move got.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn cancellations_racing_each_other_and_a_move_cancel_once_and_free_every_seat() {
    for round in 0..5 {
        let app = TestApp::spawn_with(&one_desk_config()).await;
        let code = booked(&app, START, "52345678").await;
        let url = format!("/api/v1/appointments/{code}/cancel");
        let body = proof("52345678");
        let cancels = join_all((0..20).map(|_| app.post(&url, &body)));
        let (moved, cancels) = tokio::join!(reschedule(&app, &code, "52345678", LATER), cancels);
        for cancel in cancels {
            assert_eq!(cancel.status(), StatusCode::OK, "round {round}");
            assert_eq!(json_of(cancel).await["status"], "cancelled", "round {round}");
        }
        if moved.status() != StatusCode::OK {
            assert_eq!(json_of(moved).await["error"]["code"], "appointment_cancelled", "round {round}");
        }
        let cancelled = events(&app, &code).await.iter().filter(|(a, _)| a == "cancelled").count();
        assert_eq!(cancelled, 1, "round {round}");
        assert_eq!(app.available("bogota", START).await, 1, "round {round}");
        assert_eq!(app.available("bogota", LATER).await, 1, "round {round}");
    }
}

#[tokio::test]
async fn started_or_past_appointments_cannot_change() {
    let app = TestApp::spawn().await;
    let code = booked(&app, "2026-12-01T08:00:00-05:00", "52345678").await;
    app.clock.advance(Duration::hours(1)); // 8:00
    expect_error(reschedule(&app, &code, "52345678", LATER).await, StatusCode::CONFLICT, "appointment_past")
        .await;
    let cancel = app.post(&format!("/api/v1/appointments/{code}/cancel"), &proof("52345678")).await;
    expect_error(cancel, StatusCode::CONFLICT, "appointment_past").await;
    // It can still be looked up.
    assert_eq!(
        app.post(&format!("/api/v1/appointments/{code}/lookup"), &proof("52345678")).await.status(),
        200
    );
}

/// A reschedule racing 50 new bookings for the same last seat: the seat is given once, and
/// if the reschedule loses, the original seat is still the citizen's.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_reschedule_racing_new_bookings_never_overbooks_nor_loses_the_original_seat() {
    for round in 0..5 {
        let app = TestApp::spawn_with(&one_desk_config()).await;
        let code = booked(&app, START, "52345678").await;
        let bodies: Vec<Value> = (0..50).map(|i| booking(LATER, &format!("{}", 30_000_000 + i))).collect();
        let mover = reschedule(&app, &code, "52345678", LATER);
        let (moved, bookings) = tokio::join!(mover, join_all(bodies.iter().map(|b| app.book(b))));
        let won = bookings.iter().filter(|r| r.status() == StatusCode::CREATED).count();
        let seats: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM seats WHERE start_at = $1")
            .bind(at(LATER).timestamp())
            .fetch_one(&app.db)
            .await
            .unwrap();
        assert_eq!(seats, 1, "round {round}: one seat at the target");
        let lookup = app.post(&format!("/api/v1/appointments/{code}/lookup"), &proof("52345678")).await;
        let now_at = json_of(lookup).await["start"].as_str().unwrap().to_owned();
        if moved.status() == StatusCode::OK {
            assert_eq!((won, now_at.as_str()), (0, LATER), "round {round}");
            assert_eq!(app.available("bogota", START).await, 1);
        } else {
            assert_eq!(json_of(moved).await["error"]["code"], "slot_full");
            assert_eq!((won, now_at.as_str()), (1, START), "round {round}");
            assert_eq!(app.available("bogota", START).await, 0, "round {round}: original seat kept");
        }
    }
}

#[tokio::test]
async fn lookups_show_the_email_and_phone_masked() {
    let app = TestApp::spawn().await;
    let code = booked(&app, START, "52345678").await;
    for action in ["lookup", "cancel"] {
        let found =
            json_of(app.post(&format!("/api/v1/appointments/{code}/{action}"), &proof("52345678")).await)
                .await;
        assert_eq!(found["email"], "a***@e***.co", "{action}");
        assert_eq!(found["phone"], "*** *** 4567", "{action}");
        assert_eq!(found["name"], "Ana María Pérez");
    }
}

#[tokio::test]
async fn five_wrong_documents_in_an_hour_lock_the_code_for_an_hour_even_for_its_owner() {
    let app = TestApp::spawn().await;
    let code = booked(&app, START, "52345678").await;
    let other = booked(&app, LATER, "52345670").await;
    // Wrong documents through each of the three doors count together.
    for (i, action) in ["lookup", "reschedule", "cancel", "lookup", "cancel"].iter().enumerate() {
        let wrong = proof(&format!("5234560{i}"));
        let response = app.post(&format!("/api/v1/appointments/{code}/{action}"), &wrong).await;
        expect_error(response, StatusCode::NOT_FOUND, "not_found").await;
    }
    app.clock.advance(Duration::minutes(59));
    for action in ["lookup", "reschedule", "cancel"] {
        let mut right = proof("52345678");
        right["start"] = json!(LATER);
        let locked = app.post(&format!("/api/v1/appointments/{code}/{action}"), &right).await;
        let wait: i64 = locked.headers()["retry-after"].to_str().unwrap().parse().unwrap();
        assert!((1..=3600).contains(&wait), "{wait}");
        let error = expect_error(locked, StatusCode::TOO_MANY_REQUESTS, "code_locked").await;
        assert!(error["message"].as_str().unwrap().contains("Contact Center"), "{error}");
    }
    // Nothing changed, and other codes are not locked.
    assert_eq!(app.available("bogota", START).await, 2);
    let found = app.post(&format!("/api/v1/appointments/{other}/lookup"), &proof("52345670")).await;
    assert_eq!(found.status(), StatusCode::OK);

    // An hour after the fifth failure, the owner gets in.
    app.clock.advance(Duration::minutes(1));
    let found = app.post(&format!("/api/v1/appointments/{code}/lookup"), &proof("52345678")).await;
    assert_eq!(found.status(), StatusCode::OK);
}

#[tokio::test]
async fn wrong_documents_spread_over_more_than_an_hour_do_not_lock() {
    let app = TestApp::spawn().await;
    let code = booked(&app, START, "52345678").await;
    for i in 0..8 {
        let response =
            app.post(&format!("/api/v1/appointments/{code}/lookup"), &proof(&format!("5234560{i}"))).await;
        expect_error(response, StatusCode::NOT_FOUND, "not_found").await;
        app.clock.advance(Duration::minutes(16));
    }
    let found = app.post(&format!("/api/v1/appointments/{code}/lookup"), &proof("52345678")).await;
    assert_eq!(found.status(), StatusCode::OK);
}

#[tokio::test]
async fn an_unknown_code_locks_like_a_booked_one() {
    let app = TestApp::spawn().await;
    for i in 0..5 {
        let response =
            app.post("/api/v1/appointments/2345-6789/lookup", &proof(&format!("5234560{i}"))).await;
        expect_error(response, StatusCode::NOT_FOUND, "not_found").await;
    }
    let locked = app.post("/api/v1/appointments/2345-6789/lookup", &proof("52345678")).await;
    expect_error(locked, StatusCode::TOO_MANY_REQUESTS, "code_locked").await;
}
