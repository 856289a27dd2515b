//! `cargo xtask contract`: the running server against its own OpenAPI document. schemathesis
//! sends every operation generated requests, valid and invalid, and fails on any 5xx, any
//! status the document does not list, and any answer that does not match it. The debug
//! server runs with the defences against scripts turned off, so that a random request is
//! refused for what it says, not for how often it comes.

use crate::local_server::Server;
use crate::tools::{self, run};
use anyhow::Result;
use std::path::Path;
use std::process::Command;

/// Requests per operation and phase: the whole run stays within about two minutes here. The
/// officials' operations, which schemathesis can only see refuse it, get fewer
/// (`generation.max-examples` in xtask/schemathesis.toml, which wins over this).
const MAX_EXAMPLES: &str = "200";

pub fn contract(root: &Path) -> Result<()> {
    let schemathesis = tools::ensure_schemathesis(root)?;
    let scratch = std::env::temp_dir().join(format!("citas-contract-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&scratch);
    std::fs::create_dir_all(&scratch)?;
    let database = format!("sqlite://{}/contract.db", scratch.display());
    let server = Server::start(&[], &root.join("target/debug/citas-server"), &database)?;
    let result = run(Command::new(schemathesis)
        .arg("--config-file")
        .arg(root.join("xtask/schemathesis.toml"))
        .arg("run")
        .arg(format!("{}/api/v1/openapi.json", server.base))
        .args(["--checks", "all", "--max-examples", MAX_EXAMPLES, "--seed", "1", "--no-color"])
        .current_dir(&scratch));
    drop(server);
    let _ = std::fs::remove_dir_all(&scratch);
    result
}
