use crate::helpers::*;
use reqwest::StatusCode;

#[tokio::test]
async fn one_entry_per_day_with_reasons_and_seats() {
    let app = TestApp::spawn().await;
    let body =
        json_of(app.get("/api/v1/offices/bogota/availability?from=2026-12-01&to=2026-12-08").await).await;
    assert_eq!(body["office"], "bogota");
    let days = body["days"].as_array().unwrap();
    assert_eq!(days.len(), 8);
    assert_eq!(days[0]["date"], "2026-12-01");
    assert_eq!(days[0]["open"], true);
    // 7:00 now, one hour's notice: 8:00 is the first bookable slot, 15:30 the last.
    let slots = days[0]["slots"].as_array().unwrap();
    assert_eq!(slots.len(), 16);
    assert_eq!(slots[0]["start"], "2026-12-01T08:00:00-05:00");
    assert_eq!(slots[0]["capacity"], 3);
    assert_eq!(slots[0]["available"], 3);
    assert_eq!(days[4]["reason"], "weekend");
    assert_eq!(days[5]["reason"], "weekend");
    assert_eq!(days[7]["open"], false);
    assert_eq!(days[7]["reason"], "holiday");
    assert_eq!(days[7]["holiday"], "Inmaculada Concepción");
}

#[tokio::test]
async fn without_a_range_it_covers_the_booking_window() {
    let app = TestApp::spawn().await;
    let body = json_of(app.get("/api/v1/offices/cali/availability").await).await;
    assert_eq!(body["from"], "2026-12-01");
    assert_eq!(body["to"], "2026-12-31");
    assert_eq!(body["days"].as_array().unwrap().len(), 31);
}

#[tokio::test]
async fn days_beyond_the_window_are_not_yet_open_and_past_days_are_past() {
    let app = TestApp::spawn().await;
    let body =
        json_of(app.get("/api/v1/offices/bogota/availability?from=2026-11-30&to=2027-01-05").await).await;
    let days = body["days"].as_array().unwrap();
    assert_eq!(days[0]["reason"], "past");
    assert_eq!(days.last().unwrap()["reason"], "not_yet_open");
    assert!(days.iter().filter(|d| d["open"] == false).all(|d| d["slots"].as_array().unwrap().is_empty()));
}

#[tokio::test]
async fn bad_ranges_are_refused_precisely() {
    let app = TestApp::spawn().await;
    let e = expect_error(
        app.get("/api/v1/offices/bogota/availability?from=2026-12-01&to=2027-03-01").await,
        StatusCode::BAD_REQUEST,
        "range_too_long",
    )
    .await;
    assert_eq!(e["field"], "to");
    expect_error(
        app.get("/api/v1/offices/bogota/availability?from=2026-12-05&to=2026-12-01").await,
        StatusCode::BAD_REQUEST,
        "invalid_range",
    )
    .await;
    let e = expect_error(
        app.get("/api/v1/offices/bogota/availability?from=1/12/2026").await,
        StatusCode::BAD_REQUEST,
        "invalid_date",
    )
    .await;
    assert_eq!(e["field"], "from");
    expect_error(
        app.get("/api/v1/offices/atlantis/availability").await,
        StatusCode::NOT_FOUND,
        "unknown_office",
    )
    .await;
}

#[tokio::test]
async fn a_booking_takes_a_seat_at_once() {
    let app = TestApp::spawn().await;
    let start = "2026-12-02T09:00:00-05:00";
    assert_eq!(app.available("bogota", start).await, 3);
    assert_eq!(app.book(&booking(start, "52345678")).await.status(), StatusCode::CREATED);
    assert_eq!(app.available("bogota", start).await, 2);
}
