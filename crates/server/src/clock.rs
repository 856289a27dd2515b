//! The server's clock. `--now` starts it at a chosen instant (it then advances normally), so
//! tests and demos can live on a known date; tests can also move it forward.

use chrono::{DateTime, Duration, FixedOffset, SubsecRound, Utc};
use citas_domain::time::in_bogota;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

#[derive(Clone, Debug, Default)]
pub struct Clock {
    /// Milliseconds added to the system time.
    offset_ms: Arc<AtomicI64>,
}

impl Clock {
    pub fn system() -> Clock {
        Clock::default()
    }

    /// A clock that reads `start` now and advances in real time from there.
    pub fn starting_at(start: DateTime<FixedOffset>) -> Clock {
        let offset = start.with_timezone(&Utc) - Utc::now();
        Clock { offset_ms: Arc::new(AtomicI64::new(offset.num_milliseconds())) }
    }

    /// The current instant to the second (what the API shows and stores), on a Bogotá clock.
    pub fn now(&self) -> DateTime<FixedOffset> {
        let now = Utc::now() + Duration::milliseconds(self.offset_ms.load(Ordering::Relaxed));
        in_bogota(&now.trunc_subsecs(0))
    }

    /// Moves this clock (and every copy of it) forward.
    pub fn advance(&self, by: Duration) {
        self.offset_ms.fetch_add(by.num_milliseconds(), Ordering::Relaxed);
    }
}
