//! A 201 means the booking is on disk: it survives the server being killed outright.

use crate::helpers::*;
use reqwest::StatusCode;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

const START: &str = "2026-12-02T11:00:00-05:00";

/// Runs the real binary on `db`, returning the process and its base URL once it listens.
fn start_server(db: &std::path::Path) -> (Child, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_citas-server"))
        .args(["--addr", "127.0.0.1:0", "--now", NOW])
        .arg("--database")
        .arg(format!("sqlite://{}", db.display()))
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut lines = BufReader::new(stdout).lines();
    let base = loop {
        let line = lines.next().expect("server exited before listening").unwrap();
        if let Some((_, rest)) = line.split_once("listening on http://") {
            let addr: String =
                rest.chars().take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ':').collect();
            break format!("http://{addr}");
        }
    };
    // Keep draining the log so the server never blocks on a full pipe.
    std::thread::spawn(move || lines.for_each(drop));
    (child, base)
}

#[tokio::test]
async fn a_booking_survives_the_server_being_killed() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("citas.db");
    let client = reqwest::Client::new();

    let (mut first, base) = start_server(&db);
    let response = client
        .post(format!("{base}/api/v1/appointments"))
        .json(&booking(START, "52345678"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CREATED);
    first.kill().unwrap(); // SIGKILL: no graceful shutdown, no final checkpoint
    first.wait().unwrap();

    let (mut second, base) = start_server(&db);
    let again = client
        .post(format!("{base}/api/v1/appointments"))
        .json(&booking("2026-12-03T11:00:00-05:00", "52345678"))
        .send()
        .await
        .unwrap();
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
    second.kill().unwrap();
    second.wait().unwrap();
}
