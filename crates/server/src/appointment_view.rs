//! How a stored appointment is shown, in the API's answers and in the messages to the citizen,
//! and a line of its history.

use crate::store::{Appointment, Event, instant};
use chrono::Duration;
use citas_domain::api::staff::HistoryEntry;
use citas_domain::api::{ARRIVE_EARLY_MINUTES, AppointmentView, DocumentSummary, OfficeSummary, ServiceView};
use citas_domain::catalog::Catalog;
use citas_domain::code::AppointmentCode;
use citas_domain::document::{DocumentKind, masked};

/// How an appointment is shown: never with the whole document number.
pub fn view(catalog: &Catalog, a: &Appointment) -> AppointmentView {
    let start = instant(a.start_at);
    // An office or service removed from the configuration still shows by its id.
    let office = catalog.office(&a.office_id).map(OfficeSummary::from).unwrap_or_else(|| OfficeSummary {
        id: a.office_id.clone(),
        city: a.office_id.clone(),
        name: a.office_id.clone(),
        address: None,
        postal_code: None,
    });
    let service = catalog.service(&a.service_id).map(ServiceView::from).unwrap_or_else(|| ServiceView {
        id: a.service_id.clone(),
        name: a.service_id.clone(),
        description: String::new(),
        name_en: None,
        description_en: None,
    });
    let kind = DocumentKind::parse(&a.document_kind).unwrap_or(DocumentKind::Cc);
    AppointmentView {
        code: AppointmentCode::parse(&a.code).map_or_else(|| a.code.clone(), |c| c.to_string()),
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
    }
}

/// A line of an appointment's history, as its officials and its citizen see it.
pub fn history_entry(e: Event) -> HistoryEntry {
    HistoryEntry { at: instant(e.at), action: e.action, actor: e.actor, detail: e.detail }
}
