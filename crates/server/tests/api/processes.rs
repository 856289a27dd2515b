//! The real server binary, as separate processes.

use crate::helpers::{NOW, proof_from};
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

/// A server process, killed when dropped, so a failing test leaves none behind.
pub struct ServerProcess {
    child: Child,
    pub base: String,
    /// Its working directory, where what it writes beside itself goes (data/outbox/).
    _dir: tempfile::TempDir,
}

impl ServerProcess {
    /// SIGKILL: no graceful shutdown, no final checkpoint.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        self.kill();
    }
}

/// Runs the real binary on the database at `url` (and `extra` arguments), once it listens.
pub fn start_server(url: &str, extra: &[&str]) -> ServerProcess {
    spawn_server(url, extra).listening()
}

/// A server process that may not listen yet: several can be started before any is waited for.
/// Killed when dropped, like the process it becomes.
pub struct Starting(ServerProcess);

/// The tests' data key (`CITAS_DATA_KEYS`): every instance on one database needs the same
/// keys, as a deployment's do.
pub const DATA_KEYS: &str = "1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

/// Starts the real binary without waiting for it (see `Starting::listening`).
pub fn spawn_server(url: &str, extra: &[&str]) -> Starting {
    spawn_server_with(url, extra, &[])
}

/// The same with the environment variables `env` besides (or instead of) the tests' keys.
pub fn spawn_server_with(url: &str, extra: &[&str], env: &[(&str, &str)]) -> Starting {
    let dir = tempfile::tempdir().unwrap();
    let child = Command::new(env!("CARGO_BIN_EXE_citas-server"))
        .current_dir(dir.path())
        .args(["--addr", "127.0.0.1:0", "--now", NOW, "--database", url])
        .args(extra)
        .env("NO_COLOR", "1")
        .env("CITAS_DATA_KEYS", DATA_KEYS)
        .env("CITAS_DOCUMENT_KEY", "AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=")
        .envs(env.iter().copied())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    Starting(ServerProcess { child, base: String::new(), _dir: dir })
}

impl Starting {
    /// Waits for a server that should refuse to start: what it said on stderr.
    /// One still running after 30 seconds started, and fails the test (it is killed when
    /// dropped), rather than hold it for ever.
    pub fn refused(self) -> String {
        let mut server = self.0;
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        let status = loop {
            match server.child.try_wait().unwrap() {
                Some(status) => break status,
                None if std::time::Instant::now() < deadline => {
                    std::thread::sleep(std::time::Duration::from_millis(50));
                }
                None => panic!("the server started"),
            }
        };
        assert!(!status.success(), "the server started and stopped without an error");
        let mut said = String::new();
        std::io::Read::read_to_string(&mut server.child.stderr.take().unwrap(), &mut said).unwrap();
        said
    }

    /// Waits until the server says where it listens; panics if it exits first.
    pub fn listening(self) -> ServerProcess {
        let mut server = self.0;
        let stdout = server.child.stdout.take().unwrap();
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
        server.base = base;
        server
    }
}

impl ServerProcess {
    /// Books `body` on this server as a browser does, with a solved proof of work.
    pub async fn book(&self, client: &reqwest::Client, body: &serde_json::Value) -> reqwest::Response {
        client
            .post(format!("{}/api/v1/appointments", self.base))
            .header("Altcha", proof_from(client, &self.base).await)
            .json(body)
            .send()
            .await
            .unwrap()
    }
}
