//! How a stored appointment is shown, in the API's answers and in the messages to the citizen,
//! and a line of its history.

use crate::store::{Actor, Appointment, Event, instant};
use chrono::{Duration, NaiveDate};
use citas_domain::api::staff::HistoryEntry;
use citas_domain::api::{ARRIVE_EARLY_MINUTES, AppointmentView, DocumentSummary, OfficeSummary, ServiceView};
use citas_domain::catalog::Catalog;
use citas_domain::code::AppointmentCode;
use citas_domain::document::{DocumentKind, masked};

/// How an appointment is shown: never with the whole document number.
pub fn view(catalog: &Catalog, a: &Appointment) -> AppointmentView {
    let start = instant(a.start_at);
    let (office, service) = (office_summary(catalog, &a.office_id), service_view(catalog, &a.service_id));
    let kind = DocumentKind::parse(&a.document_kind).unwrap_or(DocumentKind::Cc);
    AppointmentView {
        code: shown_code(&a.code),
        status: a.status(),
        office,
        service,
        start,
        end: instant(a.end_at),
        arrive_by: start - Duration::minutes(ARRIVE_EARLY_MINUTES),
        document: DocumentSummary { kind, masked: masked(kind, &a.document_number) },
        name: a.name.clone(),
        email: a.email.clone(),
        phone: a.phone.clone(),
        created_at: instant(a.created_at),
        updated_at: instant(a.updated_at),
        cancel_reason: a.cancel_reason.clone(),
        changed_by: a.changed_by.clone().filter(|by| by != &Actor::citizen().label),
    }
}

/// A code as stored ("K7QXM4PT") as people read it ("K7QX-M4PT").
pub fn shown_code(stored: &str) -> String {
    AppointmentCode::parse(stored).map_or_else(|| stored.to_owned(), |c| c.to_string())
}

/// A day as the waiting list stores it ("2026-12-02").
pub fn stored_day(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

/// An office by its id; one removed from the configuration still shows by its id.
pub fn office_summary(catalog: &Catalog, id: &str) -> OfficeSummary {
    catalog.office(id).map(OfficeSummary::from).unwrap_or_else(|| OfficeSummary {
        id: id.to_owned(),
        city: id.to_owned(),
        name: id.to_owned(),
        address: None,
        postal_code: None,
    })
}

/// A service by its id, likewise.
pub fn service_view(catalog: &Catalog, id: &str) -> ServiceView {
    catalog.service(id).map(ServiceView::from).unwrap_or_else(|| ServiceView {
        id: id.to_owned(),
        name: id.to_owned(),
        description: String::new(),
        name_en: None,
        description_en: None,
    })
}

/// A line of an appointment's history, as its officials and its citizen see it.
pub fn history_entry(e: Event) -> HistoryEntry {
    HistoryEntry { at: instant(e.at), action: e.action, actor: e.actor, detail: e.detail }
}
