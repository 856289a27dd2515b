//! Offering seats to the waiting list, in every instance every `[waitlist] every_seconds`. A
//! round:
//! 1. takes off the list the entries whose last day has passed;
//! 2. expires the offers not taken in time;
//! 3. gives the seat of each offer that ended untaken (expired, or withdrawn when its citizen
//!    left or booked elsewhere) to the next in line whose days fit, or else lets it return to
//!    everyone after the fair release's delay;
//! 4. offers each entry still without an offer the earliest seat that fits it: first a seat in
//!    fair release (freed by a cancellation or a move), then a free one (a closure lifted, desks
//!    added, a hold that lapsed).
//!
//! First in line first: entries are served in the order they joined. A seat is not offered
//! again to an entry that let it lapse. An offer is held `offer_minutes`, never past the booking
//! window's minimum notice before the seat's start, and a seat that would be held less than
//! `SHORTEST_OFFER` is not offered. Rounds of several instances may overlap: the store's
//! statements give a seat to one offer and an entry one open offer (`store/waitlist.rs`).

use crate::appointment_view::stored_day;
use crate::clock::Clock;
use crate::config::{Abuse, Waitlist};
use crate::store::{self, HeldSeat, NewHold, Offered, Store, Waiting, instant};
use chrono::{DateTime, Days, FixedOffset, NaiveDate};
use citas_domain::api::waitlist::PartOfDay;
use citas_domain::availability::availability;
use citas_domain::catalog::Catalog;
use citas_domain::schedule::BookingWindow;
use citas_domain::time::{at_bogota, bogota_date};
use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

/// An offer that would leave the citizen less time than this to take it is not made.
const SHORTEST_OFFER: i64 = 10 * 60;

/// What a round offers with, and how.
#[derive(Clone)]
pub struct Offering {
    pub store: Store,
    pub catalog: Arc<Catalog>,
    pub waitlist: Waitlist,
    pub abuse: Abuse,
    pub clock: Clock,
}

/// What one round did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Round {
    pub entries_expired: u64,
    pub offers_lapsed: u64,
    pub offers_made: u64,
    pub seats_let_go: u64,
}

/// Runs a round every `every_seconds`, the first one after that long, until `stop` changes; a
/// round under way is finished first.
pub async fn run(offering: Offering, mut stop: tokio::sync::watch::Receiver<()>) {
    let period = Duration::from_secs(u64::from(offering.waitlist.every_seconds));
    let mut every = tokio::time::interval_at(tokio::time::Instant::now() + period, period);
    every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = every.tick() => {}
            _ = stop.changed() => return,
        }
        if let Err(e) = offering.round().await {
            tracing::warn!(error = ?e, "the waiting list's offers could not be made; trying again at the next round");
        }
    }
}

impl Offering {
    /// One round (see the module's documentation).
    pub async fn round(&self) -> Result<Round, store::Error> {
        let now = self.clock.now();
        let at = now.timestamp();
        let mut round = Round {
            entries_expired: self.store.expire_entries(bogota_date(&now), at).await?,
            offers_lapsed: self.store.lapse_offers(at).await?,
            ..Round::default()
        };
        metrics::counter!("citas_waitlist_offers_total", "outcome" => "expired")
            .increment(round.offers_lapsed);
        let mut waiting = self.store.waiting_without_offer().await?;
        let before: HashSet<(i64, String, i64)> = self.store.offered_before().await?.into_iter().collect();
        let fits = |entry: &Waiting, seat: &HeldSeat| {
            entry.office_id == seat.office_id
                && in_days(entry, &instant(seat.start_at))
                && !before.contains(&(entry.id, seat.office_id.clone(), seat.start_at))
        };

        for seat in self.store.seats_to_pass_on(at).await? {
            let mut outcome = Offered::SeatGone;
            for i in 0..waiting.len() {
                if !fits(&waiting[i], &seat) {
                    continue;
                }
                outcome = self.offer(waiting[i].id, &seat, now).await?;
                match outcome {
                    Offered::Made => {
                        waiting.remove(i);
                        round.offers_made += 1;
                        break;
                    }
                    Offered::SeatGone => break,
                    // Served by another round meanwhile: the next in line.
                    Offered::EntryHasOffer => {}
                }
            }
            if outcome != Offered::Made {
                self.store.let_seat_go(&seat, self.abuse.release_at(now).timestamp()).await?;
                round.seats_let_go += 1;
            }
        }

        for entry in &waiting {
            let Some((from, until)) = self.days_of(entry, now) else { continue };
            let freed = self.store.freed_seats(&entry.office_id, from, until, at).await?;
            let mut outcome = Offered::SeatGone;
            for seat in freed.iter().filter(|seat| fits(entry, seat)) {
                outcome = self.offer(entry.id, seat, now).await?;
                if outcome != Offered::SeatGone {
                    break;
                }
            }
            if outcome == Offered::SeatGone {
                outcome = self.offer_free_seat(entry, &fits, now).await?;
            }
            round.offers_made += u64::from(outcome == Offered::Made);
        }
        metrics::counter!("citas_waitlist_offers_total", "outcome" => "made").increment(round.offers_made);
        let (entries, open) = self.store.waitlist_counts().await?;
        metrics::gauge!("citas_waitlist_entries").set(entries as f64);
        metrics::gauge!("citas_waitlist_open_offers").set(open as f64);
        if round != Round::default() {
            tracing::info!(?round, "waiting list: offers made and passed on");
        }
        Ok(round)
    }

    /// Until when a seat starting at `start` would be offered at `now`: `offer_minutes`, never
    /// past the minimum notice before its start; `None` when that leaves too little time.
    fn offer_until(&self, start: i64, now: DateTime<FixedOffset>) -> Option<i64> {
        let notice = i64::from(self.catalog.booking.min_notice_minutes) * 60;
        let until = (now.timestamp() + i64::from(self.waitlist.offer_minutes) * 60).min(start - notice);
        (until - now.timestamp() >= SHORTEST_OFFER).then_some(until)
    }

    /// Offers `seat` to `entry`; a seat too soon to offer is `SeatGone` for this entry.
    async fn offer(
        &self,
        entry: i64,
        seat: &HeldSeat,
        now: DateTime<FixedOffset>,
    ) -> Result<Offered, store::Error> {
        let Some(until) = self.offer_until(seat.start_at, now) else { return Ok(Offered::SeatGone) };
        // Untaken and not passed on (no round ran meanwhile), it returns to everyone after the
        // fair release's delay.
        let held_until = self.abuse.release_at(instant(until)).timestamp();
        self.store.make_offer(entry, seat, until, held_until, now.timestamp()).await
    }

    /// Offers `entry` the earliest free seat that fits it, held first as any hold is.
    async fn offer_free_seat(
        &self,
        entry: &Waiting,
        fits: &impl Fn(&Waiting, &HeldSeat) -> bool,
        now: DateTime<FixedOffset>,
    ) -> Result<Offered, store::Error> {
        let Some(office) = self.catalog.office(&entry.office_id) else { return Ok(Offered::SeatGone) };
        let window = BookingWindow::at(now, &self.catalog.booking);
        let (Some(first), Some(last)) = (stored_day(&entry.from_date), stored_day(&entry.until_date)) else {
            return Ok(Offered::SeatGone);
        };
        let (first, last) = (first.max(window.first_date()), last.min(window.last_date));
        if first > last {
            return Ok(Offered::SeatGone);
        }
        let calendar = self.store.calendar(&office.id, first, last).await?;
        let (from, until) = (midnight(first), midnight(last + Days::new(1)));
        let taken = self.store.seats_taken(&office.id, from, until, now.timestamp()).await?;
        let days = availability(&self.catalog, office, &calendar, first, last, now, |start| {
            taken.get(&start.timestamp()).copied().unwrap_or(0)
        });
        let free = days.days.iter().flat_map(|day| &day.slots).find(|slot| {
            let seat = HeldSeat {
                office_id: office.id.clone(),
                start_at: slot.start.timestamp(),
                hold_id: String::new(),
            };
            slot.available > 0 && fits(entry, &seat) && self.offer_until(seat.start_at, now).is_some()
        });
        let Some(slot) = free else { return Ok(Offered::SeatGone) };
        let client = format!("waitlist-{}", entry.id);
        let hold = NewHold {
            office,
            start: slot.start,
            desks: calendar.desks_on(office, bogota_date(&slot.start)),
            client: &client,
            address: "waitlist",
            most_per_address: None,
            expires_at: now + chrono::Duration::minutes(i64::from(self.catalog.booking.hold_minutes)),
            now,
        };
        let held = match self.store.hold(&hold).await {
            Ok(held) => held,
            // Taken meanwhile: the next round looks again.
            Err(store::Error::Refused(_)) => return Ok(Offered::SeatGone),
            Err(e) => return Err(e),
        };
        let seat =
            HeldSeat { office_id: office.id.clone(), start_at: slot.start.timestamp(), hold_id: held.id };
        let offered = self.offer(entry.id, &seat, now).await?;
        if offered != Offered::Made {
            self.store.release_hold(&seat.hold_id).await?;
        }
        Ok(offered)
    }

    /// The instants [from, until) of the days of `entry` that can still be offered at `now`.
    fn days_of(&self, entry: &Waiting, now: DateTime<FixedOffset>) -> Option<(i64, i64)> {
        let (first, last) = (stored_day(&entry.from_date)?, stored_day(&entry.until_date)?);
        let first = first.max(bogota_date(&now));
        (first <= last).then(|| (midnight(first), midnight(last + Days::new(1))))
    }
}

/// Whether a seat starting at `start` is on the entry's days and in its part of the day.
fn in_days(entry: &Waiting, start: &DateTime<FixedOffset>) -> bool {
    let day = bogota_date(start).to_string();
    let part = entry.part_of_day.as_deref().and_then(PartOfDay::parse);
    entry.from_date <= day && day <= entry.until_date && part.is_none_or(|p| p.contains(start))
}

/// The first instant of `day` in Bogotá, in Unix seconds.
fn midnight(day: NaiveDate) -> i64 {
    at_bogota(day.and_time(chrono::NaiveTime::MIN)).timestamp()
}
