//! The decision to send, and the texts, without a database or a mail server.

use super::messages::{EntryKind, Kind, letter, waitlist_letter};
use super::{Claimed, decide, decide_waitlist};
use crate::appointment_view::view;
use crate::config::{DEFAULT_CONFIG, parse_config};
use crate::store::{Appointment, EntrySubject, Subject};
use citas_domain::lang::Lang;

const START: i64 = 1_796_220_000; // Wednesday 2 December 2026, 9:00 in Bogotá
const HOUR: i64 = 3600;
const LEAD: i64 = 24 * HOUR;

fn appointment() -> Appointment {
    Appointment {
        id: 7,
        code: "K7QXM4PT".to_owned(),
        office_id: "bogota".to_owned(),
        service_id: "dudas".to_owned(),
        start_at: START,
        end_at: START + 1800,
        document_kind: "CC".to_owned(),
        document_number: "80123456".to_owned(),
        name: "Ana María Pérez".to_owned(),
        email: Some("ana@example.co".to_owned()),
        phone: None,
        status: "booked".to_owned(),
        created_at: START - 3 * LEAD,
        updated_at: START - 3 * LEAD,
        attendance: None,
        checked_in_at: None,
        cancel_reason: None,
        changed_by: None,
    }
}

fn subject(appointment: Appointment, latest: i64, version_at: i64) -> Subject {
    Subject { appointment, language: "es".to_owned(), latest: Some(latest), version_at: Some(version_at) }
}

fn claimed(kind: &str, version: i64) -> Claimed {
    Claimed {
        id: 1,
        appointment_id: Some(7),
        waitlist_id: None,
        kind: kind.to_owned(),
        version,
        channel: "email".to_owned(),
        attempts: 1,
    }
}

#[test]
fn a_reminder_goes_only_for_the_appointment_as_it_stands_before_it_starts() {
    let booked_days_ago = START - 3 * LEAD;
    let now = START - LEAD + 60;
    let fresh = subject(appointment(), 10, booked_days_ago);
    assert_eq!(decide(&claimed("reminder", 10), &fresh, now, LEAD), Ok(Kind::Reminder));
    // Moved since: the reminder of the old time is not sent.
    assert_eq!(
        decide(&claimed("reminder", 10), &subject(appointment(), 12, booked_days_ago), now, LEAD),
        Err("superseded")
    );
    let cancelled = Appointment { status: "cancelled".to_owned(), ..appointment() };
    assert_eq!(
        decide(&claimed("reminder", 10), &subject(cancelled, 11, booked_days_ago), now, LEAD),
        Err("superseded")
    );
    assert_eq!(decide(&claimed("reminder", 10), &fresh, START, LEAD), Err("started"));
    let attended = Appointment { attendance: Some("attended".to_owned()), ..appointment() };
    assert_eq!(
        decide(&claimed("reminder", 10), &subject(attended, 10, booked_days_ago), now, LEAD),
        Err("attended")
    );
    // Booked within the lead: the confirmation has just said it all.
    assert_eq!(
        decide(&claimed("reminder", 10), &subject(appointment(), 10, START - 2 * HOUR), now, LEAD),
        Err("booked_recently")
    );
}

#[test]
fn a_change_is_told_unless_a_later_one_superseded_it_and_a_cancellation_always() {
    let at = START - 3 * LEAD;
    assert_eq!(
        decide(&claimed("confirmation", 10), &subject(appointment(), 10, at), at, LEAD),
        Ok(Kind::Confirmation)
    );
    assert_eq!(
        decide(&claimed("confirmation", 10), &subject(appointment(), 11, at), at, LEAD),
        Err("superseded")
    );
    assert_eq!(decide(&claimed("moved", 11), &subject(appointment(), 11, at), at, LEAD), Ok(Kind::Moved));
    let cancelled = Appointment { status: "cancelled".to_owned(), ..appointment() };
    assert_eq!(decide(&claimed("cancelled", 12), &subject(cancelled, 12, at), at, LEAD), Ok(Kind::Cancelled));
    let no_email = Appointment { email: None, ..appointment() };
    assert_eq!(decide(&claimed("confirmation", 10), &subject(no_email, 10, at), at, LEAD), Err("no_contact"));
    let sms = Claimed { channel: "sms".to_owned(), ..claimed("confirmation", 10) };
    assert_eq!(decide(&sms, &subject(appointment(), 10, at), at, LEAD), Err("no_contact"));
}

#[test]
fn letters_say_what_and_where_in_the_citizens_language_in_text_and_html_alike() {
    let catalog = parse_config(DEFAULT_CONFIG).unwrap().catalog;
    let shown = view(&catalog, &appointment());
    let es = letter(Kind::Confirmation, &shown, Lang::Es, "https://citas.example.gov.co");
    let text = es.text();
    for expected in [
        "K7QX-M4PT",
        "Carrera 8 n.º 6C-38",
        "miércoles 2 de diciembre de 2026",
        "Preséntese a las 8:45",
        "Solo se atenderá la solicitud del documento con el que agendó (CC •••456)",
        "Su documento de identidad original.",
        "https://citas.example.gov.co/mi-cita?codigo=K7QX-M4PT",
    ] {
        assert!(text.contains(expected), "{expected:?} missing from:\n{text}");
    }
    assert!(!text.contains("80123456"), "the whole document number is never written");
    let html = es.html();
    assert!(html.contains("<html lang=\"es\">"));
    assert!(html.contains("href=\"https://citas.example.gov.co/mi-cita?codigo=K7QX-M4PT\""));
    assert!(!html.contains("<img") && !html.contains("src="), "nothing remote in the HTML");

    let en = letter(Kind::Confirmation, &shown, Lang::En, "https://citas.example.gov.co");
    assert!(en.subject.starts_with("Appointment confirmed: Wednesday, December 2, 2026"), "{}", en.subject);
    assert!(en.text().contains("Please arrive by 8:45"));
    assert!(en.html().contains("<html lang=\"en\">"));
}

#[test]
fn an_office_cancellation_gives_its_reason_and_a_way_to_book_again() {
    let catalog = parse_config(DEFAULT_CONFIG).unwrap().catalog;
    let cancelled = Appointment {
        status: "cancelled".to_owned(),
        cancel_reason: Some("Corte de energía en la sede".to_owned()),
        ..appointment()
    };
    let letter = letter(Kind::Cancelled, &view(&catalog, &cancelled), Lang::Es, "https://c.gov.co");
    let text = letter.text();
    assert!(text.contains("La oficina canceló su cita. Motivo: Corte de energía en la sede"), "{text}");
    assert!(text.contains("https://c.gov.co/agendar"), "{text}");
    assert!(!text.contains("mi-cita"), "nothing left to change: {text}");
    let html = letter.html();
    assert!(html.contains("Motivo: Corte de energía en la sede"));
    let escaped = letter_with_reason(&catalog, "<b>cerrado</b> & más");
    assert!(escaped.contains("&lt;b&gt;cerrado&lt;/b&gt; &amp; más"), "{escaped}");
}

fn letter_with_reason(catalog: &citas_domain::catalog::Catalog, reason: &str) -> String {
    let a = Appointment {
        status: "cancelled".to_owned(),
        cancel_reason: Some(reason.to_owned()),
        ..appointment()
    };
    letter(Kind::Cancelled, &view(catalog, &a), Lang::Es, "https://c.gov.co").html()
}

fn entry(offer: Option<(&str, i64, i64)>) -> EntrySubject {
    EntrySubject {
        code: "K7QXM4PT".to_owned(),
        office_id: "bogota".to_owned(),
        service_id: "dudas".to_owned(),
        from_date: "2026-12-02".to_owned(),
        until_date: "2026-12-04".to_owned(),
        part_of_day: Some("morning".to_owned()),
        document_kind: "CC".to_owned(),
        document_number: "80123456".to_owned(),
        name: "Ana María Pérez".to_owned(),
        email: Some("ana@example.co".to_owned()),
        language: "es".to_owned(),
        state: "waiting".to_owned(),
        hold_id: offer.map(|(hold, _, _)| hold.to_owned()),
        start_at: offer.map(|(_, start, _)| start),
        expires_at: offer.map(|(_, _, expires)| expires),
        offer_state: offer.map(|_| "open".to_owned()),
    }
}

#[test]
fn waitlist_letters_link_to_the_seat_and_to_leaving_in_the_citizens_language() {
    let catalog = parse_config(DEFAULT_CONFIG).unwrap().catalog;
    let joined = waitlist_letter(EntryKind::Joined, &entry(None), &catalog, Lang::Es, "https://c.gov.co");
    let text = joined.text();
    for expected in [
        "K7QX-M4PT",
        "del miércoles 2 de diciembre de 2026 al viernes 4 de diciembre de 2026",
        "Mañanas",
        "CC •••456",
        "https://c.gov.co/lista-de-espera?codigo=K7QX-M4PT",
    ] {
        assert!(text.contains(expected), "{expected:?} missing from:\n{text}");
    }
    assert!(joined.subject.starts_with("Está en la lista de espera: Bogotá"), "{}", joined.subject);

    let offered = entry(Some(("a1b2c3", START, START - 20 * HOUR)));
    let offer = waitlist_letter(EntryKind::Offer, &offered, &catalog, Lang::En, "https://c.gov.co");
    let text = offer.text();
    for expected in [
        "https://c.gov.co/oferta/a1b2c3",
        "https://c.gov.co/lista-de-espera?codigo=K7QX-M4PT",
        "Please arrive by 8:45",
        "held for you until Tuesday, December 1, 2026 at 1:00",
    ] {
        assert!(text.contains(expected), "{expected:?} missing from:\n{text}");
    }
    assert!(!text.contains("80123456"));
    assert!(offer.html().contains("href=\"https://c.gov.co/oferta/a1b2c3\""));
}

#[test]
fn an_offer_goes_only_while_it_is_open_and_its_entry_waits() {
    let offered = entry(Some(("a1b2c3", START, START - 20 * HOUR)));
    let message = Claimed { appointment_id: None, waitlist_id: Some(3), ..claimed("waitlist_offer", 9) };
    let before = START - 21 * HOUR;
    assert_eq!(decide_waitlist(&message, &offered, before), Ok(EntryKind::Offer));
    assert_eq!(decide_waitlist(&message, &offered, START - 20 * HOUR), Err("superseded"));
    let taken =
        EntrySubject { offer_state: Some("taken".to_owned()), ..entry(Some(("a1b2c3", START, START))) };
    assert_eq!(decide_waitlist(&message, &taken, before), Err("superseded"));
    let left = EntrySubject { state: "left".to_owned(), email: None, ..entry(None) };
    let joined = Claimed { kind: "waitlist_joined".to_owned(), ..message };
    assert_eq!(decide_waitlist(&joined, &left, before), Err("not_waiting"));
    assert_eq!(decide_waitlist(&joined, &entry(None), before), Ok(EntryKind::Joined));
}
