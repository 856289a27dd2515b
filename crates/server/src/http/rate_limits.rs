//! Rate limits per client address on what a script would repeat: holds, bookings, the lookups,
//! reschedules and cancellations that guess documents, and officials' sign-ins. Each is
//! governor's GCRA: a burst of the configured number, then one more every minute divided by it.
//! Counted in this process: behind a load balancer, each instance allows the configured rate.

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
