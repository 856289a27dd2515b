//! Erasing personal data that has been kept long enough (`[privacy]`), in every instance every
//! `erase_every_minutes`; on PostgreSQL one instance at a time (a database lock), on SQLite
//! under its one writer.

use crate::clock::Clock;
use crate::config::Privacy;
use crate::store::{Actor, Erasing, Store};
use std::time::Duration;

const DAY: i64 = 24 * 3600;

/// Erases what is due at every tick until `stop` changes; a run under way is finished first.
pub async fn run(store: Store, privacy: Privacy, clock: Clock, mut stop: tokio::sync::watch::Receiver<()>) {
    let mut every = tokio::time::interval(Duration::from_secs(u64::from(privacy.erase_every_minutes) * 60));
    every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = every.tick() => {}
            _ = stop.changed() => return,
        }
        if let Err(e) = erase_expired(&store, &privacy, &clock).await {
            tracing::warn!(error = ?e, "personal data due for erasure could not be erased; trying again at the next run");
        }
    }
}

/// One run: the appointments erased, or `None` when another instance's run was under way.
pub async fn erase_expired(
    store: &Store,
    privacy: &Privacy,
    clock: &Clock,
) -> Result<Option<u64>, crate::store::Error> {
    let now = clock.now().timestamp();
    let expired = Erasing::Expired {
        ended_before: now - i64::from(privacy.keep_days) * DAY,
        cancelled_before: now - i64::from(privacy.keep_cancelled_days) * DAY,
    };
    let by = Actor { label: "retención de datos".to_owned(), account: None };
    let erased = store.erase(&expired, now, "", &by).await?;
    match erased {
        Some(n) => {
            tracing::info!(erased = n, "personal data kept long enough erased");
            metrics::counter!("citas_retention_runs_total").increment(1);
            metrics::counter!("citas_retention_erased_total").increment(n);
        }
        None => tracing::info!("another instance is erasing personal data; this one skips its run"),
    }
    Ok(erased)
}
