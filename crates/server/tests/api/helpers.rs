use chrono::{DateTime, Duration, FixedOffset};
use citas_domain::api::staff::Role;
use citas_server::Application;
use citas_server::clock::Clock;
use citas_server::config::{DEFAULT_CONFIG, parse_config};
use citas_server::settings::Settings;
use citas_server::store::Store;
use reqwest::{Response, StatusCode};
use serde_json::{Value, json};
use tempfile::TempDir;

/// Tuesday 1 December 2026, 7:00 in Bogotá: before opening, so the whole day can be booked
/// from 8:00 (one hour's notice) on; Tuesday 8 December is a holiday.
pub const NOW: &str = "2026-12-01T07:00:00-05:00";

pub struct TestApp {
    pub base: String,
    /// Where /metrics is served, apart from the API.
    pub metrics_base: String,
    pub client: reqwest::Client,
    pub clock: Clock,
    /// Whether holds and bookings must carry a proof of work (`post` then solves one).
    pub proofs: bool,
    /// The test's own connections to the server's database, to look at what it stored.
    pub db: sqlx::AnyPool,
    /// The server's store, to set up what has no API yet (officials' accounts).
    pub store: Store,
    /// Dropped (file or database) at the end of the test.
    pub _database: TestDb,
    /// Where the server writes its messages to citizens as .eml files (no mail server is
    /// configured unless the test's configuration names one).
    pub outbox: TempDir,
}

/// The variable that switches the suite to PostgreSQL: an administrator's URL, e.g.
/// postgres://postgres@127.0.0.1:5432/test. Each test then gets a database of its own.
pub const POSTGRES_VAR: &str = "CITAS_TEST_POSTGRES";

/// A fresh, empty database for one test: an SQLite file, or a new PostgreSQL database.
pub struct TestDb {
    pub url: String,
    _dir: Option<TempDir>,
    postgres: Option<(String, String)>,
}

impl TestDb {
    pub async fn new() -> TestDb {
        match std::env::var(POSTGRES_VAR) {
            Ok(admin) if !admin.is_empty() => {
                use sqlx::{Connection, Executor};
                let name = format!("citas_test_{:016x}", rand_u64());
                let mut conn = sqlx::PgConnection::connect(&admin).await.expect("PostgreSQL for the tests");
                conn.execute(format!("CREATE DATABASE {name}").as_str()).await.unwrap();
                let base = admin.split('?').next().unwrap().rsplit_once('/').unwrap().0.to_owned();
                TestDb { url: format!("{base}/{name}"), _dir: None, postgres: Some((admin, name)) }
            }
            _ => {
                let dir = tempfile::tempdir().unwrap();
                let url = format!("sqlite://{}", dir.path().join("citas.db").display());
                TestDb { url, _dir: Some(dir), postgres: None }
            }
        }
    }
}

impl TestDb {
    /// Connections of the test's own to the database.
    pub async fn pool(&self) -> sqlx::AnyPool {
        sqlx::any::install_default_drivers();
        sqlx::AnyPool::connect(&self.url).await.unwrap()
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some((admin, name)) = self.postgres.take() {
            // Drop is not async: a thread of its own, so the test's runtime is not blocked.
            let _ = std::thread::spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
                runtime.block_on(async {
                    use sqlx::{Connection, Executor};
                    if let Ok(mut conn) = sqlx::PgConnection::connect(&admin).await {
                        let _ = conn
                            .execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str())
                            .await;
                    }
                });
            })
            .join();
        }
    }
}

fn rand_u64() -> u64 {
    use std::hash::{BuildHasher, RandomState};
    RandomState::new().hash_one(std::time::SystemTime::now())
}

pub fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

/// Asserts that the instant `answered` (RFC 3339, as the API writes it) is `later` after some
/// instant in [`from`, `until`]. The test's clock runs in real time from `NOW`, so the instant a
/// request was served is known only to the range of clock readings around it.
pub fn assert_later_by(
    answered: &Value,
    later: Duration,
    from: DateTime<FixedOffset>,
    until: DateTime<FixedOffset>,
) {
    let answered = at(answered.as_str().unwrap());
    assert!(
        (from + later..=until + later).contains(&answered),
        "{answered} not {later} after [{from}, {until}]"
    );
}

impl TestApp {
    pub async fn spawn() -> TestApp {
        TestApp::spawn_with(&test_config()).await
    }

    /// A server on a random port with this configuration and a fresh database.
    pub async fn spawn_with(config: &str) -> TestApp {
        TestApp::spawn_serving(config, None).await
    }

    /// The same, also serving a built client from `static_dir`.
    pub async fn spawn_serving(config: &str, static_dir: Option<std::path::PathBuf>) -> TestApp {
        TestApp::start(config, static_dir, std::future::pending()).await.0
    }

    /// The same, with the server's task: it ends once `shutdown` completes and the requests in
    /// flight are answered.
    pub async fn start(
        config: &str,
        static_dir: Option<std::path::PathBuf>,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> (TestApp, tokio::task::JoinHandle<std::io::Result<()>>) {
        let database = TestDb::new().await;
        let clock = Clock::starting_at(at(NOW));
        let mut config = parse_config(config).unwrap();
        let outbox = tempfile::tempdir().unwrap();
        config.mail.outbox_dir = Some(outbox.path().to_owned());
        let proofs = config.abuse.proof_of_work;
        let settings = Settings {
            addr: "127.0.0.1:0".parse().unwrap(),
            metrics_addr: Some("127.0.0.1:0".parse().unwrap()),
            database_url: database.url.clone(),
            max_connections: 8,
            static_dir,
            config,
            config_path: None,
            clock: clock.clone(),
        };
        let app = Application::build(settings).await.unwrap();
        let store = app.state().store.clone();
        let base = format!("http://{}", app.local_addr());
        let metrics_base = format!("http://{}", app.metrics_addr().unwrap());
        let db = database.pool().await;
        let server = tokio::spawn(app.run_until(shutdown));
        (
            TestApp {
                base,
                metrics_base,
                client: reqwest::Client::new(),
                clock,
                proofs,
                db,
                store,
                _database: database,
                outbox,
            },
            server,
        )
    }

    /// Whether this test runs on PostgreSQL (`CITAS_TEST_POSTGRES`) rather than SQLite.
    pub fn on_postgres(&self) -> bool {
        self._database.postgres.is_some()
    }

    pub async fn get(&self, path: &str) -> Response {
        self.client.get(format!("{}{path}", self.base)).send().await.unwrap()
    }

    /// A POST as the web client sends it: holds, bookings and joining the waiting list with a
    /// proof of work when the
    /// server asks for them.
    pub async fn post(&self, path: &str, body: &Value) -> Response {
        let mut request = self.client.post(format!("{}{path}", self.base)).json(body);
        if self.proofs && ["/api/v1/holds", "/api/v1/appointments", "/api/v1/waitlist"].contains(&path) {
            request = request.header("Altcha", self.proof().await);
        }
        request.send().await.unwrap()
    }

    /// A solved proof of work for the `Altcha` header, as a browser would find it.
    pub async fn proof(&self) -> String {
        proof_from(&self.client, &self.base).await
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

/// The password of every official of the tests.
pub const PASSWORD: &str = "una clave larga de prueba";

impl TestApp {
    /// Adds an official's account (with `PASSWORD`), as `citas-server users add` does.
    pub async fn add_official(&self, email: &str, role: Role, offices: &[&str]) {
        let hash = citas_server::http::staff::hash_password(PASSWORD);
        let offices: Vec<String> = offices.iter().map(|o| o.to_string()).collect();
        let now = self.clock.now().timestamp();
        self.store.add_account(email, role, &hash, &offices, now).await.unwrap().expect("a new account");
    }

    /// A browser of its own (with its cookies), signed in as `email`.
    pub async fn sign_in(&self, email: &str) -> StaffBrowser {
        let browser = self.staff_browser();
        let response =
            browser.post("/api/v1/staff/session", &json!({"email": email, "password": PASSWORD})).await;
        assert_eq!(response.status(), StatusCode::NO_CONTENT, "{}", response.text().await.unwrap());
        browser
    }

    /// A browser of its own, not signed in.
    pub fn staff_browser(&self) -> StaffBrowser {
        let client = reqwest::Client::builder().cookie_store(true).build().unwrap();
        StaffBrowser { client, base: self.base.clone() }
    }
}

/// A browser on the officials' pages: it keeps its cookies, and sends `Origin` with its POSTs and
/// DELETEs as browsers do.
pub struct StaffBrowser {
    pub client: reqwest::Client,
    pub base: String,
}

impl StaffBrowser {
    pub async fn get(&self, path: &str) -> Response {
        self.client.get(format!("{}{path}", self.base)).send().await.unwrap()
    }

    pub async fn post(&self, path: &str, body: &Value) -> Response {
        let request = self.client.post(format!("{}{path}", self.base)).header("Origin", &self.base);
        request.json(body).send().await.unwrap()
    }

    pub async fn delete(&self, path: &str) -> Response {
        self.client.delete(format!("{}{path}", self.base)).header("Origin", &self.base).send().await.unwrap()
    }
}

/// A solved proof of work from the server at `base`.
pub async fn proof_from(client: &reqwest::Client, base: &str) -> String {
    let challenge = client.get(format!("{base}/api/v1/challenge")).send().await.unwrap();
    solve(&challenge.json().await.unwrap())
}

/// ALTCHA's solution to `challenge`, found by trying every number, base64 for the header.
pub fn solve(challenge: &Value) -> String {
    use base64::Engine;
    use sha2::Digest;
    let salt = challenge["salt"].as_str().unwrap();
    let number = (0..=challenge["maxnumber"].as_u64().unwrap())
        .find(|n| hex::encode(sha2::Sha256::digest(format!("{salt}{n}"))) == challenge["challenge"])
        .expect("a challenge has a solution");
    let solution = json!({
        "algorithm": challenge["algorithm"], "challenge": challenge["challenge"], "number": number,
        "salt": salt, "signature": challenge["signature"],
    });
    base64::engine::general_purpose::STANDARD.encode(solution.to_string())
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

/// A browser's id (`client` of a hold) that no other hold of the test has.
pub fn new_browser() -> String {
    static BROWSERS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    format!("browser-{}", BROWSERS.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
}

/// The default configuration with the defences against scripts relaxed: a test sends many
/// requests from 127.0.0.1 in a moment, and may take a seat again right after freeing it. Each
/// defence has tests of its own with the defaults.
pub fn test_config() -> String {
    DEFAULT_CONFIG
        .replace("rate_limit = true", "rate_limit = false")
        .replace("holds_per_address = 3", "holds_per_address = 0")
        .replace("bookings_per_address_per_day = 10", "bookings_per_address_per_day = 0")
        .replace("release_delay_minutes = [2, 10]", "release_delay_minutes = [0, 0]")
        .replace("proof_of_work = true", "proof_of_work = false")
}

/// The test configuration with one desk in Bogotá, for races over a single seat.
pub fn one_desk_config() -> String {
    test_config().replace("desks = 3", "desks = 1")
}

/// A personal field as the server stored it, opened with the keys the server installed in this
/// process (the database holds it sealed).
pub fn opened(field: &str, stored: &str) -> String {
    citas_server::store::sealing::keys().open(field, stored).expect("sealed with this server's keys")
}

/// The test configuration handing messages to the mail server on `port` of 127.0.0.1 (plain
/// SMTP), with a sender that looks for messages every second. A failed message is tried again a
/// minute later (tests move the clock rather than wait), three times in all; a claim lasts 10
/// seconds, longer than the 5 a mail server has to answer.
pub fn mail_config(port: u16) -> String {
    mail_config_with(port, |_| {})
}

/// `mail_config`, with `change` applied to its `[mail]` table.
pub fn mail_config_with(port: u16, change: impl FnOnce(&mut toml::Table)) -> String {
    let mut config: toml::Table = test_config().parse().unwrap();
    let mail = config.entry("mail").or_insert_with(|| toml::Table::new().into()).as_table_mut().unwrap();
    let settings: toml::Table = toml::toml! {
        site_url = "https://citas.example.gov.co"
        from = "Defensoría del Contribuyente <citas@defensoria.example>"
        reply_to = "atencion@defensoria.example"
        poll_seconds = 1
        retry_seconds = 60
        max_attempts = 3
        claim_seconds = 10
        send_timeout_seconds = 5
        [smtp]
        host = "127.0.0.1"
        security = "none"
    };
    mail.extend(settings);
    mail["smtp"].as_table_mut().unwrap().insert("port".into(), i64::from(port).into());
    change(mail);
    toml::to_string(&config).unwrap()
}

/// Polls `probe` until it gives a value, for at most 30 seconds: for what the server does on its
/// own time (its sender of messages), without a fixed sleep.
pub async fn eventually<T>(what: &str, mut probe: impl AsyncFnMut() -> Option<T>) -> T {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        if let Some(value) = probe().await {
            return value;
        }
        assert!(std::time::Instant::now() < deadline, "never happened: {what}");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}
