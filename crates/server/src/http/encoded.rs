//! A JSON answer kept with its compressed copies. The office list and each second's
//! availability of an office are the same bytes for every browser that asks; when a new month
//! of slots opens, compressing them again for each request (as the compression layer does for
//! other responses) would cost many times more than computing them. Each copy is made by the
//! first request that accepts it, then reused.

use axum::body::Bytes;
use axum::http::{HeaderMap, HeaderName, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use citas_domain::negotiation::weighted;
use std::io::Write;
use std::sync::OnceLock;

pub struct Encoded {
    identity: Bytes,
    brotli: OnceLock<Bytes>,
    gzip: OnceLock<Bytes>,
}

/// Brotli 5 and gzip 6: a copy serves many requests, so a little more effort than the
/// compression layer's per-response brotli 4 pays off, without delaying the first request.
const BROTLI_QUALITY: u32 = 5;
/// Caches (a CDN, the browser) must keep one copy per encoding; a 304 for such an answer
/// says the same.
pub const VARY: (HeaderName, HeaderValue) = (header::VARY, HeaderValue::from_static("accept-encoding"));
const BROTLI_WINDOW: u32 = 22;

impl Encoded {
    pub fn new(json: Vec<u8>) -> Encoded {
        Encoded { identity: Bytes::from(json), brotli: OnceLock::new(), gzip: OnceLock::new() }
    }

    /// The JSON in the best encoding the request accepts (brotli, then gzip, then none).
    pub fn response(&self, request: &HeaderMap) -> Response {
        let (encoding, body) = if accepts(request, "br") {
            (Some("br"), self.brotli.get_or_init(|| brotli(&self.identity)).clone())
        } else if accepts(request, "gzip") {
            (Some("gzip"), self.gzip.get_or_init(|| gzip(&self.identity)).clone())
        } else {
            (None, self.identity.clone())
        };
        let json = HeaderValue::from_static("application/json");
        let mut response = ([(header::CONTENT_TYPE, json)], body).into_response();
        let headers = response.headers_mut();
        headers.insert(VARY.0, VARY.1);
        if let Some(encoding) = encoding {
            // The compression layer leaves a response that has an encoding alone.
            headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(encoding));
        }
        response
    }
}

/// Whether Accept-Encoding lists `coding` without refusing it (`;q=0`).
fn accepts(request: &HeaderMap, coding: &str) -> bool {
    request
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(weighted)
        .any(|(name, weight)| name.eq_ignore_ascii_case(coding) && weight > 0.0)
}

fn brotli(json: &[u8]) -> Bytes {
    let mut out = Vec::with_capacity(json.len() / 8);
    let mut writer = brotli::CompressorWriter::new(&mut out, 4096, BROTLI_QUALITY, BROTLI_WINDOW);
    writer.write_all(json).expect("writing to memory");
    drop(writer);
    Bytes::from(out)
}

fn gzip(json: &[u8]) -> Bytes {
    let mut writer = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    writer.write_all(json).expect("writing to memory");
    Bytes::from(writer.finish().expect("writing to memory"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accept(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::ACCEPT_ENCODING, HeaderValue::from_str(value).unwrap());
        headers
    }

    #[test]
    fn reads_accept_encoding_as_browsers_and_proxies_write_it() {
        assert!(accepts(&accept("gzip, deflate, br, zstd"), "br"));
        assert!(accepts(&accept("GZIP;q=0.5"), "gzip"));
        assert!(!accepts(&accept("br;q=0, gzip"), "br"));
        assert!(!accepts(&accept("br ; q=0.0"), "br"));
        assert!(accepts(&accept("br;q=0.001"), "br"));
        assert!(!accepts(&accept("brotli, xgzip"), "br"));
        assert!(!accepts(&accept("xgzip"), "gzip"));
        assert!(!accepts(&HeaderMap::new(), "gzip"));
    }

    #[test]
    fn picks_brotli_then_gzip_then_none() {
        let encoded = Encoded::new(br#"{"days":[]}"#.repeat(50));
        let encoding =
            |value: &str| encoded.response(&accept(value)).headers().get(header::CONTENT_ENCODING).cloned();
        assert_eq!(encoding("gzip, br").unwrap(), "br");
        assert_eq!(encoding("br;q=0, gzip").unwrap(), "gzip");
        assert_eq!(encoding("identity"), None);
    }

    #[tokio::test]
    async fn compresses_once_for_every_request() {
        let encoded = Encoded::new(br#"{"days":[]}"#.repeat(50));
        let body = |value: &str| {
            let response = encoded.response(&accept(value));
            async { axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap() }
        };
        for value in ["br", "gzip"] {
            let (first, second) = (body(value).await, body(value).await);
            assert!(first.len() < 100, "{value}: {} bytes", first.len());
            // The same bytes in memory: the second request reused the first one's copy.
            assert_eq!(first.as_ptr(), second.as_ptr(), "{value}");
        }
    }
}
