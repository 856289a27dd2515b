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
    assert_eq!(settings["waitlist_offer_minutes"], 120);
    assert_eq!(app.get("/healthz").await.status(), StatusCode::OK);
    expect_error(app.get("/api/v1/nothing-here").await, StatusCode::NOT_FOUND, "not_found").await;
}

/// The waiting list's texts say how long an offered seat is held as this server holds it.
#[tokio::test]
async fn settings_say_how_long_an_offer_is_held_as_configured() {
    let app = TestApp::spawn_with(&test_config().replace("offer_minutes = 120", "offer_minutes = 45")).await;
    let settings = json_of(app.get("/api/v1/settings").await).await;
    assert_eq!(settings["waitlist_offer_minutes"], 45);
}

#[tokio::test]
async fn a_full_office_suggests_the_nearest_ones_with_seats() {
    // One desk in Girardot and a one-day window (7:00 now: today from 8:00, and tomorrow).
    let config = test_config().replace("horizon_days = 30 ", "horizon_days = 1 ");
    let app = TestApp::spawn_with(&config).await;
    let free = json_of(app.get("/api/v1/offices/girardot/alternatives").await).await;
    assert_eq!(free["first_free"], "2026-12-01T08:00:00-05:00");

    let days = json_of(app.get("/api/v1/offices/girardot/availability").await).await;
    let starts: Vec<String> = days["days"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|d| d["slots"].as_array().unwrap().iter().map(|s| s["start"].as_str().unwrap().to_owned()))
        .collect();
    assert_eq!(starts.len(), 32);
    for (i, start) in starts.iter().enumerate() {
        let mut body = booking(start, &format!("{}", 40_000_000 + i));
        body["office"] = serde_json::json!("girardot");
        assert_eq!(app.book(&body).await.status(), StatusCode::CREATED, "{start}");
    }

    let full = json_of(app.get("/api/v1/offices/girardot/alternatives").await).await;
    assert!(full["first_free"].is_null());
    let nearby = full["nearby"].as_array().unwrap();
    assert_eq!(nearby.len(), 3);
    assert_eq!(nearby[0]["office"]["id"], "bogota");
    assert!((80..=110).contains(&nearby[0]["distance_km"].as_u64().unwrap()));
    let distances: Vec<u64> = nearby.iter().map(|n| n["distance_km"].as_u64().unwrap()).collect();
    assert!(distances.windows(2).all(|w| w[0] <= w[1]), "{distances:?}");
    assert!(nearby.iter().all(|n| n["first_free"].is_string()));
    expect_error(
        app.get("/api/v1/offices/atlantis/alternatives").await,
        StatusCode::NOT_FOUND,
        "unknown_office",
    )
    .await;
}
