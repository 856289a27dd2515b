//! What each message says, in the citizen's language: one list of blocks, written out as plain
//! text and as simple HTML (headings, lists, one link; no images, no tracking, no remote
//! anything), so that the two parts never say different things.

use crate::appointment_view::{office_summary, service_view, shown_code, stored_day};
use crate::store::{EntrySubject, instant};
use chrono::{DateTime, FixedOffset};
use citas_domain::api::{ARRIVE_EARLY_MINUTES, AppointmentView, OfficeSummary};
use citas_domain::catalog::Catalog;
use citas_domain::document::{DocumentKind, masked};
use citas_domain::format::{long_date, time_of_day};
use citas_domain::lang::Lang;

/// The kinds of message, as the outbox names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Confirmation,
    Reminder,
    Moved,
    Cancelled,
}

impl Kind {
    pub fn parse(kind: &str) -> Option<Kind> {
        Some(match kind {
            "confirmation" => Kind::Confirmation,
            "reminder" => Kind::Reminder,
            "moved" => Kind::Moved,
            "cancelled" => Kind::Cancelled,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Confirmation => "confirmation",
            Kind::Reminder => "reminder",
            Kind::Moved => "moved",
            Kind::Cancelled => "cancelled",
        }
    }
}

/// The kinds of message about an entry of the waiting list, as the outbox names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    /// It joined the list.
    Joined,
    /// A seat is held for it.
    Offer,
}

impl EntryKind {
    pub fn parse(kind: &str) -> Option<EntryKind> {
        Some(match kind {
            "waitlist_joined" => EntryKind::Joined,
            "waitlist_offer" => EntryKind::Offer,
            _ => return None,
        })
    }
}

/// A message: its subject and what it says.
pub struct Letter {
    pub lang: Lang,
    pub subject: String,
    blocks: Vec<Block>,
}

enum Block {
    Paragraph(String),
    /// Labelled facts: code, office, date, time.
    Facts(Vec<(&'static str, String)>),
    List(&'static str, Vec<&'static str>),
    Link(&'static str, String),
}

const AGENCY: &str = "Defensoría del Contribuyente y del Usuario Aduanero";

/// The message of `kind` about `a`, as it is now. `site` is where citizens reach the site.
pub fn letter(kind: Kind, a: &AppointmentView, lang: Lang, site: &str) -> Letter {
    let t = |es: &'static str, en: &'static str| if lang == Lang::En { en } else { es };
    let date = long_date(a.start.date_naive(), lang);
    let time = time_of_day(a.start.time(), lang);
    let when = when(&a.start, lang);
    let subject = match kind {
        Kind::Confirmation => format!("{}: {when}", t("Cita confirmada", "Appointment confirmed")),
        Kind::Reminder => format!("{}: {when}", t("Recordatorio de su cita", "Reminder of your appointment")),
        Kind::Moved => format!("{}: {when}", t("Su cita cambió de hora", "Your appointment has a new time")),
        Kind::Cancelled => format!("{}: {when}", t("Cita cancelada", "Appointment cancelled")),
    };
    let greeting = match lang {
        Lang::Es => format!("Hola, {}:", a.name),
        Lang::En => format!("Hello {},", a.name),
    };
    let opening = match kind {
        Kind::Confirmation => t(
            "Su cita en la Defensoría del Contribuyente y del Usuario Aduanero está confirmada.",
            "Your appointment at the Defensoría del Contribuyente y del Usuario Aduanero (the taxpayers' ombudsman) is confirmed.",
        )
        .to_owned(),
        Kind::Reminder => t(
            "Le recordamos su cita en la Defensoría del Contribuyente y del Usuario Aduanero.",
            "This is a reminder of your appointment at the Defensoría del Contribuyente y del Usuario Aduanero.",
        )
        .to_owned(),
        Kind::Moved => t(
            "Su cita tiene una nueva fecha u hora. Esta es la cita que vale:",
            "Your appointment has a new date or time. This is the one that counts:",
        )
        .to_owned(),
        Kind::Cancelled => match &a.cancel_reason {
            Some(reason) => match lang {
                Lang::Es => format!("La oficina canceló su cita. Motivo: {reason}"),
                Lang::En => format!("The office cancelled your appointment. Reason: {reason}"),
            },
            None => t(
                "Su cita fue cancelada, como lo pidió. El cupo queda libre para otra persona.",
                "Your appointment was cancelled, as you asked. The seat is free for someone else.",
            )
            .to_owned(),
        },
    };
    let arrive = arrival(&a.start, lang);
    let office = office_line(&a.office);
    let mut facts = vec![
        (t("Código de la cita", "Appointment code"), a.code.clone()),
        (t("Servicio", "Service"), a.service.name(lang).to_owned()),
        (t("Oficina", "Office"), office),
        (t("Fecha", "Date"), date.clone()),
    ];
    facts.push(if kind == Kind::Cancelled {
        (t("Hora", "Time"), time.clone())
    } else {
        (t("Hora", "Time"), arrive)
    });
    let mut blocks = vec![Block::Paragraph(greeting), Block::Paragraph(opening), Block::Facts(facts)];
    let link = format!("{site}/mi-cita?codigo={}", a.code);
    if kind == Kind::Cancelled {
        blocks.push(Block::Link(
            t("Agendar una nueva cita", "Book a new appointment"),
            format!("{site}/agendar"),
        ));
    } else {
        blocks.push(Block::Paragraph(match lang {
            Lang::Es => format!(
                "Solo se atenderá la solicitud del documento con el que agendó ({}).",
                a.document.masked
            ),
            Lang::En => format!(
                "Only the request of the document you booked with ({}) will be attended.",
                a.document.masked
            ),
        }));
        blocks.push(Block::List(
            t("Qué llevar", "What to bring"),
            vec![
                t("Su documento de identidad original.", "Your original identity document."),
                t(
                    "Si va en nombre de una empresa: el certificado de existencia y representación legal, o el poder que le autoriza.",
                    "If you go on behalf of a company: its certificate of existence and legal representation, or the power of attorney that authorizes you.",
                ),
                t(
                    "Los documentos de su caso: número de radicado, comunicaciones de la DIAN o respuestas recibidas.",
                    "The documents of your case: filing number, letters from DIAN or answers received.",
                ),
            ],
        ));
        blocks.push(Block::Paragraph(
            t(
                "Si no puede asistir, cambie o cancele la cita para que otra persona pueda usar el cupo.",
                "If you cannot come, change or cancel the appointment so that someone else can have the seat.",
            )
            .to_owned(),
        ));
        blocks.push(Block::Link(t("Cambiar o cancelar mi cita", "Change or cancel my appointment"), link));
        if kind == Kind::Confirmation {
            blocks.push(Block::Paragraph(
                t(
                    "La cita va adjunta (cita.ics) para agregarla a su calendario.",
                    "The appointment is attached (cita.ics) to add it to your calendar.",
                )
                .to_owned(),
            ));
        }
    }
    blocks.push(Block::Paragraph(
        t(
            "Este mensaje se envió automáticamente porque dio este correo al agendar. ¿Prefiere llamar? Contact Center de la DIAN: 601 307 8064.",
            "This message was sent automatically because you gave this address when booking. Prefer to call? DIAN's Contact Center: 601 307 8064.",
        )
        .to_owned(),
    ));
    Letter { lang, subject, blocks }
}

/// The message of `kind` about the entry `e` of the waiting list, as it is now.
pub fn waitlist_letter(
    kind: EntryKind,
    e: &EntrySubject,
    catalog: &Catalog,
    lang: Lang,
    site: &str,
) -> Letter {
    let t = |es: &'static str, en: &'static str| if lang == Lang::En { en } else { es };
    let office = office_summary(catalog, &e.office_id);
    let service = service_view(catalog, &e.service_id);
    let code = shown_code(&e.code);
    let kind_of_document = DocumentKind::parse(&e.document_kind).unwrap_or(DocumentKind::Cc);
    let only_yours = match lang {
        Lang::Es => format!(
            "El cupo se guarda solo para el documento con que se inscribió ({}): solo con él se puede agendar.",
            masked(kind_of_document, &e.document_number)
        ),
        Lang::En => format!(
            "The seat is held only for the document you joined with ({}): only it can book the seat.",
            masked(kind_of_document, &e.document_number)
        ),
    };
    let greeting = match lang {
        Lang::Es => format!("Hola, {}:", e.name),
        Lang::En => format!("Hello {},", e.name),
    };
    let (subject, mut blocks) = match (kind, e.start_at.map(instant), e.expires_at.map(instant), &e.hold_id) {
        (EntryKind::Offer, Some(start), Some(expires), Some(hold)) => {
            let (starts, until) = (when(&start, lang), when(&expires, lang));
            let opening = match lang {
                Lang::Es => format!(
                    "Se liberó un cupo en los días que puede venir, y lo guardamos para usted hasta el {until}. Si no lo confirma antes, pasa a la siguiente persona de la lista de espera."
                ),
                Lang::En => format!(
                    "A seat has freed on the days you can come, and it is held for you until {until}. If you do not confirm it by then, it goes to the next person on the waiting list."
                ),
            };
            let facts = vec![
                (t("Servicio", "Service"), service.name(lang).to_owned()),
                (t("Oficina", "Office"), office_line(&office)),
                (t("Fecha", "Date"), long_date(start.date_naive(), lang)),
                (t("Hora", "Time"), arrival(&start, lang)),
            ];
            (
                format!("{}: {starts}", t("Se liberó un cupo para usted", "A seat has freed for you")),
                vec![
                    Block::Paragraph(greeting),
                    Block::Paragraph(opening),
                    Block::Facts(facts),
                    Block::Link(t("Tomar este cupo", "Take this seat"), format!("{site}/oferta/{hold}")),
                    Block::Paragraph(only_yours),
                ],
            )
        }
        _ => {
            let days = |date: &str| stored_day(date).map_or_else(|| date.to_owned(), |d| long_date(d, lang));
            let range = match lang {
                Lang::Es => format!("del {} al {}", days(&e.from_date), days(&e.until_date)),
                Lang::En => format!("from {} to {}", days(&e.from_date), days(&e.until_date)),
            };
            let hours = match e.part_of_day.as_deref() {
                Some("morning") => t("Mañanas (antes de las 12 m.)", "Mornings (before noon)"),
                Some("afternoon") => t("Tardes (desde las 12 m.)", "Afternoons (from noon)"),
                _ => t("A cualquier hora", "Any time"),
            };
            let facts = vec![
                (t("Código de inscripción", "Entry code"), code.clone()),
                (t("Servicio", "Service"), service.name(lang).to_owned()),
                (t("Oficina", "Office"), office_line(&office)),
                (t("Días", "Days"), range),
                (t("Horario", "Times"), hours.to_owned()),
            ];
            (
                format!("{}: {}", t("Está en la lista de espera", "You are on the waiting list"), office.city),
                vec![
                    Block::Paragraph(greeting),
                    Block::Paragraph(
                        t(
                            "Quedó inscrito en la lista de espera. Si se libera un cupo que le sirva, se lo guardamos y le escribimos a este correo con el enlace para tomarlo.",
                            "You are on the waiting list. If a seat that suits you frees, we hold it for you and write to this address with the link to take it.",
                        )
                        .to_owned(),
                    ),
                    Block::Facts(facts),
                    Block::Paragraph(only_yours),
                ],
            )
        }
    };
    blocks.push(Block::Link(
        t("Ver mi inscripción o salir de la lista de espera", "See my entry or leave the waiting list"),
        format!("{site}/lista-de-espera?codigo={code}"),
    ));
    blocks.push(Block::Paragraph(
        t(
            "Este mensaje se envió automáticamente porque se inscribió con este correo en la lista de espera. Al agendar cualquier cita con su documento, o al pasar su último día, sale de la lista. ¿Prefiere llamar? Contact Center de la DIAN: 601 307 8064.",
            "This message was sent automatically because you joined the waiting list with this address. Booking any appointment with your document, or your last day passing, takes you off the list. Prefer to call? DIAN's Contact Center: 601 307 8064.",
        )
        .to_owned(),
    ));
    Letter { lang, subject, blocks }
}

/// "Oficina, dirección — ciudad".
fn office_line(office: &OfficeSummary) -> String {
    match &office.address {
        Some(address) => format!("{}, {address} — {}", office.name, office.city),
        None => format!("{} — {}", office.name, office.city),
    }
}

/// A date and time: "lunes 7 de diciembre de 2026 a las 8:00 a. m.".
fn when(at: &DateTime<FixedOffset>, lang: Lang) -> String {
    let (date, time) = (long_date(at.date_naive(), lang), time_of_day(at.time(), lang));
    match lang {
        Lang::Es => format!("{date} a las {time}"),
        Lang::En => format!("{date} at {time}"),
    }
}

/// The time and when to arrive: "8:00 a. m. Preséntese a las 7:45 a. m. (15 minutos antes)."
fn arrival(start: &DateTime<FixedOffset>, lang: Lang) -> String {
    let (time, by) = (
        time_of_day(start.time(), lang),
        time_of_day((*start - chrono::Duration::minutes(ARRIVE_EARLY_MINUTES)).time(), lang),
    );
    match lang {
        // Spanish times end in the abbreviation's period ("a.\u{a0}m."), which ends the sentence too.
        Lang::Es => format!("{time} Preséntese a las {by} ({ARRIVE_EARLY_MINUTES} minutos antes)."),
        Lang::En => format!("{time}. Please arrive by {by} ({ARRIVE_EARLY_MINUTES} minutes early)."),
    }
}

impl Letter {
    /// The plain-text part.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for block in &self.blocks {
            match block {
                Block::Paragraph(p) => out.push_str(p),
                Block::Facts(facts) => {
                    for (label, value) in facts {
                        out.push_str(&format!("{label}: {value}\n"));
                    }
                    out.pop();
                }
                Block::List(title, items) => {
                    out.push_str(&format!("{title}:"));
                    for item in items {
                        out.push_str(&format!("\n- {item}"));
                    }
                }
                Block::Link(text, url) => out.push_str(&format!("{text}:\n{url}")),
            }
            out.push_str("\n\n");
        }
        out.push_str(&format!("— {AGENCY}\n"));
        out
    }

    /// The HTML part: semantic elements with the language declared, readable without styles.
    pub fn html(&self) -> String {
        let mut body = String::new();
        for block in &self.blocks {
            match block {
                Block::Paragraph(p) => body.push_str(&format!("<p>{}</p>\n", escape(p))),
                Block::Facts(facts) => {
                    body.push_str("<dl>\n");
                    for (label, value) in facts {
                        body.push_str(&format!(
                            "<dt style=\"font-weight:bold\">{}</dt><dd style=\"margin:0 0 8px 0\">{}</dd>\n",
                            escape(label),
                            escape(value)
                        ));
                    }
                    body.push_str("</dl>\n");
                }
                Block::List(title, items) => {
                    body.push_str(&format!("<h2 style=\"font-size:18px\">{}</h2>\n<ul>\n", escape(title)));
                    for item in items {
                        body.push_str(&format!("<li>{}</li>\n", escape(item)));
                    }
                    body.push_str("</ul>\n");
                }
                Block::Link(text, url) => body.push_str(&format!(
                    "<p><a href=\"{}\" style=\"color:#3366cc\">{}</a></p>\n",
                    escape(url),
                    escape(text)
                )),
            }
        }
        format!(
            "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width\">\n<title>{subject}</title>\n</head>\n\
             <body style=\"font-family:Arial,sans-serif;font-size:16px;line-height:1.5;color:#222;max-width:600px\">\n\
             <h1 style=\"font-size:22px\">{subject}</h1>\n{body}<p>— {AGENCY}</p>\n</body>\n</html>\n",
            lang = self.lang.code(),
            subject = escape(&self.subject),
        )
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}
