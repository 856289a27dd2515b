//! Installing what the build needs, once, at the versions the repository pins.

use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// trunk 0.22 needs a newer rustc than this project's toolchain.
const TRUNK_VERSION: &str = "~0.21";
/// esbuild minifies wasm-bindgen's JS, which trunk never sees (xtask/src/client.rs).
const ESBUILD_VERSION: &str = "0.25.12";

pub struct BuildTools {
    pub trunk: PathBuf,
    pub wasm_bindgen: PathBuf,
    /// npm's binaryen (Debian's is too old for modern Rust wasm).
    pub wasm_opt: PathBuf,
    pub esbuild: PathBuf,
}

pub fn ensure_build_tools(root: &Path) -> Result<BuildTools> {
    let pins = Pins::read(root)?;
    ensure_wasm_target()?;
    let cargo_bin = cargo_home().join("bin");

    let trunk = cargo_bin.join("trunk");
    if !has_version(&trunk, "trunk 0.21.") {
        println!("installing trunk {TRUNK_VERSION}…");
        run(Command::new("cargo").args(["install", "--locked", "trunk", "--version", TRUNK_VERSION]))?;
    }

    let bindgen = cargo_bin.join("wasm-bindgen");
    if !has_version(&bindgen, &format!("wasm-bindgen {}\n", pins.wasm_bindgen)) {
        println!("installing wasm-bindgen-cli {}…", pins.wasm_bindgen);
        // Not --locked: the registry mirror lacks some of its locked dependencies.
        run(Command::new("cargo").args([
            "install",
            "--force",
            "wasm-bindgen-cli",
            "--version",
            &pins.wasm_bindgen,
        ]))?;
    }

    let tools_dir = root.join("target/tools");
    let tool_bin = tools_dir.join("node_modules/.bin");
    let wasm_opt = tool_bin.join("wasm-opt");
    let esbuild = tool_bin.join("esbuild");
    // One install for both: npm may drop from node_modules what an install does not name.
    if !has_version(&wasm_opt, &format!("version {} ", pins.binaryen))
        || !has_version(&esbuild, &format!("{ESBUILD_VERSION}\n"))
    {
        println!("installing binaryen {} (wasm-opt) and esbuild {ESBUILD_VERSION} from npm…", pins.binaryen);
        std::fs::create_dir_all(&tools_dir)?;
        require("npm", "Node.js and npm (Debian: apt-get install nodejs npm)")?;
        run(Command::new("npm")
            .args(["install", "--no-audit", "--no-fund", "--no-save", "--prefix"])
            .arg(&tools_dir)
            .arg(format!("binaryen@{}", pins.binaryen))
            .arg(format!("esbuild@{ESBUILD_VERSION}")))?;
    }
    Ok(BuildTools { trunk, wasm_bindgen: bindgen, wasm_opt, esbuild })
}

/// The versions this repository builds with, from Trunk.toml, checked against Cargo.lock.
struct Pins {
    wasm_bindgen: String,
    binaryen: String,
}

impl Pins {
    fn read(root: &Path) -> Result<Pins> {
        let trunk_toml = std::fs::read_to_string(root.join("Trunk.toml")).context("reading Trunk.toml")?;
        let setting = |key: &str| -> Result<String> {
            trunk_toml
                .lines()
                .filter_map(|l| l.split_once('='))
                .find(|(k, _)| k.trim() == key)
                .map(|(_, v)| v.trim().trim_matches('"').to_owned())
                .with_context(|| format!("Trunk.toml has no {key}"))
        };
        let wasm_bindgen = setting("wasm_bindgen")?;
        let binaryen = setting("wasm_opt")?.trim_start_matches("version_").to_owned();
        let lock = std::fs::read_to_string(root.join("Cargo.lock")).context("reading Cargo.lock")?;
        let locked = lock
            .split("[[package]]")
            .find(|p| p.contains("\nname = \"wasm-bindgen\"\n"))
            .and_then(|p| p.lines().find_map(|l| l.strip_prefix("version = ")))
            .map(|v| v.trim_matches('"').to_owned())
            .context("Cargo.lock has no wasm-bindgen")?;
        if locked != wasm_bindgen {
            bail!(
                "Cargo.lock has wasm-bindgen {locked} but Trunk.toml pins {wasm_bindgen}: \
                 they must be equal (pin wasm-bindgen = \"={wasm_bindgen}\" in Cargo.toml or update Trunk.toml)"
            );
        }
        Ok(Pins { wasm_bindgen, binaryen })
    }
}

fn ensure_wasm_target() -> Result<()> {
    let installed = Command::new("rustup").args(["target", "list", "--installed"]).output();
    let has = installed.is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains("wasm32-unknown-unknown"));
    if !has {
        run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))?;
    }
    Ok(())
}

/// Debian's Chromium for the browser tests (Playwright never downloads a browser here).
pub fn ensure_chromium() -> Result<PathBuf> {
    ensure_debian_package("chromium")
}

/// wrk, the HTTP load generator, from Debian's packages.
pub fn ensure_wrk() -> Result<PathBuf> {
    ensure_debian_package("wrk")
}

/// /usr/bin/NAME, installing Debian's package of the same name when missing (as root; others
/// are told what to run).
fn ensure_debian_package(name: &str) -> Result<PathBuf> {
    let binary = PathBuf::from("/usr/bin").join(name);
    if binary.exists() {
        return Ok(binary);
    }
    if !is_root() {
        bail!("{name} is missing: run `sudo apt-get install -y {name}` and try again");
    }
    println!("installing {name} from Debian's packages…");
    let install = || run(Command::new("apt-get").args(["install", "-y", "--no-install-recommends", name]));
    if install().is_err() {
        run(Command::new("apt-get").arg("update"))?;
        install()?;
    }
    Ok(binary)
}

/// schemathesis, in a virtualenv of its own under target/, at the version the contract pins.
pub fn ensure_schemathesis(root: &Path) -> Result<PathBuf> {
    const VERSION: &str = "4.32.5";
    let venv = root.join("target/schemathesis");
    let schemathesis = venv.join("bin/schemathesis");
    if !has_version(&schemathesis, &format!("version {VERSION}\n")) {
        println!("installing schemathesis {VERSION} from PyPI…");
        require("python3", "Python 3 with venv (Debian: apt-get install python3-venv)")?;
        run(Command::new("python3").args(["-m", "venv"]).arg(&venv))?;
        run(Command::new(venv.join("bin/pip"))
            .args(["install", "--quiet", "--disable-pip-version-check"])
            .arg(format!("schemathesis=={VERSION}")))?;
    }
    Ok(schemathesis)
}

/// The browser tests' npm packages, exactly as package-lock.json records them.
pub fn npm_ci(dir: &Path) -> Result<()> {
    require("npm", "Node.js and npm (Debian: apt-get install nodejs npm)")?;
    run(Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund"])
        .current_dir(dir)
        .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"))
}

fn require(program: &str, what: &str) -> Result<()> {
    let found = Command::new(program).arg("--version").stdout(Stdio::null()).stderr(Stdio::null()).status();
    if found.is_ok_and(|s| s.success()) { Ok(()) } else { bail!("{program} is missing: install {what}") }
}

/// Whether `program --version` runs and prints `expected`.
fn has_version(program: &Path, expected: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|out| out.status.success() && String::from_utf8_lossy(&out.stdout).contains(expected))
}

fn cargo_home() -> PathBuf {
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .unwrap_or_else(|| PathBuf::from(".cargo"))
}

fn is_root() -> bool {
    Command::new("id").arg("-u").output().is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

pub fn run(command: &mut Command) -> Result<()> {
    let shown = format!("{command:?}");
    let status = command.status().with_context(|| format!("cannot start {shown}"))?;
    if !status.success() {
        bail!("{shown} failed ({status})");
    }
    Ok(())
}
