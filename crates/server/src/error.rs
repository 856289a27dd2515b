//! The one error type of the HTTP API, and how each becomes a response:
//! `{"error": {"code", "message", "field"?}}` with a 4xx status for anything the caller
//! can fix. A 5xx only ever means the server or its database failed.

use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use citas_domain::api::{ErrorBody, ErrorDetail};

#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
    pub field: Option<&'static str>,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError { status, code, message: message.into(), field: None }
    }

    pub fn bad_request(code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, code, message)
    }

    pub fn not_found(code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, code, message)
    }

    pub fn conflict(code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::CONFLICT, code, message)
    }

    pub fn invalid(code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, code, message)
    }

    /// Names the input at fault, so the client can show the message beside it.
    pub fn on(mut self, field: &'static str) -> ApiError {
        self.field = Some(field);
        self
    }

    pub fn unknown_service() -> ApiError {
        ApiError::not_found("unknown_service", "No existe ese servicio. Elija uno de la lista.").on("service")
    }

    pub fn unknown_office() -> ApiError {
        ApiError::not_found("unknown_office", "No existe esa oficina. Elija una de la lista.").on("office")
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorBody {
            error: ErrorDetail {
                code: self.code.to_owned(),
                message: self.message,
                field: self.field.map(str::to_owned),
            },
        };
        (self.status, axum::Json(body)).into_response()
    }
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
                "El servicio está muy ocupado en este momento. Intente de nuevo en un minuto.",
            )
        } else {
            tracing::error!(error = %err, "database error");
            ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "Tuvimos un problema al procesar la solicitud. Intente de nuevo; si persiste, llame al Contact Center.",
            )
        }
    }
}

impl From<JsonRejection> for ApiError {
    fn from(rejection: JsonRejection) -> ApiError {
        match rejection {
            JsonRejection::MissingJsonContentType(_) => ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "Envíe el cuerpo como JSON (Content-Type: application/json).",
            ),
            JsonRejection::JsonDataError(e) => ApiError::bad_request(
                "invalid_request",
                format!("Algún campo tiene un tipo de dato inesperado: {}", e.body_text()),
            ),
            other => ApiError::bad_request(
                "invalid_json",
                format!("El cuerpo de la solicitud no es JSON válido: {}", other.body_text()),
            ),
        }
    }
}

impl From<QueryRejection> for ApiError {
    fn from(rejection: QueryRejection) -> ApiError {
        ApiError::bad_request("invalid_query", format!("Parámetros no válidos: {}", rejection.body_text()))
    }
}

impl From<PathRejection> for ApiError {
    fn from(rejection: PathRejection) -> ApiError {
        ApiError::bad_request("invalid_path", format!("Ruta no válida: {}", rejection.body_text()))
    }
}
