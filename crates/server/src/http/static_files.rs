//! The built web client (trunk's dist/). Paths that are not files (the wizard's routes, like
//! /agendar/fecha) get index.html, so a reload or a shared link opens the right step.
//!
//! Caching: files whose name or folder (pkg-<hash>/) carries the build's content hash never
//! change, so browsers keep them for a year; index.html and the service worker must be checked
//! on every load, or a new build would never reach citizens.

use super::{AppState, fnv1a};
use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use std::path::{Path, PathBuf};
use tower_http::services::{ServeDir, ServeFile};

pub fn routes(dir: &Path) -> Router<AppState> {
    let mut router = Router::new();
    if let Some(worker) = service_worker(dir) {
        router = router.route(
            "/sw.js",
            get(move || async move {
                ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8")], worker).into_response()
            }),
        );
    }
    router
        // The build's .br and .gz copies (made by xtask) are sent to browsers that take them.
        .fallback_service(
            ServeDir::new(dir)
                .precompressed_br()
                .precompressed_gzip()
                .fallback(ServeFile::new(dir.join("index.html")).precompressed_br().precompressed_gzip()),
        )
        .layer(axum::middleware::from_fn(cache_control))
}

async fn cache_control(request: Request, next: Next) -> Response {
    let immutable = is_hashed(request.uri().path());
    let mut response = next.run(request).await;
    let value = if immutable && response.status().is_success() {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    response
}

/// trunk names built files `name-<16 hex digits>.ext`; xtask puts the wasm and its parts under
/// `pkg-<16 hex digits>/`.
fn is_hashed(path: &str) -> bool {
    path.split('/').any(|segment| {
        let stem = segment.split('.').next().unwrap_or("");
        stem.rsplit_once('-')
            .is_some_and(|(_, hash)| hash.len() >= 15 && hash.bytes().all(|b| b.is_ascii_hexdigit()))
    })
}

/// public/sw.js with this build's version and the files to keep offline filled in. Computed
/// once at start: a deployment restarts the server with the new dist/.
fn service_worker(dir: &Path) -> Option<String> {
    let template = std::fs::read_to_string(dir.join("sw.js")).ok()?;
    let index = std::fs::read(dir.join("index.html")).ok()?;
    let mut assets: Vec<String> = files(dir)
        .into_iter()
        .filter_map(|f| {
            f.strip_prefix(dir).ok().map(|p| format!("/{}", p.to_string_lossy().replace('\\', "/")))
        })
        .filter(|p| p != "/sw.js" && !p.ends_with(".br") && !p.ends_with(".gz"))
        .collect();
    assets.sort();
    // index.html names every hashed file, so it changes whenever the build does.
    let version = format!("{:016x}", fnv1a(&index));
    Some(
        template
            .replace("__CITAS_VERSION__", &version)
            .replace("__CITAS_ASSETS__", &serde_json::to_string(&assets).unwrap_or_else(|_| "[]".into())),
    )
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    entries
        .flatten()
        .flat_map(|e| {
            let path = e.path();
            if path.is_dir() { files(&path) } else { vec![path] }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::is_hashed;

    #[test]
    fn trunk_hashed_names_are_recognised() {
        assert!(is_hashed("/pkg-286338d4965184c1/citas_bg.wasm"));
        assert!(is_hashed("/pkg-286338d4965184c1/chunk_13.wasm"));
        assert!(is_hashed("/pkg-286338d4965184c1/__wasm_split.js"));
        assert!(is_hashed("/main-35c81f2abe22bef6.css"));
        assert!(is_hashed("/favicon-3752a72728080db.svg"));
        assert!(!is_hashed("/index.html"));
        assert!(!is_hashed("/sw.js"));
        assert!(!is_hashed("/agendar/fecha"));
        assert!(!is_hashed("/icons/icon-192.png"));
        assert!(!is_hashed("/oficinas/cali"));
        assert!(!is_hashed("/cita/R9DG-7ZZM"));
    }
}
