//! The web client's build into dist/: the wasm, split so that the first screen downloads only
//! its own code, and the page around it.
//!
//! trunk 0.21 runs wasm-bindgen on the whole binary and cannot split it (trunk-rs/trunk#1022),
//! so xtask builds the wasm and trunk builds the page (HTML, CSS, static files; its Rust step
//! is skipped in index.html). The split must come between rustc and wasm-bindgen: it needs the
//! linker's relocations (`--emit-relocs`, .cargo/config.toml), which wasm-bindgen drops.
//!
//!   cargo build (wasm32, profile wasm-release) → trunk build (it replaces dist/)
//!   → split at the client's `#[wasm_split]` functions (src/later.rs)
//!   → wasm-bindgen on the main part and wasm-opt -Oz on every part, into dist/pkg-<hash>/,
//!     their JS minified by esbuild, with the officials' stylesheet (only their part fetches
//!     it: src/staff/stylesheet.rs)
//!   → their loader and the first screen, in each language, into dist/index.html → brotli and
//!     gzip copies

use crate::tools::{BuildTools, run};
use anyhow::{Context, Result};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// What a build produced: where its code lives, and which files each later part fetches.
pub struct ClientBuild {
    /// `pkg-<hash>`: the wasm, its JS and the split parts, under dist/.
    pub pkg: String,
    /// Split point (`booking`, …) → the files it fetches when first used.
    pub parts: BTreeMap<String, Vec<String>>,
}

pub fn build_client(root: &Path, tools: &BuildTools) -> Result<ClientBuild> {
    crate::cargo(&["fetch", "--quiet"])?;
    crate::cargo(&[
        "build",
        "-p",
        "citas",
        "--target",
        "wasm32-unknown-unknown",
        "--profile",
        "wasm-release",
    ])
    .context("building the web client's wasm")?;
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from);
    let wasm = std::fs::read(target.join("wasm32-unknown-unknown/wasm-release/citas.wasm"))?;
    // trunk replaces dist/ as a whole, so it goes first and the wasm is written into it after.
    trunk(tools)?;

    let split_dir = target.join("client-split");
    if split_dir.exists() {
        std::fs::remove_dir_all(&split_dir)?;
    }
    let parts = split(&wasm, &split_dir)?;
    let pkg_dir = Path::new("dist/pkg");
    bindgen(tools, &split_dir.join("citas.wasm"), pkg_dir)?;
    let bindgen_out = pkg_dir.join("citas_bg.wasm");
    optimize(tools, &bindgen_out, &bindgen_out)?;
    for entry in std::fs::read_dir(&split_dir)? {
        let path = entry?.path();
        let name = path.file_name().unwrap_or_default();
        if name == "citas.wasm" {
            continue;
        }
        if path.extension().is_some_and(|e| e == "wasm") {
            optimize(tools, &path, &pkg_dir.join(name))?;
        } else {
            std::fs::copy(&path, pkg_dir.join(name))?;
        }
    }

    for js in ["citas.js", "__wasm_split.js"] {
        minify(tools, &pkg_dir.join(js))?;
    }
    std::fs::copy(root.join("style/staff.css"), pkg_dir.join("staff.css"))?;

    let pkg = format!("pkg-{:016x}", hash_of_dir(pkg_dir)?);
    std::fs::rename(pkg_dir, Path::new("dist").join(&pkg))?;
    finish_page(root, Path::new("dist/index.html"), &pkg)?;
    precompress(Path::new("dist"))?;
    Ok(ClientBuild { pkg, parts })
}

/// Splits the wasm into `citas.wasm` (still to go through wasm-bindgen), one file per split
/// point, the chunks they share, and `__wasm_split.js`, which fetches them on first use.
fn split(wasm: &[u8], dir: &Path) -> Result<BTreeMap<String, Vec<String>>> {
    let main = dir.join("citas.wasm");
    let mut options = wasm_split_cli_support::Options::new(wasm);
    options.output_dir = dir;
    options.main_out_path = &main;
    options.main_module = "./citas.js";
    let split = wasm_split_cli_support::transform(options)
        .map_err(|e| anyhow::anyhow!("splitting the client's wasm: {e:?}"))?;
    request_in_own_tasks(&dir.join("__wasm_split.js"))?;
    Ok(split
        .prefetch_map
        .into_iter()
        .map(|(part, files)| (part, files.into_iter().map(|f| format!("{f}.wasm")).collect()))
        .collect())
}

/// Has the parts' loader request each file in a task of its own. It asks for all of a part's
/// files (the part and every chunk of code it shares with others, a dozen or more) at once, in
/// the task that needs the part, which on a later part's page is the app's start; each
/// `fetch()` call takes the main thread a while (longer while a service worker controls the
/// page, and while developer tools watch the network, as Lighthouse does), and together they
/// lengthened that task, during which a phone's user waits.
fn request_in_own_tasks(loader: &Path) -> Result<()> {
    let js = std::fs::read_to_string(loader)?;
    let mut out = String::from(
        "// Each file is requested in a task of its own (xtask/src/client.rs: request_in_own_tasks).\n\
         const soon = () => new Promise((go) => setTimeout(go));\n",
    );
    let mut rewritten = 0;
    for line in js.lines() {
        let request = line.trim_start().strip_prefix("const src = ").and_then(|r| r.strip_suffix(';'));
        match request.filter(|r| r.starts_with("fetch(")) {
            Some(request) => {
                out.push_str(&format!("    const src = soon().then(() => {request});\n"));
                rewritten += 1;
            }
            None => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    // Every request of the loader, or the split tool's output has changed shape.
    anyhow::ensure!(
        rewritten > 0 && rewritten == js.matches("fetch(").count(),
        "{}: {rewritten} of {} requests put in tasks of their own",
        loader.display(),
        js.matches("fetch(").count()
    );
    std::fs::write(loader, out)?;
    Ok(())
}

fn bindgen(tools: &BuildTools, wasm: &Path, out: &Path) -> Result<()> {
    run(Command::new(&tools.wasm_bindgen)
        .arg(wasm)
        .args(["--target", "web", "--no-typescript", "--out-name", "citas", "--out-dir"])
        .arg(out)
        // The split parts call the main part through the linker's exports.
        .arg("--keep-lld-exports"))
    .context("wasm-bindgen")
}

fn optimize(tools: &BuildTools, input: &Path, output: &Path) -> Result<()> {
    run(Command::new(&tools.wasm_opt)
        .arg(input)
        .arg("-o")
        .arg(output)
        // The features rustc's wasm32 target enables by default.
        .args([
            "-Oz",
            "--enable-bulk-memory",
            "--enable-nontrapping-float-to-int",
            "--enable-sign-ext",
            "--enable-mutable-globals",
            "--enable-reference-types",
            "--enable-multivalue",
        ]))
    .with_context(|| format!("wasm-opt on {}", input.display()))
}

/// wasm-bindgen's JS as written is readable, with comments: every citizen downloads both
/// files before the app starts. Names the other files import stay (ES module, not bundled).
fn minify(tools: &BuildTools, js: &Path) -> Result<()> {
    run(Command::new(&tools.esbuild)
        .arg(js)
        // wasm-bindgen names one module several times in its imports: the last wins, as intended.
        .args([
            "--minify",
            "--format=esm",
            "--allow-overwrite",
            "--log-level=warning",
            "--log-override:duplicate-object-key=silent",
        ])
        .arg(format!("--outfile={}", js.display())))
    .with_context(|| format!("esbuild on {}", js.display()))
}

/// trunk builds index.html, the CSS and the static files into dist/ (its Rust step is skipped).
fn trunk(tools: &BuildTools) -> Result<()> {
    let mut trunk = Command::new(&tools.trunk);
    trunk
        // --offline: trunk must never download a tool.
        .args(["build", "--release", "--offline"])
        .env("TRUNK_SKIP_VERSION_CHECK", "true")
        // trunk takes NO_COLOR as its --no-color flag and refuses the common value "1".
        .env_remove("NO_COLOR");
    run(&mut trunk).context("building the web client's page with trunk")
}

/// Writes index.html's first screen once per language, its texts filled in, and puts in the
/// app's loader.
fn finish_page(root: &Path, index: &Path, pkg: &str) -> Result<()> {
    let html = std::fs::read_to_string(index)?;
    let (before, rest) =
        html.split_once("<!--shell-->").context("dist/index.html has no <!--shell--> mark")?;
    let (shell, after) =
        rest.split_once("<!--/shell-->").context("dist/index.html has no <!--/shell--> mark")?;
    let mut page = before.to_owned();
    for lang in crate::locales::LANGUAGES {
        let texts = crate::locales::load(root, lang)?;
        page.push_str(&format!(
            r#"<div class="shell" lang="{lang}">{}</div>"#,
            crate::locales::fill_html(shell, &texts)?
        ));
    }
    page.push_str(after);
    anyhow::ensure!(page.contains("<!--loader-->"), "dist/index.html has no <!--loader--> mark");
    std::fs::write(index, page.replacen("<!--loader-->", &loader(pkg), 1))?;
    Ok(())
}

/// Fetches the main part and its JS, in parallel. On "/", only once the browser says the first
/// screen, which is in the page already, has been painted (its paint timing; a frame's
/// callbacks do not say when the screen shows it): that screen never waits for the app nor
/// shares the network with it, and Lighthouse's phone takes every request started before the
/// largest paint as one the paint waited for. At once elsewhere, where the page needs the app,
/// and where no paint will be reported: a browser without paint timing, a page opened or put
/// in the background before it painted. The modulepreload link also names the build's folder
/// for the officials' stylesheet (src/staff/stylesheet.rs).
fn loader(pkg: &str) -> String {
    format!(
        r#"<script>(function () {{
var js = "/{pkg}/citas.js";
var started = false;
function start() {{
    if (started) return;
    started = true;
    var link = document.createElement("link");
    link.rel = "modulepreload";
    link.href = js;
    document.head.append(link);
    var code = fetch("/{pkg}/citas_bg.wasm");
    import(js).then(function (app) {{ app.default({{ module_or_path: code }}); }});
}}
var timings = (window.PerformanceObserver && PerformanceObserver.supportedEntryTypes) || [];
if (document.documentElement.classList.contains("other-page") || timings.indexOf("paint") < 0
    || document.visibilityState !== "visible") {{
    start();
}} else {{
    new PerformanceObserver(function (paints) {{
        if (paints.getEntriesByName("first-contentful-paint").length) setTimeout(start);
    }}).observe({{ type: "paint", buffered: true }});
    document.addEventListener("visibilitychange", start);
}}
}})();</script>"#
    )
}

/// A hash of the files' names and bytes: a new build gets new URLs, so browsers may keep every
/// file of one build for a year.
fn hash_of_dir(dir: &Path) -> Result<u64> {
    use std::hash::{DefaultHasher, Hash, Hasher};
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(dir)?.map(|e| e.map(|e| e.path())).collect::<Result<_, _>>()?;
    files.sort();
    let mut hasher = DefaultHasher::new();
    for file in files {
        file.file_name().hash(&mut hasher);
        std::fs::read(&file)?.hash(&mut hasher);
    }
    Ok(hasher.finish())
}

/// Brotli and gzip copies of every text and wasm file of the build, made once here so the
/// server sends them without compressing on every request.
fn precompress(dir: &Path) -> Result<()> {
    use std::io::Write;
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            precompress(&path)?;
            continue;
        }
        let compressible = ["html", "js", "wasm", "css", "svg", "webmanifest", "json"]
            .iter()
            .any(|ext| path.extension().is_some_and(|e| e == *ext));
        if !compressible {
            continue;
        }
        let bytes = std::fs::read(&path)?;
        let mut brotli = Vec::new();
        let params = brotli::enc::BrotliEncoderParams { quality: 11, ..Default::default() };
        brotli::BrotliCompress(&mut &bytes[..], &mut brotli, &params)?;
        std::fs::write(format!("{}.br", path.display()), brotli)?;
        let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gzip.write_all(&bytes)?;
        std::fs::write(format!("{}.gz", path.display()), gzip.finish()?)?;
    }
    Ok(())
}
