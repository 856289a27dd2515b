//! The built web client. Paths that are not files (the wizard's routes, like
//! /agendar/fecha) get index.html, so a reload or a shared link opens the right step.

use std::path::Path;
use tower_http::services::{ServeDir, ServeFile};

pub fn service(dir: &Path) -> ServeDir<ServeFile> {
    ServeDir::new(dir).fallback(ServeFile::new(dir.join("index.html")))
}
