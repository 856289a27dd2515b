use crate::helpers::*;
use chrono::Duration;
use citas_domain::api::staff::{ClosureOffices, NewClosure};
use reqwest::StatusCode;
use serde_json::{Value, json};

const START: &str = "2026-12-02T09:00:00-05:00";

#[tokio::test]
async fn booking_returns_the_appointment_with_code_and_arrival_time() {
    let app = TestApp::spawn().await;
    let response = app.book(&booking(START, "1.020.304.050")).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let text = response.text().await.unwrap();
    // The document number never comes back in full.
    assert!(!text.contains("1020304050") && !text.contains("1.020.304.050"), "{text}");
    let a: Value = serde_json::from_str(&text).unwrap();
    let code = a["code"].as_str().unwrap();
    assert_eq!(code.len(), 9);
    assert_eq!(&code[4..5], "-");
    assert!(code.chars().filter(|c| *c != '-').all(|c| "23456789ABCDEFGHJKMNPQRSTVWXYZ".contains(c)));
    assert_eq!(a["status"], "booked");
    assert_eq!(a["start"], "2026-12-02T09:00:00-05:00");
    assert_eq!(a["end"], "2026-12-02T09:30:00-05:00");
    assert_eq!(a["arrive_by"], "2026-12-02T08:45:00-05:00");
    assert_eq!(a["office"]["city"], "Bogotá");
    assert_eq!(a["service"]["id"], "dudas");
    assert_eq!(a["document"]["kind"], "CC");
    assert_eq!(a["document"]["masked"], "CC •••050");
    assert_eq!(a["name"], "Ana María Pérez");
    assert_eq!(a["phone"], "3001234567");

    // Stored as officials need it: the normalized number, and a provable consent.
    let (number, consent_at, notice): (String, i64, String) = sqlx::query_as(
        "SELECT document_number, consent_at, privacy_notice FROM appointments WHERE code = $1",
    )
    .bind(code.replace('-', ""))
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert!(!number.contains("1020304050"), "sealed at rest: {number}");
    assert_eq!(opened("document_number", &number), "1020304050");
    assert_eq!(consent_at, at(NOW).timestamp());
    assert!(!notice.is_empty());
}

#[tokio::test]
async fn companies_book_with_their_nit() {
    let app = TestApp::spawn().await;
    let mut body = booking(START, "");
    body["document"] = json!({ "kind": "NIT", "number": "800.197.268-4" });
    body["name"] = json!("Inversiones El Dorado S.A.S.");
    body["email"] = json!("");
    body["phone"] = Value::Null;
    let response = app.book(&body).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let a = json_of(response).await;
    assert_eq!(a["document"]["masked"], "NIT •••268");
    assert!(a["email"].is_null() && a["phone"].is_null());
}

#[tokio::test]
async fn one_document_holds_one_active_appointment() {
    let app = TestApp::spawn().await;
    assert_eq!(app.book(&booking(START, "52345678")).await.status(), StatusCode::CREATED);
    // Same cédula, written differently, another time and office.
    let mut again = booking("2026-12-03T10:00:00-05:00", "52.345.678");
    again["office"] = json!("medellin");
    let e = expect_error(app.book(&again).await, StatusCode::CONFLICT, "document_has_appointment").await;
    assert_eq!(e["field"], "document.number");
    // The refused attempt took no seat.
    assert_eq!(app.available("medellin", "2026-12-03T10:00:00-05:00").await, 1);
    // A CE with the same digits is another document.
    let mut ce = booking("2026-12-03T10:00:00-05:00", "52345678");
    ce["document"]["kind"] = json!("CE");
    assert_eq!(app.book(&ce).await.status(), StatusCode::CREATED);
}

#[tokio::test]
async fn once_the_appointment_has_started_the_document_may_book_again() {
    let app = TestApp::spawn().await;
    assert_eq!(
        app.book(&booking("2026-12-01T08:00:00-05:00", "52345678")).await.status(),
        StatusCode::CREATED
    );
    app.clock.advance(Duration::hours(2)); // 9:00
    let response = app.book(&booking("2026-12-01T11:00:00-05:00", "52345678")).await;
    assert_eq!(response.status(), StatusCode::CREATED);
}

#[tokio::test]
async fn a_full_slot_is_refused() {
    let app = TestApp::spawn_with(&one_desk_config()).await;
    assert_eq!(app.book(&booking(START, "52345678")).await.status(), StatusCode::CREATED);
    let e =
        expect_error(app.book(&booking(START, "79876543")).await, StatusCode::CONFLICT, "slot_full").await;
    assert_eq!(e["field"], "start");
    // The refused attempt left nothing behind: the document books another time.
    let later = booking("2026-12-03T10:00:00-05:00", "79876543");
    assert_eq!(app.book(&later).await.status(), StatusCode::CREATED);
}

#[tokio::test]
async fn unknown_office_or_service_is_404() {
    let app = TestApp::spawn().await;
    let mut body = booking(START, "52345678");
    body["office"] = json!("gotham");
    expect_error(app.book(&body).await, StatusCode::NOT_FOUND, "unknown_office").await;
    let mut body = booking(START, "52345678");
    body["service"] = json!("pasaportes");
    let e = expect_error(app.book(&body).await, StatusCode::NOT_FOUND, "unknown_service").await;
    assert_eq!(e["field"], "service");
}

/// Each invalid field gets its own code and names the field.
#[tokio::test]
async fn invalid_fields_are_422_with_the_field_named() {
    let app = TestApp::spawn().await;
    let cases: Vec<(&str, Value, &str, &str)> = vec![
        ("document", json!({"kind": "TI", "number": "52345678"}), "invalid_document", "document.kind"),
        ("document", json!({"kind": "CC", "number": "52A45678"}), "invalid_document", "document.number"),
        ("document", json!({"kind": "CC", "number": "123"}), "invalid_document", "document.number"),
        ("document", json!({"kind": "NIT", "number": "800197268"}), "invalid_document", "document.number"),
        ("document", json!({"kind": "NIT", "number": "800197268-5"}), "invalid_document", "document.number"),
        ("name", json!("  "), "invalid_name", "name"),
        ("name", json!("<b>Ana</b>"), "invalid_name", "name"),
        ("email", json!("ana@"), "invalid_email", "email"),
        ("phone", json!("12345"), "invalid_phone", "phone"),
        ("consent", json!(false), "consent_required", "consent"),
        ("start", json!("mañana a las 9"), "invalid_start", "start"),
        ("start", json!("2026-12-02T09:10:00-05:00"), "not_a_slot", "start"),
        ("start", json!("2026-12-02T07:30:00-05:00"), "outside_hours", "start"),
        ("start", json!("2026-12-02T16:00:00-05:00"), "outside_hours", "start"),
        ("start", json!("2026-12-05T09:00:00-05:00"), "outside_hours", "start"),
        ("start", json!("2026-12-08T09:00:00-05:00"), "holiday", "start"),
        ("start", json!("2026-12-01T07:30:00-05:00"), "outside_hours", "start"),
        ("start", json!("2026-11-30T09:00:00-05:00"), "outside_window", "start"),
        ("start", json!("2027-01-05T09:00:00-05:00"), "outside_window", "start"),
    ];
    for (key, value, code, field) in cases {
        let mut body = booking(START, "52345678");
        body[key] = value.clone();
        let response = app.book(&body).await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY, "{key}={value}");
        let error = json_of(response).await["error"].clone();
        assert_eq!(error["code"], code, "{key}={value}: {error}");
        assert_eq!(error["field"], field, "{key}={value}: {error}");
    }
    // Missing consent is the same as refusing it; the holiday is named.
    let mut body = booking(START, "52345678");
    body.as_object_mut().unwrap().remove("consent");
    expect_error(app.book(&body).await, StatusCode::UNPROCESSABLE_ENTITY, "consent_required").await;
    let e = expect_error(
        app.book(&booking("2026-12-08T09:00:00-05:00", "52345678")).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "holiday",
    )
    .await;
    assert!(e["message"].as_str().unwrap().contains("Inmaculada Concepción"));
    // Too soon: at 7:00 with one hour's notice, 7:30 is outside hours and 8:00 is fine.
    app.clock.advance(Duration::minutes(90)); // 8:30
    expect_error(
        app.book(&booking("2026-12-01T09:00:00-05:00", "52345678")).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "outside_window",
    )
    .await;
    // Nothing of all that took a seat.
    assert_eq!(app.available("bogota", START).await, 3);
}

#[tokio::test]
async fn names_are_stored_composed_and_refused_with_invisible_characters() {
    let app = TestApp::spawn().await;
    for invisible in ["Ana \u{202E}zeréP", "Ana\u{200B} Pérez", "\u{2067}Ana Pérez"] {
        let mut body = booking(START, "52345678");
        body["name"] = json!(invisible);
        let error =
            expect_error(app.book(&body).await, StatusCode::UNPROCESSABLE_ENTITY, "invalid_name").await;
        assert_eq!(error["field"], "name");
        assert!(error["message"].as_str().unwrap().contains("invisibles"), "{error}");
    }
    // "e" and a combining accent, as some keyboards send it: stored and shown composed.
    let mut body = booking(START, "52345678");
    body["name"] = json!("Jose\u{301} Pe\u{301}rez");
    let booked = app.book(&body).await;
    assert_eq!(booked.status(), StatusCode::CREATED);
    let code = json_of(booked).await["code"].as_str().unwrap().replace('-', "");
    let (name,): (String,) = sqlx::query_as("SELECT name FROM appointments WHERE code = $1")
        .bind(code)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(opened("name", &name), "Jos\u{e9} P\u{e9}rez");
}

#[tokio::test]
async fn closed_days_are_refused() {
    let app = TestApp::spawn().await;
    let closure = NewClosure {
        offices: ClosureOffices::Some(vec!["bogota".into()]),
        from: "2026-12-04".parse().unwrap(),
        to: "2026-12-04".parse().unwrap(),
        from_time: None,
        to_time: None,
        reason_es: "Jornada de inventario".into(),
        reason_en: None,
    };
    app.store.add_closure(&closure, None, app.clock.now().timestamp()).await.unwrap();
    let e = expect_error(
        app.book(&booking("2026-12-04T09:00:00-05:00", "52345678")).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "closure",
    )
    .await;
    assert!(e["message"].as_str().unwrap().contains("Jornada de inventario"));
    let days =
        json_of(app.get("/api/v1/offices/bogota/availability?from=2026-12-04&to=2026-12-04").await).await;
    assert_eq!(days["days"][0]["reason"], "closure");
    assert_eq!(days["days"][0]["closure"], "Jornada de inventario");
}

#[tokio::test]
async fn malformed_bodies_are_4xx_in_our_error_shape() {
    let app = TestApp::spawn().await;
    let url = format!("{}/api/v1/appointments", app.base);
    let send = |body: &'static str, content_type: &'static str| {
        app.client.post(&url).header("content-type", content_type).body(body).send()
    };
    expect_error(send("{nope", "application/json").await.unwrap(), StatusCode::BAD_REQUEST, "invalid_json")
        .await;
    expect_error(
        send(r#"{"consent": "yes"}"#, "application/json").await.unwrap(),
        StatusCode::BAD_REQUEST,
        "invalid_request",
    )
    .await;
    expect_error(
        send("office=bogota", "application/x-www-form-urlencoded").await.unwrap(),
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "unsupported_media_type",
    )
    .await;
    // An empty object: the first missing thing is named.
    expect_error(send("{}", "application/json").await.unwrap(), StatusCode::NOT_FOUND, "unknown_office")
        .await;
}
