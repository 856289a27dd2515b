//! An iCalendar (RFC 5545) event for an appointment, so a citizen can add it to a calendar.

use crate::api::{ARRIVE_EARLY_MINUTES, AppointmentView};
use crate::format::time_of_day;
use crate::lang::Lang;
use chrono::{DateTime, Datelike, FixedOffset, Timelike, Utc};

/// A VCALENDAR with one VEVENT, lines folded at 75 octets and ended by CRLF.
pub fn appointment_ics(a: &AppointmentView, stamp: DateTime<FixedOffset>) -> String {
    // Written by hand, not with chrono's `format`, to keep its strftime engine out of the wasm.
    let utc = |t: DateTime<FixedOffset>| {
        let t = t.with_timezone(&Utc);
        format!(
            "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
            t.year(),
            t.month(),
            t.day(),
            t.hour(),
            t.minute(),
            t.second()
        )
    };
    let location = match &a.office.address {
        Some(address) => format!("{}, {} — {}", a.office.name, address, a.office.city),
        None => format!("{} — {}", a.office.name, a.office.city),
    };
    let description = format!(
        "Código de la cita: {}. Preséntese a las {} ({} minutos antes) con su documento ({}). \
         Solo se atenderá la solicitud de ese documento.",
        a.code,
        time_of_day(a.arrive_by.time(), Lang::Es),
        ARRIVE_EARLY_MINUTES,
        a.document.masked,
    );
    let lines = [
        "BEGIN:VCALENDAR".to_owned(),
        "VERSION:2.0".to_owned(),
        "PRODID:-//Defensoría del Contribuyente y del Usuario Aduanero//citas//ES".to_owned(),
        "METHOD:PUBLISH".to_owned(),
        "BEGIN:VEVENT".to_owned(),
        format!("UID:{}@citas.defensoria", a.code),
        format!("DTSTAMP:{}", utc(stamp)),
        format!("DTSTART:{}", utc(a.start)),
        format!("DTEND:{}", utc(a.end)),
        format!(
            "SUMMARY:{}",
            escape(&format!("Cita en la Defensoría del Contribuyente: {}", a.service.name))
        ),
        format!("LOCATION:{}", escape(&location)),
        format!("DESCRIPTION:{}", escape(&description)),
        "BEGIN:VALARM".to_owned(),
        "ACTION:DISPLAY".to_owned(),
        "TRIGGER:-PT1H".to_owned(),
        format!("DESCRIPTION:{}", escape("Cita en la Defensoría del Contribuyente")),
        "END:VALARM".to_owned(),
        "END:VEVENT".to_owned(),
        "END:VCALENDAR".to_owned(),
    ];
    lines.iter().map(|l| fold(l)).collect()
}

fn escape(text: &str) -> String {
    text.replace('\\', "\\\\").replace(';', "\\;").replace(',', "\\,").replace('\n', "\\n")
}

/// RFC 5545 §3.1: lines longer than 75 octets continue on the next line after a space,
/// never splitting a UTF-8 character.
fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut octets = 0;
    for c in line.chars() {
        if octets + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            octets = 1;
        }
        out.push(c);
        octets += c.len_utf8();
    }
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn long_lines_fold_without_splitting_characters() {
        let line = format!("DESCRIPTION:{}", "ñ".repeat(60));
        let folded = fold(&line);
        for part in folded.split("\r\n").filter(|p| !p.is_empty()) {
            assert!(part.len() <= 75, "{part:?} is {} octets", part.len());
        }
        assert_eq!(folded.replace("\r\n ", "").trim_end(), line);
    }
}
