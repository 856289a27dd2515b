//! Rate limits per client address on what a script would repeat: holds, bookings, the lookups,
//! reschedules and cancellations that guess documents, and officials' sign-ins; and per account
//! on what officials and agents do for citizens (`PerAccount`), since a call centre's agents all
//! come from one address. Each is governor's GCRA: a burst of the configured number, then one
//! more every minute divided by it. Counted in this process: behind a load balancer, each
//! instance allows the configured rate.

use super::client_address::ClientAddresses;
use crate::config::{Abuse, Staff};
use crate::error::ApiError;
use axum::body::Body;
use axum::response::{IntoResponse, Response};
use citas_domain::api::ErrorCode;
use governor::middleware::NoOpMiddleware;
use std::sync::Arc;
use std::time::Duration;
use tower_governor::GovernorError;
use tower_governor::governor::GovernorConfigBuilder;

pub type Limit = tower_governor::GovernorLayer<ClientAddresses, NoOpMiddleware, Body>;

pub struct RateLimits {
    pub holds: Limit,
    pub bookings: Limit,
    pub changes: Limit,
}

/// The limits the configuration asks for, or none when `rate_limit` is off.
pub fn rate_limits(abuse: &Abuse, addresses: &ClientAddresses) -> Option<RateLimits> {
    abuse.rate_limit.then(|| RateLimits {
        holds: limit(abuse.holds_per_minute, addresses),
        bookings: limit(abuse.bookings_per_minute, addresses),
        changes: limit(abuse.changes_per_minute, addresses),
    })
}

/// The limit on officials' sign-ins, when `rate_limit` is on: passwords are not guessed from
/// one address faster than this, whatever the account (each account also locks itself).
pub fn sign_in_limit(abuse: &Abuse, staff: &Staff, addresses: &ClientAddresses) -> Option<Limit> {
    abuse.rate_limit.then(|| limit(staff.sign_ins_per_minute, addresses))
}

fn limit(per_minute: u32, addresses: &ClientAddresses) -> Limit {
    let config = GovernorConfigBuilder::default()
        .key_extractor(addresses.clone())
        .period(Duration::from_secs(60) / per_minute)
        .burst_size(per_minute)
        .finish()
        .expect("the configuration checks that rates are above zero");
    // The limiter keeps a state per address it has seen: those back to a full burst are
    // forgotten every minute, until the server (the last copy of the layer) is gone.
    let limiter = Arc::downgrade(config.limiter());
    tokio::spawn(async move {
        loop {
            tokio::time::sleep(Duration::from_secs(60)).await;
            let Some(limiter) = limiter.upgrade() else { break };
            limiter.retain_recent();
        }
    });
    tower_governor::GovernorLayer::new(config).error_handler(too_many)
}

fn too_many(error: GovernorError) -> Response<Body> {
    match error {
        GovernorError::TooManyRequests { wait_time, .. } => {
            ApiError::too_many_requests(i64::try_from(wait_time).unwrap_or(i64::MAX)).into_response()
        }
        other => {
            tracing::error!(error = %other, "rate limit failed");
            ApiError::new(ErrorCode::Internal).into_response()
        }
    }
}

/// A limit per official's account: holds, bookings, moves and cancellations made for citizens.
pub struct PerAccount(Option<governor::DefaultKeyedRateLimiter<i64>>);

impl PerAccount {
    /// `per_minute` for each account, when `rate_limit` is on; no limit otherwise.
    pub fn new(abuse: &Abuse, per_minute: u32) -> PerAccount {
        let quota = std::num::NonZeroU32::new(per_minute).map(governor::Quota::per_minute);
        PerAccount(quota.filter(|_| abuse.rate_limit).map(governor::RateLimiter::keyed))
    }

    /// One more action of `account`: refused with 429 `too_many_requests` over the limit.
    pub fn spend(&self, account: i64) -> Result<(), ApiError> {
        use governor::clock::{Clock, DefaultClock};
        let Some(limiter) = &self.0 else { return Ok(()) };
        limiter.check_key(&account).map_err(|not_until| {
            let wait = not_until.wait_time_from(DefaultClock::default().now());
            ApiError::too_many_requests(i64::try_from(wait.as_secs()).unwrap_or(i64::MAX) + 1)
        })
    }
}
