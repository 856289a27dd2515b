//! The language a request prefers, from `Accept-Language` (Spanish when it names neither of
//! ours): error messages are written in it, and a booking's messages to the citizen.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};
use citas_domain::lang::Lang;
use std::convert::Infallible;

pub struct Language(pub Lang);

pub fn of(headers: &HeaderMap) -> Lang {
    headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map(Lang::from_accept_language)
        .unwrap_or_default()
}

impl<S: Send + Sync> FromRequestParts<S> for Language {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Language, Infallible> {
        Ok(Language(of(&parts.headers)))
    }
}
