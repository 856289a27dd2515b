//! Every refusal the API gives: `{"error": {"code", "message", "field"?}}`. The code is what
//! programs act on; the message is for the citizen, in the language they asked for.

use serde::de::{Deserialize, Deserializer};
use serde::ser::{Serialize, Serializer};

/// Every 4xx/5xx answer.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorDetail {
    pub code: ErrorCode,
    /// For the citizen, in the language of the request's `Accept-Language` (Spanish by default).
    pub message: String,
    /// The input at fault, e.g. "document.number", so a form can show the message beside it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

/// Declares `ErrorCode` with each variant's text on the wire, written once.
macro_rules! error_codes {
    ($($(#[$doc:meta])* $variant:ident = $text:literal,)*) => {
        /// Stable, snake_case on the wire: "slot_full", "invalid_document", …
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum ErrorCode {
            $($(#[$doc])* $variant,)*
            /// A code this build does not know, from a newer server: its message still says
            /// what happened. Never sent.
            Unknown,
        }

        impl ErrorCode {
            #[cfg(any(test, feature = "openapi"))]
            const ALL: &[ErrorCode] = &[$(ErrorCode::$variant,)*];

            /// Its text on the wire. A `const fn`, so a client may compare a refusal's code
            /// with the text of a known one worked out when compiling.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(ErrorCode::$variant => $text,)*
                    ErrorCode::Unknown => "unknown",
                }
            }

            fn parse(text: &str) -> ErrorCode {
                match text {
                    $($text => ErrorCode::$variant,)*
                    _ => ErrorCode::Unknown,
                }
            }
        }
    };
}

error_codes! {
    // What was asked for does not exist.
    UnknownOffice = "unknown_office",
    UnknownService = "unknown_service",
    /// No appointment with that code and document (the same for either being wrong), or no
    /// such API address.
    NotFound = "not_found",

    // A field of the request, named in `field`.
    InvalidDocument = "invalid_document",
    InvalidName = "invalid_name",
    InvalidEmail = "invalid_email",
    InvalidPhone = "invalid_phone",
    ConsentRequired = "consent_required",
    InvalidStart = "invalid_start",
    InvalidClient = "invalid_client",
    InvalidDate = "invalid_date",
    InvalidRange = "invalid_range",
    RangeTooLong = "range_too_long",
    /// A date outside the years the calendar answers for.
    DateOutOfRange = "date_out_of_range",

    // The time asked for cannot be booked.
    NotASlot = "not_a_slot",
    OutsideHours = "outside_hours",
    Holiday = "holiday",
    Closure = "closure",
    OutsideWindow = "outside_window",
    /// Every seat of the slot is taken.
    SlotFull = "slot_full",

    // Holds.
    /// The hold ran out (its seat may be someone else's now), was used, or never was.
    HoldExpired = "hold_expired",
    /// The hold is for another office or time than the request.
    HoldMismatch = "hold_mismatch",
    HoldAlreadyExtended = "hold_already_extended",
    /// The client address keeps as many live holds as it may (`Retry-After`: until the first
    /// expires).
    TooManyHolds = "too_many_holds",

    // Appointments.
    /// The document already holds an upcoming appointment.
    DocumentHasAppointment = "document_has_appointment",
    /// The client address has made as many bookings today as it may (`Retry-After`: until
    /// midnight in Bogotá).
    TooManyBookings = "too_many_bookings",
    AppointmentCancelled = "appointment_cancelled",
    /// It has started or is over.
    AppointmentPast = "appointment_past",
    /// Its office no longer takes appointments.
    OfficeUnavailable = "office_unavailable",
    /// Too many wrong documents were given for this code: it is locked for a while, whatever
    /// the document (`Retry-After` says how long).
    CodeLocked = "code_locked",

    // The waiting list.
    /// The document is on a waiting list already (one entry per document).
    AlreadyWaiting = "already_waiting",
    /// The seat is offered to someone else on the waiting list: only the document of their
    /// entry may book it.
    OfferNotYours = "offer_not_yours",

    // The officials' side.
    /// No signed-in session (or it timed out): sign in again.
    Unauthenticated = "unauthenticated",
    /// The account may not do this, or not at this office.
    Forbidden = "forbidden",
    /// A state-changing staff request whose `Origin` is not this site's.
    OriginRefused = "origin_refused",
    /// Wrong e-mail or password, a disabled account, or one locked after repeated failures
    /// (the same answer for each).
    InvalidCredentials = "invalid_credentials",
    /// The document presented is not the one the appointment was booked with: only that one is
    /// attended.
    DocumentMismatch = "document_mismatch",
    /// The appointment is not today (check-in, no-show and reopen are for today's).
    AppointmentNotToday = "appointment_not_today",
    /// The appointment is not booked (attended, no-show or cancelled already).
    AppointmentNotBooked = "appointment_not_booked",
    /// A no-show before the start plus the grace period.
    TooEarlyForNoShow = "too_early_for_no_show",
    /// Reopen: the appointment was neither checked in nor marked a no-show.
    NothingToReopen = "nothing_to_reopen",
    /// A reason is required, up to 200 characters.
    InvalidReason = "invalid_reason",
    /// A closure that makes no sense; `field` says which part.
    InvalidClosure = "invalid_closure",
    UnknownClosure = "unknown_closure",
    /// Desks out of range, or a date in the past.
    InvalidDesks = "invalid_desks",

    // The request itself.
    InvalidJson = "invalid_json",
    InvalidRequest = "invalid_request",
    InvalidQuery = "invalid_query",
    InvalidPath = "invalid_path",
    UnsupportedMediaType = "unsupported_media_type",
    /// An `Idempotency-Key` header that is not letters, digits and '-' (at most 64).
    InvalidIdempotencyKey = "invalid_idempotency_key",
    /// A body larger than any request of the API.
    BodyTooLarge = "body_too_large",
    /// A hold or a booking without the proof of work of `GET /api/v1/challenge` (`Altcha`).
    ProofOfWorkMissing = "proof_of_work_missing",
    /// A proof of work that is malformed, wrong, expired or already used.
    ProofOfWorkInvalid = "proof_of_work_invalid",

    // The server.
    /// Too many requests from one client address: `Retry-After` says when to try again.
    TooManyRequests = "too_many_requests",
    /// Too many requests at once for the database, or for one time: trying again works.
    Busy = "busy",
    /// The database's disk is full: nothing can be written until the operator makes room.
    StorageFull = "storage_full",
    Internal = "internal",
}

impl Serialize for ErrorCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for ErrorCode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<ErrorCode, D::Error> {
        let text = String::deserialize(deserializer)?;
        Ok(ErrorCode::parse(&text))
    }
}

/// The codes a server sends, as the OpenAPI document lists them.
#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for ErrorCode {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .enum_values(Some(ErrorCode::ALL.iter().map(|code| code.as_str())))
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for ErrorCode {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_travels_as_its_snake_case_name_and_back() {
        for &code in ErrorCode::ALL {
            let json = serde_json::to_string(&code).unwrap();
            assert_eq!(json, format!("\"{}\"", code.as_str()));
            assert_eq!(serde_json::from_str::<ErrorCode>(&json).unwrap(), code);
        }
        assert_eq!(serde_json::to_string(&ErrorCode::SlotFull).unwrap(), "\"slot_full\"");
        assert_eq!(serde_json::from_str::<ErrorCode>("\"from_a_newer_server\"").unwrap(), ErrorCode::Unknown);
    }
}
