//! Widgets the officials' screens share: a modal dialog, a text area with its error, and the
//! names of offices, services and statuses, and the address of an agenda.

use super::dom::call;
use crate::components::FieldError;
use crate::state::Offices;
use citas_domain::api::AppointmentStatus;
use citas_domain::lang::{Lang, Localized};
use citas_domain::reason::{MAX_REASON_CHARS, Reason, ReasonError};
use leptos::html;
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;

/// Closes the dialog it was given to (`use_context` inside a [`Modal`]).
#[derive(Clone, Copy)]
pub struct CloseDialog(NodeRef<html::Dialog>);

impl CloseDialog {
    pub fn close(self) {
        if let Some(dialog) = self.0.get_untracked() {
            let _ = call(&dialog, "close");
        }
    }
}

/// A modal dialog: the browser's own `<dialog>`, which keeps the keyboard inside it, closes with
/// Escape and gives focus back to what opened it. Focus starts on its first control (not on
/// the answer areas that take focus later, which the browser would pick as they come first).
/// Open while shown; `on_close` runs when it closes.
#[component]
pub fn Modal(#[prop(into)] labelled_by: String, on_close: Callback<()>, children: Children) -> impl IntoView {
    let dialog = NodeRef::<html::Dialog>::new();
    Effect::new(move || {
        if let Some(dialog) = dialog.get() {
            let _ = call(&dialog, "showModal");
            let first = dialog.query_selector("input, select, textarea, button").ok().flatten();
            if let Some(first) = first.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
                let _ = first.focus();
            }
        }
    });
    provide_context(CloseDialog(dialog));
    view! {
        <dialog node_ref=dialog class="staff-dialog" aria-labelledby=labelled_by on:close=move |_| on_close.run(())>
            {children()}
        </dialog>
    }
}

/// What the official wrote in a [`ReasonField`], as the server will keep it (on one line), with
/// the field's `error` set to what to say beside it, or cleared: `when_empty` names what the
/// reason is for.
pub fn read_reason(text: &str, error: RwSignal<Option<String>>, when_empty: &str) -> Option<String> {
    let read = Reason::parse(text).map_err(|e| match e {
        ReasonError::Empty => when_empty.to_owned(),
        other => other.message(Lang::Es),
    });
    error.set(read.as_ref().err().cloned());
    read.ok().map(|reason| reason.as_str().to_owned())
}

/// A labelled text area with its hint and error, for reasons shown to citizens or kept in the
/// history. The hint ends with the most the server takes ([`Reason`]), and the box takes no
/// more.
#[component]
pub fn ReasonField(
    id: &'static str,
    value: RwSignal<String>,
    error: Signal<Option<String>>,
    label: &'static str,
    hint: &'static str,
) -> impl IntoView {
    let hint_id = format!("{id}-pista");
    let error_id = format!("{id}-error");
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || if error.get().is_some() { format!("{hint_id} {error_id}") } else { hint_id.clone() }
    };
    view! {
        <div class="field" class:field-invalid=move || error.get().is_some()>
            <label for=id>{label}</label>
            <p class="hint" id=hint_id>{format!("{hint} Hasta {MAX_REASON_CHARS} caracteres.")}</p>
            <FieldError id=error_id message=error />
            <textarea id=id name=id rows="3" maxlength=MAX_REASON_CHARS
                aria-invalid=move || error.get().is_some().to_string()
                aria-describedby=described_by
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))></textarea>
        </div>
    }
}

/// The city of an office, from the catalogue the app already has (its id until it arrives).
pub fn office_name(id: &str) -> String {
    let offices = expect_context::<Offices>().0;
    offices
        .get()
        .and_then(Result::ok)
        .and_then(|all| all.into_iter().find(|o| o.id == id).map(|o| o.city))
        .unwrap_or_else(|| id.to_owned())
}

/// A service's Spanish name (its id until the catalogue arrives).
pub fn service_name(id: &str) -> String {
    let offices = expect_context::<Offices>().0;
    offices
        .get()
        .and_then(Result::ok)
        .and_then(|all| all.iter().flat_map(|o| &o.services).find(|s| s.id == id).map(|s| s.name.clone()))
        .unwrap_or_else(|| id.to_owned())
}

/// The agenda of an office, on a given day or on today.
pub fn agenda_href(office: &str, date: Option<chrono::NaiveDate>) -> String {
    let office = js_sys::encode_uri_component(office);
    let day = date.map(|d| format!("&fecha={d}")).unwrap_or_default();
    format!("/funcionarios?oficina={office}{day}")
}

pub fn status_name(status: AppointmentStatus) -> &'static str {
    match status {
        AppointmentStatus::Booked => "Por atender",
        AppointmentStatus::Attended => "Atendida",
        AppointmentStatus::NoShow => "No asistió",
        AppointmentStatus::Cancelled => "Cancelada",
    }
}

/// "8:00 a. m." of an appointment's start, Bogotá time.
pub fn time_of(start: &chrono::DateTime<chrono::FixedOffset>) -> String {
    citas_domain::format::time_of_day(
        citas_domain::time::in_bogota(start).time(),
        citas_domain::lang::Lang::Es,
    )
}
