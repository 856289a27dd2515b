//! The offices' calendar as administrators change it through the store (as the officials'
//! endpoints do): closures and desks from a date on reach availability, holds, bookings and
//! moves at once, and what they fall on is listed, never dropped.

use crate::helpers::*;
use chrono::{Duration, NaiveDate, NaiveTime};
use citas_domain::api::staff::{AllOffices, ClosureOffices, NewClosure};
use citas_server::store::Store;
use reqwest::StatusCode;
use serde_json::{Value, json};

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn time(s: &str) -> NaiveTime {
    citas_domain::time::parse_clock(s).unwrap()
}

/// Bogotá closed on Friday 4 December 2026, for a reason in both languages.
fn inventory() -> NewClosure {
    NewClosure {
        offices: ClosureOffices::Some(vec!["bogota".into()]),
        from: date("2026-12-04"),
        to: date("2026-12-04"),
        from_time: None,
        to_time: None,
        reason_es: "Jornada de inventario".into(),
        reason_en: Some("Stocktaking".into()),
    }
}

fn hold_request(start: &str) -> Value {
    json!({ "office": "bogota", "service": "dudas", "start": start, "client": new_browser() })
}

/// One day of Bogotá's availability, asked in a new second: the answers of a second are
/// shared, and a closure made through the store reaches them from the next one.
async fn day(app: &TestApp, d: &str) -> Value {
    app.clock.advance(Duration::seconds(1));
    let view = json_of(app.get(&format!("/api/v1/offices/bogota/availability?from={d}&to={d}")).await).await;
    view["days"][0].clone()
}

fn starts(day: &Value) -> Vec<String> {
    day["slots"].as_array().unwrap().iter().map(|s| s["start"].as_str().unwrap()[11..16].to_owned()).collect()
}

async fn code_of(response: reqwest::Response) -> String {
    assert_eq!(response.status(), StatusCode::CREATED);
    json_of(response).await["code"].as_str().unwrap().replace('-', "")
}

#[tokio::test]
async fn a_closure_closes_availability_holds_bookings_and_moves_at_once() {
    let app = TestApp::spawn().await;
    let booked = code_of(app.book(&booking("2026-12-04T09:00:00-05:00", "52345678")).await).await;
    let elsewhere = code_of(app.book(&booking("2026-12-03T09:00:00-05:00", "52345679")).await).await;
    assert!(day(&app, "2026-12-04").await["open"].as_bool().unwrap());

    // Closed through a store of its own on the same database, as another instance would: this
    // server keeps nothing of the calendar, and sees it on its next request.
    let other_instance = Store::connect(&app._database.url, 1).await.unwrap();
    let id = other_instance.add_closure(&inventory(), None, app.clock.now().timestamp()).await.unwrap();

    let friday = day(&app, "2026-12-04").await;
    assert_eq!((friday["open"].as_bool(), friday["reason"].as_str()), (Some(false), Some("closure")));
    assert_eq!(friday["closure"], "Jornada de inventario");
    assert_eq!(friday["closure_en"], "Stocktaking");
    assert!(day(&app, "2026-12-03").await["open"].as_bool().unwrap(), "Thursday is open");
    let e = expect_error(
        app.post("/api/v1/holds", &hold_request("2026-12-04T10:00:00-05:00")).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "closure",
    )
    .await;
    assert!(e["message"].as_str().unwrap().contains("Jornada de inventario"), "{e}");
    let english = app
        .client
        .post(format!("{}/api/v1/appointments", app.base))
        .header("accept-language", "en")
        .json(&booking("2026-12-04T10:00:00-05:00", "52345670"))
        .send()
        .await
        .unwrap();
    let e = expect_error(english, StatusCode::UNPROCESSABLE_ENTITY, "closure").await;
    assert_eq!(e["message"], "The office is closed at that time: Stocktaking.");
    // A move into the closed day is refused too; the appointment stays where it was.
    let moved = app
        .post(
            &format!("/api/v1/appointments/{elsewhere}/reschedule"),
            &json!({ "document": { "kind": "CC", "number": "52345679" }, "start": "2026-12-04T11:00:00-05:00" }),
        )
        .await;
    expect_error(moved, StatusCode::UNPROCESSABLE_ENTITY, "closure").await;

    // The appointment booked before is listed for the office to call, and stays booked.
    let affected = app.store.affected_by_closure(&inventory()).await.unwrap();
    assert_eq!(affected.iter().map(|a| a.code.as_str()).collect::<Vec<_>>(), [booked.as_str()]);
    assert_eq!((affected[0].status.as_str(), affected[0].attendance.as_deref()), ("booked", None));

    let kept = app.store.closure(id).await.unwrap().expect("kept");
    assert_eq!(kept.closure, inventory());
    assert_eq!(app.store.closures_from(date("2026-12-01")).await.unwrap(), [kept]);
    assert_eq!(app.store.closures_from(date("2026-12-05")).await.unwrap(), []);

    assert!(app.store.delete_closure(id).await.unwrap());
    assert!(!app.store.delete_closure(id).await.unwrap(), "deleted already");
    assert_eq!(app.store.closure(id).await.unwrap(), None);
    let friday = day(&app, "2026-12-04").await;
    assert!(friday["open"].as_bool().unwrap(), "open again: {friday}");
    assert!(friday.get("closure").is_none());
    let held = app.post("/api/v1/holds", &hold_request("2026-12-04T10:00:00-05:00")).await;
    assert_eq!(held.status(), StatusCode::CREATED);
}

#[tokio::test]
async fn a_closure_of_some_hours_removes_only_the_slots_it_overlaps() {
    let app = TestApp::spawn().await;
    let lunch = code_of(app.book(&booking("2026-12-03T12:30:00-05:00", "52345678")).await).await;
    code_of(app.book(&booking("2026-12-03T11:30:00-05:00", "52345679")).await).await;
    code_of(app.book(&booking("2026-12-04T12:30:00-05:00", "52345677")).await).await;
    let training = NewClosure {
        offices: ClosureOffices::All(AllOffices::All),
        from: date("2026-12-03"),
        to: date("2026-12-03"),
        from_time: Some(time("12:00")),
        to_time: Some(time("14:00")),
        reason_es: "Capacitación".into(),
        reason_en: None,
    };
    app.store.add_closure(&training, None, app.clock.now().timestamp()).await.unwrap();

    let thursday = day(&app, "2026-12-03").await;
    assert!(thursday["open"].as_bool().unwrap());
    let open = starts(&thursday);
    assert_eq!(open.len(), 12);
    assert!(open.contains(&"11:30".to_owned()) && open.contains(&"14:00".to_owned()));
    assert!(!open.iter().any(|s| ["12:00", "12:30", "13:00", "13:30"].contains(&s.as_str())));
    assert_eq!(starts(&day(&app, "2026-12-04").await).len(), 16, "one day only");

    let e = expect_error(
        app.book(&booking("2026-12-03T13:30:00-05:00", "52345670")).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "closure",
    )
    .await;
    assert!(e["message"].as_str().unwrap().contains("Capacitación"), "{e}");
    let held = app.post("/api/v1/holds", &hold_request("2026-12-03T14:00:00-05:00")).await;
    assert_eq!(held.status(), StatusCode::CREATED);
    // Every office's: Cali too.
    let cali = json!({ "office": "cali", "service": "dudas", "start": "2026-12-03T12:00:00-05:00", "client": new_browser() });
    expect_error(app.post("/api/v1/holds", &cali).await, StatusCode::UNPROCESSABLE_ENTITY, "closure").await;

    let affected = app.store.affected_by_closure(&training).await.unwrap();
    assert_eq!(affected.iter().map(|a| a.code.as_str()).collect::<Vec<_>>(), [lunch.as_str()]);
    let listed = app.store.closures_from(date("2026-12-03")).await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].closure, training);
}

#[tokio::test]
async fn a_day_whose_hours_are_all_closed_is_closed_with_the_reason() {
    let app = TestApp::spawn().await;
    let drill = NewClosure {
        from_time: Some(time("08:00")),
        to_time: Some(time("16:00")),
        reason_es: "Simulacro".into(),
        reason_en: None,
        ..inventory()
    };
    app.store.add_closure(&drill, None, app.clock.now().timestamp()).await.unwrap();
    let friday = day(&app, "2026-12-04").await;
    assert_eq!(friday["reason"], "closure");
    assert_eq!(friday["closure"], "Simulacro");
    assert!(friday.get("closure_en").is_none(), "Spanish only: {friday}");
}

#[tokio::test]
async fn desks_change_from_a_date_on_and_what_is_over_capacity_is_listed_not_dropped() {
    let app = TestApp::spawn().await;
    let wednesday = "2026-12-02T10:00:00-05:00";
    let thursday = "2026-12-03T10:00:00-05:00";
    let mover = code_of(app.book(&booking(wednesday, "52345601")).await).await;
    code_of(app.book(&booking(wednesday, "52345602")).await).await;
    let first = code_of(app.book(&booking(thursday, "52345603")).await).await;
    let second = code_of(app.book(&booking(thursday, "52345604")).await).await;

    let now = app.clock.now().timestamp();
    app.store.set_desks("bogota", date("2026-12-03"), 2, None, now).await.unwrap();
    // A later change from the same date replaces it.
    app.store.set_desks("bogota", date("2026-12-03"), 1, None, now).await.unwrap();

    let slot = |d: Value, at: &str| {
        d["slots"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["start"].as_str().unwrap()[11..16] == *at)
            .unwrap()
            .clone()
    };
    let before = slot(day(&app, "2026-12-02").await, "10:00");
    assert_eq!((before["capacity"].as_u64(), before["available"].as_u64()), (Some(3), Some(1)));
    let after = slot(day(&app, "2026-12-03").await, "10:00");
    assert_eq!((after["capacity"].as_u64(), after["available"].as_u64()), (Some(1), Some(0)));
    let later = slot(day(&app, "2026-12-10").await, "10:00");
    assert_eq!(later["capacity"], 1, "until the next change");

    // Both of Thursday's appointments are listed, and both are still booked.
    let over = app.store.over_capacity("bogota", date("2026-12-03"), 1).await.unwrap();
    assert_eq!(over.iter().map(|a| a.code.as_str()).collect::<Vec<_>>(), [first.as_str(), second.as_str()]);
    assert!(over.iter().all(|a| a.status == "booked"));
    assert_eq!(app.store.over_capacity("bogota", date("2026-12-03"), 2).await.unwrap().len(), 0);

    // The first cancels: the seat numbered 0 is free again, but the slot's one desk is the
    // second's. It takes nobody more: not through a hold, not by booking, not by moving.
    let cancel = json!({ "document": { "kind": "CC", "number": "52345603" } });
    assert_eq!(
        app.post(&format!("/api/v1/appointments/{first}/cancel"), &cancel).await.status(),
        StatusCode::OK
    );
    expect_error(app.book(&booking(thursday, "52345605")).await, StatusCode::CONFLICT, "slot_full").await;
    expect_error(app.post("/api/v1/holds", &hold_request(thursday)).await, StatusCode::CONFLICT, "slot_full")
        .await;
    let moved = app
        .post(
            &format!("/api/v1/appointments/{mover}/reschedule"),
            &json!({ "document": { "kind": "CC", "number": "52345601" }, "start": thursday }),
        )
        .await;
    expect_error(moved, StatusCode::CONFLICT, "slot_full").await;
    assert_eq!(app.available("bogota", thursday).await, 0);
    // An empty slot of that day takes one, as many as its one desk.
    let eleven = "2026-12-03T11:00:00-05:00";
    code_of(app.book(&booking(eleven, "52345606")).await).await;
    expect_error(app.book(&booking(eleven, "52345607")).await, StatusCode::CONFLICT, "slot_full").await;
    // Wednesday keeps the configured three.
    code_of(app.book(&booking(wednesday, "52345608")).await).await;

    // More desks from the next week on: the new seats are bookable from that date.
    app.store.set_desks("bogota", date("2026-12-07"), 5, None, now).await.unwrap();
    let week = slot(day(&app, "2026-12-09").await, "10:00");
    assert_eq!((week["capacity"].as_u64(), week["available"].as_u64()), (Some(5), Some(5)));
    let thursday_again = slot(day(&app, "2026-12-03").await, "10:00");
    assert_eq!(thursday_again["capacity"], 1);
    // Thursday's change reaches until the next one: nothing of the next week is listed.
    let nine = "2026-12-09T10:00:00-05:00";
    code_of(app.book(&booking(nine, "52345609")).await).await;
    code_of(app.book(&booking(nine, "52345610")).await).await;
    assert_eq!(app.store.over_capacity("bogota", date("2026-12-03"), 1).await.unwrap().len(), 0);
    assert_eq!(app.store.over_capacity("bogota", date("2026-12-07"), 1).await.unwrap().len(), 2);
}
