//! The waiting list: entries of citizens waiting for a seat, and the seats offered to them. An
//! offer is a row of `seats` held by no browser, whose hold id is the link in the citizen's
//! message: the booking statements take it like any hold, and the database's trigger on the
//! booking's history marks the offer taken and takes the document off the list
//! (migrations/*_waitlist.sql). The statements are in `waitlist/`.
//!
//! No seat is offered twice: an offer takes its seat by changing the seat's hold id from the one
//! it read (a compare-and-set that one instance wins), and an entry has at most one open offer
//! (a unique index). The rounds that make offers (`crate::waitlist`) may run on every instance
//! at once.

use super::sealing::{self, SealedDocument, SealedEmail, SealedName};
use super::{Error, Pool, Store, new_code, new_hold_id};
use chrono::NaiveDate;
use citas_domain::api::ErrorCode;
use citas_domain::api::waitlist::PartOfDay;
use citas_domain::catalog::{Office, Service};
use citas_domain::code::AppointmentCode;
use citas_domain::contact::{Email, PersonName};
use citas_domain::document::Document;
use citas_domain::lang::Lang;

/// An entry to add, every field valid.
pub struct NewEntry<'a> {
    pub office: &'a Office,
    pub service: &'a Service,
    pub from: NaiveDate,
    pub until: NaiveDate,
    pub part_of_day: Option<PartOfDay>,
    pub document: Document,
    pub name: PersonName,
    pub email: Email,
    pub language: Lang,
    pub now: i64,
}

/// A waiting entry, as its citizen sees it.
#[derive(Debug, sqlx::FromRow)]
pub struct Entry {
    pub id: i64,
    pub code: String,
    pub office_id: String,
    pub service_id: String,
    pub from_date: String,
    pub until_date: String,
    pub part_of_day: Option<String>,
    pub document_kind: String,
    #[sqlx(try_from = "SealedDocument")]
    pub document_number: String,
    #[sqlx(try_from = "SealedEmail")]
    pub email: Option<String>,
    pub created_at: i64,
}

/// A waiting entry with everything it keeps about its citizen ("Mis datos").
#[derive(Debug, sqlx::FromRow)]
pub struct KeptEntry {
    pub code: String,
    pub office_id: String,
    pub service_id: String,
    pub from_date: String,
    pub until_date: String,
    pub part_of_day: Option<String>,
    #[sqlx(try_from = "SealedName")]
    pub name: String,
    #[sqlx(try_from = "SealedEmail")]
    pub email: Option<String>,
    pub language: String,
    pub consent_at: i64,
    pub privacy_notice: String,
}

/// An open offer: its seat and until when it is held.
#[derive(Debug, sqlx::FromRow)]
pub struct Offer {
    pub hold_id: String,
    pub office_id: String,
    pub start_at: i64,
    pub expires_at: i64,
    pub service_id: String,
}

/// What the waiting list says of a booking through a hold (`Store::offer_check`).
#[derive(Debug, PartialEq, Eq)]
pub enum OfferCheck {
    /// The hold is not an open offer's: the booking decides alone.
    NotAnOffer,
    /// An open offer, booked by its entry's document.
    Good,
    Refused(ErrorCode),
}

/// How an attempt to offer a seat ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Offered {
    Made,
    /// The seat is no longer held as it was read: another round offered it, or let it go.
    SeatGone,
    /// The entry has an open offer: another round made it one.
    EntryHasOffer,
}

/// An entry waiting with no open offer, as a round of offers reads it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Waiting {
    pub id: i64,
    pub office_id: String,
    pub from_date: String,
    pub until_date: String,
    pub part_of_day: Option<String>,
}

/// A seat held by a hold nobody's browser has: in fair release, or of an offer that ended.
#[derive(Debug, sqlx::FromRow)]
pub struct HeldSeat {
    pub office_id: String,
    pub start_at: i64,
    pub hold_id: String,
}

/// What a message about an entry says: the entry, and the offer it reports, if any.
#[derive(Debug, sqlx::FromRow)]
pub struct EntrySubject {
    pub code: String,
    pub office_id: String,
    pub service_id: String,
    pub from_date: String,
    pub until_date: String,
    pub part_of_day: Option<String>,
    pub document_kind: String,
    #[sqlx(try_from = "SealedDocument")]
    pub document_number: String,
    #[sqlx(try_from = "SealedName")]
    pub name: String,
    #[sqlx(try_from = "SealedEmail")]
    pub email: Option<String>,
    pub language: String,
    /// waiting, left, booked or expired.
    pub state: String,
    pub hold_id: Option<String>,
    pub start_at: Option<i64>,
    pub expires_at: Option<i64>,
    pub offer_state: Option<String>,
}

impl Store {
    /// Adds `new` to the waiting list. A document that holds an upcoming appointment, or that
    /// waits already, is refused.
    pub async fn join_waitlist(&self, new: &NewEntry<'_>) -> Result<Entry, Error> {
        let keys = sealing::keys();
        let hash = keys.document_hash(&new.document);
        let held: Option<i64> = on_either!(&self.pool, |p| {
            sqlx::query_scalar(include_str!("document_holder.sql")).bind(&hash).fetch_optional(p).await
        })?;
        if held.is_some_and(|start| start > new.now) {
            return Err(Error::Refused(ErrorCode::DocumentHasAppointment));
        }
        // A code another entry or appointment drew already is drawn again.
        for _ in 0..5 {
            let code = new_code();
            let joined: Result<Entry, sqlx::Error> = on_either!(&self.pool, |p| {
                sqlx::query_as(include_str!("waitlist/join.sql"))
                    .bind(code.as_str())
                    .bind(&new.office.id)
                    .bind(&new.service.id)
                    .bind(new.from.to_string())
                    .bind(new.until.to_string())
                    .bind(new.part_of_day.map(PartOfDay::as_str))
                    .bind(new.document.kind().code())
                    .bind(keys.seal("document_number", new.document.number()))
                    .bind(&hash)
                    .bind(keys.seal("name", new.name.as_str()))
                    .bind(keys.seal("email", new.email.as_str()))
                    .bind(i64::from(keys.current()))
                    .bind(new.language.code())
                    .bind(new.now)
                    .bind(citas_domain::api::PRIVACY_NOTICE_VERSION)
                    .fetch_one(p)
                    .await
            });
            match joined {
                Ok(entry) => return Ok(entry),
                Err(e) if waiting_already(&e) => return Err(Error::Refused(ErrorCode::AlreadyWaiting)),
                Err(e) if e.as_database_error().is_some_and(|d| d.is_unique_violation()) => {}
                Err(e) => return Err(e.into()),
            }
        }
        Err(Error::Refused(ErrorCode::Busy))
    }

    /// The waiting entry with this code, if this document made it. Like an appointment's code,
    /// a wrong document counts as a failure of the code, and enough of them lock it.
    pub async fn waiting_entry(
        &self,
        code: &AppointmentCode,
        document: &Document,
        now: i64,
    ) -> Result<Entry, Error> {
        self.proved(include_str!("waitlist/entry.sql"), code, document, now).await
    }

    /// The waiting entry of `document`, with everything it keeps.
    pub async fn entry_kept_of(&self, document: &Document) -> Result<Option<KeptEntry>, Error> {
        Ok(on_either!(&self.pool, |p| {
            sqlx::query_as(include_str!("waitlist/kept_of.sql"))
                .bind(sealing::keys().document_hash(document))
                .fetch_optional(p)
                .await
        })?)
    }

    /// The entry's place in its office's line (1: the first).
    pub async fn waitlist_position(&self, entry: &Entry) -> Result<u32, Error> {
        let place: i64 = on_either!(&self.pool, |p| {
            sqlx::query_scalar(include_str!("waitlist/position.sql")).bind(entry.id).fetch_one(p).await
        })?;
        Ok(super::count(place))
    }

    /// The entry's open offer, live at `now`.
    pub async fn open_offer_of(&self, entry: i64, now: i64) -> Result<Option<Offer>, Error> {
        Ok(on_either!(&self.pool, |p| {
            sqlx::query_as(include_str!("waitlist/open_offer.sql"))
                .bind(entry)
                .bind(now)
                .fetch_optional(p)
                .await
        })?)
    }

    /// The open offer held as `hold`, live at `now`.
    pub async fn offer(&self, hold: &str, now: i64) -> Result<Option<Offer>, Error> {
        Ok(on_either!(&self.pool, |p| {
            sqlx::query_as(include_str!("waitlist/offer.sql")).bind(hold).bind(now).fetch_optional(p).await
        })?)
    }

    /// What the waiting list says of a booking by `document` through the hold `hold` at `now`:
    /// a hold that is an offer's is good only while the offer is open, and only for the document
    /// of its entry. A taken offer is left to the booking, which answers the same request sent
    /// again with what it booked and refuses any other (its hold is used).
    pub async fn offer_check(&self, hold: &str, document: &Document, now: i64) -> Result<OfferCheck, Error> {
        let offered: Option<(String, i64, Option<String>)> = on_either!(&self.pool, |p| {
            sqlx::query_as(include_str!("waitlist/offered_to.sql")).bind(hold).fetch_optional(p).await
        })?;
        Ok(match offered {
            None => OfferCheck::NotAnOffer,
            Some((state, _, _)) if state == "taken" => OfferCheck::NotAnOffer,
            Some((state, expires_at, _)) if state != "open" || expires_at <= now => {
                OfferCheck::Refused(ErrorCode::HoldExpired)
            }
            Some((_, _, holder)) if holder.as_deref() != Some(&sealing::keys().document_hash(document)) => {
                OfferCheck::Refused(ErrorCode::OfferNotYours)
            }
            Some(_) => OfferCheck::Good,
        })
    }

    /// The entry leaves the list at `now`, its personal data erased (nothing changes if it no
    /// longer waits).
    pub async fn leave_waitlist(&self, entry: i64, now: i64) -> Result<(), Error> {
        on_either!(&self.pool, |p| {
            sqlx::query(include_str!("waitlist/leave.sql")).bind(entry).bind(now).execute(p).await.map(drop)
        })?;
        Ok(())
    }

    /// The first and last days of the entries waiting at `office`.
    pub async fn waiting_days(&self, office: &str) -> Result<Vec<(String, String)>, Error> {
        Ok(on_either!(&self.pool, |p| {
            sqlx::query_as(include_str!("waitlist/lengths.sql")).bind(office).fetch_all(p).await
        })?)
    }

    /// Entries waiting, and offers open.
    pub async fn waitlist_counts(&self) -> Result<(i64, i64), Error> {
        Ok(on_either!(&self.pool, |p| sqlx::query_as(include_str!("waitlist/counts.sql"))
            .fetch_one(p)
            .await)?)
    }

    /// Entries whose last day is before `today` stop waiting: the number of them.
    pub async fn expire_entries(&self, today: NaiveDate, now: i64) -> Result<u64, Error> {
        Ok(on_either!(&self.pool, |p| {
            sqlx::query(include_str!("waitlist/expire.sql"))
                .bind(today.to_string())
                .bind(now)
                .execute(p)
                .await
                .map(|done| done.rows_affected())
        })?)
    }

    /// Open offers past their time expire: the number of them.
    pub async fn lapse_offers(&self, now: i64) -> Result<u64, Error> {
        Ok(on_either!(&self.pool, |p| {
            sqlx::query(include_str!("waitlist/lapse.sql"))
                .bind(now)
                .execute(p)
                .await
                .map(|done| done.rows_affected())
        })?)
    }

    /// Seats of offers that ended untaken, still held at `now`.
    pub async fn seats_to_pass_on(&self, now: i64) -> Result<Vec<HeldSeat>, Error> {
        Ok(on_either!(&self.pool, |p| {
            sqlx::query_as(include_str!("waitlist/to_pass_on.sql")).bind(now).fetch_all(p).await
        })?)
    }

    /// Seats in fair release at `office` starting in [from, until), live at `now`.
    pub async fn freed_seats(
        &self,
        office: &str,
        from: i64,
        until: i64,
        now: i64,
    ) -> Result<Vec<HeldSeat>, Error> {
        let rows: Vec<(i64, String)> = on_either!(&self.pool, |p| {
            sqlx::query_as(include_str!("waitlist/freed.sql"))
                .bind(office)
                .bind(from)
                .bind(until)
                .bind(now)
                .fetch_all(p)
                .await
        })?;
        Ok(rows
            .into_iter()
            .map(|(start_at, hold_id)| HeldSeat { office_id: office.to_owned(), start_at, hold_id })
            .collect())
    }

    /// Entries waiting with no open offer, first in line first.
    pub async fn waiting_without_offer(&self) -> Result<Vec<Waiting>, Error> {
        Ok(on_either!(&self.pool, |p| sqlx::query_as(include_str!("waitlist/waiting.sql"))
            .fetch_all(p)
            .await)?)
    }

    /// The seats (entry, office, start) offered before to entries waiting now.
    pub async fn offered_before(&self) -> Result<Vec<(i64, String, i64)>, Error> {
        Ok(on_either!(&self.pool, |p| {
            sqlx::query_as(include_str!("waitlist/offered_before.sql")).fetch_all(p).await
        })?)
    }

    /// Offers `seat` (held now as `seat.hold_id`) to the entry `entry` until `expires_at`, the
    /// seat held until `held_until` (after which, untaken and not passed on, it returns to
    /// everyone). Another instance may have taken the seat, or made the entry an offer, first.
    pub async fn make_offer(
        &self,
        entry: i64,
        seat: &HeldSeat,
        expires_at: i64,
        held_until: i64,
        now: i64,
    ) -> Result<Offered, Error> {
        let id = new_hold_id();
        let made = on_either!(&self.pool, |p| {
            async {
                let mut tx = p.begin().await?;
                let taken = sqlx::query(include_str!("waitlist/hold_for_offer.sql"))
                    .bind(&seat.hold_id)
                    .bind(&id)
                    .bind(held_until)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                if taken != 1 {
                    return Ok(Offered::SeatGone);
                }
                let added = sqlx::query(include_str!("waitlist/add_offer.sql"))
                    .bind(entry)
                    .bind(&id)
                    .bind(&seat.office_id)
                    .bind(seat.start_at)
                    .bind(expires_at)
                    .bind(now)
                    .execute(&mut *tx)
                    .await;
                match added {
                    Ok(_) => tx.commit().await.map(|()| Offered::Made),
                    Err(e) if e.as_database_error().is_some_and(|d| d.is_unique_violation()) => {
                        Ok(Offered::EntryHasOffer)
                    }
                    Err(e) => Err(e),
                }
            }
            .await
        })?;
        Ok(made)
    }

    /// The seat held as `seat.hold_id`, which nobody on the list takes, returns to everyone at
    /// `release_at` at the latest (fair release).
    pub async fn let_seat_go(&self, seat: &HeldSeat, release_at: i64) -> Result<(), Error> {
        let id = new_hold_id();
        on_either!(&self.pool, |p| {
            sqlx::query(include_str!("waitlist/let_go.sql"))
                .bind(&seat.hold_id)
                .bind(&id)
                .bind(release_at)
                .execute(p)
                .await
                .map(drop)
        })?;
        Ok(())
    }
}

/// The document waits already: the unique key that keeps one entry per document.
fn waiting_already(e: &sqlx::Error) -> bool {
    e.as_database_error()
        .filter(|d| d.is_unique_violation())
        .is_some_and(|d| d.constraint().unwrap_or_else(|| d.message()).contains("waiting_document"))
}
