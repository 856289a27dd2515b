//! Error messages in the language the client asks for; codes never change.

use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn errors_answer_in_english_when_asked_and_in_spanish_otherwise() {
    let app = TestApp::spawn().await;
    let mut body = booking("2026-12-08T09:00:00-05:00", "52345678");
    body["consent"] = json!(true);
    let url = format!("{}/api/v1/appointments", app.base);
    let english =
        app.client.post(&url).header("accept-language", "en-US,en;q=0.9").json(&body).send().await.unwrap();
    assert_eq!(english.headers()["content-language"], "en");
    assert_eq!(english.headers()["vary"], "accept-language");
    let e = expect_error(english, StatusCode::UNPROCESSABLE_ENTITY, "holiday").await;
    assert_eq!(e["message"], "That day is a public holiday (Immaculate Conception): the office is closed.");
    assert_eq!(e["field"], "start");

    let spanish = app.client.post(&url).header("accept-language", "es-CO").json(&body).send().await.unwrap();
    assert_eq!(spanish.headers()["content-language"], "es");
    let e = expect_error(spanish, StatusCode::UNPROCESSABLE_ENTITY, "holiday").await;
    assert_eq!(e["message"], "Ese día es festivo (Inmaculada Concepción): no hay atención.");

    // No preference, or only languages we do not have: Spanish.
    let e = expect_error(app.book(&body).await, StatusCode::UNPROCESSABLE_ENTITY, "holiday").await;
    assert!(e["message"].as_str().unwrap().starts_with("Ese día es festivo"));
    let german = app.client.post(&url).header("accept-language", "de-DE").json(&body).send().await.unwrap();
    assert!(
        expect_error(german, StatusCode::UNPROCESSABLE_ENTITY, "holiday").await["message"]
            .as_str()
            .unwrap()
            .starts_with("Ese día")
    );
}

#[tokio::test]
async fn every_kind_of_refusal_has_an_english_message() {
    let app = TestApp::spawn().await;
    let get =
        |path: &str| app.client.get(format!("{}{path}", app.base)).header("accept-language", "en").send();
    let e =
        expect_error(get("/api/v1/offices/atlantis").await.unwrap(), StatusCode::NOT_FOUND, "unknown_office")
            .await;
    assert_eq!(e["message"], "There is no such office. Choose one from the list.");
    let e = expect_error(
        get("/api/v1/offices/cali/availability?from=2026-12-01&to=2027-06-01").await.unwrap(),
        StatusCode::BAD_REQUEST,
        "range_too_long",
    )
    .await;
    assert_eq!(e["message"], "Ask for 62 days at most at a time.");
    let mut bad = booking("2026-12-02T09:00:00-05:00", "800197268-5");
    bad["document"]["kind"] = json!("NIT");
    let response = app
        .client
        .post(format!("{}/api/v1/appointments", app.base))
        .header("accept-language", "en")
        .json(&bad)
        .send()
        .await
        .unwrap();
    let e = expect_error(response, StatusCode::UNPROCESSABLE_ENTITY, "invalid_document").await;
    assert_eq!(e["message"], "The check digit does not match that NIT. Compare it with your RUT.");
    // Successful answers are data, the same in every language.
    let offices = get("/api/v1/offices").await.unwrap();
    assert!(offices.headers().get("content-language").is_none());
    let offices: serde_json::Value = offices.json().await.unwrap();
    assert_eq!(offices[0]["services"][1]["name_en"], "Questions about a DIAN procedure");
}
