//! The officials' API, `/api/v1/staff`: sign-in, an office's agenda, attendance against the
//! document, cancellations by the office, search by document and history. Every route but
//! sign-in needs a signed-in session (401); an office that is not the official's is refused
//! (403); every state-changing request must come from this site's own pages (`origin`).

pub(super) mod agenda;
pub(super) mod appointments;
pub(super) mod assisted;
pub(super) mod closures;
mod origin;
pub(super) mod session;
pub(super) mod waitlist;

pub use session::hash as hash_password;

use super::AppState;
use super::rate_limits;
use crate::error::ApiError;
use crate::store::{Account, Actor, Appointment, instant};
use axum::Router;
use axum::http::{HeaderValue, header};
use axum::routing::{get, post};
use axum_login::AuthManagerLayerBuilder;
use citas_domain::api::ErrorCode;
use citas_domain::api::staff::{AgendaEntry, Role};
use citas_domain::catalog::{Catalog, Office};
use citas_domain::code::AppointmentCode;
use citas_domain::document::{DocumentKind, masked};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::cookie::time::Duration;
use tower_sessions::{Expiry, SessionManagerLayer};

pub fn routes(app: &AppState) -> Router<AppState> {
    let sign_in = post(session::sign_in).delete(session::sign_out);
    let sign_in = match rate_limits::sign_in_limit(&app.abuse, &app.staff, &app.client_addresses) {
        Some(limit) => sign_in.route_layer(limit),
        None => sign_in,
    };
    let sessions = SessionManagerLayer::new(app.sessions.clone())
        .with_name("citas_funcionario")
        .with_path("/api/v1/staff")
        .with_http_only(true)
        .with_same_site(SameSite::Strict)
        .with_secure(app.site.https)
        .with_expiry(Expiry::OnInactivity(Duration::minutes(i64::from(app.staff.idle_minutes))));
    let accounts = AuthManagerLayerBuilder::new(session::Backend::new(app.store.clone()), sessions).build();
    Router::new()
        .route("/api/v1/staff/session", sign_in)
        .route("/api/v1/staff/me", get(session::me))
        .route("/api/v1/staff/offices/{office}/agenda", get(agenda::show))
        .route("/api/v1/staff/offices/{office}/agenda.csv", get(agenda::csv))
        .route("/api/v1/staff/holds", post(assisted::hold))
        .route("/api/v1/staff/appointments", post(assisted::create))
        .route("/api/v1/staff/appointments/{code}/reschedule", post(assisted::reschedule))
        .route("/api/v1/staff/appointments/search", post(appointments::search))
        .route("/api/v1/staff/appointments/{code}/check-in", post(appointments::check_in))
        .route("/api/v1/staff/appointments/{code}/no-show", post(appointments::no_show))
        .route("/api/v1/staff/appointments/{code}/reopen", post(appointments::reopen))
        .route("/api/v1/staff/appointments/{code}/cancel", post(appointments::cancel))
        .route("/api/v1/staff/appointments/{code}/history", get(appointments::history))
        .route("/api/v1/staff/appointments/{code}/erase", post(appointments::erase))
        .route("/api/v1/staff/closures", post(closures::create).get(closures::list))
        .route("/api/v1/staff/closures/{id}", get(closures::show).delete(closures::delete))
        .route("/api/v1/staff/closures/{id}/cancel-appointments", post(closures::cancel_appointments))
        .route("/api/v1/staff/offices/{office}/desks", post(closures::desks))
        .route("/api/v1/staff/offices/{office}/waitlist", get(waitlist::lengths))
        .layer(accounts)
        .layer(axum::middleware::from_fn_with_state(app.clone(), origin::same_origin))
        // Every answer here is about people, or is a session: no cache keeps it.
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
}

/// The signed-in official of a request (see `session`).
pub struct Official {
    pub account: Account,
}

impl Official {
    /// Whether this official acts on `office`.
    fn acts_at(&self, office: &str) -> bool {
        match self.account.role {
            Role::Administrador | Role::ContactCenter => true,
            Role::Funcionario => self.account.offices.iter().any(|o| o == office),
        }
    }

    /// The office with this id, when the official acts on it: 404 when there is none, 403
    /// when it is not theirs.
    fn office<'c>(&self, catalog: &'c Catalog, id: &str) -> Result<&'c Office, ApiError> {
        let office = catalog.office(id).ok_or(ErrorCode::UnknownOffice)?;
        if !self.acts_at(&office.id) {
            return Err(ErrorCode::Forbidden.into());
        }
        Ok(office)
    }

    /// What only someone at an office's desk does (check-in, no-shows, reopening): not the
    /// Contact Center, which never sees the person.
    fn at_a_desk(&self) -> Result<(), ApiError> {
        if self.account.role.at_a_desk() { Ok(()) } else { Err(ErrorCode::Forbidden.into()) }
    }

    /// The appointment with this code, when it is at one of the official's offices: 404 when
    /// there is none, 403 when it is at another office.
    async fn appointment(&self, app: &AppState, code: &str) -> Result<Appointment, ApiError> {
        let code = AppointmentCode::parse(code).ok_or(ErrorCode::NotFound)?;
        let found = app.store.by_code(code.as_str()).await?.ok_or(ErrorCode::NotFound)?;
        if !self.acts_at(&found.office_id) {
            return Err(ErrorCode::Forbidden.into());
        }
        Ok(found)
    }

    /// How the history names what this official does at `office`: the office, never the
    /// person, with the account kept apart for audits.
    fn actor(&self, catalog: &Catalog, office: &str) -> Actor {
        let label = match (self.account.role, catalog.office(office)) {
            (Role::Funcionario, Some(office)) => format!("oficina de {}", office.city),
            (Role::Funcionario, None) => format!("oficina {office}"),
            (Role::Administrador, _) => "administración de la Defensoría".to_owned(),
            (Role::ContactCenter, _) => "Contact Center".to_owned(),
        };
        Actor { label, account: Some(self.account.id) }
    }
}

/// An appointment as an office sees it: the document masked.
fn entry(a: &Appointment) -> AgendaEntry {
    let kind = DocumentKind::parse(&a.document_kind).unwrap_or(DocumentKind::Cc);
    AgendaEntry {
        code: crate::appointment_view::shown_code(&a.code),
        office: a.office_id.clone(),
        start: instant(a.start_at),
        end: instant(a.end_at),
        service: a.service_id.clone(),
        name: a.name.clone(),
        document: masked(kind, &a.document_number),
        status: a.status(),
        checked_in_at: a.checked_in_at.map(instant),
        cancel_reason: a.cancel_reason.clone(),
    }
}
