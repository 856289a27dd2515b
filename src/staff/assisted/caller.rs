//! Who the appointment is for, as the citizen's details step asks it (src/wizard/details.rs),
//! in the words of an official who types what the citizen says.

use super::field_errors::FieldErrors;
use crate::components::{DocumentFields, TextField};
use crate::state::Applicant;
use citas_domain::document::DocumentKind;
use leptos::prelude::*;

/// Nothing typed yet. Kept in memory only: unlike a citizen's, an official's tab is shared by
/// many citizens, and nothing of one must stay for the next.
pub fn new_caller() -> Applicant {
    Applicant {
        kind: RwSignal::new(DocumentKind::Cc),
        number: RwSignal::new(String::new()),
        name: RwSignal::new(String::new()),
        email: RwSignal::new(String::new()),
        phone: RwSignal::new(String::new()),
    }
}

#[component]
pub fn CallerFields(caller: Applicant, errors: FieldErrors) -> impl IntoView {
    view! {
        <DocumentFields kind=caller.kind number=caller.number error=errors.of("numero") />
        <TextField id="nombre" value=caller.name error=errors.of("nombre")
            label=Signal::derive(|| "Nombre completo".to_owned())
            hint=Signal::derive(|| "De quien asistirá, o la razón social si es una empresa.".to_owned()) />
        <TextField id="correo" value=caller.email error=errors.of("correo") input_type="email" inputmode="email"
            label=Signal::derive(|| "Correo electrónico (opcional)".to_owned())
            hint=Signal::derive(|| "Si lo da, recibirá la confirmación y los cambios de su cita.".to_owned()) />
        <TextField id="telefono" value=caller.phone error=errors.of("telefono") input_type="tel" inputmode="tel"
            label=Signal::derive(|| "Teléfono (opcional)".to_owned())
            hint=Signal::derive(|| "Celular o fijo de 10 dígitos, por ejemplo 3001234567.".to_owned()) />
    }
}
