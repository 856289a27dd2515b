//! The Content-Security-Policy of every answer: only this site's own code runs, styles and
//! connections go only to this site, nothing is embedded as an object, and only the operator's
//! allowed sites may frame the app (widget.js).
//!
//! index.html has a few inline scripts and styles (the first screen's class, the wasm's loader,
//! the no-script style). They are allowed by their SHA-256, read from the built index.html
//! when the server starts, so the policy always names exactly the build being served, and an
//! injected script matches no hash.

use axum::http::HeaderValue;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use citas_domain::catalog::Catalog;
use sha2::{Digest, Sha256};
use std::path::Path;

pub fn policy(catalog: &Catalog, static_dir: Option<&Path>) -> HeaderValue {
    let index =
        static_dir.and_then(|dir| std::fs::read_to_string(dir.join("index.html")).ok()).unwrap_or_default();
    let scripts = hashes(&index, "script");
    let styles = hashes(&index, "style");
    let sites = catalog.embedding.allowed_origins.join(" ");
    let policy = format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{scripts}; style-src 'self'{styles}; \
         object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self' {sites}"
    );
    HeaderValue::from_str(policy.trim()).expect("origins are checked when the configuration is loaded")
}

/// `'sha256-…'` of the content of every inline `<tag>` of `html` (those without `src`), each
/// after a space.
fn hashes(html: &str, tag: &str) -> String {
    let (open, close) = (format!("<{tag}"), format!("</{tag}>"));
    let mut out = String::new();
    let mut rest = html;
    while let Some(start) = rest.find(&open) {
        rest = &rest[start + open.len()..];
        let Some(end_of_tag) = rest.find('>') else { break };
        let attributes = &rest[..end_of_tag];
        rest = &rest[end_of_tag + 1..];
        let Some(end) = rest.find(&close) else { break };
        if !attributes.contains("src=") {
            out.push_str(&format!(" 'sha256-{}'", STANDARD.encode(Sha256::digest(&rest[..end]))));
        }
        rest = &rest[end + close.len()..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_inline_scripts_and_styles_but_not_loaded_ones() {
        let html = r#"<script>a()</script><script type="module" src="/x.js"></script>
            <noscript><style>#x { display: none; }</style></noscript><script type="module">b()</script>"#;
        let hash = |text: &str| format!("'sha256-{}'", STANDARD.encode(Sha256::digest(text)));
        assert_eq!(hashes(html, "script"), format!(" {} {}", hash("a()"), hash("b()")));
        assert_eq!(hashes(html, "style"), format!(" {}", hash("#x { display: none; }")));
        assert_eq!(hashes("<p>no scripts</p>", "script"), "");
    }
}
