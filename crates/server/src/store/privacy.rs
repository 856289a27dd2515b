//! Personal data kept only as long as it is needed (Ley 1581 de 2012; Decreto 1377 de 2013,
//! art. 11), and the citizen's rights over it (art. 8): what is stored about a document, and
//! its erasure, on request or when its time is up. Erasing blanks the name, the document
//! number, the e-mail and the phone; the rest (office, service, times, status, attendance, the
//! history's kinds) stays for statistics and says nothing of the person. The statements are in
//! `privacy/`.

use super::{Actor, Appointment, Error, Pool, Store, sealing};
use citas_domain::document::Document;

/// An appointment with what the citizen accepted and the language of their messages.
#[derive(Debug, sqlx::FromRow)]
pub struct Kept {
    #[sqlx(flatten)]
    pub appointment: Appointment,
    pub consent_at: i64,
    pub privacy_notice: String,
    pub language: String,
}

/// A message queued for a citizen, as "Mis datos" lists it.
#[derive(Debug, sqlx::FromRow)]
pub struct QueuedMessage {
    pub kind: String,
    pub channel: String,
    pub state: String,
    pub created_at: i64,
}

/// Which appointments to erase.
pub enum Erasing<'a> {
    /// Every appointment of a document, and its entry of the waiting list, on its holder's
    /// request.
    Document(&'a Document),
    /// Booked ones that ended before `ended_before`, cancelled ones cancelled before
    /// `cancelled_before` (retention).
    Expired { ended_before: i64, cancelled_before: i64 },
}

impl Store {
    /// The appointments of `document` whose data is kept, latest first.
    pub async fn kept_of(&self, document: &Document) -> Result<Vec<Kept>, Error> {
        Ok(on_either!(&self.pool, |p| {
            sqlx::query_as(include_str!("privacy/of_document.sql"))
                .bind(document.kind().code())
                .bind(sealing::keys().document_hash(document))
                .fetch_all(p)
                .await
        })?)
    }

    /// The messages queued for an appointment.
    pub async fn messages_of(&self, appointment: i64) -> Result<Vec<QueuedMessage>, Error> {
        Ok(on_either!(&self.pool, |p| {
            sqlx::query_as(include_str!("privacy/messages.sql")).bind(appointment).fetch_all(p).await
        })?)
    }

    /// Erases what `what` names at `now`, each erasure a line of its appointment's history
    /// ("erased", with `detail`, by `by`), in one transaction: the number erased. On PostgreSQL
    /// a retention run that finds another instance's under way erases nothing (`None`).
    pub async fn erase(
        &self,
        what: &Erasing<'_>,
        now: i64,
        detail: &str,
        by: &Actor,
    ) -> Result<Option<u64>, Error> {
        let sql = match what {
            Erasing::Document(_) => include_str!("privacy/erase_document.sql"),
            Erasing::Expired { .. } => include_str!("privacy/erase_expired.sql"),
        };
        let lock = matches!(self.pool, Pool::Postgres(_)) && matches!(what, Erasing::Expired { .. });
        let erased = on_either!(&self.pool, |p| {
            async {
                let mut tx = p.begin().await?;
                if lock {
                    let locked: bool = sqlx::query_scalar(include_str!("privacy/erasing_lock.sql"))
                        .fetch_one(&mut *tx)
                        .await?;
                    if !locked {
                        return Ok(None);
                    }
                }
                let erase = match what {
                    Erasing::Document(document) => sqlx::query_scalar(sql)
                        .bind(document.kind().code())
                        .bind(sealing::keys().document_hash(document))
                        .bind(now),
                    Erasing::Expired { ended_before, cancelled_before } => {
                        sqlx::query_scalar(sql).bind(now).bind(*ended_before).bind(*cancelled_before)
                    }
                };
                let ids: Vec<i64> = erase.fetch_all(&mut *tx).await?;
                if let Erasing::Document(document) = what {
                    sqlx::query(include_str!("waitlist/erase_document.sql"))
                        .bind(sealing::keys().document_hash(document))
                        .bind(now)
                        .execute(&mut *tx)
                        .await?;
                }
                for id in &ids {
                    record_event!(*id, now, "erased", detail, by).execute(&mut *tx).await?;
                }
                tx.commit().await?;
                Ok::<_, sqlx::Error>(Some(ids.len() as u64))
            }
            .await
        })?;
        Ok(erased)
    }
}
