//! The privacy notice (Ley 1581 de 2012, art. 12), read aloud to the citizen, and the record that
//! they agreed aloud: the server keeps which account recorded it, and when. The notice says what
//! the citizen's own review step shows them (src/wizard/review.rs), in words to be spoken.

use crate::components::FieldError;
use leptos::prelude::*;

#[component]
pub fn VerbalConsent(agreed: RwSignal<bool>, error: Signal<Option<String>>) -> impl IntoView {
    view! {
        <section class="read-aloud" aria-labelledby="aviso-titulo">
            <h2 id="aviso-titulo">"Autorización de datos personales"</h2>
            <p><strong>"Lea al ciudadano:"</strong></p>
            <blockquote>
                <p>"«La DIAN, a través de la Defensoría del Contribuyente y del Usuario Aduanero, usará su documento, su nombre y, si nos los da, su correo y su teléfono, solo para agendar su cita, identificarle al llegar y avisarle de cambios. El correo y el teléfono son opcionales."</p>
                <p>"Usted puede conocer, actualizar y corregir sus datos, revocar esta autorización o pedir que se borren, y presentar quejas ante la Superintendencia de Industria y Comercio. La política de tratamiento de datos está en dian.gov.co."</p>
                <p>"¿Autoriza el tratamiento de sus datos para esta cita?»"</p>
            </blockquote>
        </section>
        <div class="field" class:field-invalid=move || error.get().is_some()>
            <FieldError id="consentimiento-error" message=error />
            <label class="checkbox">
                <input type="checkbox" id="consentimiento" name="consentimiento"
                    aria-describedby=move || error.get().map(|_| "consentimiento-error")
                    prop:checked=move || agreed.get()
                    on:change=move |ev| agreed.set(event_target_checked(&ev)) />
                <span>"El ciudadano aceptó de viva voz el tratamiento de sus datos"</span>
            </label>
        </div>
    }
}
