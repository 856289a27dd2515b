//! The API's OpenAPI 3.1 document, made from the types of `citas_domain::api` and the handlers'
//! `#[utoipa::path]` annotations, served at `GET /api/v1/openapi.json` and kept in
//! docs/openapi.json (a test fails when that file is not what the code makes).
//! What every operation shares is added here once rather than on each handler.

use super::{alternatives, appointments, availability, holds, offices, proof_of_work, staff, waitlist};
use axum::http::header;
use axum::response::IntoResponse;
use std::sync::LazyLock;
use utoipa::openapi::path::{Operation, ParameterBuilder, ParameterIn};
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};
use utoipa::openapi::{
    ContentBuilder, HeaderBuilder, ObjectBuilder, OpenApi as Document, Ref, RefOr, Required, Response,
    ResponseBuilder, Type,
};
use utoipa::{Modify, OpenApi};

/// The `Altcha` header's description, on the holds and bookings that need it.
pub const ALTCHA: &str = "The solution of a `GET /api/v1/challenge`, as ALTCHA's base64 payload. Required unless the server's `[abuse] proof_of_work` is false: without it 400 `proof_of_work_missing`; wrong, expired or spent, 400 `proof_of_work_invalid`.";

#[derive(OpenApi)]
#[openapi(
    info(
        title = "citas",
        description = "Appointments of the Defensoría del Contribuyente y del Usuario Aduanero (DIAN). The contract in prose: docs/api.md."
    ),
    paths(
        offices::list,
        offices::show,
        availability::show,
        alternatives::show,
        offices::settings,
        proof_of_work::challenge,
        holds::create,
        holds::release,
        holds::extend,
        appointments::create::create,
        appointments::change::lookup,
        appointments::change::reschedule,
        appointments::change::cancel,
        appointments::privacy::data,
        appointments::privacy::erase,
        waitlist::join,
        waitlist::lookup,
        waitlist::leave,
        waitlist::offer,
        staff::session::sign_in,
        staff::session::sign_out,
        staff::session::me,
        staff::agenda::show,
        staff::agenda::csv,
        staff::assisted::hold,
        staff::assisted::create,
        staff::assisted::reschedule,
        staff::appointments::check_in,
        staff::appointments::no_show,
        staff::appointments::reopen,
        staff::appointments::cancel,
        staff::appointments::search,
        staff::appointments::history,
        staff::appointments::erase,
        staff::closures::create,
        staff::closures::list,
        staff::closures::show,
        staff::closures::delete,
        staff::closures::cancel_appointments,
        staff::closures::desks,
        staff::waitlist::lengths,
    ),
    modifiers(&Shared)
)]
struct Api;

/// The document as JSON, made once.
static JSON: LazyLock<String> =
    LazyLock::new(|| Api::openapi().to_pretty_json().expect("the document serializes") + "\n");

/// `GET /api/v1/openapi.json`.
pub async fn serve() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], JSON.as_str())
}

/// What every operation has in common: `Accept-Language`, the server's own failures, and for
/// those with a body, the refusals of a body that cannot be read.
struct Shared;

impl Modify for Shared {
    fn modify(&self, document: &mut Document) {
        for item in document.paths.paths.values_mut() {
            for operation in [&mut item.get, &mut item.post, &mut item.delete].into_iter().flatten() {
                shared(operation);
            }
        }
        // `POST /api/v1/holds/{hold}/release` is `DELETE /api/v1/holds/{hold}` for
        // navigator.sendBeacon, which can only POST.
        let mut release = document.paths.paths["/api/v1/holds/{hold}"].clone();
        release.post = release.delete.take().map(|mut operation| {
            operation.operation_id = Some("release_by_post".into());
            operation
        });
        document.paths.paths.insert("/api/v1/holds/{hold}/release".into(), release);
        // The officials' session, which `security(("citas_funcionario" = []))` names.
        let session = ApiKeyValue::with_description(
            "citas_funcionario",
            "The session cookie set by `POST /api/v1/staff/session` (HttpOnly, SameSite=Strict, path `/api/v1/staff`). Without it, or once it has timed out: 401 `unauthenticated`.",
        );
        document
            .components
            .get_or_insert_with(Default::default)
            .add_security_scheme("citas_funcionario", SecurityScheme::ApiKey(ApiKey::Cookie(session)));
    }
}

fn shared(operation: &mut Operation) {
    let language = ParameterBuilder::new()
        .name("Accept-Language")
        .parameter_in(ParameterIn::Header)
        .required(Required::False)
        .description(Some("The language of error messages: Spanish (`es`, the default) or English (`en`)."))
        .schema(Some(ObjectBuilder::new().schema_type(Type::String)))
        .build();
    operation.parameters.get_or_insert_with(Vec::new).push(language.into());
    let responses = &mut operation.responses.responses;
    let mut add = |status: &str, response: Response| {
        responses.entry(status.to_owned()).or_insert(response.into());
    };
    if operation.request_body.is_some() {
        add("400", error("`invalid_json`, `invalid_request`."));
        add("413", error("`body_too_large`: a body over 4 KiB."));
        add("415", error("`unsupported_media_type`: the body must be `application/json`."));
    }
    add("500", error("`internal`: the server or its database failed."));
    let busy = error("`busy`: too many requests at once, or not answered in time; trying again works.");
    add("503", ResponseBuilder::from(busy).header("Retry-After", retry_after()).build());
}

/// A refusal with the usual body.
fn error(description: &str) -> Response {
    let body =
        ContentBuilder::new().schema(Some(RefOr::<_>::Ref(Ref::from_schema_name("ErrorBody")))).build();
    ResponseBuilder::new().description(description).content("application/json", body).build()
}

fn retry_after() -> utoipa::openapi::Header {
    HeaderBuilder::new()
        .schema(Some(ObjectBuilder::new().schema_type(Type::Integer)))
        .description(Some("Seconds until trying again may work."))
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// docs/openapi.json is what the code makes: a change to the API's types or annotations
    /// fails here until the file is committed again (this test rewrites it for review).
    #[test]
    fn docs_openapi_json_is_what_the_code_makes() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/openapi.json");
        let kept = std::fs::read_to_string(&path).unwrap_or_default();
        if kept != *JSON {
            std::fs::write(&path, JSON.as_str()).unwrap();
            panic!(
                "docs/openapi.json was not what the code makes: it has been rewritten; review and commit it"
            );
        }
    }
}
