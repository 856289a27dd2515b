//! A full disk: bookings are refused 503 `storage_full` (nothing half-written), `/readyz` says
//! the instance is not ready, and both recover once there is room again. The disk is a small
//! tmpfs of its own, which needs root (as CI runs); elsewhere the test says so and stops.

use crate::helpers::*;
use crate::processes::start_server;
use reqwest::StatusCode;
use std::process::Command;

/// A 32 MiB tmpfs at a fresh directory, unmounted when dropped.
struct SmallDisk(tempfile::TempDir);

impl SmallDisk {
    fn mount() -> Option<SmallDisk> {
        let dir = tempfile::tempdir().unwrap();
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=32m", "tmpfs"])
            .arg(dir.path())
            .status()
            .is_ok_and(|s| s.success());
        mounted.then_some(SmallDisk(dir))
    }

    /// Fills the disk with a file until at most `leave` bytes are free.
    fn fill(&self, leave: u64) {
        let free = rustix::fs::statvfs(self.0.path()).unwrap();
        let available = free.f_bavail * free.f_frsize;
        let file =
            std::fs::OpenOptions::new().create(true).append(true).open(self.0.path().join("filler")).unwrap();
        // Written, not just sized: tmpfs counts only the pages that hold data.
        let mut left = available.saturating_sub(leave);
        let chunk = vec![1u8; 1 << 20];
        let mut writer = std::io::BufWriter::new(file);
        while left > 0 {
            let n = left.min(chunk.len() as u64) as usize;
            if std::io::Write::write_all(&mut writer, &chunk[..n]).is_err() {
                break;
            }
            left -= n as u64;
        }
        let _ = std::io::Write::flush(&mut writer);
    }

    fn empty(&self) {
        std::fs::remove_file(self.0.path().join("filler")).unwrap();
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.0.path()).status();
    }
}

async fn book(client: &reqwest::Client, base: &str, start: &str, number: &str) -> reqwest::Response {
    client.post(format!("{base}/api/v1/appointments")).json(&booking(start, number)).send().await.unwrap()
}

/// Bogotá's seats on the first days of the window: three desks, every half hour.
fn seats() -> impl Iterator<Item = String> {
    ["02", "03", "04", "07", "09", "10", "11"].into_iter().flat_map(|day| {
        (0..16).flat_map(move |half_hour| {
            let time = format!("{:02}:{:02}", 8 + half_hour / 2, 30 * (half_hour % 2));
            std::iter::repeat_n(format!("2026-12-{day}T{time}:00-05:00"), 3)
        })
    })
}

#[tokio::test]
async fn a_full_disk_refuses_bookings_with_503_and_makes_the_instance_not_ready() {
    let Some(disk) = SmallDisk::mount() else {
        eprintln!("full_disk: cannot mount a tmpfs here (not root): not tested");
        return;
    };
    let url = format!("sqlite://{}/citas.db", disk.0.path().display());
    // The defences against scripts relaxed: the test books from one address, fast.
    let config = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(config.path(), test_config()).unwrap();
    let server = start_server(&url, &["--config", config.path().to_str().unwrap()]);
    let client = reqwest::Client::new();
    let ready = || client.get(format!("{}/readyz", server.base)).send();
    assert_eq!(ready().await.unwrap().status(), StatusCode::OK);
    assert_eq!(
        book(&client, &server.base, "2026-12-02T08:00:00-05:00", "52345678").await.status(),
        StatusCode::CREATED
    );

    // Less room than a few hours of bookings need: not ready, though it still books.
    disk.fill(8 << 20);
    assert_eq!(ready().await.unwrap().status(), StatusCode::SERVICE_UNAVAILABLE);

    // No room at all: once the database must grow, refused, precisely.
    disk.fill(0);
    let mut refused = None;
    for (n, start) in seats().skip(1).enumerate() {
        let answer = book(&client, &server.base, &start, &format!("{}", 60_000_000 + n)).await;
        if answer.status() != StatusCode::CREATED {
            refused = Some(answer);
            break;
        }
    }
    let refused = refused.expect("a full disk refuses a booking");
    expect_error(refused, StatusCode::SERVICE_UNAVAILABLE, "storage_full").await;

    disk.empty();
    assert_eq!(ready().await.unwrap().status(), StatusCode::OK);
    assert_eq!(
        book(&client, &server.base, "2026-12-14T08:00:00-05:00", "52345690").await.status(),
        StatusCode::CREATED
    );
}
