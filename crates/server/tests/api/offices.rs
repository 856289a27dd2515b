use crate::helpers::*;
use reqwest::StatusCode;

#[tokio::test]
async fn offices_lists_the_18_cities_with_their_services() {
    let app = TestApp::spawn().await;
    let response = app.get("/api/v1/offices").await;
    assert_eq!(response.status(), StatusCode::OK);
    let offices = json_of(response).await;
    let offices = offices.as_array().unwrap();
    assert_eq!(offices.len(), 18);
    let cities: Vec<&str> = offices.iter().map(|o| o["city"].as_str().unwrap()).collect();
    for city in ["Bogotá", "Medellín", "Cúcuta", "Popayán", "Pasto", "Girardot", "Ipiales"] {
        assert!(cities.contains(&city), "{city} missing");
    }
    let bogota = &offices[0];
    assert_eq!(bogota["id"], "bogota");
    assert_eq!(bogota["department"], "Bogotá D.C.");
    assert_eq!(bogota["address"], "Carrera 8 n.º 6C-38, Edificio San Agustín");
    assert_eq!(bogota["services"].as_array().unwrap().len(), 4);
    assert!(bogota["services"][0]["description"].as_str().unwrap().len() > 20);
    // Offices without a sourced address say so with null, not an invented street.
    assert!(offices.iter().any(|o| o["address"].is_null()));
}

#[tokio::test]
async fn one_office_and_unknown_ones() {
    let app = TestApp::spawn().await;
    let pasto = json_of(app.get("/api/v1/offices/pasto").await).await;
    assert_eq!(pasto["department"], "Nariño");
    expect_error(app.get("/api/v1/offices/narnia").await, StatusCode::NOT_FOUND, "unknown_office").await;
}

#[tokio::test]
async fn settings_and_health() {
    let app = TestApp::spawn().await;
    let settings = json_of(app.get("/api/v1/settings").await).await;
    assert_eq!(settings["booking"]["horizon_days"], 30);
    assert_eq!(settings["arrive_early_minutes"], 15);
    assert_eq!(settings["documents"]["cc_max_digits"], 10);
    assert_eq!(app.get("/healthz").await.status(), StatusCode::OK);
    expect_error(app.get("/api/v1/nothing-here").await, StatusCode::NOT_FOUND, "not_found").await;
}
