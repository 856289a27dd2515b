//! Signing in and out, and who is signed in. Sessions are axum-login's over tower-sessions,
//! kept in the database; passwords are argon2id hashes. A session ends after `idle_minutes`
//! without use or `session_hours` after signing in, by the server's clock, and at once when its
//! account is disabled or its password reset (axum-login compares a hash of the account's
//! password hash on every request).

use super::Official;
use crate::error::ApiError;
use crate::http::{AppState, Json};
use crate::store::{Account, Store};
use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng};
use axum::extract::{FromRequestParts, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum_login::{AuthSession, AuthUser, AuthnBackend};
use citas_domain::api::staff::{Me, Role, SignIn};
use citas_domain::api::{ErrorBody, ErrorCode};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The accounts, as axum-login reads them.
#[derive(Clone)]
pub struct Backend {
    store: Store,
}

impl Backend {
    pub fn new(store: Store) -> Backend {
        Backend { store }
    }
}

/// A signed-in account: what axum-login keeps per request.
#[derive(Clone)]
pub struct SignedIn {
    pub account: Account,
    /// SHA-256 of the password hash: a reset password ends the account's sessions, without a
    /// copy of the hash itself in each session.
    auth_hash: [u8; 32],
}

impl std::fmt::Debug for SignedIn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SignedIn").field("account", &self.account.id).finish_non_exhaustive()
    }
}

impl SignedIn {
    fn new(account: Account) -> SignedIn {
        let auth_hash = Sha256::digest(account.password_hash.as_bytes()).into();
        SignedIn { account, auth_hash }
    }
}

impl AuthUser for SignedIn {
    type Id = i64;

    fn id(&self) -> i64 {
        self.account.id
    }

    fn session_auth_hash(&self) -> &[u8] {
        &self.auth_hash
    }
}

/// The database failed while reading an account.
#[derive(Debug)]
pub struct Unavailable;

impl std::fmt::Display for Unavailable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the accounts could not be read")
    }
}

impl std::error::Error for Unavailable {}

/// A password given for the account with the e-mail given (none when no account has it): the
/// sign-in has read the account already, to see whether it is locked.
pub struct Credentials {
    account: Option<Account>,
    password: String,
}

impl AuthnBackend for Backend {
    type User = SignedIn;
    type Credentials = Credentials;
    type Error = Unavailable;

    /// The account, when enabled and the password is its own. An unknown e-mail costs the same
    /// time as a wrong password, so that timing does not tell which e-mails have accounts.
    async fn authenticate(&self, credentials: Credentials) -> Result<Option<SignedIn>, Unavailable> {
        let Credentials { account, password } = credentials;
        let hash = account.as_ref().map_or_else(|| UNKNOWN_ACCOUNT_HASH.clone(), |a| a.password_hash.clone());
        let matches =
            tokio::task::spawn_blocking(move || verify(&password, &hash)).await.map_err(|_| Unavailable)?;
        Ok(account.filter(|a| matches && !a.disabled).map(SignedIn::new))
    }

    async fn get_user(&self, id: &i64) -> Result<Option<SignedIn>, Unavailable> {
        let account = self.store.account(*id).await.map_err(|_| Unavailable)?;
        Ok(account.filter(|a| !a.disabled).map(SignedIn::new))
    }
}

/// A hash no password matches, verified when the e-mail has no account.
static UNKNOWN_ACCOUNT_HASH: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| hash(&format!("{:x}", rand::random::<u128>())));

/// An argon2id hash of `password` with a fresh salt, as a PHC string (argon2's recommended
/// parameters: 19 MiB, 2 passes).
pub fn hash(password: &str) -> String {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default().hash_password(password.as_bytes(), &salt).map(|h| h.to_string()).unwrap_or_default()
}

fn verify(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .is_ok_and(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
}

/// When the session began and was last used, by the server's clock.
#[derive(Clone, Copy, Serialize, Deserialize)]
struct Times {
    signed_in_at: i64,
    last_seen: i64,
}

const TIMES: &str = "citas.times";

type Session = AuthSession<Backend>;

#[utoipa::path(
    post,
    path = "/api/v1/staff/session",
    operation_id = "staff_sign_in",
    tag = "staff",
    request_body = SignIn,
    responses(
        (status = 204, description = "Signed in.", headers(("Set-Cookie" = String, description = "The session: `citas_funcionario`, HttpOnly, SameSite=Strict, Secure when `[site] https`, path `/api/v1/staff`."))),
        (status = 400, description = "`invalid_json`, `invalid_request`.", body = ErrorBody),
        (status = 401, description = "`invalid_credentials`: a wrong e-mail or password, a disabled account, or one locked after repeated failures (the same answer for each).", body = ErrorBody),
        (status = 403, description = "`origin_refused`: `Origin` does not name this site.", body = ErrorBody),
        (status = 429, description = "`too_many_requests` (too many sign-ins from the client address).", body = ErrorBody, headers(("Retry-After" = u32, description = "Seconds until trying again may work."))),
    )
)]
/// `POST /api/v1/staff/session {email, password}` → 204 and the session's cookie.
pub async fn sign_in(
    State(app): State<AppState>,
    mut session: Session,
    Json(body): Json<SignIn>,
) -> Result<StatusCode, ApiError> {
    let now = app.clock.now().timestamp();
    let account = app.store.account_by_email(&body.email).await?;
    // A locked account answers as a wrong password does, even to its own password, after the
    // same work: neither which e-mails have accounts nor a guess that was right shows.
    let locked = account.as_ref().and_then(|a| a.locked_until).is_some_and(|until| until > now);
    let known = account.as_ref().map(|a| a.id).filter(|_| !locked);
    let credentials = Credentials { account, password: body.password };
    let signed_in = session.authenticate(credentials).await.map_err(|_| ErrorCode::Internal)?;
    let Some(signed_in) = signed_in.filter(|_| !locked) else {
        if let Some(id) = known {
            let window = i64::from(app.staff.sign_in_lock_minutes) * 60;
            app.store.sign_in_failed(id, now, window, i64::from(app.staff.sign_in_failures)).await?;
            tracing::info!(account = id, "sign-in refused");
        }
        return Err(ErrorCode::InvalidCredentials.into());
    };
    session.login(&signed_in).await.map_err(|_| ErrorCode::Internal)?;
    session
        .session
        .insert(TIMES, Times { signed_in_at: now, last_seen: now })
        .await
        .map_err(|_| ErrorCode::Internal)?;
    app.store.signed_in(signed_in.account.id).await?;
    tracing::info!(account = signed_in.account.id, "signed in");
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(
    delete,
    path = "/api/v1/staff/session",
    operation_id = "staff_sign_out",
    tag = "staff",
    responses(
        (status = 204, description = "Signed out, or was not signed in."),
        (status = 403, description = "`origin_refused`: `Origin` does not name this site.", body = ErrorBody),
        (status = 429, description = "`too_many_requests`: sign-outs count with the sign-ins from the client address.", body = ErrorBody, headers(("Retry-After" = u32, description = "Seconds until trying again may work."))),
    ),
    security((), ("citas_funcionario" = []))
)]
/// `DELETE /api/v1/staff/session` → 204, signed in or not.
pub async fn sign_out(mut session: Session) -> Result<StatusCode, ApiError> {
    session.logout().await.map_err(|_| ErrorCode::Internal)?;
    session.session.flush().await.map_err(|_| ErrorCode::Internal)?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(
    get,
    path = "/api/v1/staff/me",
    operation_id = "staff_me",
    tag = "staff",
    responses(
        (status = 200, description = "The signed-in account: e-mail, role, and the offices it acts on (every office for an administrador).", body = Me),
        (status = 401, description = "`unauthenticated`: no session, or it has ended (idle, too old, or its account disabled or given a new password).", body = ErrorBody),
    ),
    security(("citas_funcionario" = []))
)]
/// `GET /api/v1/staff/me`.
pub async fn me(State(app): State<AppState>, official: Official) -> Json<Me> {
    let offices = match official.account.role {
        Role::Administrador | Role::ContactCenter => {
            app.catalog.offices.iter().map(|o| o.id.clone()).collect()
        }
        Role::Funcionario => official.account.offices.clone(),
    };
    Json(Me { email: official.account.email.clone(), role: official.account.role, offices })
}

/// The signed-in official of a request, whose session has not timed out (401 otherwise).
impl FromRequestParts<AppState> for Official {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, app: &AppState) -> Result<Official, ApiError> {
        let unauthenticated = || ApiError::new(ErrorCode::Unauthenticated);
        let session = Session::from_request_parts(parts, app).await.map_err(|_| unauthenticated())?;
        let Some(signed_in) = session.user else { return Err(unauthenticated()) };
        let now = app.clock.now().timestamp();
        let times: Option<Times> = session.session.get(TIMES).await.map_err(|_| ErrorCode::Internal)?;
        let idle = i64::from(app.staff.idle_minutes) * 60;
        let longest = i64::from(app.staff.session_hours) * 3600;
        match times {
            Some(t) if now - t.last_seen <= idle && now - t.signed_in_at <= longest => {
                let used = Times { last_seen: now, ..t };
                session.session.insert(TIMES, used).await.map_err(|_| ErrorCode::Internal)?;
                Ok(Official { account: signed_in.account })
            }
            _ => {
                session.session.flush().await.map_err(|_| ErrorCode::Internal)?;
                Err(unauthenticated())
            }
        }
    }
}
