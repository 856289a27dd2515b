//! `POST /api/v1/appointments`: book a seat.

use super::{
    Attempt, COLUMNS, NEW_HISTORY_ENTRY, Stored, no_seat, parse_document, refused, slot, slot_error, view,
    with_retries,
};
use crate::db::{Backend, Unique, push, unique_violation};
use crate::error::{ApiError, Message};
use crate::http::{AppState, Json};
use crate::seats::{self, SlotArgs};
use axum::extract::State;
use axum::http::StatusCode;
use chrono::{DateTime, FixedOffset};
use citas_domain::api::{AppointmentView, BookingRequest, PRIVACY_NOTICE_VERSION};
use citas_domain::catalog::{Catalog, Office, Service};
use citas_domain::code::AppointmentCode;
use citas_domain::contact::{Email, PersonName, Phone};
use citas_domain::document::Document;
use citas_domain::lang::Text;
use citas_domain::schedule::{BookingWindow, Slot, SlotError};
use rand::Rng;
use sqlx::any::AnyArguments;
use std::sync::LazyLock;

/// A booking request whose every field is valid.
struct NewBooking<'a> {
    office: &'a Office,
    service: &'a Service,
    slot: Slot,
    document: Document,
    name: PersonName,
    email: Option<Email>,
    phone: Option<Phone>,
    hold: Option<String>,
}

pub async fn create(
    State(app): State<AppState>,
    Json(request): Json<BookingRequest>,
) -> Result<(StatusCode, Json<AppointmentView>), ApiError> {
    let now = app.clock.now();
    let booking = NewBooking::parse(&app.catalog, &request, now)?;
    let view = with_retries(&app.catalog, || insert(&app, &booking, now)).await?;
    app.seats_changed(&booking.office.id);
    tracing::info!(code = %view.code, office = %view.office.id, start = %view.start, "appointment booked");
    metrics::counter!("citas_bookings_total", "office" => view.office.id.clone()).increment(1);
    Ok((StatusCode::CREATED, Json(view)))
}

impl<'a> NewBooking<'a> {
    fn parse(catalog: &'a Catalog, r: &BookingRequest, now: DateTime<FixedOffset>) -> Result<Self, ApiError> {
        let office = catalog.office(&r.office).ok_or_else(ApiError::unknown_office)?;
        let service = catalog.service(&r.service).ok_or_else(ApiError::unknown_service)?;
        let document = parse_document(catalog, &r.document)?;
        let name = PersonName::parse(&r.name)
            .map_err(|e| ApiError::invalid("invalid_name", Message::of(&e)).on("name"))?;
        let email = optional(r.email.as_deref())
            .map(Email::parse)
            .transpose()
            .map_err(|e| ApiError::invalid("invalid_email", Message::of(&e)).on("email"))?;
        let phone = optional(r.phone.as_deref())
            .map(Phone::parse)
            .transpose()
            .map_err(|e| ApiError::invalid("invalid_phone", Message::of(&e)).on("phone"))?;
        if !r.consent {
            return Err(ApiError::invalid(
                "consent_required",
                Text {
                    es: "Para agendar debe autorizar el tratamiento de sus datos personales.",
                    en: "To book you must authorize the processing of your personal data.",
                },
            )
            .on("consent"));
        }
        let slot = slot(catalog, office, &r.start)?;
        let hold = optional(r.hold.as_deref()).map(str::to_owned);
        // A live hold was taken inside the window; it stays good even if the notice passes.
        if hold.is_none() && !BookingWindow::at(now, &catalog.booking).contains(slot.start) {
            return Err(slot_error(SlotError::OutsideWindow));
        }
        Ok(NewBooking { office, service, slot, document, name, email, phone, hold })
    }
}

/// An empty optional field is the same as a missing one.
fn optional(value: Option<&str>) -> Option<&str> {
    value.filter(|v| !v.trim().is_empty())
}

fn new_code() -> AppointmentCode {
    let mut rng = rand::rng();
    AppointmentCode::from_random(std::array::from_fn(|_| rng.random()))
}

/// Takes the held or the lowest free seat of the slot and records the appointment, all or
/// nothing.
async fn insert(app: &AppState, b: &NewBooking<'_>, now: DateTime<FixedOffset>) -> Attempt<AppointmentView> {
    let attempt = async {
        let code = new_code();
        match book(app, b, code.as_str(), now).await? {
            Some(stored) => Ok::<_, sqlx::Error>(Attempt::Done(view(&app.catalog, &stored))),
            None => {
                let mut conn = app.db.pool().acquire().await?;
                no_seat(&mut conn, b.hold.as_deref(), b.office, b.slot.start.timestamp(), now.timestamp())
                    .await
            }
        }
    };
    match attempt.await {
        Ok(done) => done,
        // The document still holds an appointment: if that one has started, it no longer
        // holds the document — free it and try again. (Checked only now, to keep the common
        // path short; a failed statement ends the transaction on PostgreSQL, so separately.)
        Err(e) if unique_violation(&e) == Some(Unique::ActiveDocument) => {
            let freed = sqlx::query(
                "UPDATE appointments SET active_document = NULL WHERE active_document = $1 AND start_at <= $2",
            )
            .bind(b.document.key())
            .bind(now.timestamp())
            .execute(app.db.pool())
            .await;
            match freed {
                Ok(done) if done.rows_affected() > 0 => Attempt::Retry,
                Ok(_) => refused(e),
                Err(other) => refused(other),
            }
        }
        Err(e) => refused(e),
    }
}

/// The new appointment's columns and, in the same order, its values from arguments $1 to $13
/// (see `appointment_arguments`).
const APPOINTMENT_COLUMNS: &str = "code, office_id, service_id, start_at, end_at,
         document_kind, document_number, active_document, name, email, phone,
         status, consent_at, privacy_notice, created_at, updated_at";
const APPOINTMENT_VALUES: &str = "$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'booked', $12, $13, $12, $12";

/// $1 code, $2 office, $3 service, $4 start, $5 end, $6–$8 document, $9–$11 name and contact,
/// $12 now, $13 privacy notice; then `book` adds $14, the office's desks or the hold, and $15,
/// the history detail. Owned, as SQLite's batch runs in a task of its own.
fn appointment_arguments(
    b: &NewBooking<'_>,
    code: &str,
    now: DateTime<FixedOffset>,
) -> Result<AnyArguments<'static>, sqlx::Error> {
    let mut args = AnyArguments::default();
    push(&mut args, code.to_owned())?;
    push(&mut args, b.office.id.clone())?;
    push(&mut args, b.service.id.clone())?;
    push(&mut args, b.slot.start.timestamp())?;
    push(&mut args, b.slot.end.timestamp())?;
    push(&mut args, b.document.kind().code())?;
    push(&mut args, b.document.number().to_owned())?;
    push(&mut args, b.document.key().to_owned())?;
    push(&mut args, b.name.as_str().to_owned())?;
    push(&mut args, b.email.as_ref().map(|e| e.as_str().to_owned()))?;
    push(&mut args, b.phone.as_ref().map(|p| p.as_str().to_owned()))?;
    push(&mut args, now.timestamp())?;
    push(&mut args, PRIVACY_NOTICE_VERSION)?;
    Ok(args)
}

fn booked_detail(b: &NewBooking<'_>) -> String {
    format!("{} {}", b.office.id, b.slot.start.to_rfc3339())
}

/// Books a seat in one trip to the database: the appointment, its seat and its history are
/// written by one statement on PostgreSQL (a CTE, atomic without a transaction) and by one
/// batch that is its own transaction on SQLite (which has no writing CTEs). The seat is the
/// citizen's live hold for this slot, or else the lowest free one. `None` when no seat was
/// taken, and then nothing was written.
async fn book(
    app: &AppState,
    b: &NewBooking<'_>,
    code: &str,
    now: DateTime<FixedOffset>,
) -> Result<Option<Stored>, sqlx::Error> {
    let mut args = appointment_arguments(b, code, now)?;
    let (sqlite, postgres) = match &b.hold {
        Some(hold) => {
            push(&mut args, hold.clone())?;
            (&*BOOK_HELD_SEAT_SQLITE, &*BOOK_HELD_SEAT_POSTGRES)
        }
        None => {
            push(&mut args, i64::from(b.office.desks))?;
            (&*BOOK_FREE_SEAT_SQLITE, &*BOOK_FREE_SEAT_POSTGRES)
        }
    };
    push(&mut args, booked_detail(b))?;
    let rows: Vec<Stored> = match app.db.backend() {
        Backend::Sqlite => app.db.sqlite_transaction(sqlite, args).await?,
        Backend::Postgres => sqlx::query_as_with(postgres, args).fetch_all(app.db.pool()).await?,
    };
    Ok(rows.into_iter().next())
}

static BOOK_FREE_SEAT_SQLITE: LazyLock<String> =
    LazyLock::new(|| sqlite_batch(claim_free_seat, || seats::a_seat_is_free(&SLOT)));
static BOOK_FREE_SEAT_POSTGRES: LazyLock<String> = LazyLock::new(|| postgres_cte(claim_free_seat));
static BOOK_HELD_SEAT_SQLITE: LazyLock<String> =
    LazyLock::new(|| sqlite_batch(claim_held_seat, || seats::the_hold_is_live(&SLOT, "$14")));
static BOOK_HELD_SEAT_POSTGRES: LazyLock<String> = LazyLock::new(|| postgres_cte(claim_held_seat));

/// The slot in the booking's arguments.
const SLOT: SlotArgs = SlotArgs { office: "$2", start: "$4", now: "$12", desks: "$14" };

/// The lowest free seat for the appointment whose `id` the subquery or CTE `new` yields.
fn claim_free_seat(new: &str) -> String {
    seats::claim_seat(&SLOT, "appointment_id", "booked.id", &format!(", {new} AS booked"))
}

/// Hold $14 for the appointment whose `id` the subquery or CTE `new` yields.
fn claim_held_seat(new: &str) -> String {
    seats::claim_held_seat(&SLOT, "$14", &format!("(SELECT booked.id FROM {new} AS booked)"))
}

/// The booking as statements run one after the other in their own transaction (see
/// `Db::sqlite_transaction`); the appointment is found again by its code. It is written only
/// if `available` finds its seat, so that a full slot writes nothing (and COMMIT has nothing
/// to wait for on the disk); should the seat still not be taken, the appointment is deleted
/// again before COMMIT. A document that already holds an appointment fails the first INSERT,
/// which then rolls the transaction back (OR ROLLBACK). Returns the appointment only if it got
/// its seat.
fn sqlite_batch(claim: fn(&str) -> String, available: fn() -> String) -> String {
    let new = "(SELECT id FROM appointments WHERE code = $1)";
    let seated = "appointments.code = $1
                  AND EXISTS (SELECT 1 FROM seats WHERE seats.appointment_id = appointments.id)";
    format!(
        "BEGIN IMMEDIATE;
         INSERT OR ROLLBACK INTO appointments ({APPOINTMENT_COLUMNS})
         SELECT {APPOINTMENT_VALUES} WHERE {};
         {};
         {};
         DELETE FROM appointments WHERE code = $1 AND NOT ({seated});
         SELECT {COLUMNS} FROM appointments WHERE {seated};
         COMMIT",
        available(),
        claim(new),
        booked_event(&format!("(SELECT id FROM appointments WHERE {seated})")),
    )
}

/// The booking as one statement. The seat is taken first, for an id drawn from the sequence,
/// and the appointment is written only if the seat was: with no transaction around the
/// statement, nothing may be written that a missing seat would have to undo. (The seat's
/// reference to the appointment is checked at the end of the statement.) The sequence is named
/// as PostgreSQL names a BIGSERIAL's; `pg_get_serial_sequence` looked it up in the catalogue at
/// every booking.
fn postgres_cte(claim: fn(&str) -> String) -> String {
    format!(
        "WITH new AS (SELECT nextval('appointments_id_seq') AS id),
              seat AS ({} RETURNING seats.appointment_id AS id),
              appointment AS (INSERT INTO appointments (id, {APPOINTMENT_COLUMNS})
                              SELECT seat.id, {APPOINTMENT_VALUES} FROM seat RETURNING {COLUMNS}),
              event AS ({})
         SELECT {COLUMNS} FROM appointment",
        claim("new"),
        booked_event("appointment"),
    )
}

/// The history's first entry for the appointment whose id `new` yields.
fn booked_event(new: &str) -> String {
    format!("{NEW_HISTORY_ENTRY} SELECT booked.id, $12, 'booked', $15 FROM {new} AS booked")
}
