//! A 201 means the booking is on disk: it survives the server being killed outright.

use crate::helpers::*;
use crate::processes::start_server;
use reqwest::StatusCode;

const START: &str = "2026-12-02T11:00:00-05:00";

#[tokio::test]
async fn a_booking_survives_the_server_being_killed() {
    let database = TestDb::new().await;
    let client = reqwest::Client::new();

    let mut first = start_server(&database.url, &[]);
    let response = first.book(&client, &booking(START, "52345678")).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    first.kill();

    let second = start_server(&database.url, &[]);
    let base = second.base.clone();
    let again = second.book(&client, &booking("2026-12-03T11:00:00-05:00", "52345678")).await;
    expect_error(again, StatusCode::CONFLICT, "document_has_appointment").await;
    let day: serde_json::Value = client
        .get(format!("{base}/api/v1/offices/bogota/availability?from=2026-12-02&to=2026-12-02"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let slot =
        day["days"][0]["slots"].as_array().unwrap().iter().find(|s| s["start"] == START).cloned().unwrap();
    assert_eq!(slot["available"], 2);
}
