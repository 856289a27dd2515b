//! Bookings that arrive together are written together: one statement (PostgreSQL) or one batch
//! that is its own transaction (SQLite) books every request waiting at that moment.
//!
//! When a month of slots opens and thousands of citizens book at once, each booking written on
//! its own costs the database a statement's start, a commit and its wait for the disk, and the
//! server a round trip; written together, a few dozen share them. Nobody waits for a batch to
//! fill: a writer takes whatever is waiting as soon as it is free, so with one request at a time
//! every batch has one booking.
//!
//! Correctness does not rest on the batching: seats are still rows whose primary key admits one
//! booking per seat, documents a unique column, and requests of other batches, processes or
//! instances race through the same constraints. A request the batch did not book (its slot
//! filled, its hold ran out, its document holds an appointment, it lost a race, or the batch
//! failed) goes on alone in `Store::book`: refused with the reason, or written again by itself.

use super::{Appointment, NewAppointment, Pool};
use citas_domain::api::PRIVACY_NOTICE_VERSION;
use citas_domain::code::AppointmentCode;
use citas_domain::time::{self, bogota_date, in_bogota};
use serde::Serialize;
use std::collections::HashMap;
use tokio::sync::oneshot;

/// A booking to write, as the batch statements read it: one JSON object per booking in their
/// one argument, whose place in that array is its turn.
#[derive(Debug, Clone, Serialize)]
pub(super) struct Queued {
    pub code: String,
    pub office_id: String,
    pub service_id: String,
    pub start_at: i64,
    pub end_at: i64,
    pub document_kind: String,
    /// Sealed (`sealing`), as are the name and the contacts.
    pub document_number: String,
    /// How the document is found, and held while the appointment is upcoming.
    pub document_hash: String,
    /// The key the fields are sealed with.
    pub data_key: u32,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub privacy_notice: String,
    /// The office's configured desks: the seats of a slot are numbered below them, or below
    /// the desks of the slot's day when an administrator changed them (the statements read
    /// that change).
    pub desks: i64,
    /// The citizen's hold for this slot, which becomes the seat; without one, the lowest free
    /// seat is taken.
    pub hold: Option<String>,
    /// The client's Idempotency-Key, if it sent one.
    pub idempotency_key: Option<String>,
    /// When it was asked (its consent and creation time).
    pub requested_at: i64,
    /// The history's first entry.
    pub detail: String,
    /// The client address it comes from, its day in Bogotá ("2026-12-01"), and the most
    /// bookings that address may make that day (`None`: no limit).
    pub address: String,
    pub day: String,
    pub most: Option<i64>,
    /// The slot's day ("2026-12-04") and times ("09:00", "09:30") in Bogotá, for the statements
    /// to find the closures and desk changes of the office's calendar that bear on it.
    pub slot_day: String,
    pub slot_from: String,
    pub slot_to: String,
    /// The language the citizen booked in ("es", "en"): their messages are written in it.
    pub language: &'static str,
    /// Who books, as the history says ("ciudadano (web)", "Contact Center", "oficina de
    /// Cali"), and the official's account, if one books for the citizen.
    pub actor: String,
    pub account: Option<i64>,
    /// The account that read the privacy notice to the citizen, when they agreed aloud.
    pub consent_by: Option<i64>,
}

impl Queued {
    pub fn new(new: &NewAppointment<'_>, code: AppointmentCode) -> Queued {
        let keys = super::sealing::keys();
        Queued {
            code: code.as_str().to_owned(),
            office_id: new.office.id.clone(),
            service_id: new.service.id.clone(),
            start_at: new.slot.start.timestamp(),
            end_at: new.slot.end.timestamp(),
            document_kind: new.document.kind().code().to_owned(),
            document_number: keys.seal("document_number", new.document.number()),
            document_hash: keys.document_hash(&new.document),
            data_key: keys.current(),
            name: keys.seal("name", new.name.as_str()),
            email: new.email.as_ref().map(|e| keys.seal("email", e.as_str())),
            phone: new.phone.as_ref().map(|p| keys.seal("phone", p.as_str())),
            privacy_notice: PRIVACY_NOTICE_VERSION.to_owned(),
            desks: i64::from(new.office.desks),
            hold: new.hold.clone(),
            idempotency_key: new.idempotency_key.clone(),
            requested_at: new.requested_at.timestamp(),
            detail: format!("{} {}", new.office.id, new.slot.start.to_rfc3339()),
            address: new.address.clone(),
            day: bogota_date(&new.requested_at).to_string(),
            most: new.bookings_per_address,
            slot_day: bogota_date(&new.slot.start).to_string(),
            slot_from: time::clock(in_bogota(&new.slot.start).time()),
            slot_to: time::clock(in_bogota(&new.slot.end).time()),
            language: new.language.code(),
            actor: new.by.label.clone(),
            account: new.by.account,
            consent_by: new.consent_by,
        }
    }
}

/// The batch as the statements' one argument.
pub(super) fn as_json(batch: &[&Queued]) -> Result<String, sqlx::Error> {
    serde_json::to_string(batch).map_err(|e| sqlx::Error::Encode(Box::new(e)))
}

/// The batch's clock: its latest request. One instant for every comparison with a hold's
/// expiry, so that no seat is both a live hold for one request and free for another.
pub(super) fn clock(batch: &[&Queued]) -> i64 {
    batch.iter().map(|q| q.requested_at).max().unwrap_or_default()
}

/// The most bookings one statement writes: enough that a surge's requests share a few
/// statements, few enough that a statement stays short and its JSON small.
const MOST: usize = 64;

/// The bookings waiting for a writer. Each is a request in flight, so the instance's limit of
/// requests in flight (`[abuse] max_requests_in_flight`) bounds them; one whose request ran
/// out of time before its batch was taken is not written.
#[derive(Clone)]
pub(super) struct Queue {
    waiting: flume::Sender<Waiting>,
}

struct Waiting {
    booking: Queued,
    answer: oneshot::Sender<Option<Appointment>>,
}

impl Queue {
    /// Starts the writers (tasks of the running runtime). They stop when the last copy of the
    /// queue is dropped.
    pub fn start(pool: &Pool) -> Queue {
        let (waiting, taken) = flume::unbounded();
        for _ in 0..writers(pool) {
            tokio::spawn(write_batches(pool.clone(), taken.clone()));
        }
        Queue { waiting }
    }

    /// Books `booking` together with whatever else is waiting: the appointment, or `None` when
    /// it was not booked (then nothing of it was written).
    pub async fn book(&self, booking: Queued) -> Option<Appointment> {
        let (answer, answered) = oneshot::channel();
        self.waiting.send(Waiting { booking, answer }).ok()?;
        answered.await.ok().flatten()
    }
}

/// How many batches are written at once. SQLite writes one transaction at a time: a second
/// writer would only wait for the lock, in SQLite's sleeps of up to 100 ms. On PostgreSQL, half
/// the pool: while one batch commits others are written, and the rest of the pool serves reads.
fn writers(pool: &Pool) -> u32 {
    match pool {
        Pool::Sqlite(_) => 1,
        Pool::Postgres(p) => (p.options().get_max_connections() / 2).max(1),
    }
}

async fn write_batches(pool: Pool, taken: flume::Receiver<Waiting>) {
    while let Ok(first) = taken.recv_async().await {
        let mut batch: Vec<Waiting> = std::iter::once(first).chain(taken.try_iter().take(MOST - 1)).collect();
        // A citizen who left before the batch was written is not booked: the same as a
        // request that never reached the database.
        batch.retain(|w| !w.answer.is_closed());
        if batch.is_empty() {
            continue;
        }
        let bookings: Vec<&Queued> = batch.iter().map(|w| &w.booking).collect();
        let written = pool.book(&bookings).await;
        let outcome = if written.is_ok() { "written" } else { "failed" };
        metrics::counter!("citas_booking_batches_total", "outcome" => outcome).increment(1);
        let mut booked: HashMap<String, Appointment> = match written {
            Ok(rows) => rows.into_iter().map(|a| (a.code.clone(), a)).collect(),
            Err(e) => {
                // Every request of the batch is then written on its own, and answered from there.
                tracing::debug!(error = %e, bookings = batch.len(), "booking batch failed");
                HashMap::new()
            }
        };
        for w in batch {
            let _ = w.answer.send(booked.remove(&w.booking.code));
        }
    }
}
