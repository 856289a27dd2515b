//! The one error type of the HTTP API, and how each becomes a response:
//! `{"error": {"code", "message", "field"?}}` with a 4xx status for anything the caller
//! can fix. A 5xx only ever means the server or its database failed.
//!
//! Messages exist in Spanish and English; [`localize`] answers in the one the request's
//! `Accept-Language` prefers (Spanish by default). Codes are the same in both.

use axum::body::Body;
use axum::extract::Request;
use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use citas_domain::api::{ErrorBody, ErrorDetail};
use citas_domain::lang::{Lang, Localized, Text};

/// A message for the citizen, in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub es: String,
    pub en: String,
}

impl Message {
    pub fn of(text: &impl Localized) -> Message {
        Message { es: text.message(Lang::Es), en: text.message(Lang::En) }
    }

    fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Es => &self.es,
            Lang::En => &self.en,
        }
    }
}

impl From<Text> for Message {
    fn from(text: Text) -> Message {
        Message::of(&text)
    }
}

#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: Message,
    pub field: Option<&'static str>,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<Message>) -> ApiError {
        ApiError { status, code, message: message.into(), field: None }
    }

    pub fn bad_request(code: &'static str, message: impl Into<Message>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, code, message)
    }

    pub fn not_found(code: &'static str, message: impl Into<Message>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, code, message)
    }

    pub fn conflict(code: &'static str, message: impl Into<Message>) -> ApiError {
        ApiError::new(StatusCode::CONFLICT, code, message)
    }

    pub fn invalid(code: &'static str, message: impl Into<Message>) -> ApiError {
        ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, code, message)
    }

    /// Names the input at fault, so the client can show the message beside it.
    pub fn on(mut self, field: &'static str) -> ApiError {
        self.field = Some(field);
        self
    }

    pub fn unknown_service() -> ApiError {
        ApiError::not_found(
            "unknown_service",
            Text {
                es: "No existe ese servicio. Elija uno de la lista.",
                en: "There is no such service. Choose one from the list.",
            },
        )
        .on("service")
    }

    pub fn unknown_office() -> ApiError {
        ApiError::not_found(
            "unknown_office",
            Text {
                es: "No existe esa oficina. Elija una de la lista.",
                en: "There is no such office. Choose one from the list.",
            },
        )
        .on("office")
    }

    fn body(&self, lang: Lang) -> ErrorBody {
        ErrorBody {
            error: ErrorDetail {
                code: self.code.to_owned(),
                message: self.message.get(lang).to_owned(),
                field: self.field.map(str::to_owned),
            },
        }
    }
}

/// The English body of an error response, for [`localize`] to swap in.
#[derive(Clone)]
struct InEnglish(ErrorBody);

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        metrics::counter!("citas_refusals_total", "code" => self.code).increment(1);
        let mut response = (self.status, axum::Json(self.body(Lang::Es))).into_response();
        response.extensions_mut().insert(InEnglish(self.body(Lang::En)));
        response
    }
}

/// Middleware: error messages in the language the request prefers.
pub async fn localize(request: Request, next: Next) -> Response {
    let lang = request
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map(Lang::from_accept_language)
        .unwrap_or_default();
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

/// Database failures are the server's fault; the details go to the log, not to the citizen.
impl From<sqlx::Error> for ApiError {
    fn from(err: sqlx::Error) -> ApiError {
        let busy = matches!(err, sqlx::Error::PoolTimedOut)
            || err.as_database_error().is_some_and(|e| e.message().contains("database is locked"));
        if busy {
            tracing::warn!(error = %err, "database busy");
            ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "busy",
                Text {
                    es: "El servicio está muy ocupado en este momento. Intente de nuevo en un minuto.",
                    en: "The service is very busy right now. Please try again in a minute.",
                },
            )
        } else {
            tracing::error!(error = %err, "database error");
            ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                Text {
                    es: "Tuvimos un problema al procesar la solicitud. Intente de nuevo; si persiste, llame al Contact Center.",
                    en: "We had a problem processing the request. Please try again; if it persists, call the Contact Center.",
                },
            )
        }
    }
}

impl From<JsonRejection> for ApiError {
    fn from(rejection: JsonRejection) -> ApiError {
        let detail = rejection.body_text();
        match rejection {
            JsonRejection::MissingJsonContentType(_) => ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                Text {
                    es: "Envíe el cuerpo como JSON (Content-Type: application/json).",
                    en: "Send the body as JSON (Content-Type: application/json).",
                },
            ),
            JsonRejection::JsonDataError(_) => ApiError::bad_request(
                "invalid_request",
                Message {
                    es: format!("Algún campo tiene un tipo de dato inesperado: {detail}"),
                    en: format!("A field has an unexpected type: {detail}"),
                },
            ),
            _ => ApiError::bad_request(
                "invalid_json",
                Message {
                    es: format!("El cuerpo de la solicitud no es JSON válido: {detail}"),
                    en: format!("The request body is not valid JSON: {detail}"),
                },
            ),
        }
    }
}

impl From<QueryRejection> for ApiError {
    fn from(rejection: QueryRejection) -> ApiError {
        let detail = rejection.body_text();
        ApiError::bad_request(
            "invalid_query",
            Message {
                es: format!("Parámetros no válidos: {detail}"),
                en: format!("Invalid parameters: {detail}"),
            },
        )
    }
}

impl From<PathRejection> for ApiError {
    fn from(rejection: PathRejection) -> ApiError {
        let detail = rejection.body_text();
        ApiError::bad_request(
            "invalid_path",
            Message { es: format!("Ruta no válida: {detail}"), en: format!("Invalid path: {detail}") },
        )
    }
}
