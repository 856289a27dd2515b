//! What is wrong with the booking form, field by field (by the field's id): what the domain's
//! checks find, shown from the first try to book on and then following the typing, or what the
//! server refused, until the next try.

use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct FieldErrors {
    /// Each field's first problem, in the order of the page.
    found: Memo<Vec<(&'static str, String)>>,
    attempted: RwSignal<bool>,
    refused: RwSignal<Option<(&'static str, String)>>,
}

impl FieldErrors {
    pub fn new(found: Memo<Vec<(&'static str, String)>>) -> FieldErrors {
        FieldErrors { found, attempted: RwSignal::new(false), refused: RwSignal::new(None) }
    }

    /// What to show beside the field `id`.
    pub fn of(self, id: &'static str) -> Signal<Option<String>> {
        Signal::derive(move || {
            let pick = |list: &[(&'static str, String)]| {
                list.iter().find(|(field, _)| *field == id).map(|(_, message)| message.clone())
            };
            let refused = self.refused.with(|r| pick(r.as_slice()));
            refused.or_else(|| self.attempted.get().then(|| self.found.with(|f| pick(f))).flatten())
        })
    }

    /// A try to book: the first field with a problem, if any, where focus goes.
    pub fn attempt(self) -> Option<&'static str> {
        self.attempted.set(true);
        self.refused.set(None);
        self.found.with_untracked(|f| f.first().map(|(id, _)| *id))
    }

    /// The server refused the field `id`.
    pub fn refuse(self, id: &'static str, message: String) {
        self.refused.set(Some((id, message)));
    }
}
