//! Messages to citizens, received by a real SMTP server (smtp_sink.rs): what each says, in the
//! language of the booking; the reminder's timing on the server's clock, and no reminder for a
//! cancelled appointment or the old time of a moved one; a mail server that is down or refuses;
//! a server killed before a message went, or while it was going; several instances on one
//! outbox. Messages wait in the database, so every test waits for what the sender does on its own
//! time by polling, with a deadline.

use crate::helpers::*;
use crate::processes::{ServerProcess, spawn_server, spawn_server_with, start_server};
use crate::smtp_sink::{Authority, Mode, PASSWORD, Received, SmtpSink, USER, closed_port, tls_in_front_of};
use chrono::Duration;
use citas_domain::api::staff::Role;
use futures::future::join_all;
use mail_parser::MimeHeaders;
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::collections::{HashMap, HashSet};

/// Where the test configuration says citizens reach the site (the messages' links).
const SITE: &str = "https://citas.example.gov.co";
/// The domain of the test configuration's sender: every Message-ID's.
const DOMAIN: &str = "defensoria.example";
const TOMORROW_8: &str = "2026-12-02T08:00:00-05:00";
const TOMORROW_830: &str = "2026-12-02T08:30:00-05:00";
const TOMORROW_9: &str = "2026-12-02T09:00:00-05:00";
const TOMORROW_10: &str = "2026-12-02T10:00:00-05:00";
const TOMORROW_11: &str = "2026-12-02T11:00:00-05:00";

/// A server whose messages go to a mail server of its own.
async fn spawn() -> (TestApp, SmtpSink) {
    spawn_changing(|_| {}).await
}

/// The same, with `change` applied to the `[mail]` section.
async fn spawn_changing(change: impl FnOnce(&mut toml::Table)) -> (TestApp, SmtpSink) {
    let sink = SmtpSink::start();
    let app = TestApp::spawn_with(&mail_config_with(sink.port, change)).await;
    (app, sink)
}

/// A booking in Bogotá at `start` by the cédula `number`, with the e-mail `email`.
fn booking_by(start: &str, number: &str, email: &str) -> Value {
    let mut body = booking(start, number);
    body["email"] = json!(email);
    body
}

/// Books: the appointment's code and its id in the database.
async fn book(app: &TestApp, body: &Value) -> (String, i64) {
    let response = app.book(body).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let code = json_of(response).await["code"].as_str().unwrap().to_owned();
    (code.clone(), appointment_id(&app.db, &code).await)
}

async fn appointment_id(db: &sqlx::AnyPool, code: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM appointments WHERE code = $1")
        .bind(code.replace('-', ""))
        .fetch_one(db)
        .await
        .unwrap()
}

/// The id of the appointment's latest event `action` in its history: the version its message
/// reports.
async fn event_id(db: &sqlx::AnyPool, appointment: i64, action: &str) -> i64 {
    sqlx::query_scalar("SELECT MAX(id) FROM appointment_events WHERE appointment_id = $1 AND action = $2")
        .bind(appointment)
        .bind(action)
        .fetch_one(db)
        .await
        .unwrap()
}

/// The Message-ID the message `kind` of version `version` of the appointment `id` must have.
fn message_id(id: i64, kind: &str, version: i64) -> String {
    format!("citas.{id}.{kind}.{version}.email@{DOMAIN}")
}

/// An e-mail of the outbox: kind, version, state, attempts, due_at.
type Row = (String, i64, String, i64, i64);

/// The appointment's e-mails in the outbox, oldest first.
async fn emails(db: &sqlx::AnyPool, appointment: i64) -> Vec<Row> {
    sqlx::query_as(
        "SELECT kind, version, state, attempts, due_at FROM outbox
          WHERE appointment_id = $1 AND channel = 'email' ORDER BY id",
    )
    .bind(appointment)
    .fetch_all(db)
    .await
    .unwrap()
}

/// The appointment's e-mails of `kind`.
async fn emails_of(db: &sqlx::AnyPool, appointment: i64, kind: &str) -> Vec<Row> {
    emails(db, appointment).await.into_iter().filter(|row| row.0 == kind).collect()
}

/// The recorded attempts at the appointment's e-mail `kind`: outcome, detail, at.
async fn attempts(db: &sqlx::AnyPool, appointment: i64, kind: &str) -> Vec<(String, String, i64)> {
    sqlx::query_as(
        "SELECT t.outcome, t.detail, t.at FROM outbox_attempts t JOIN outbox o ON o.id = t.outbox_id
          WHERE o.appointment_id = $1 AND o.kind = $2 AND o.channel = 'email' ORDER BY t.id",
    )
    .bind(appointment)
    .bind(kind)
    .fetch_all(db)
    .await
    .unwrap()
}

/// Waits until the appointment's e-mails of `kind` are all done (none pending), at least one.
async fn settled(db: &sqlx::AnyPool, appointment: i64, kind: &str) -> Vec<Row> {
    eventually(&format!("the {kind} of appointment {appointment} done"), async || {
        let rows = emails_of(db, appointment, kind).await;
        (!rows.is_empty() && rows.iter().all(|row| row.2 != "pending")).then_some(rows)
    })
    .await
}

/// Waits until `count` attempts at the appointment's e-mail `kind` are recorded.
async fn attempted(
    db: &sqlx::AnyPool,
    appointment: i64,
    kind: &str,
    count: usize,
) -> Vec<(String, String, i64)> {
    eventually(&format!("{count} attempts at the {kind} of appointment {appointment}"), async || {
        let tried = attempts(db, appointment, kind).await;
        (tried.len() >= count).then_some(tried)
    })
    .await
}

/// The sum of a Prometheus counter's series that carry `labels`, as /metrics shows it now. The
/// recorder is the test process's, shared by the tests running at the same time: compare what
/// grew, at least.
async fn counter(app: &TestApp, name: &str, labels: &[(&str, &str)]) -> f64 {
    let url = format!("{}/metrics", app.metrics_base);
    let text = app.client.get(url).send().await.unwrap().text().await.unwrap();
    text.lines()
        .filter(|line| line.strip_prefix(name).is_some_and(|rest| rest.starts_with('{')))
        .filter(|line| labels.iter().all(|(k, v)| line.contains(&format!("{k}=\"{v}\""))))
        .map(|line| line.rsplit(' ').next().unwrap().parse::<f64>().unwrap())
        .sum()
}

/// "type/subtype" of every part of the message, in order.
fn structure(mail: &Received) -> Vec<String> {
    let message = mail.parsed();
    message
        .parts
        .iter()
        .map(|part| {
            let ct = part.content_type().expect("every part says its type");
            format!("{}/{}", ct.ctype(), ct.subtype().unwrap_or_default())
        })
        .collect()
}

/// HTML as a careful mail client wants it: its language declared, and nothing fetched from
/// anywhere (no images, scripts, styles or frames from outside: no tracking); the only
/// addresses are links to the site.
fn assert_self_contained_html(html: &str, lang: &str) {
    assert!(html.contains(&format!("<html lang=\"{lang}\">")), "{html}");
    for fetches in ["<img", "<script", "<link", "<iframe", "<object", "<embed", " src=", "url(", "@import"] {
        assert!(!html.to_lowercase().contains(fetches), "{fetches} in {html}");
    }
    for (at, _) in html.match_indices("http") {
        assert!(html[at..].starts_with(SITE), "an address off the site in {html}");
    }
}

#[tokio::test]
async fn the_confirmation_says_what_where_when_and_what_to_bring_with_the_ics_attached() {
    let (app, sink) = spawn().await;
    let (code, id) = book(&app, &booking_by(TOMORROW_9, "52345678", "ana@example.co")).await;
    let mail = sink.wait_for("ana@example.co", 1).await.remove(0);
    let message = mail.parsed();

    // Headers: who, what, and the stable Message-ID of (appointment, kind, version).
    let from = message.from().unwrap().first().unwrap();
    assert_eq!(from.address(), Some("citas@defensoria.example"));
    assert_eq!(from.name(), Some("Defensoría del Contribuyente"));
    assert_eq!(message.to().unwrap().first().unwrap().address(), Some("ana@example.co"));
    assert_eq!(message.reply_to().unwrap().first().unwrap().address(), Some("atencion@defensoria.example"));
    assert_eq!(
        mail.subject(),
        "Cita confirmada: miércoles 2 de diciembre de 2026 a las 9:00\u{a0}a.\u{a0}m."
    );
    let booked = event_id(&app.db, id, "booked").await;
    assert_eq!(mail.message_id(), message_id(id, "confirmation", booked));
    assert_eq!(mail.header("Content-Language").as_deref(), Some("es"));
    assert_eq!(mail.header("Auto-Submitted").as_deref(), Some("auto-generated"));
    assert!(message.date().is_some());

    // Text and HTML as alternatives of one another, and the appointment for a calendar.
    assert_eq!(
        structure(&mail),
        ["multipart/mixed", "multipart/alternative", "text/plain", "text/html", "text/calendar"]
    );
    let link = format!("{SITE}/mi-cita?codigo={code}");
    let text = mail.text();
    let html = mail.html();
    for part in [&text, &html] {
        for says in [
            code.as_str(),
            "Sede principal — Nivel Central, Carrera 8 n.º 6C-38, Edificio San Agustín — Bogotá",
            "miércoles 2 de diciembre de 2026",
            "9:00\u{a0}a.\u{a0}m. Preséntese a las 8:45\u{a0}a.\u{a0}m.",
            "Solo se atenderá la solicitud del documento con el que agendó (CC •••678).",
            "Qué llevar",
            "Su documento de identidad original.",
            link.as_str(),
        ] {
            assert!(part.contains(says), "{says:?} missing in {part}");
        }
        // The document is only ever shown masked.
        assert!(!part.contains("52345678"), "{part}");
    }
    assert!(html.contains(&format!("<a href=\"{link}\"")), "{html}");
    assert_self_contained_html(&html, "es");

    let ics = message.attachments().next().expect("the .ics attached");
    assert_eq!(ics.attachment_name(), Some("cita.ics"));
    assert!(ics.is_content_type("text", "calendar"));
    let calendar = String::from_utf8(ics.contents().to_vec()).unwrap();
    assert!(calendar.starts_with("BEGIN:VCALENDAR\r\n"), "{calendar}");
    assert!(calendar.contains("\r\nDTSTART:20261202T140000Z\r\n"), "{calendar}");
    assert!(calendar.contains("\r\nDTEND:20261202T143000Z\r\n"), "{calendar}");
    assert!(calendar.trim_end().ends_with("END:VCALENDAR"), "{calendar}");

    // Sent once: done in the outbox, and the only message the mail server got (the phone's SMS
    // is only logged).
    let rows = settled(&app.db, id, "confirmation").await;
    assert_eq!(rows.len(), 1);
    assert_eq!((rows[0].2.as_str(), rows[0].3), ("sent", 1));
    assert_eq!(attempts(&app.db, id, "confirmation").await.len(), 1);
    assert_eq!(sink.all().len(), 1);
}

#[tokio::test]
async fn messages_are_in_the_language_the_citizen_booked_in() {
    let (app, sink) = spawn().await;
    let response = app
        .client
        .post(format!("{}/api/v1/appointments", app.base))
        .header("accept-language", "en-US,en;q=0.9")
        .json(&booking_by(TOMORROW_9, "52345678", "ana@example.co"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CREATED);
    let code = json_of(response).await["code"].as_str().unwrap().to_owned();
    let mail = sink.wait_for("ana@example.co", 1).await.remove(0);
    assert_eq!(mail.subject(), "Appointment confirmed: Wednesday, December 2, 2026 at 9:00\u{a0}AM");
    assert_eq!(mail.header("Content-Language").as_deref(), Some("en"));
    let link = format!("{SITE}/mi-cita?codigo={code}");
    let (text, html) = (mail.text(), mail.html());
    for part in [&text, &html] {
        for says in [
            code.as_str(),
            "Sede principal — Nivel Central",
            "Wednesday, December 2, 2026",
            "9:00\u{a0}AM. Please arrive by 8:45\u{a0}AM",
            "Only the request of the document you booked with (CC •••678) will be attended.",
            "What to bring",
            "Your original identity document.",
            link.as_str(),
        ] {
            assert!(part.contains(says), "{says:?} missing in {part}");
        }
        for spanish in ["Preséntese", "Qué llevar", "diciembre"] {
            assert!(!part.contains(spanish), "{spanish} in {part}");
        }
    }
    assert_self_contained_html(&html, "en");
    assert_eq!(mail.parsed().attachments().count(), 1);

    // The language is the booking's: a move asked for without Accept-Language is told in English.
    let moved = app
        .post(
            &format!("/api/v1/appointments/{code}/reschedule"),
            &json!({"document": {"kind": "CC", "number": "52345678"}, "start": "2026-12-03T11:00:00-05:00"}),
        )
        .await;
    assert_eq!(moved.status(), StatusCode::OK);
    let moved = sink.wait_for("ana@example.co", 2).await.remove(1);
    assert_eq!(
        moved.subject(),
        "Your appointment has a new time: Thursday, December 3, 2026 at 11:00\u{a0}AM"
    );
    assert_eq!(moved.header("Content-Language").as_deref(), Some("en"));
}

#[tokio::test]
async fn the_reminder_goes_once_reminder_hours_before_the_start_never_earlier() {
    let (app, sink) = spawn().await;
    let reminded =
        counter(&app, "citas_messages_skipped_total", &[("kind", "reminder"), ("why", "booked_recently")])
            .await;
    // Three appointments tomorrow an hour apart: their reminders (24 hours before) come due as
    // the clock passes 8:00, 9:00 and 10:00 today. One more today at 10:00, booked already within
    // the 24 hours: its confirmation has just told them, so it gets no reminder.
    let (_, first) = book(&app, &booking_by(TOMORROW_8, "10000001", "p@example.co")).await;
    let (code, second) = book(&app, &booking_by(TOMORROW_9, "10000002", "a@example.co")).await;
    let (_, third) = book(&app, &booking_by(TOMORROW_10, "10000003", "q@example.co")).await;
    let (_, today) = book(&app, &booking_by("2026-12-01T10:00:00-05:00", "10000004", "r@example.co")).await;
    for to in ["p@example.co", "a@example.co", "q@example.co", "r@example.co"] {
        sink.wait_for(to, 1).await;
    }
    let skipped = settled(&app.db, today, "reminder").await;
    assert_eq!(skipped[0].2, "skipped");
    assert_eq!(attempts(&app.db, today, "reminder").await[0].1, "booked_recently");
    assert!(
        counter(&app, "citas_messages_skipped_total", &[("kind", "reminder"), ("why", "booked_recently")])
            .await
            > reminded
    );
    for appointment in [first, second, third] {
        assert!(emails_of(&app.db, appointment, "reminder").await.is_empty());
    }

    // 8:01: the first one's reminder goes. It was queued by the same statement that would have
    // queued the second's, had that been due: it was not, 59 minutes early.
    app.clock.advance(Duration::minutes(61));
    let reminder = sink.wait_for("p@example.co", 2).await.remove(1);
    assert!(
        reminder
            .subject()
            .starts_with("Recordatorio de su cita: miércoles 2 de diciembre de 2026 a las 8:00")
    );
    assert!(emails_of(&app.db, second, "reminder").await.is_empty());
    assert_eq!(sink.delivered_to("a@example.co").len(), 1);

    // 9:01: the second one's.
    app.clock.advance(Duration::hours(1));
    let reminder = sink.wait_for("a@example.co", 2).await.remove(1);
    assert_eq!(
        reminder.subject(),
        "Recordatorio de su cita: miércoles 2 de diciembre de 2026 a las 9:00\u{a0}a.\u{a0}m."
    );
    let booked = event_id(&app.db, second, "booked").await;
    assert_eq!(reminder.message_id(), message_id(second, "reminder", booked));
    let text = reminder.text();
    for says in
        [code.as_str(), "Preséntese a las 8:45\u{a0}a.\u{a0}m.", &format!("{SITE}/mi-cita?codigo={code}")]
    {
        assert!(text.contains(says), "{says:?} missing in {text}");
    }
    assert_eq!(reminder.parsed().attachments().count(), 0);
    assert!(emails_of(&app.db, third, "reminder").await.is_empty());

    // 10:01: the third one's; the rounds since queued no second reminder for anyone.
    app.clock.advance(Duration::hours(1));
    sink.wait_for("q@example.co", 2).await;
    settled(&app.db, third, "reminder").await;
    for (appointment, to) in [(first, "p@example.co"), (second, "a@example.co"), (third, "q@example.co")] {
        let rows = emails_of(&app.db, appointment, "reminder").await;
        assert_eq!(rows.len(), 1, "{to}: {rows:?}");
        assert_eq!(rows[0].2, "sent");
        assert_eq!(sink.delivered_to(to).len(), 2, "{to}");
    }
    assert_eq!(sink.delivered_to("r@example.co").len(), 1);
}

/// The reminders of two appointments are queued while the mail server refuses them; then one
/// appointment is cancelled and the other moved. Whether a reminder still holds is decided when
/// it is sent: neither goes, the cancellation and the move do, and the moved one's reminder
/// comes for its new time only.
#[tokio::test]
async fn no_reminder_for_a_cancelled_appointment_nor_for_the_old_time_of_a_moved_one() {
    let (app, sink) = spawn().await;
    let (cancelled, c) = book(&app, &booking_by(TOMORROW_8, "20000001", "c@example.co")).await;
    let (moved, m) = book(&app, &booking_by(TOMORROW_830, "20000002", "m@example.co")).await;
    sink.wait_for("c@example.co", 1).await;
    sink.wait_for("m@example.co", 1).await;
    let superseded =
        counter(&app, "citas_messages_skipped_total", &[("kind", "reminder"), ("why", "superseded")]).await;

    sink.set_mode(Mode::RefuseRecipient(451));
    app.clock.advance(Duration::minutes(91)); // 8:31: both reminders due
    attempted(&app.db, c, "reminder", 1).await;
    attempted(&app.db, m, "reminder", 1).await;
    let document = |number: &str| json!({"document": {"kind": "CC", "number": number}});
    let cancel = app.post(&format!("/api/v1/appointments/{cancelled}/cancel"), &document("20000001")).await;
    assert_eq!(cancel.status(), StatusCode::OK);
    let mut to_eleven = document("20000002");
    to_eleven["start"] = json!(TOMORROW_11);
    let reschedule = app.post(&format!("/api/v1/appointments/{moved}/reschedule"), &to_eleven).await;
    assert_eq!(reschedule.status(), StatusCode::OK);

    // The mail server is back, and the retries are due.
    sink.set_mode(Mode::Accept);
    app.clock.advance(Duration::minutes(5));
    let told = sink.wait_for("c@example.co", 2).await.remove(1);
    assert!(told.subject().starts_with("Cita cancelada"), "{}", told.subject());
    let told = sink.wait_for("m@example.co", 2).await.remove(1);
    let subject = told.subject();
    assert!(
        subject.starts_with("Su cita cambió de hora: miércoles 2 de diciembre de 2026 a las 11:00"),
        "{subject}"
    );
    for appointment in [c, m] {
        let rows = settled(&app.db, appointment, "reminder").await;
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].2, "skipped");
        assert_eq!(attempts(&app.db, appointment, "reminder").await.last().unwrap().1, "superseded");
    }
    assert!(
        counter(&app, "citas_messages_skipped_total", &[("kind", "reminder"), ("why", "superseded")]).await
            >= superseded + 2.0
    );

    // 11:01: the moved appointment's reminder, for 11:00, reporting the move; none for the
    // cancelled one.
    app.clock.advance(Duration::minutes(150));
    let reminder = sink.wait_for("m@example.co", 3).await.remove(2);
    assert_eq!(
        reminder.subject(),
        "Recordatorio de su cita: miércoles 2 de diciembre de 2026 a las 11:00\u{a0}a.\u{a0}m."
    );
    let rescheduled = event_id(&app.db, m, "rescheduled").await;
    assert_eq!(reminder.message_id(), message_id(m, "reminder", rescheduled));
    assert!(reminder.text().contains("Preséntese a las 10:45\u{a0}a.\u{a0}m."));
    let reminders = |to: &'static str| {
        sink.delivered_to(to).into_iter().filter(|mail| mail.subject().starts_with("Recordatorio")).count()
    };
    assert_eq!(reminders("m@example.co"), 1);
    assert_eq!(reminders("c@example.co"), 0);
    assert_eq!(emails_of(&app.db, c, "reminder").await.len(), 1);
}

/// A reminder the mail server kept refusing until the appointment had started is not sent late.
#[tokio::test]
async fn a_reminder_held_up_until_the_appointment_started_is_not_sent() {
    let (app, sink) = spawn_changing(|mail| {
        mail.insert("max_attempts".into(), 8.into());
    })
    .await;
    let (_, id) = book(&app, &booking_by(TOMORROW_8, "25000001", "ana@example.co")).await;
    sink.wait_for("ana@example.co", 1).await;
    sink.set_mode(Mode::RefuseRecipient(451));
    app.clock.advance(Duration::minutes(61)); // 8:01: the reminder is due, and refused
    attempted(&app.db, id, "reminder", 1).await;
    sink.set_mode(Mode::Accept);
    app.clock.advance(Duration::hours(24)); // 8:02 tomorrow: its retry is due, two minutes late
    let rows = settled(&app.db, id, "reminder").await;
    assert_eq!(rows[0].2, "skipped");
    assert_eq!(attempts(&app.db, id, "reminder").await.last().unwrap().1, "started");
    assert_eq!(sink.delivered_to("ana@example.co").len(), 1);
}

#[tokio::test]
async fn a_move_and_a_cancellation_are_told_and_an_office_cancellation_gives_its_reason() {
    let (app, sink) = spawn().await;
    let (moved, m) = book(&app, &booking_by(TOMORROW_9, "30000001", "m@example.co")).await;
    let (cancelled, c) = book(&app, &booking_by(TOMORROW_10, "30000002", "c@example.co")).await;
    let (closed, o) = book(&app, &booking_by(TOMORROW_11, "30000003", "o@example.co")).await;
    for to in ["m@example.co", "c@example.co", "o@example.co"] {
        sink.wait_for(to, 1).await;
    }
    let document = |number: &str| json!({"document": {"kind": "CC", "number": number}});

    // Moved: the new time, and the way back to "Mi cita".
    let mut later = document("30000001");
    later["start"] = json!("2026-12-03T11:00:00-05:00");
    assert_eq!(
        app.post(&format!("/api/v1/appointments/{moved}/reschedule"), &later).await.status(),
        StatusCode::OK
    );
    let mail = sink.wait_for("m@example.co", 2).await.remove(1);
    assert_eq!(
        mail.subject(),
        "Su cita cambió de hora: jueves 3 de diciembre de 2026 a las 11:00\u{a0}a.\u{a0}m."
    );
    assert_eq!(mail.message_id(), message_id(m, "moved", event_id(&app.db, m, "rescheduled").await));
    let text = mail.text();
    for says in [
        "Su cita tiene una nueva fecha u hora",
        moved.as_str(),
        "jueves 3 de diciembre de 2026",
        "Preséntese a las 10:45\u{a0}a.\u{a0}m.",
        &format!("{SITE}/mi-cita?codigo={moved}"),
    ] {
        assert!(text.contains(says), "{says:?} missing in {text}");
    }
    assert!(!text.contains("miércoles 2 de diciembre"), "the old time in {text}");
    assert_self_contained_html(&mail.html(), "es");

    // Cancelled by the citizen.
    assert_eq!(
        app.post(&format!("/api/v1/appointments/{cancelled}/cancel"), &document("30000002")).await.status(),
        StatusCode::OK
    );
    let mail = sink.wait_for("c@example.co", 2).await.remove(1);
    assert_eq!(
        mail.subject(),
        "Cita cancelada: miércoles 2 de diciembre de 2026 a las 10:00\u{a0}a.\u{a0}m."
    );
    assert_eq!(mail.message_id(), message_id(c, "cancelled", event_id(&app.db, c, "cancelled").await));
    let text = mail.text();
    assert!(text.contains("Su cita fue cancelada, como lo pidió."), "{text}");
    assert!(text.contains(&format!("{SITE}/agendar")), "{text}");
    assert!(!text.contains("Motivo") && !text.contains("mi-cita?codigo"), "{text}");

    // Cancelled by the office, with its reason (written as the official wrote it, and escaped in
    // the HTML).
    app.add_official("luis@dian.gov.co", Role::Funcionario, &["bogota"]).await;
    let official = app.sign_in("luis@dian.gov.co").await;
    let reason = "La sede cierra por una visita de la <Contraloría> & el aseo general.";
    let cancel = official
        .post(&format!("/api/v1/staff/appointments/{closed}/cancel"), &json!({"reason": reason}))
        .await;
    assert_eq!(cancel.status(), StatusCode::OK);
    let mail = sink.wait_for("o@example.co", 2).await.remove(1);
    assert!(mail.subject().starts_with("Cita cancelada: miércoles 2 de diciembre de 2026 a las 11:00"));
    assert_eq!(
        mail.message_id(),
        message_id(o, "cancelled", event_id(&app.db, o, "cancelled_by_office").await)
    );
    assert!(
        mail.text().contains(&format!("La oficina canceló su cita. Motivo: {reason}")),
        "{}",
        mail.text()
    );
    let html = mail.html();
    assert!(
        html.contains(
            "Motivo: La sede cierra por una visita de la &lt;Contraloría&gt; &amp; el aseo general."
        ),
        "{html}"
    );
    assert!(!html.contains("<Contraloría>"));

    // Each change told once: 2 messages to each of them.
    for (appointment, to) in [(m, "m@example.co"), (c, "c@example.co"), (o, "o@example.co")] {
        for kind in ["confirmation", "moved", "cancelled"] {
            if !emails_of(&app.db, appointment, kind).await.is_empty() {
                settled(&app.db, appointment, kind).await;
            }
        }
        assert_eq!(sink.delivered_to(to).len(), 2, "{to}");
    }
    assert_eq!(sink.all().len(), 6);
}

#[tokio::test]
async fn an_appointment_without_an_email_gets_no_mail_and_books_as_usual() {
    let (app, sink) = spawn().await;
    // A phone and no e-mail: its message goes by SMS only (logged, as no provider is connected).
    let (_, phone_only) = book(&app, &booking_by(TOMORROW_9, "40000001", "")).await;
    // Neither.
    let mut nothing = booking_by(TOMORROW_10, "40000002", "");
    nothing["phone"] = Value::Null;
    let (_, unreachable) = book(&app, &nothing).await;
    // One more with an e-mail, queued after both: once it is delivered, theirs were decided.
    book(&app, &booking_by(TOMORROW_11, "40000003", "ana@example.co")).await;
    sink.wait_for("ana@example.co", 1).await;

    assert!(emails(&app.db, phone_only).await.is_empty());
    let sms: Vec<(String, String)> =
        sqlx::query_as("SELECT kind, state FROM outbox WHERE appointment_id = $1 AND channel = 'sms'")
            .bind(phone_only)
            .fetch_all(&app.db)
            .await
            .unwrap();
    assert_eq!(sms, [("confirmation".to_owned(), "sent".to_owned())]);
    let queued: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE appointment_id = $1")
        .bind(unreachable)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(queued, 0);
    assert_eq!(sink.all().len(), 1);
}

/// How many seconds after an attempt the message is tried again: `retry_seconds` (60) after
/// the first failure, twice that after the second. The wait counts from the failure, and the
/// attempt is recorded just after it: the two may be a second apart.
fn assert_retry_after(row: &Row, attempt: &(String, String, i64), wait: i64) {
    let after = row.4 - attempt.2;
    assert!((wait - 1..=wait).contains(&after), "tried again {after} s after, not {wait}");
}

#[tokio::test]
async fn a_mail_server_that_is_down_fails_no_booking_and_the_message_is_retried_then_given_up() {
    let app = TestApp::spawn_with(&mail_config(closed_port())).await;
    let retried = counter(&app, "citas_messages_retried_total", &[("kind", "confirmation")]).await;
    let given_up = counter(&app, "citas_messages_given_up_total", &[("kind", "confirmation")]).await;
    let (_, id) = book(&app, &booking_by(TOMORROW_9, "50000001", "ana@example.co")).await;

    let tried = attempted(&app.db, id, "confirmation", 1).await;
    assert_eq!(tried[0].0, "failed");
    assert_eq!(tried[0].1, "no connection to the mail server");
    let row = emails_of(&app.db, id, "confirmation").await.remove(0);
    assert_eq!((row.2.as_str(), row.3), ("pending", 1));
    assert_retry_after(&row, &tried[0], 60);
    // Bookings go on while the mail server is down.
    book(&app, &booking_by(TOMORROW_10, "50000002", "luis@example.co")).await;

    app.clock.advance(Duration::seconds(61));
    let tried = attempted(&app.db, id, "confirmation", 2).await;
    assert_eq!(tried[1].0, "failed");
    let row = emails_of(&app.db, id, "confirmation").await.remove(0);
    assert_eq!((row.2.as_str(), row.3), ("pending", 2));
    assert_retry_after(&row, &tried[1], 120);

    // The third attempt is the last (max_attempts = 3).
    app.clock.advance(Duration::seconds(121));
    let tried = attempted(&app.db, id, "confirmation", 3).await;
    assert_eq!(tried[2].0, "given_up");
    assert_eq!(tried[2].1, "no connection to the mail server");
    let row = settled(&app.db, id, "confirmation").await.remove(0);
    assert_eq!((row.2.as_str(), row.3), ("given_up", 3));
    assert!(
        counter(&app, "citas_messages_retried_total", &[("kind", "confirmation")]).await >= retried + 2.0
    );
    assert!(
        counter(&app, "citas_messages_given_up_total", &[("kind", "confirmation")]).await >= given_up + 1.0
    );
}

#[tokio::test]
async fn a_mail_server_that_refuses_for_now_gets_the_message_later_under_the_same_message_id() {
    let (app, sink) = spawn().await;
    let sent =
        counter(&app, "citas_messages_sent_total", &[("kind", "confirmation"), ("channel", "email")]).await;
    // Greylisting: the recipient refused for now.
    sink.set_mode(Mode::RefuseRecipient(451));
    let (_, id) = book(&app, &booking_by(TOMORROW_9, "60000001", "ana@example.co")).await;
    let tried = attempted(&app.db, id, "confirmation", 1).await;
    assert_eq!((tried[0].0.as_str(), tried[0].1.as_str()), ("failed", "the mail server answered 451"));

    // The message taken, then the connection closed (421) before it was accepted.
    sink.set_mode(Mode::Close);
    app.clock.advance(Duration::seconds(61));
    let tried = attempted(&app.db, id, "confirmation", 2).await;
    assert_eq!((tried[1].0.as_str(), tried[1].1.as_str()), ("failed", "the mail server answered 421"));

    // The third and last attempt goes through.
    sink.set_mode(Mode::Accept);
    app.clock.advance(Duration::seconds(121));
    let delivered = sink.wait_for("ana@example.co", 1).await;
    let row = settled(&app.db, id, "confirmation").await.remove(0);
    assert_eq!((row.2.as_str(), row.3), ("sent", 3));
    let outcomes: Vec<String> =
        attempts(&app.db, id, "confirmation").await.into_iter().map(|a| a.0).collect();
    assert_eq!(outcomes, ["failed", "failed", "sent"]);
    // The copy the mail server had before closing and the delivered one are the same message to
    // a mail client.
    let all = sink.all();
    assert_eq!(all.len(), 3);
    assert!(!all[0].accepted && !all[1].accepted && all[2].accepted);
    assert_eq!(all[1].message_id(), delivered[0].message_id());
    assert!(
        counter(&app, "citas_messages_sent_total", &[("kind", "confirmation"), ("channel", "email")]).await
            >= sent + 1.0
    );
}

#[tokio::test]
async fn a_mail_server_that_refuses_for_good_is_tried_max_attempts_times_and_no_booking_fails() {
    let (app, sink) = spawn().await;
    let given_up = counter(&app, "citas_messages_given_up_total", &[("kind", "confirmation")]).await;
    sink.set_mode(Mode::RefuseRecipient(550));
    let (_, id) = book(&app, &booking_by(TOMORROW_9, "70000001", "ana@example.co")).await;
    attempted(&app.db, id, "confirmation", 1).await;
    app.clock.advance(Duration::seconds(61));
    attempted(&app.db, id, "confirmation", 2).await;
    app.clock.advance(Duration::seconds(121));
    let tried = attempted(&app.db, id, "confirmation", 3).await;
    let outcomes: Vec<&str> = tried.iter().map(|a| a.0.as_str()).collect();
    assert_eq!(outcomes, ["failed", "failed", "given_up"]);
    for (_, detail, _) in &tried {
        // What failed, never to whom.
        assert_eq!(detail, "the mail server answered 550");
    }
    assert_eq!(settled(&app.db, id, "confirmation").await[0].2, "given_up");
    let all = sink.all();
    assert_eq!(all.len(), 3);
    assert!(all.iter().all(|mail| !mail.accepted && mail.to == ["ana@example.co"]));
    assert!(
        counter(&app, "citas_messages_given_up_total", &[("kind", "confirmation")]).await >= given_up + 1.0
    );
    // And bookings go on.
    book(&app, &booking_by(TOMORROW_10, "70000002", "luis@example.co")).await;
}

#[tokio::test]
async fn a_mail_server_that_stops_answering_fails_the_attempt_after_send_timeout_seconds() {
    let (app, sink) = spawn_changing(|mail| {
        mail.insert("send_timeout_seconds".into(), 2.into());
    })
    .await;
    sink.set_mode(Mode::Hang);
    let booking_at = std::time::Instant::now();
    let (_, id) = book(&app, &booking_by(TOMORROW_9, "75000001", "ana@example.co")).await;
    let held = sink.wait_until("the confirmation", |all| !all.is_empty()).await.remove(0);
    let tried = attempted(&app.db, id, "confirmation", 1).await;
    assert_eq!(
        (tried[0].0.as_str(), tried[0].1.as_str()),
        ("failed", "the mail server did not answer in time")
    );
    assert!(booking_at.elapsed() >= std::time::Duration::from_secs(2));

    // The sender was not held: the next attempt, and the next message, go.
    sink.set_mode(Mode::Accept);
    app.clock.advance(Duration::seconds(61));
    let delivered = sink.wait_for("ana@example.co", 1).await;
    assert_eq!(delivered[0].message_id(), held.message_id());
    book(&app, &booking_by(TOMORROW_10, "75000002", "luis@example.co")).await;
    sink.wait_for("luis@example.co", 1).await;
}

/// The configuration file of a server process whose messages go to the mail server on `port`,
/// with `change` applied to its `[mail]` section.
fn config_file(
    dir: &tempfile::TempDir,
    name: &str,
    port: u16,
    change: impl FnOnce(&mut toml::Table),
) -> String {
    let path = dir.path().join(name);
    std::fs::write(&path, mail_config_with(port, change)).unwrap();
    path.to_str().unwrap().to_owned()
}

/// Books through the server process at `base`: the code.
async fn book_at(client: &reqwest::Client, base: &str, body: Value) -> String {
    let response = client.post(format!("{base}/api/v1/appointments")).json(&body).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::CREATED);
    json_of(response).await["code"].as_str().unwrap().to_owned()
}

/// `[mail.smtp]` of a mail server on 127.0.0.1 reached with TLS (`security`: "starttls" or
/// "tls"), whose certificate is trusted when the authority of `ca_file` signed it, else only if
/// a public authority did.
fn with_tls(mail: &mut toml::Table, security: &str, ca_file: Option<&std::path::Path>) {
    let smtp = mail["smtp"].as_table_mut().unwrap();
    smtp.insert("security".into(), security.into());
    if let Some(ca_file) = ca_file {
        smtp.insert("ca_file".into(), ca_file.to_str().unwrap().into());
    }
}

/// Books through a server process whose mail server (`sink`, with `authority`'s certificate)
/// takes STARTTLS and an account, given `USER` and `password` in the environment: the attempts
/// at the confirmation, once there is one.
async fn confirmation_over_starttls(
    sink: &SmtpSink,
    authority: &Authority,
    password: &str,
) -> Vec<(String, String, i64)> {
    let database = TestDb::new().await;
    let dir = tempfile::tempdir().unwrap();
    let config = config_file(&dir, "citas.toml", sink.port, |mail| {
        with_tls(mail, "starttls", Some(&authority.ca_file));
    });
    let account = [("CITAS_SMTP_USER", USER), ("CITAS_SMTP_PASSWORD", password)];
    let server = spawn_server_with(&database.url, &["--config", &config], &account).listening();
    let client = reqwest::Client::new();
    let code = book_at(&client, &server.base, booking_by(TOMORROW_9, "52345678", "ana@example.co")).await;
    let db = database.pool().await;
    let id = appointment_id(&db, &code).await;
    let tried = attempted(&db, id, "confirmation", 1).await;
    db.close().await;
    tried
}

/// A mail server of the agency's own: STARTTLS with a certificate its own authority signed
/// (`ca_file`), and an account from the environment. The message goes, signed in.
#[tokio::test]
async fn messages_go_over_starttls_to_a_server_of_the_agencys_own_authority_signed_in() {
    let authority = Authority::new();
    let sink = SmtpSink::start_tls(&authority);
    let tried = confirmation_over_starttls(&sink, &authority, PASSWORD).await;
    assert_eq!(tried[0].0, "sent", "{tried:?}");
    assert_eq!(sink.delivered_to("ana@example.co").len(), 1);
    assert_eq!(sink.logins(), [USER], "signed in, which the sink allows only over TLS");
}

/// A wrong password: the attempt fails with the mail server's answer, and nothing is sent.
#[tokio::test]
async fn a_wrong_password_for_the_mail_server_fails_the_attempt_with_its_answer() {
    let authority = Authority::new();
    let sink = SmtpSink::start_tls(&authority);
    let tried = confirmation_over_starttls(&sink, &authority, "otra clave").await;
    assert_eq!((tried[0].0.as_str(), tried[0].1.as_str()), ("failed", "the mail server answered 535"));
    assert!(sink.all().is_empty() && sink.logins().is_empty());
}

/// A certificate no trusted authority signed (no `ca_file` for it): no message, no password,
/// nothing goes over a connection that could be someone else's.
#[tokio::test]
async fn a_mail_server_whose_certificate_is_not_trusted_gets_nothing() {
    let authority = Authority::new();
    let sink = SmtpSink::start_tls(&authority);
    let app =
        TestApp::spawn_with(&mail_config_with(sink.port, |mail| with_tls(mail, "starttls", None))).await;
    let (_, id) = book(&app, &booking_by(TOMORROW_9, "52345678", "ana@example.co")).await;
    let tried = attempted(&app.db, id, "confirmation", 1).await;
    assert_eq!((tried[0].0.as_str(), tried[0].1.as_str()), ("failed", "TLS with the mail server failed"));
    assert!(sink.all().is_empty());
}

/// TLS from the first byte (`security = "tls"`, port 465) to a server of the agency's own
/// authority: the message goes through it; without `ca_file`, nothing does.
#[tokio::test]
async fn messages_go_over_tls_from_the_first_byte_only_to_a_trusted_server() {
    let authority = Authority::new();
    let sink = SmtpSink::start();
    let port = tls_in_front_of(sink.port, &authority).await;
    for trusted in [false, true] {
        let ca_file = trusted.then_some(authority.ca_file.as_path());
        let app = TestApp::spawn_with(&mail_config_with(port, |mail| with_tls(mail, "tls", ca_file))).await;
        let (_, id) = book(&app, &booking_by(TOMORROW_9, "52345678", "ana@example.co")).await;
        let tried = attempted(&app.db, id, "confirmation", 1).await;
        let (outcome, detail) = (tried[0].0.as_str(), tried[0].1.as_str());
        if trusted {
            assert_eq!(outcome, "sent", "{detail}");
        } else {
            assert_eq!((outcome, detail), ("failed", "TLS with the mail server failed"));
        }
    }
    assert_eq!(sink.delivered_to("ana@example.co").len(), 1, "only through the trusted one");
}

/// A `ca_file` that is not there, or not a certificate: the server says so and does not start,
/// rather than fail every message later.
#[tokio::test]
async fn a_ca_file_that_is_not_a_certificate_stops_the_server_at_start() {
    let database = TestDb::new().await;
    let dir = tempfile::tempdir().unwrap();
    let not_pem = dir.path().join("ca.pem");
    std::fs::write(&not_pem, "no es un certificado").unwrap();
    for (name, ca_file) in [("missing.toml", dir.path().join("missing.pem")), ("garbled.toml", not_pem)] {
        let config =
            config_file(&dir, name, closed_port(), |mail| with_tls(mail, "starttls", Some(&ca_file)));
        let said = spawn_server(&database.url, &["--config", &config]).refused();
        assert!(said.contains(&format!("mail.smtp.ca_file {}", ca_file.display())), "{said}");
    }
}

/// A server is killed outright (SIGKILL) while its mail server is down: the confirmation it
/// queued waits in the database, and the next server sends it, once.
#[tokio::test]
async fn a_message_queued_by_a_server_killed_before_sending_it_is_sent_once_after_restart() {
    let database = TestDb::new().await;
    let sink = SmtpSink::start();
    let dir = tempfile::tempdir().unwrap();
    // Retries a second apart; enough attempts that none is given up before the restart.
    let retry = |mail: &mut toml::Table| {
        mail.insert("retry_seconds".into(), 1.into());
        mail.insert("max_attempts".into(), 20.into());
    };
    let down = config_file(&dir, "down.toml", closed_port(), retry);
    let up = config_file(&dir, "up.toml", sink.port, retry);
    let client = reqwest::Client::new();

    let mut first = start_server(&database.url, &["--config", &down]);
    let db = database.pool().await;
    let code = book_at(&client, &first.base, booking_by(TOMORROW_9, "52345678", "ana@example.co")).await;
    let id = appointment_id(&db, &code).await;
    attempted(&db, id, "confirmation", 1).await;
    first.kill();
    let row = emails_of(&db, id, "confirmation").await.remove(0);
    assert_eq!(row.2, "pending");

    let _second = start_server(&database.url, &["--config", &up]);
    let delivered = sink.wait_for("ana@example.co", 1).await;
    let booked = event_id(&db, id, "booked").await;
    assert_eq!(delivered[0].message_id(), message_id(id, "confirmation", booked));
    // Done, so no instance takes it again; and it was handed over once.
    let row = settled(&db, id, "confirmation").await.remove(0);
    assert_eq!(row.2, "sent");
    let outcomes: Vec<String> = attempts(&db, id, "confirmation").await.into_iter().map(|a| a.0).collect();
    assert_eq!(outcomes.last().map(String::as_str), Some("sent"));
    assert!(outcomes[..outcomes.len() - 1].iter().all(|o| o == "failed"), "{outcomes:?}");
    assert_eq!(sink.all().len(), 1);
    db.close().await;
}

/// A server is killed while the mail server holds its message without answering: the message
/// stays claimed by the dead server until its claim (`claim_seconds`) runs out, then the next
/// server sends it. That is the one message that can go twice, under the same Message-ID.
#[tokio::test]
async fn a_message_claimed_by_a_server_killed_while_sending_it_goes_again_only_when_the_claim_runs_out() {
    const CLAIM_SECONDS: u64 = 8;
    let database = TestDb::new().await;
    let sink = SmtpSink::start();
    let dir = tempfile::tempdir().unwrap();
    let config = config_file(&dir, "citas.toml", sink.port, |mail| {
        mail.insert("claim_seconds".into(), (CLAIM_SECONDS as i64).into());
        mail.insert("send_timeout_seconds".into(), 4.into());
    });
    let client = reqwest::Client::new();

    sink.set_mode(Mode::Hang);
    let mut first = start_server(&database.url, &["--config", &config]);
    let db = database.pool().await;
    let code = book_at(&client, &first.base, booking_by(TOMORROW_9, "52345678", "ana@example.co")).await;
    let held = sink.wait_until("the confirmation", |all| !all.is_empty()).await.remove(0);
    first.kill();
    sink.set_mode(Mode::Accept);
    let id = appointment_id(&db, &code).await;
    let row = emails_of(&db, id, "confirmation").await.remove(0);
    assert_eq!((row.2.as_str(), row.3), ("pending", 1));
    assert!(attempts(&db, id, "confirmation").await.is_empty());

    let _second = start_server(&database.url, &["--config", &config]);
    let delivered = sink.wait_for("ana@example.co", 1).await.remove(0);
    // Not before the dead server's claim ran out (its clock counts whole seconds, and it claimed a
    // moment before the mail server had the message: two seconds of slack).
    let after = delivered.at - held.at;
    assert!(after >= std::time::Duration::from_secs(CLAIM_SECONDS - 2), "sent again after {after:?}");
    assert_eq!(delivered.message_id(), held.message_id());
    let row = settled(&db, id, "confirmation").await.remove(0);
    assert_eq!((row.2.as_str(), row.3), ("sent", 2));
    let outcomes: Vec<String> = attempts(&db, id, "confirmation").await.into_iter().map(|a| a.0).collect();
    assert_eq!(outcomes, ["sent"]);
    assert_eq!(sink.all().len(), 2);
    db.close().await;
}

#[tokio::test]
async fn without_a_mail_server_messages_are_written_as_eml_files() {
    // The embedded default names no mail server.
    let app = TestApp::spawn().await;
    let (code, id) = book(&app, &booking(TOMORROW_9, "52345678")).await;
    settled(&app.db, id, "confirmation").await;
    let files: Vec<_> = std::fs::read_dir(app.outbox.path())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "eml"))
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    let raw = std::fs::read(&files[0]).unwrap();
    let mail = Received { to: Vec::new(), raw, accepted: true, at: std::time::Instant::now() };
    let booked = event_id(&app.db, id, "booked").await;
    assert_eq!(mail.message_id(), format!("citas.{id}.confirmation.{booked}.email@localhost"));
    assert!(mail.subject().starts_with("Cita confirmada"), "{}", mail.subject());
    assert!(mail.text().contains(&code));
}

/// Two instances on one PostgreSQL, one mail server: messages queued before they started and
/// while they run, through either of them, each delivered once.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_instances_on_one_postgres_deliver_each_message_once() {
    if std::env::var(POSTGRES_VAR).is_err() {
        eprintln!("SKIPPED: several instances need PostgreSQL; set {POSTGRES_VAR}=postgres://…");
        return;
    }
    let database = TestDb::new().await;
    let sink = SmtpSink::start();
    let dir = tempfile::tempdir().unwrap();
    let config = config_file(&dir, "citas.toml", sink.port, |_| {});
    // An instance that looks for messages once, as it starts, and then not for an hour: what is
    // booked through it waits in the outbox for the two that follow, all due at once. Should its
    // one look find a message, it finds no mail server, and the message is tried again a second
    // later by the others.
    let quiet = config_file(&dir, "quiet.toml", closed_port(), |mail| {
        mail.insert("poll_seconds".into(), 3600.into());
        mail.insert("retry_seconds".into(), 1.into());
    });
    let client = reqwest::Client::new();
    let slots: Vec<String> = ["2026-12-02", "2026-12-03"]
        .iter()
        .flat_map(|day| (0..16).map(move |i| format!("{day}T{:02}:{:02}:00-05:00", 8 + i / 2, (i % 2) * 30)))
        .collect();
    let body = |i: usize| {
        booking_by(&slots[i % slots.len()], &format!("{}", 80_000_000 + i), &format!("p{i}@example.co"))
    };

    let queued = start_server(&database.url, &["--config", &quiet]);
    let db = database.pool().await;
    let early = join_all((0..48).map(|i| book_at(&client, &queued.base, body(i)))).await;

    // The two start while the test holds every queued message's row, so their first claims meet
    // rows locked by another transaction, at about the same moment. With SKIP LOCKED they pass
    // over them. Had they waited for the lock instead, both would claim the same rows when it goes,
    // and send them twice: the lock is held until both wait on it, or three seconds (they look
    // every second).
    let mut held = db.begin().await.unwrap();
    sqlx::query("SELECT id FROM outbox FOR UPDATE").fetch_all(&mut *held).await.unwrap();
    let starting: Vec<_> = (0..2).map(|_| spawn_server(&database.url, &["--config", &config])).collect();
    let servers: Vec<ServerProcess> = starting.into_iter().map(|s| s.listening()).collect();
    let holding = std::time::Instant::now();
    while holding.elapsed() < std::time::Duration::from_secs(3) {
        let waiting: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
        )
        .fetch_one(&db)
        .await
        .unwrap();
        if waiting >= 2 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    held.commit().await.unwrap();
    let late = join_all((48..80).map(|i| book_at(&client, &servers[i % 2].base, body(i)))).await;
    let codes: Vec<String> = early.into_iter().chain(late).collect();
    assert_eq!(codes.len(), 80);

    sink.wait_until("80 confirmations", |all| all.len() >= 80).await;
    eventually("every e-mail done", async || {
        let pending: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE channel = 'email' AND state <> 'sent'")
                .fetch_one(&db)
                .await
                .unwrap();
        (pending == 0).then_some(())
    })
    .await;
    let all = sink.all();
    assert_eq!(all.len(), 80, "a message went twice");
    assert!(all.iter().all(|mail| mail.accepted));
    let ids: HashSet<String> = all.iter().map(Received::message_id).collect();
    assert_eq!(ids.len(), 80);
    let mut per_address: HashMap<&str, usize> = HashMap::new();
    for mail in &all {
        *per_address.entry(mail.to[0].as_str()).or_default() += 1;
    }
    assert!(per_address.values().all(|n| *n == 1) && per_address.len() == 80);
    // Each sent once, and every claim recorded: no instance took a message another had claimed.
    let attempts: Vec<(i64, i64, i64)> = sqlx::query_as(
        "SELECT o.attempts,
                (SELECT COUNT(*) FROM outbox_attempts t WHERE t.outbox_id = o.id),
                (SELECT COUNT(*) FROM outbox_attempts t WHERE t.outbox_id = o.id AND t.outcome = 'sent')
           FROM outbox o WHERE o.channel = 'email'",
    )
    .fetch_all(&db)
    .await
    .unwrap();
    assert_eq!(attempts.len(), 80);
    assert!(attempts.iter().all(|(claims, recorded, sent)| claims == recorded && *sent == 1), "{attempts:?}");
    drop((servers, queued));
    db.close().await;
}

/// The claim itself, raced: eight senders claiming at the same instant from one outbox (on
/// PostgreSQL eight connections, as eight instances would; on SQLite its one writer) never get
/// the same message twice, and together get every message due.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn senders_claiming_at_once_never_claim_one_message_twice() {
    let (shutdown, stop) = tokio::sync::oneshot::channel::<()>();
    // The server's own sender looks once, as it starts, and then not for an hour; should that one
    // look come while the bookings below are made, it is stuck on its first e-mail with a mail
    // server that never answers, and holds one batch at most.
    let sink = SmtpSink::start();
    sink.set_mode(Mode::Hang);
    let config = mail_config_with(sink.port, |mail| {
        mail.insert("poll_seconds".into(), 3600.into());
    });
    let (app, server) = TestApp::start(&config, None, async move {
        let _ = stop.await;
    })
    .await;
    for i in 0..60 {
        let start = format!("2026-12-0{}T{:02}:{:02}:00-05:00", 2 + i / 48, 8 + (i % 48) / 6, (i % 2) * 30);
        book(&app, &booking_by(&start, &format!("{}", 90_000_000 + i), &format!("p{i}@example.co"))).await;
    }
    // The server's own sender stops with it: the racers below are alone.
    shutdown.send(()).unwrap();
    server.await.unwrap().unwrap();
    let now = app.clock.now().timestamp();
    let due: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM outbox WHERE state = 'pending' AND due_at <= $1 AND claimed_until IS NULL ORDER BY id",
    )
    .bind(now)
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert!(due.len() >= 100, "{} messages due", due.len());

    let start = std::sync::Arc::new(tokio::sync::Barrier::new(8));
    let racers = (0..8).map(|_| {
        let (store, start) = (app.store.clone(), start.clone());
        tokio::spawn(async move {
            start.wait().await;
            let mut mine = Vec::new();
            loop {
                let claimed = store.claim_messages(now, now + 60, 3).await.unwrap();
                if claimed.is_empty() {
                    return mine;
                }
                mine.extend(claimed.into_iter().map(|c| c.id));
            }
        })
    });
    let claimed: Vec<i64> = join_all(racers).await.into_iter().flat_map(Result::unwrap).collect();
    let distinct: HashSet<i64> = claimed.iter().copied().collect();
    assert_eq!(distinct.len(), claimed.len(), "a message was claimed twice");
    let mut claimed = claimed;
    claimed.sort_unstable();
    assert_eq!(claimed, due);
}
