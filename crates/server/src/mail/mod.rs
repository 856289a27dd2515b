//! The sender of messages to citizens, one in each instance. Every `poll_seconds` it queues the
//! reminders that came due, then claims messages due from the outbox (`store/outbox.rs`), decides
//! whether each is still worth sending (`decide`), sends it, and records the attempt.
//!
//! Never twice: a message is claimed in the database before it is sent, so two instances never
//! send the same one (PostgreSQL: `FOR UPDATE SKIP LOCKED`; SQLite: one writer). A claim lasts
//! `claim_seconds`; an instance that crashes after sending and before recording leaves its claim
//! to expire, and that one message is sent again by whichever instance claims it next. That is
//! the only way a message can go twice, and its Message-ID is the same both times
//! (`message_id`), so mail clients show it once.

mod messages;
mod sms;
#[cfg(test)]
mod tests;
mod transport;

use messages::{EntryKind, Kind};
use sms::{LoggedSms, Sms};

use crate::appointment_view::view;
use crate::clock::Clock;
use crate::config::Mail;
use crate::store::{Claimed, EntrySubject, Outcome, Store, Subject};
use citas_domain::catalog::Catalog;
use citas_domain::ics::appointment_ics;
use citas_domain::lang::Lang;
use lettre::Message;
use lettre::message::header::{ContentType, Header, HeaderName, HeaderValue};
use lettre::message::{Attachment, Mailbox, MultiPart};
use std::sync::Arc;
use std::time::Duration;
use transport::Transport;

/// Messages claimed at once: a round sends them one after the other before claiming more.
const CLAIMED_AT_ONCE: i64 = 20;
/// The longest wait between two attempts at one message.
const LONGEST_RETRY_SECONDS: i64 = 6 * 3600;

pub struct Sender {
    store: Store,
    catalog: Arc<Catalog>,
    mail: Mail,
    clock: Clock,
    transport: Transport,
    sms: Box<dyn Sms>,
    from: Mailbox,
    reply_to: Option<Mailbox>,
}

impl Sender {
    /// The sender of this instance's messages: SMTP, or .eml files when no mail server is
    /// configured (the log says where: `[mail] outbox_dir`, or `outbox/` beside the database).
    pub fn new(store: Store, catalog: Arc<Catalog>, mail: Mail, clock: Clock) -> anyhow::Result<Sender> {
        let transport = Transport::new(&mail, &store.beside_database("outbox"))?;
        let from = mail.from.parse()?;
        let reply_to = (!mail.reply_to.is_empty()).then(|| mail.reply_to.parse()).transpose()?;
        Ok(Sender { store, catalog, mail, clock, transport, sms: Box::new(LoggedSms), from, reply_to })
    }

    /// Sends what is due, every `poll_seconds`, until `stop` changes. A message being sent is
    /// finished first, and recorded as sent rather than sent again by the next instance once
    /// its claim expires; the messages claimed with it go back when their claim does.
    pub async fn run(self, mut stop: tokio::sync::watch::Receiver<()>) {
        let mut every = tokio::time::interval(Duration::from_secs(u64::from(self.mail.poll_seconds)));
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tokio::select! {
                _ = every.tick() => {}
                _ = stop.changed() => return,
            }
            if let Err(e) = self.round(&stop).await {
                tracing::warn!(error = ?e, "messages to citizens: the outbox could not be read; trying again");
            }
        }
    }

    /// Queues the reminders due, then sends every message due, until `stop` changes.
    async fn round(&self, stop: &tokio::sync::watch::Receiver<()>) -> Result<(), crate::store::Error> {
        let now = self.clock.now().timestamp();
        self.store.queue_reminders(now, self.lead()).await?;
        loop {
            let now = self.clock.now().timestamp();
            let until = now + i64::from(self.mail.claim_seconds);
            let claimed = self.store.claim_messages(now, until, CLAIMED_AT_ONCE).await?;
            if claimed.is_empty() {
                return Ok(());
            }
            for message in claimed {
                if stop.has_changed().unwrap_or(true) {
                    return Ok(());
                }
                self.deliver(&message).await?;
            }
        }
    }

    async fn deliver(&self, message: &Claimed) -> Result<(), crate::store::Error> {
        let now = self.clock.now().timestamp();
        let outcome = match (message.appointment_id, message.waitlist_id) {
            (Some(appointment), _) => {
                let subject = self.store.message_subject(appointment, message).await?;
                match decide(message, &subject, now, self.lead()) {
                    Err(why) => Outcome::Skipped(why),
                    Ok(kind) => {
                        let shown = view(&self.catalog, &subject.appointment);
                        let lang = stored_language(&subject.language);
                        let letter = messages::letter(kind, &shown, lang, &self.mail.site_url);
                        let sms =
                            subject.appointment.phone.as_deref().map(|phone| (phone, shown.code.as_str()));
                        let to = subject.appointment.email.as_deref();
                        let calendar =
                            (kind == Kind::Confirmation).then(|| appointment_ics(&shown, self.clock.now()));
                        self.attempt(message, &letter, to, sms, calendar).await
                    }
                }
            }
            (None, Some(entry)) => {
                let subject = self.store.entry_subject(entry, message).await?;
                match decide_waitlist(message, &subject, now) {
                    Err(why) => Outcome::Skipped(why),
                    Ok(kind) => {
                        let lang = stored_language(&subject.language);
                        let letter = messages::waitlist_letter(
                            kind,
                            &subject,
                            &self.catalog,
                            lang,
                            &self.mail.site_url,
                        );
                        self.attempt(message, &letter, subject.email.as_deref(), None, None).await
                    }
                }
            }
            (None, None) => Outcome::Skipped("unknown_subject"),
        };
        let kind = message.kind.clone();
        match &outcome {
            Outcome::Sent => metrics::counter!("citas_messages_sent_total", "kind" => kind, "channel" => message.channel.clone()).increment(1),
            Outcome::Skipped(why) => metrics::counter!("citas_messages_skipped_total", "kind" => kind, "why" => *why).increment(1),
            Outcome::Failed { detail, .. } => {
                tracing::warn!(message = message.id, attempts = message.attempts, %detail, "a message to a citizen failed; it will be tried again");
                metrics::counter!("citas_messages_retried_total", "kind" => kind).increment(1);
            }
            Outcome::GivenUp(detail) => {
                tracing::error!(message = message.id, attempts = message.attempts, %detail, "a message to a citizen was given up");
                metrics::counter!("citas_messages_given_up_total", "kind" => kind).increment(1);
            }
        }
        self.store.record_attempt(message.id, self.clock.now().timestamp(), &outcome).await
    }

    /// Sends `letter` by the message's channel (an e-mail to `to`, or an SMS to the phone of
    /// `sms` with the code), and says how the attempt ended.
    async fn attempt(
        &self,
        message: &Claimed,
        letter: &messages::Letter,
        to: Option<&str>,
        sms: Option<(&str, &str)>,
        calendar: Option<String>,
    ) -> Outcome {
        let sent = if message.channel == "sms" {
            let (phone, code) = sms.unwrap_or_default();
            self.sms.send(phone, &format!("{} ({code})", letter.subject)).map_err(Failure::Failed)
        } else {
            self.send(message, letter, to.unwrap_or_default(), calendar).await
        };
        match sent {
            Ok(()) => Outcome::Sent,
            Err(Failure::Unsendable(detail)) => Outcome::GivenUp(detail),
            Err(Failure::Failed(detail)) => self.failed(message, detail),
        }
    }

    /// How long before an appointment its reminder goes, in seconds.
    fn lead(&self) -> i64 {
        i64::from(self.mail.reminder_hours) * 3600
    }

    /// A failed attempt: tried again after a wait that doubles each time, or given up after
    /// `max_attempts`. The wait counts from the failure, not from the attempt's start: a mail
    /// server that took its timeout to fail gets the whole wait before the next try.
    fn failed(&self, message: &Claimed, detail: String) -> Outcome {
        if message.attempts >= i64::from(self.mail.max_attempts) {
            return Outcome::GivenUp(detail);
        }
        let doublings = u32::try_from(message.attempts - 1).unwrap_or(0).min(20);
        let wait = (i64::from(self.mail.retry_seconds) << doublings).min(LONGEST_RETRY_SECONDS);
        Outcome::Failed { detail, retry_at: self.clock.now().timestamp() + wait }
    }

    /// Sends `letter` to `to` by e-mail, with `calendar` attached as cita.ics when given.
    async fn send(
        &self,
        message: &Claimed,
        letter: &messages::Letter,
        to: &str,
        calendar: Option<String>,
    ) -> Result<(), Failure> {
        let unsendable =
            |what: &str| Failure::Unsendable(format!("the {what} cannot be written in a message"));
        let to: Mailbox = to.parse().map_err(|_| unsendable("address"))?;
        let mut builder = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(letter.subject.clone())
            .date(self.clock.now().into())
            .message_id(Some(message_id(message, &self.from)))
            .header(ContentLanguage(letter.lang.code().to_owned()))
            .header(AutoSubmitted("auto-generated".to_owned()));
        if let Some(reply_to) = &self.reply_to {
            builder = builder.reply_to(reply_to.clone());
        }
        let body = MultiPart::alternative_plain_html(letter.text(), letter.html());
        let email = match calendar {
            Some(ics) => {
                let calendar = ContentType::parse("text/calendar; charset=utf-8; method=PUBLISH")
                    .expect("a valid content type");
                let attachment = Attachment::new("cita.ics".to_owned()).body(ics, calendar);
                builder.multipart(MultiPart::mixed().multipart(body).singlepart(attachment))
            }
            None => builder.multipart(body),
        };
        let email = email.map_err(|_| unsendable("message"))?;
        self.transport.send(&email).await.map_err(Failure::Failed)
    }
}

/// Why a message was not sent.
enum Failure {
    /// It cannot be written (an address the mail library refuses): no retry mends that.
    Unsendable(String),
    /// The mail server refused it or could not be reached: worth trying again.
    Failed(String),
}

/// Whether a claimed message is still worth sending, as the appointment is now: its kind, or
/// why it is skipped. What a change reports goes only if nothing changed since (the later
/// change's own message says what holds: a cancellation or a move); a cancellation always
/// goes. A reminder goes only for an appointment not started, not attended, and booked or moved
/// earlier than the reminder's lead before it (else the confirmation has just told them).
pub fn decide(message: &Claimed, subject: &Subject, now: i64, lead: i64) -> Result<Kind, &'static str> {
    let kind = Kind::parse(&message.kind).ok_or("unknown_kind")?;
    let a = &subject.appointment;
    let reachable = match message.channel.as_str() {
        "email" => a.email.is_some(),
        _ => a.phone.is_some(),
    };
    if !reachable {
        return Err("no_contact");
    }
    if kind == Kind::Cancelled {
        return Ok(kind);
    }
    if subject.latest != Some(message.version) {
        return Err("superseded");
    }
    // A cancellation is a later version, so what it supersedes stops above; a check-in is not.
    if kind == Kind::Reminder {
        if now >= a.start_at {
            return Err("started");
        }
        if a.attendance.is_some() {
            return Err("attended");
        }
        if subject.version_at.is_some_and(|at| at >= a.start_at - lead) {
            return Err("booked_recently");
        }
    }
    Ok(kind)
}

/// The language a message is written in, as stored ("es" or "en").
fn stored_language(code: &str) -> Lang {
    if code == "en" { Lang::En } else { Lang::Es }
}

/// Whether a claimed message about an entry of the waiting list is still worth sending: joining
/// is confirmed while the entry waits; an offer goes while it is open and has time left.
pub fn decide_waitlist(
    message: &Claimed,
    subject: &EntrySubject,
    now: i64,
) -> Result<EntryKind, &'static str> {
    let kind = EntryKind::parse(&message.kind).ok_or("unknown_kind")?;
    if subject.email.is_none() || subject.state != "waiting" {
        return Err("not_waiting");
    }
    if kind == EntryKind::Offer
        && (subject.offer_state.as_deref() != Some("open") || subject.expires_at.is_none_or(|at| at <= now))
    {
        return Err("superseded");
    }
    Ok(kind)
}

/// The same for every attempt at one message, on any instance: its outbox key, at the sender's
/// domain (an entry's with a "w" before its id).
fn message_id(message: &Claimed, from: &Mailbox) -> String {
    let subject = match (message.appointment_id, message.waitlist_id) {
        (Some(appointment), _) => appointment.to_string(),
        (None, entry) => format!("w{}", entry.unwrap_or_default()),
    };
    format!(
        "<citas.{}.{}.{}.{}@{}>",
        subject,
        message.kind,
        message.version,
        message.channel,
        from.email.domain()
    )
}

/// The language of the message (RFC 3282).
#[derive(Clone)]
struct ContentLanguage(String);

/// A message no person wrote (RFC 3834): auto-responders do not answer it.
#[derive(Clone)]
struct AutoSubmitted(String);

macro_rules! text_header {
    ($type:ident, $name:literal) => {
        impl Header for $type {
            fn name() -> HeaderName {
                HeaderName::new_from_ascii_str($name)
            }

            fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
                Ok($type(s.to_owned()))
            }

            fn display(&self) -> HeaderValue {
                HeaderValue::new(Self::name(), self.0.clone())
            }
        }
    };
}

text_header!(ContentLanguage, "Content-Language");
text_header!(AutoSubmitted, "Auto-Submitted");
