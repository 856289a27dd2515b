//! The outbox: messages to citizens about their appointments and their entries of the waiting
//! list. A change of an appointment queues its message in its own transaction (the trigger of
//! migrations/*_outbox.sql), as joining the list and an offer do theirs (*_waitlist.sql);
//! reminders are queued as appointments come near (`queue_reminders`). Each instance's sender (`crate::mail`)
//! claims messages due, sends them, and records each attempt here. The statements are in
//! `outbox/`.

use super::{Appointment, EntrySubject, Error, Pool, Store};

/// A message claimed for sending.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Claimed {
    pub id: i64,
    /// What it is about: an appointment, or else an entry of the waiting list.
    pub appointment_id: Option<i64>,
    pub waitlist_id: Option<i64>,
    /// "confirmation", "reminder", "moved" or "cancelled"; "waitlist_joined" or "waitlist_offer".
    pub kind: String,
    /// The event of the appointment's history it reports; the offer it reports (0 for joining).
    pub version: i64,
    /// "email" or "sms".
    pub channel: String,
    /// Attempts so far, this one included.
    pub attempts: i64,
}

/// What a message says, read when it is sent.
#[derive(Debug, sqlx::FromRow)]
pub struct Subject {
    #[sqlx(flatten)]
    pub appointment: Appointment,
    /// "es" or "en".
    pub language: String,
    /// The appointment's latest version: its latest booking, move or cancellation.
    pub latest: Option<i64>,
    /// When the message's own version happened.
    pub version_at: Option<i64>,
}

/// How an attempt ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Sent,
    /// Not sent, and never will be; why.
    Skipped(&'static str),
    /// Failed; tried again from this instant.
    Failed {
        detail: String,
        retry_at: i64,
    },
    /// Failed the last time it may.
    GivenUp(String),
}

impl Store {
    /// Queues the reminders of the appointments that start within `lead` seconds of `now`.
    pub async fn queue_reminders(&self, now: i64, lead: i64) -> Result<u64, Error> {
        Ok(on_either!(&self.pool, |p| {
            sqlx::query(include_str!("outbox/queue_reminders.sql"))
                .bind(now)
                .bind(lead)
                .execute(p)
                .await
                .map(|done| done.rows_affected())
        })?)
    }

    /// Claims at most `most` messages due at `now`, for this instance until `until`.
    pub async fn claim_messages(&self, now: i64, until: i64, most: i64) -> Result<Vec<Claimed>, Error> {
        let sql = match &self.pool {
            Pool::Sqlite(_) => include_str!("outbox/claim.sql"),
            Pool::Postgres(_) => include_str!("outbox/claim_postgres.sql"),
        };
        Ok(on_either!(&self.pool, |p| {
            sqlx::query_as(sql).bind(now).bind(until).bind(most).fetch_all(p).await
        })?)
    }

    /// The appointment `appointment` that a claimed message is about, as it is now.
    pub async fn message_subject(&self, appointment: i64, message: &Claimed) -> Result<Subject, Error> {
        Ok(on_either!(&self.pool, |p| {
            sqlx::query_as(include_str!("outbox/subject.sql"))
                .bind(appointment)
                .bind(message.version)
                .fetch_one(p)
                .await
        })?)
    }

    /// The entry `entry` that a claimed message is about, and the offer it reports, as they are
    /// now.
    pub async fn entry_subject(&self, entry: i64, message: &Claimed) -> Result<EntrySubject, Error> {
        Ok(on_either!(&self.pool, |p| {
            sqlx::query_as(include_str!("waitlist/subject.sql"))
                .bind(entry)
                .bind(message.version)
                .fetch_one(p)
                .await
        })?)
    }

    /// Records an attempt to send the message `id` at `now`, and what becomes of the message.
    pub async fn record_attempt(&self, id: i64, now: i64, outcome: &Outcome) -> Result<(), Error> {
        let (recorded, detail) = match outcome {
            Outcome::Sent => ("sent", ""),
            Outcome::Skipped(why) => ("skipped", *why),
            Outcome::Failed { detail, .. } => ("failed", detail.as_str()),
            Outcome::GivenUp(detail) => ("given_up", detail.as_str()),
        };
        on_either!(&self.pool, |p| {
            async {
                let mut tx = p.begin().await?;
                let update = match outcome {
                    Outcome::Failed { retry_at, .. } => {
                        sqlx::query(include_str!("outbox/retry.sql")).bind(id).bind(*retry_at)
                    }
                    _ => sqlx::query(include_str!("outbox/finish.sql")).bind(id).bind(now).bind(recorded),
                };
                update.execute(&mut *tx).await?;
                sqlx::query(include_str!("outbox/record_attempt.sql"))
                    .bind(id)
                    .bind(now)
                    .bind(recorded)
                    .bind(detail)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await
            }
            .await
        })?;
        Ok(())
    }
}
