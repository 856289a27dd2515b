use chrono::{DateTime, FixedOffset};
use citas_server::Application;
use citas_server::clock::Clock;
use citas_server::settings::{DEFAULT_CONFIG, Settings, parse_catalog};
use reqwest::{Response, StatusCode};
use serde_json::{Value, json};
use tempfile::TempDir;

/// Tuesday 1 December 2026, 7:00 in Bogotá: before opening, so the whole day can be booked
/// from 8:00 (one hour's notice) on; Tuesday 8 December is a holiday.
pub const NOW: &str = "2026-12-01T07:00:00-05:00";

pub struct TestApp {
    pub base: String,
    pub client: reqwest::Client,
    pub clock: Clock,
    pub db: sqlx::SqlitePool,
    /// The database lives here; dropped at the end of the test.
    pub _dir: TempDir,
}

pub fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

impl TestApp {
    pub async fn spawn() -> TestApp {
        TestApp::spawn_with(DEFAULT_CONFIG).await
    }

    /// A server on a random port with this configuration and a fresh database.
    pub async fn spawn_with(config: &str) -> TestApp {
        let dir = tempfile::tempdir().unwrap();
        let clock = Clock::starting_at(at(NOW));
        let settings = Settings {
            addr: "127.0.0.1:0".parse().unwrap(),
            database_url: format!("sqlite://{}", dir.path().join("citas.db").display()),
            static_dir: None,
            catalog: parse_catalog(config).unwrap(),
            clock: clock.clone(),
        };
        let app = Application::build(settings).await.unwrap();
        let base = format!("http://{}", app.local_addr());
        let db = app.state().db.clone();
        tokio::spawn(app.run_until(std::future::pending()));
        TestApp { base, client: reqwest::Client::new(), clock, db, _dir: dir }
    }

    pub async fn get(&self, path: &str) -> Response {
        self.client.get(format!("{}{path}", self.base)).send().await.unwrap()
    }

    pub async fn post(&self, path: &str, body: &Value) -> Response {
        self.client.post(format!("{}{path}", self.base)).json(body).send().await.unwrap()
    }

    pub async fn book(&self, body: &Value) -> Response {
        self.post("/api/v1/appointments", body).await
    }

    /// Free seats of one slot, as the availability endpoint reports them.
    pub async fn available(&self, office: &str, start: &str) -> u64 {
        let date = &start[..10];
        let body =
            json_of(self.get(&format!("/api/v1/offices/{office}/availability?from={date}&to={date}")).await)
                .await;
        body["days"][0]["slots"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| at(s["start"].as_str().unwrap()) == at(start))
            .map(|s| s["available"].as_u64().unwrap())
            .unwrap_or_else(|| panic!("no slot at {start}"))
    }
}

/// A valid booking for Bogotá at `start` by cédula `number`.
pub fn booking(start: &str, number: &str) -> Value {
    json!({
        "office": "bogota",
        "service": "dudas",
        "start": start,
        "document": { "kind": "CC", "number": number },
        "name": "Ana María Pérez",
        "email": "ana@example.co",
        "phone": "300 123 4567",
        "consent": true
    })
}

pub async fn json_of(response: Response) -> Value {
    response.json().await.unwrap()
}

/// Asserts the status and the error code of a refused request; returns the error object.
pub async fn expect_error(response: Response, status: StatusCode, code: &str) -> Value {
    assert_eq!(response.status(), status);
    let body = json_of(response).await;
    assert_eq!(body["error"]["code"], code, "{body}");
    assert!(!body["error"]["message"].as_str().unwrap().is_empty());
    body["error"].clone()
}

/// The default configuration with one desk in Bogotá, for races over a single seat.
pub fn one_desk_config() -> String {
    DEFAULT_CONFIG.replace("desks = 3", "desks = 1")
}
