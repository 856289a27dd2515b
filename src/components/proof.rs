//! A code and the document that proves it, as "Mi cita" and the waiting list ask for them: the
//! fields' values and errors, and their check before anything is sent.

use super::focus;
use citas_domain::api::DocumentInput;
use citas_domain::code::AppointmentCode;
use citas_domain::document::{Document, DocumentKind, DocumentRules};
use citas_domain::lang::{Lang, Localized};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The fields "codigo" and the document's kind and "numero", with their errors.
#[derive(Clone, Copy)]
pub struct Proof {
    pub code: RwSignal<String>,
    pub kind: RwSignal<DocumentKind>,
    pub number: RwSignal<String>,
    pub code_error: RwSignal<Option<String>>,
    pub number_error: RwSignal<Option<String>>,
}

impl Proof {
    /// Empty, but for the code the page's address carries (`?codigo=`, as messages link).
    pub fn from_address() -> Proof {
        Proof {
            code: RwSignal::new(use_query_map().get_untracked().get("codigo").unwrap_or_default()),
            kind: RwSignal::new(DocumentKind::Cc),
            number: RwSignal::new(String::new()),
            code_error: RwSignal::new(None),
            number_error: RwSignal::new(None),
        }
    }

    /// The code and the document as typed, when both are good; otherwise each field says what
    /// is wrong (a code that cannot be one: `bad_code`) and the first wrong one takes focus.
    pub fn checked(
        &self,
        rules: &DocumentRules,
        lang: Lang,
        bad_code: String,
    ) -> Option<(AppointmentCode, DocumentInput)> {
        let code = AppointmentCode::parse(&self.code.get());
        self.code_error.set(code.is_none().then_some(bad_code));
        let document = Document::parse(self.kind.get(), &self.number.get(), rules);
        self.number_error.set(document.as_ref().err().map(|e| e.message(lang)));
        let (Some(code), Ok(_)) = (code, document) else {
            focus(if self.code_error.get_untracked().is_some() { "codigo" } else { "numero" });
            return None;
        };
        Some((code, DocumentInput { kind: self.kind.get().code().to_owned(), number: self.number.get() }))
    }
}
