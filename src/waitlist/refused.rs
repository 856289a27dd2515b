//! A refusal beside the input it is about: the server names the field (`ApiFailure::field`),
//! the form shows the message there, as the typed problems are, and moves focus to it.

use crate::api::ApiFailure;
use crate::components::focus_soon;
use leptos::prelude::*;

/// The API's fields and the ids of the inputs that hold them.
const INPUTS: [(&str, &str); 10] = [
    ("document", "numero"),
    ("document.kind", "numero"),
    ("document.number", "numero"),
    ("name", "nombre"),
    ("email", "correo"),
    ("phone", "telefono"),
    ("from", "desde"),
    ("until", "hasta"),
    ("office", "oficina"),
    ("service", "servicio"),
];

/// The last refusal that named an input of the form, with that input's id.
#[derive(Clone, Copy)]
pub struct Refused(RwSignal<Option<(&'static str, String)>>);

impl Refused {
    pub fn new() -> Refused {
        Refused(RwSignal::new(None))
    }

    /// Its message, if it is about the input `id`.
    pub fn on(self, id: &str) -> Option<String> {
        self.0.with(|r| r.as_ref().filter(|(at, _)| *at == id).map(|(_, message)| message.clone()))
    }

    pub fn clear(self) {
        self.0.set(None);
    }

    /// Shows `failure` beside its input and moves focus there, when it names one that `shown`
    /// (the ids of the form's inputs) has. False otherwise: the page says it at the top.
    pub fn show(self, failure: &ApiFailure, shown: &[&str]) -> bool {
        let input = failure
            .field()
            .and_then(|field| INPUTS.iter().find(|(f, _)| *f == field))
            .map(|(_, id)| *id)
            .filter(|id| shown.contains(id));
        let Some(id) = input else { return false };
        self.0.set(Some((id, failure.message())));
        focus_soon(id);
        true
    }
}
