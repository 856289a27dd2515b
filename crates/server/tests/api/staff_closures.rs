//! Administrators close offices and change their desks through the officials' API: closures
//! close availability at once, list the appointments they fall on, and cancel them only when
//! confirmed.

use crate::helpers::*;
use citas_domain::api::staff::Role;
use reqwest::StatusCode;
use serde_json::json;

const ADMIN: &str = "jefa@dian.gov.co";
const OFFICIAL: &str = "luis@dian.gov.co";
const TOMORROW_9: &str = "2026-12-02T09:00:00-05:00";

async fn spawn() -> TestApp {
    let app = TestApp::spawn().await;
    app.add_official(ADMIN, Role::Administrador, &[]).await;
    app.add_official(OFFICIAL, Role::Funcionario, &["bogota"]).await;
    app
}

#[tokio::test]
async fn a_closure_closes_at_once_lists_the_affected_and_cancels_them_when_confirmed() {
    let app = spawn().await;
    let booked = json_of(app.book(&booking(TOMORROW_9, "52345678")).await).await;
    let code = booked["code"].as_str().unwrap();
    let closure = json!({
        "offices": ["bogota"], "from": "2026-12-02", "to": "2026-12-02",
        "reason_es": "Jornada de inventario", "reason_en": "Inventory day"
    });
    let official = app.sign_in(OFFICIAL).await;
    expect_error(official.post("/api/v1/staff/closures", &closure).await, StatusCode::FORBIDDEN, "forbidden")
        .await;

    let admin = app.sign_in(ADMIN).await;
    let reversed = json!({"offices": "all", "from": "2026-12-03", "to": "2026-12-02", "reason_es": "x"});
    let error = expect_error(
        admin.post("/api/v1/staff/closures", &reversed).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_closure",
    )
    .await;
    assert_eq!(error["field"], "to");
    let created = admin.post("/api/v1/staff/closures", &closure).await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let created = json_of(created).await;
    let id = created["id"].as_i64().unwrap();
    assert_eq!(created["affected"][0]["code"], code);
    assert_eq!(created["affected"][0]["status"], "booked");

    let days =
        json_of(app.get("/api/v1/offices/bogota/availability?from=2026-12-02&to=2026-12-02").await).await;
    assert_eq!(days["days"][0]["reason"], "closure", "{days}");
    assert_eq!(days["days"][0]["closure"], "Jornada de inventario");
    let listed = json_of(official.get("/api/v1/staff/closures").await).await;
    assert_eq!(listed["closures"][0]["id"], id);

    let confirmed =
        json_of(admin.post(&format!("/api/v1/staff/closures/{id}/cancel-appointments"), &json!({})).await)
            .await;
    assert_eq!(confirmed["affected"][0]["code"], code);
    assert_eq!(confirmed["affected"][0]["status"], "cancelled");
    let mine = json_of(
        app.post(
            &format!("/api/v1/appointments/{code}/lookup"),
            &json!({"document": {"kind": "CC", "number": "52345678"}}),
        )
        .await,
    )
    .await;
    assert_eq!(mine["status"], "cancelled");
    assert_eq!(mine["cancel_reason"], "Jornada de inventario");
    let shown = json_of(admin.get(&format!("/api/v1/staff/closures/{id}")).await).await;
    assert_eq!(shown["affected"], json!([]), "nothing booked is left in it");

    assert_eq!(admin.delete(&format!("/api/v1/staff/closures/{id}")).await.status(), StatusCode::NO_CONTENT);
    let days =
        json_of(app.get("/api/v1/offices/bogota/availability?from=2026-12-02&to=2026-12-02").await).await;
    assert_eq!(days["days"][0]["open"], true, "{days}");
    expect_error(
        admin.delete(&format!("/api/v1/staff/closures/{id}")).await,
        StatusCode::NOT_FOUND,
        "unknown_closure",
    )
    .await;
}

#[tokio::test]
async fn fewer_desks_from_a_date_list_the_appointments_over_them_and_drop_none() {
    let app = spawn().await;
    for number in ["52345678", "1020304050"] {
        assert_eq!(app.book(&booking(TOMORROW_9, number)).await.status(), StatusCode::CREATED);
    }
    let admin = app.sign_in(ADMIN).await;
    let change = json!({"from": "2026-12-02", "desks": 1});
    let official = app.sign_in(OFFICIAL).await;
    expect_error(
        official.post("/api/v1/staff/offices/bogota/desks", &change).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    let bad = json!({"from": "2026-11-30", "desks": 1});
    expect_error(
        admin.post("/api/v1/staff/offices/bogota/desks", &bad).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_desks",
    )
    .await;

    let changed = json_of(admin.post("/api/v1/staff/offices/bogota/desks", &change).await).await;
    assert_eq!(changed["over_capacity"].as_array().unwrap().len(), 2, "{changed}");
    assert_eq!(app.available("bogota", TOMORROW_9).await, 0);
    assert_eq!(app.available("bogota", "2026-12-02T09:30:00-05:00").await, 1);
    let agenda = json_of(admin.get("/api/v1/staff/offices/bogota/agenda?date=2026-12-02").await).await;
    assert_eq!(agenda["appointments"].as_array().unwrap().len(), 2, "none dropped");
}
