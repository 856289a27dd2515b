//! The one error type of the HTTP API, and the one place errors are made: each code's status,
//! the input it is about and its message, in Spanish and English. An answer is
//! `{"error": {"code", "message", "field"?}}` with a 4xx status for anything the caller can fix;
//! a 5xx only ever means the server or its database failed.
//!
//! Where a rule of the domain refused the input (a document, a name, a time), its own message
//! says precisely what is wrong; otherwise the code's message below. [`localize`] answers in the
//! language the request's `Accept-Language` prefers (Spanish by default); codes are the same in
//! both.

use crate::store;
use axum::body::Body;
use axum::extract::Request;
use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use citas_domain::api::{ErrorBody, ErrorCode, ErrorDetail};
use citas_domain::availability::RangeError;
use citas_domain::calendar_checks::{ClosureError, DesksError};
use citas_domain::contact::ContactError;
use citas_domain::document::DocumentError;
use citas_domain::lang::{Lang, Localized, Text};
use citas_domain::reason::ReasonError;
use citas_domain::schedule::SlotError;

#[derive(Debug)]
pub struct ApiError {
    code: ErrorCode,
    message: Message,
    field: Option<&'static str>,
    /// Seconds after which trying again may work (`Retry-After`).
    retry_after: Option<i64>,
}

/// What a code means to the caller: its status, the input it is about, and what the citizen is
/// told unless a rule says it more precisely.
fn meaning(code: ErrorCode) -> (StatusCode, Option<&'static str>, Text) {
    use ErrorCode::*;
    let (status, field, es, en) = match code {
        UnknownOffice => (
            StatusCode::NOT_FOUND,
            Some("office"),
            "No existe esa oficina. Elija una de la lista.",
            "There is no such office. Choose one from the list.",
        ),
        UnknownService => (
            StatusCode::NOT_FOUND,
            Some("service"),
            "No existe ese servicio. Elija uno de la lista.",
            "There is no such service. Choose one from the list.",
        ),
        NotFound => (
            StatusCode::NOT_FOUND,
            None,
            "No encontramos una cita con ese código y ese documento. Revise los dos.",
            "We found no appointment with that code and that document. Check both.",
        ),
        // A number the rules refuse says why (`From<DocumentError>`); this is for the kind.
        InvalidDocument => (
            StatusCode::UNPROCESSABLE_ENTITY,
            Some("document.kind"),
            "Elija el tipo de documento: cédula de ciudadanía (CC), cédula de extranjería (CE) o NIT.",
            "Choose the kind of document: cédula de ciudadanía (CC), cédula de extranjería (CE) or NIT.",
        ),
        InvalidName => (
            StatusCode::UNPROCESSABLE_ENTITY,
            Some("name"),
            "Revise el nombre de quien asistirá a la cita.",
            "Check the name of the person who will attend.",
        ),
        InvalidEmail => (
            StatusCode::UNPROCESSABLE_ENTITY,
            Some("email"),
            "Revise el correo electrónico.",
            "Check the email address.",
        ),
        InvalidPhone => {
            (StatusCode::UNPROCESSABLE_ENTITY, Some("phone"), "Revise el teléfono.", "Check the phone.")
        }
        ConsentRequired => (
            StatusCode::UNPROCESSABLE_ENTITY,
            Some("consent"),
            "Para agendar debe autorizar el tratamiento de sus datos personales.",
            "To book you must authorize the processing of your personal data.",
        ),
        InvalidStart => (
            StatusCode::UNPROCESSABLE_ENTITY,
            Some("start"),
            "La hora de la cita no es válida: use RFC 3339, por ejemplo 2026-12-01T08:00:00-05:00.",
            "The appointment time is not valid: use RFC 3339, for example 2026-12-01T08:00:00-05:00.",
        ),
        InvalidClient => (
            StatusCode::UNPROCESSABLE_ENTITY,
            Some("client"),
            "El identificador del navegador no es válido.",
            "The browser identifier is not valid.",
        ),
        InvalidDate => (
            StatusCode::BAD_REQUEST,
            None,
            "La fecha no es válida: use el formato AAAA-MM-DD, por ejemplo 2026-12-01.",
            "The date is not valid: use the format YYYY-MM-DD, for example 2026-12-01.",
        ),
        InvalidRange => (
            StatusCode::BAD_REQUEST,
            Some("to"),
            "La fecha inicial debe ser anterior o igual a la final.",
            "The start date must be on or before the end date.",
        ),
        RangeTooLong => (
            StatusCode::BAD_REQUEST,
            Some("to"),
            "Consulte menos días a la vez.",
            "Ask for fewer days at a time.",
        ),
        DateOutOfRange => (
            StatusCode::BAD_REQUEST,
            None,
            "La fecha está fuera del calendario de citas.",
            "The date is outside the appointments calendar.",
        ),
        NotASlot | OutsideHours | Holiday | Closure | OutsideWindow => (
            StatusCode::UNPROCESSABLE_ENTITY,
            Some("start"),
            "Esa hora no se puede reservar. Elija otra.",
            "That time cannot be booked. Choose another.",
        ),
        ProofOfWorkMissing | ProofOfWorkInvalid => (
            StatusCode::BAD_REQUEST,
            None,
            "No pudimos comprobar esta solicitud. Recargue la página e intente de nuevo.",
            "We could not check this request. Reload the page and try again.",
        ),
        SlotFull => (
            StatusCode::CONFLICT,
            Some("start"),
            "Alguien acaba de tomar el último cupo de esa hora. Elija otra hora.",
            "Someone has just taken the last seat at that time. Choose another time.",
        ),
        HoldExpired => (
            StatusCode::GONE,
            Some("hold"),
            "Se venció el tiempo para confirmar esa hora y quedó libre para otras personas. Elija de nuevo una hora.",
            "The time to confirm that slot ran out and it is free for others again. Choose a time again.",
        ),
        HoldMismatch => (
            StatusCode::UNPROCESSABLE_ENTITY,
            Some("hold"),
            "La hora reservada no corresponde a la oficina y hora de la solicitud.",
            "The held time does not match the office and time of the request.",
        ),
        HoldAlreadyExtended => (
            StatusCode::CONFLICT,
            None,
            "Ya usó la extensión de tiempo. Confirme la cita o elija de nuevo una hora.",
            "You have already used the extra time. Confirm the appointment or choose a time again.",
        ),
        TooManyHolds => (
            StatusCode::TOO_MANY_REQUESTS,
            None,
            "Desde su conexión ya hay varias horas apartadas sin confirmar. Confirme una, o espere a que se liberen, para apartar otra.",
            "Several times are already held from your connection without being confirmed. Confirm one, or wait for them to be released, to hold another.",
        ),
        DocumentHasAppointment => (
            StatusCode::CONFLICT,
            Some("document.number"),
            "Ese documento ya tiene una cita agendada. Si la agendó usted, búsquela con su código para cambiarla o cancelarla. Si usted no la agendó, llame al Contact Center o acérquese a la oficina con su documento: un funcionario verificará su identidad y la cancelará para que pueda agendar.",
            "That document already has an appointment. If you booked it, find it with its code to change or cancel it. If you did not book it, call the Contact Center or come to the office with your document: an official will check your identity and cancel it so that you can book.",
        ),
        TooManyBookings => (
            StatusCode::TOO_MANY_REQUESTS,
            None,
            "Desde su conexión ya se agendaron hoy todas las citas permitidas. Intente mañana, o llame al Contact Center si necesita otra cita.",
            "Your connection has already booked as many appointments as allowed today. Try again tomorrow, or call the Contact Center if you need another appointment.",
        ),
        AppointmentCancelled => (
            StatusCode::CONFLICT,
            None,
            "Esta cita fue cancelada y no se puede cambiar. Agende una nueva.",
            "This appointment was cancelled and cannot be changed. Book a new one.",
        ),
        AppointmentPast => (
            StatusCode::CONFLICT,
            None,
            "Esta cita ya empezó o ya pasó: no se puede cambiar ni cancelar.",
            "This appointment has started or is over: it can no longer be changed or cancelled.",
        ),
        CodeLocked => (
            StatusCode::TOO_MANY_REQUESTS,
            None,
            "Hubo demasiados intentos con un documento equivocado para este código: por seguridad, la cita no se puede consultar ni cambiar por un tiempo. Intente más tarde o llame al Contact Center.",
            "There were too many attempts with a wrong document for this code: for safety, the appointment cannot be looked up or changed for a while. Try again later or call the Contact Center.",
        ),
        AlreadyWaiting => (
            StatusCode::CONFLICT,
            Some("document.number"),
            "Ese documento ya está en una lista de espera. Para cambiar de oficina o de fechas, salga de ella con su código y vuelva a inscribirse.",
            "That document is on a waiting list already. To change the office or the dates, leave it with its code and join again.",
        ),
        OfferNotYours => (
            StatusCode::CONFLICT,
            Some("document.number"),
            "Este cupo está reservado para la persona de la lista de espera a quien se le ofreció: solo se puede agendar con el documento con que se inscribió.",
            "This seat is held for the person on the waiting list it was offered to: it can only be booked with the document they joined with.",
        ),
        Unauthenticated => (
            StatusCode::UNAUTHORIZED,
            None,
            "Inicie sesión para continuar. Las sesiones se cierran tras 30 minutos sin uso.",
            "Sign in to continue. Sessions close after 30 minutes without use.",
        ),
        Forbidden => (
            StatusCode::FORBIDDEN,
            None,
            "Su cuenta no puede hacer esto, o no en esta oficina.",
            "Your account cannot do this, or not at this office.",
        ),
        OriginRefused => (
            StatusCode::FORBIDDEN,
            None,
            "La solicitud no viene de esta página. Recárguela e intente de nuevo.",
            "The request does not come from this site. Reload the page and try again.",
        ),
        InvalidCredentials => (
            StatusCode::UNAUTHORIZED,
            Some("password"),
            "El correo o la contraseña no son correctos, la cuenta está desactivada, o está bloqueada por unos minutos tras varios intentos fallidos.",
            "The e-mail or the password is wrong, the account is disabled, or it is locked for some minutes after several failed attempts.",
        ),
        DocumentMismatch => (
            StatusCode::UNPROCESSABLE_ENTITY,
            Some("document.number"),
            "Ese documento NO es el de la cita. Solo se atiende el documento con el que se agendó.",
            "That document is NOT the appointment's. Only the document it was booked with is attended.",
        ),
        AppointmentNotToday => {
            (StatusCode::CONFLICT, None, "Esa cita no es de hoy.", "That appointment is not today.")
        }
        AppointmentNotBooked => (
            StatusCode::CONFLICT,
            None,
            "Esa cita ya fue atendida, marcada como inasistencia o cancelada.",
            "That appointment was attended, marked as a no-show or cancelled already.",
        ),
        TooEarlyForNoShow => (
            StatusCode::CONFLICT,
            None,
            "Todavía no: una inasistencia se marca pasado el tiempo de espera después de la hora de la cita.",
            "Not yet: a no-show is marked once the waiting time after the appointment's start has passed.",
        ),
        NothingToReopen => (
            StatusCode::CONFLICT,
            None,
            "Esa cita no está marcada como atendida ni como inasistencia.",
            "That appointment is not marked as attended or as a no-show.",
        ),
        InvalidReason => (
            StatusCode::UNPROCESSABLE_ENTITY,
            Some("reason"),
            "Escriba el motivo (hasta 200 caracteres): se le mostrará al ciudadano.",
            "Write the reason (up to 200 characters): the citizen will see it.",
        ),
        InvalidClosure => (
            StatusCode::UNPROCESSABLE_ENTITY,
            None,
            "Revise el cierre: oficinas, fechas, horas y motivo.",
            "Check the closure: offices, dates, times and reason.",
        ),
        UnknownClosure => (StatusCode::NOT_FOUND, None, "No existe ese cierre.", "There is no such closure."),
        InvalidDesks => (
            StatusCode::UNPROCESSABLE_ENTITY,
            Some("desks"),
            "Los puestos van de 1 a 100, desde hoy o una fecha futura.",
            "Desks go from 1 to 100, from today or a later date.",
        ),
        OfficeUnavailable => (
            StatusCode::CONFLICT,
            None,
            "Esa oficina ya no agenda citas. Cancele esta cita y agende en otra oficina.",
            "That office no longer takes appointments. Cancel this one and book at another office.",
        ),
        InvalidJson => (
            StatusCode::BAD_REQUEST,
            None,
            "El cuerpo de la solicitud no es JSON válido.",
            "The request body is not valid JSON.",
        ),
        InvalidRequest => (
            StatusCode::BAD_REQUEST,
            None,
            "Algún campo tiene un tipo de dato inesperado.",
            "A field has an unexpected type.",
        ),
        InvalidQuery => (StatusCode::BAD_REQUEST, None, "Parámetros no válidos.", "Invalid parameters."),
        InvalidPath => (StatusCode::BAD_REQUEST, None, "Ruta no válida.", "Invalid path."),
        UnsupportedMediaType => (
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            None,
            "Envíe el cuerpo como JSON (Content-Type: application/json).",
            "Send the body as JSON (Content-Type: application/json).",
        ),
        InvalidIdempotencyKey => (
            StatusCode::BAD_REQUEST,
            None,
            "El encabezado Idempotency-Key debe tener solo letras, dígitos y guiones (máximo 64), por ejemplo un UUID.",
            "The Idempotency-Key header must have only letters, digits and hyphens (64 at most), for example a UUID.",
        ),
        BodyTooLarge => (
            StatusCode::PAYLOAD_TOO_LARGE,
            None,
            "La solicitud es demasiado grande.",
            "The request is too large.",
        ),
        TooManyRequests => (
            StatusCode::TOO_MANY_REQUESTS,
            None,
            "Recibimos muchas solicitudes seguidas desde su conexión. Espere un momento y vuelva a intentarlo.",
            "We received many requests in a row from your connection. Wait a moment and try again.",
        ),
        Busy => (
            StatusCode::SERVICE_UNAVAILABLE,
            None,
            "Hay muchas solicitudes en este momento. Intente de nuevo en un minuto.",
            "There are many requests right now. Please try again in a minute.",
        ),
        StorageFull => (
            StatusCode::SERVICE_UNAVAILABLE,
            None,
            "En este momento no podemos guardar citas. Intente más tarde o llame al Contact Center.",
            "We cannot save appointments right now. Please try again later or call the Contact Center.",
        ),
        Internal | Unknown => (
            StatusCode::INTERNAL_SERVER_ERROR,
            None,
            "Tuvimos un problema al procesar la solicitud. Intente de nuevo; si persiste, llame al Contact Center.",
            "We had a problem processing the request. Please try again; if it persists, call the Contact Center.",
        ),
    };
    (status, field, Text { es, en })
}

impl ApiError {
    pub fn new(code: ErrorCode) -> ApiError {
        let (_, field, text) = meaning(code);
        // What the message of `busy` says: a minute.
        let retry_after = (code == ErrorCode::Busy).then_some(60);
        ApiError { code, message: Message::of(&text), field, retry_after }
    }

    /// Names the input at fault, when it is not the one the code is usually about.
    pub fn on(mut self, field: &'static str) -> ApiError {
        self.field = Some(field);
        self
    }

    /// Trying again in `seconds` may work (`Retry-After`).
    fn retrying_after(mut self, seconds: i64) -> ApiError {
        self.retry_after = Some(seconds);
        self
    }

    /// The message of the rule that refused the input, more precise than the code's.
    fn saying(mut self, message: impl Localized) -> ApiError {
        self.message = Message::of(&message);
        self
    }

    /// An address under /api/v1 that does not exist.
    pub fn no_such_route() -> ApiError {
        ApiError::new(ErrorCode::NotFound)
            .saying(Text {
                es: "Esa dirección de la API no existe.", en: "That API address does not exist."
            })
    }

    /// A date that is not YYYY-MM-DD, in the query's `field`.
    pub fn invalid_date(value: &str, field: &'static str) -> ApiError {
        ApiError::new(ErrorCode::InvalidDate).on(field).saying(Message {
            es: format!(
                "La fecha «{value}» no es válida: use el formato AAAA-MM-DD, por ejemplo 2026-12-01."
            ),
            en: format!(
                "The date «{value}» is not valid: use the format YYYY-MM-DD, for example 2026-12-01."
            ),
        })
    }

    /// Too many requests from the client's address: it may try again in `seconds`.
    pub fn too_many_requests(seconds: i64) -> ApiError {
        let seconds = seconds.max(1);
        let (es, en) = if seconds < 60 {
            (format!("{seconds} segundos"), format!("{seconds} seconds"))
        } else {
            let minutes = (seconds + 59) / 60;
            (format!("{minutes} min"), format!("{minutes} min"))
        };
        let error = ApiError::new(ErrorCode::TooManyRequests).saying(Message {
            es: format!(
                "Recibimos muchas solicitudes seguidas desde su conexión. Espere {es} y vuelva a intentarlo: lo que ya eligió se conserva."
            ),
            en: format!(
                "We received many requests in a row from your connection. Wait {en} and try again: what you have chosen is kept."
            ),
        });
        error.retrying_after(seconds)
    }

    /// An appointment code locked after too many wrong documents, for `seconds` more.
    pub fn code_locked(seconds: i64) -> ApiError {
        let minutes = (seconds + 59) / 60;
        let error = ApiError::new(ErrorCode::CodeLocked).saying(Message {
            es: format!(
                "Hubo demasiados intentos con un documento equivocado para este código: por seguridad, la cita no se puede consultar, cambiar ni cancelar durante {minutes} min. Si la cita es suya, intente de nuevo entonces, o llame al Contact Center."
            ),
            en: format!(
                "There were too many attempts with a wrong document for this code: for safety, the appointment cannot be looked up, changed or cancelled for {minutes} min. If it is yours, try again then, or call the Contact Center."
            ),
        });
        error.retrying_after(seconds)
    }

    /// A date of the query's `field` outside the years the calendar answers for.
    pub fn date_out_of_range(value: &str, field: &'static str) -> ApiError {
        let years = citas_domain::availability::CALENDAR_YEARS;
        let (first, last) = (years.start(), years.end());
        ApiError::new(ErrorCode::DateOutOfRange).on(field).saying(Message {
            es: format!("La fecha «{value}» está fuera del calendario de citas: use una fecha entre {first} y {last}."),
            en: format!("The date «{value}» is outside the appointments calendar: use a date between {first} and {last}."),
        })
    }

    fn status(&self) -> StatusCode {
        meaning(self.code).0
    }

    fn body(&self, lang: Lang) -> ErrorBody {
        ErrorBody {
            error: ErrorDetail {
                code: self.code,
                message: self.message.get(lang).to_owned(),
                field: self.field.map(str::to_owned),
            },
        }
    }
}

impl From<ErrorCode> for ApiError {
    fn from(code: ErrorCode) -> ApiError {
        ApiError::new(code)
    }
}

impl From<DocumentError> for ApiError {
    fn from(e: DocumentError) -> ApiError {
        ApiError::new(ErrorCode::InvalidDocument).on("document.number").saying(e)
    }
}

impl From<ContactError> for ApiError {
    fn from(e: ContactError) -> ApiError {
        let code = match e {
            ContactError::NameEmpty
            | ContactError::NameTooLong
            | ContactError::NameNoLetters
            | ContactError::NameInvalidCharacters
            | ContactError::NameInvisibleCharacters => ErrorCode::InvalidName,
            ContactError::EmailInvalid => ErrorCode::InvalidEmail,
            ContactError::PhoneInvalid => ErrorCode::InvalidPhone,
        };
        ApiError::new(code).saying(e)
    }
}

impl From<ReasonError> for ApiError {
    fn from(e: ReasonError) -> ApiError {
        ApiError::new(ErrorCode::InvalidReason).saying(e)
    }
}

impl From<SlotError> for ApiError {
    fn from(e: SlotError) -> ApiError {
        let code = match e {
            SlotError::NotASlot => ErrorCode::NotASlot,
            SlotError::OutsideHours => ErrorCode::OutsideHours,
            SlotError::Holiday(_) => ErrorCode::Holiday,
            SlotError::Closure(_) => ErrorCode::Closure,
            SlotError::OutsideWindow => ErrorCode::OutsideWindow,
        };
        ApiError::new(code).saying(e)
    }
}

impl From<ClosureError> for ApiError {
    fn from(e: ClosureError) -> ApiError {
        ApiError::new(ErrorCode::InvalidClosure).on(e.field()).saying(e)
    }
}

impl From<DesksError> for ApiError {
    fn from(e: DesksError) -> ApiError {
        ApiError::new(ErrorCode::InvalidDesks).on(e.field()).saying(e)
    }
}

impl From<RangeError> for ApiError {
    fn from(e: RangeError) -> ApiError {
        let code = match e {
            RangeError::Reversed => ErrorCode::InvalidRange,
            RangeError::TooLong => ErrorCode::RangeTooLong,
        };
        ApiError::new(code).saying(e)
    }
}

/// A refusal of the store is the caller's to fix; a failure of the database is the server's,
/// and its details go to the log, not to the citizen.
impl From<store::Error> for ApiError {
    fn from(e: store::Error) -> ApiError {
        match e {
            store::Error::Refused(code) => ApiError::new(code),
            store::Error::Later(ErrorCode::CodeLocked, seconds) => ApiError::code_locked(seconds),
            store::Error::Later(code, seconds) => ApiError::new(code).retrying_after(seconds),
            store::Error::Database(e) => {
                tracing::error!(error = %e, "database error");
                ApiError::new(ErrorCode::Internal)
            }
        }
    }
}

impl From<JsonRejection> for ApiError {
    fn from(rejection: JsonRejection) -> ApiError {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            return ApiError::new(ErrorCode::BodyTooLarge);
        }
        let detail = rejection.body_text();
        match rejection {
            JsonRejection::MissingJsonContentType(_) => ApiError::new(ErrorCode::UnsupportedMediaType),
            JsonRejection::JsonDataError(_) => ApiError::new(ErrorCode::InvalidRequest).saying(Message {
                es: format!("Algún campo tiene un tipo de dato inesperado: {detail}"),
                en: format!("A field has an unexpected type: {detail}"),
            }),
            _ => ApiError::new(ErrorCode::InvalidJson).saying(Message {
                es: format!("El cuerpo de la solicitud no es JSON válido: {detail}"),
                en: format!("The request body is not valid JSON: {detail}"),
            }),
        }
    }
}

impl From<QueryRejection> for ApiError {
    fn from(rejection: QueryRejection) -> ApiError {
        let detail = rejection.body_text();
        ApiError::new(ErrorCode::InvalidQuery).saying(Message {
            es: format!("Parámetros no válidos: {detail}"),
            en: format!("Invalid parameters: {detail}"),
        })
    }
}

impl From<PathRejection> for ApiError {
    fn from(rejection: PathRejection) -> ApiError {
        let detail = rejection.body_text();
        ApiError::new(ErrorCode::InvalidPath).saying(Message {
            es: format!("Ruta no válida: {detail}"),
            en: format!("Invalid path: {detail}"),
        })
    }
}

/// A message in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Message {
    es: String,
    en: String,
}

impl Message {
    fn of(text: &impl Localized) -> Message {
        Message { es: text.message(Lang::Es), en: text.message(Lang::En) }
    }

    fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Es => &self.es,
            Lang::En => &self.en,
        }
    }
}

impl Localized for Message {
    fn message(&self, lang: Lang) -> String {
        self.get(lang).to_owned()
    }
}

/// The English body of an error response, for [`localize`] to swap in.
#[derive(Clone)]
struct InEnglish(ErrorBody);

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        metrics::counter!("citas_refusals_total", "code" => self.code.as_str()).increment(1);
        let mut response = (self.status(), axum::Json(self.body(Lang::Es))).into_response();
        if let Some(seconds) = self.retry_after {
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(seconds.max(1)));
        }
        response.extensions_mut().insert(InEnglish(self.body(Lang::En)));
        response
    }
}

/// Middleware: error messages in the language the request prefers.
pub async fn localize(request: Request, next: Next) -> Response {
    let lang = crate::http::language::of(request.headers());
    let mut response = next.run(request).await;
    let Some(InEnglish(english)) = response.extensions_mut().remove::<InEnglish>() else {
        return response;
    };
    response.headers_mut().insert(header::VARY, HeaderValue::from_static("accept-language"));
    response.headers_mut().insert(header::CONTENT_LANGUAGE, HeaderValue::from_static(lang.code()));
    if lang == Lang::Es {
        return response;
    }
    let (mut parts, _) = response.into_parts();
    parts.headers.remove(header::CONTENT_LENGTH);
    let body = serde_json::to_vec(&english).unwrap_or_default();
    Response::from_parts(parts, Body::from(body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refused_closure_or_change_of_desks_names_its_field_and_says_why_in_both_languages() {
        let e = ApiError::from(ClosureError::TimesReversed);
        assert_eq!(e.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let (es, en) = (e.body(Lang::Es).error, e.body(Lang::En).error);
        assert_eq!((es.code, es.field.as_deref()), (ErrorCode::InvalidClosure, Some("to_time")));
        assert_eq!(en.message, "The end time must be after the start time.");
        assert_ne!(es.message, en.message);
        let e = ApiError::from(ClosureError::Reason("reason_es", citas_domain::reason::ReasonError::Empty));
        assert_eq!(e.body(Lang::Es).error.field.as_deref(), Some("reason_es"));
        let e = ApiError::from(DesksError::Past);
        assert_eq!(e.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body = e.body(Lang::En).error;
        assert_eq!((body.code, body.field.as_deref()), (ErrorCode::InvalidDesks, Some("from")));
    }
}
