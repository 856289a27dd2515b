//! Proof of work on holds and bookings, in ALTCHA's protocol: a browser asks for a challenge
//! (`GET /api/v1/challenge`), finds by brute force the number that solves it, and sends the
//! solution in the `Altcha` header of one hold or one booking. A citizen's browser does this in
//! the background while they choose (src/wizard/proof.rs); a script that wants every seat of a
//! week pays that work for each one.
//!
//! A challenge is `SHA-256(salt + number)` for a secret random number up to `maxnumber`, signed
//! with an HMAC of the instances' shared key, and its salt says when it expires (by the server's
//! clock). Each solution is spent once, on every instance: the store keeps the spent ones until
//! they would have expired.

use super::AppState;
use crate::error::ApiError;
use axum::extract::{FromRequestParts, State};
use axum::http::header;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use chrono::Duration;
use citas_domain::api::ErrorCode;
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// How long a challenge may take from being handed out to being spent: the booking's steps
/// after the first one, with room for a slow phone.
const VALID_MINUTES: i64 = 30;
const ALGORITHM: &str = "SHA-256";

/// The key the challenges are signed with: the same on every instance (`CITAS_PROOF_OF_WORK_KEY`),
/// or, when none is given, a random one for this process.
#[derive(Clone)]
pub struct ProofKey(Vec<u8>);

impl ProofKey {
    pub fn from_environment() -> ProofKey {
        match std::env::var("CITAS_PROOF_OF_WORK_KEY") {
            Ok(key) if !key.is_empty() => ProofKey(key.into_bytes()),
            _ => {
                tracing::info!(
                    "no CITAS_PROOF_OF_WORK_KEY: proofs of work are signed with a key of this process only (several instances need one shared key)"
                );
                ProofKey(rand::random::<[u8; 32]>().to_vec())
            }
        }
    }

    fn sign(&self, challenge: &str) -> Hmac<Sha256> {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC takes a key of any length");
        mac.update(challenge.as_bytes());
        mac
    }
}

/// ALTCHA's challenge.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Challenge {
    algorithm: &'static str,
    challenge: String,
    maxnumber: u64,
    salt: String,
    signature: String,
}

/// ALTCHA's solution, as the `Altcha` header carries it (base64 of this JSON).
#[derive(Deserialize)]
struct Solution {
    algorithm: String,
    challenge: String,
    number: u64,
    salt: String,
    signature: String,
}

fn hash(salt: &str, number: u64) -> String {
    hex::encode(Sha256::digest(format!("{salt}{number}")))
}

#[utoipa::path(
    get,
    path = "/api/v1/challenge",
    tag = "holds",
    responses((status = 200, description = "A challenge to solve and send, solved, in the `Altcha` header of one hold or booking.", body = Challenge, headers(("Cache-Control" = String))))
)]
/// `GET /api/v1/challenge`. Never cached: each is solved once.
pub async fn challenge(State(app): State<AppState>) -> Response {
    let expires = app.clock.now() + Duration::minutes(VALID_MINUTES);
    let salt = format!("{}?expires={}", hex::encode(rand::random::<[u8; 12]>()), expires.timestamp());
    let maxnumber = app.abuse.proof_of_work_max_number;
    let challenge = hash(&salt, rand::random_range(0..=maxnumber));
    let signature = hex::encode(app.proof_key.sign(&challenge).finalize().into_bytes());
    let challenge = Challenge { algorithm: ALGORITHM, challenge, maxnumber, salt, signature };
    ([(header::CACHE_CONTROL, "no-store")], super::Json(challenge)).into_response()
}

/// A hold or booking request that carries a valid, unspent proof of work (or needs none: the
/// configuration can turn them off). Spent when extracted.
pub struct Proven;

impl FromRequestParts<AppState> for Proven {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, app: &AppState) -> Result<Proven, ApiError> {
        if !app.abuse.proof_of_work {
            return Ok(Proven);
        }
        let header = parts.headers.get("altcha").ok_or(ErrorCode::ProofOfWorkMissing)?;
        let now = app.clock.now().timestamp();
        let (solution, expires) = verify(header.as_bytes(), &app.proof_key)
            .filter(|(_, expires)| *expires > now)
            .ok_or(ErrorCode::ProofOfWorkInvalid)?;
        if app.store.spend_proof(&solution.signature, expires, now).await? {
            Ok(Proven)
        } else {
            Err(ErrorCode::ProofOfWorkInvalid.into())
        }
    }
}

/// The solution in the header, and when its challenge expires, if the number solves the
/// challenge and the challenge is ours.
fn verify(header: &[u8], key: &ProofKey) -> Option<(Solution, i64)> {
    let solution: Solution = serde_json::from_slice(&STANDARD.decode(header).ok()?).ok()?;
    if solution.algorithm != ALGORITHM || hash(&solution.salt, solution.number) != solution.challenge {
        return None;
    }
    key.sign(&solution.challenge).verify_slice(&hex::decode(&solution.signature).ok()?).ok()?;
    // The expiry is in the salt, which the challenge, and so the signature, covers.
    let (_, parameters) = solution.salt.split_once('?')?;
    let expires = parameters.split('&').find_map(|p| p.strip_prefix("expires="))?.parse().ok()?;
    Some((solution, expires))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(algorithm: &str, challenge: &str, number: u64, salt: &str, signature: &str) -> Vec<u8> {
        let json = serde_json::json!({
            "algorithm": algorithm, "challenge": challenge, "number": number, "salt": salt, "signature": signature,
        });
        STANDARD.encode(json.to_string()).into_bytes()
    }

    /// A solution made by ALTCHA's own libraries (altcha-lib-rs's test vector): the browser's
    /// side and ours must agree on every byte that is hashed and signed.
    #[test]
    fn hashes_and_signs_as_altchas_libraries_do() {
        let key = ProofKey(b"super-secret".to_vec());
        let challenge = "aa9c8ec8057413dd8220e21e15ab54b095fb3c840601d44c39bece8d9df34529";
        let signature = "d6c436288f1979f298f6532cea31db9e84e6338f4f58a9e00cb4105abbd11397";
        let salt = "3065d108b2314f5ecc7e1207";
        // The vector's salt has no expiry: it is read, then refused for that alone.
        assert!(verify(&header(ALGORITHM, challenge, 971813, salt, signature), &key).is_none());
        assert_eq!(hash(salt, 971813), challenge);
        assert!(key.sign(challenge).verify_slice(&hex::decode(signature).unwrap()).is_ok());
    }

    #[test]
    fn refuses_a_wrong_number_a_foreign_key_or_another_algorithm() {
        let key = ProofKey(b"ours".to_vec());
        let salt = "00ff?expires=2000000000";
        let challenge = hash(salt, 42);
        let signature = hex::encode(key.sign(&challenge).finalize().into_bytes());
        assert!(
            verify(&header(ALGORITHM, &challenge, 42, salt, &signature), &key)
                .is_some_and(|(_, e)| e == 2000000000)
        );
        assert!(verify(&header(ALGORITHM, &challenge, 41, salt, &signature), &key).is_none());
        assert!(
            verify(&header(ALGORITHM, &challenge, 42, salt, &signature), &ProofKey(b"theirs".to_vec()))
                .is_none()
        );
        assert!(verify(&header("SHA-1", &challenge, 42, salt, &signature), &key).is_none());
        assert!(verify(b"not base64!", &key).is_none());
    }
}
