//! Cancelling, with a confirmation that says what it means: the seat goes to someone else.

use crate::api;
use crate::dom::set_title;
use crate::layout::PageHeading;
use crate::state::{Notice, Verified, remember, remembered_one};
use crate::wizard::Alert;
use citas_domain::format::{long_date, time_of_day};
use citas_domain::time::in_bogota;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::{A, Redirect};
use leptos_router::hooks::{use_navigate, use_params_map};

#[component]
pub fn CancelAppointment() -> impl IntoView {
    let code = use_params_map().get_untracked().get("code").unwrap_or_default();
    let verified = expect_context::<Verified>();
    let (Some(appointment), Some(document)) = (remembered_one(&code), verified.document_for(&code)) else {
        // Cancelling needs the document, typed on the appointment's page.
        return view! { <Redirect path=format!("/cita/{code}") /> }.into_any();
    };
    set_title("Cancelar la cita");
    let notice = expect_context::<Notice>();
    let problem = RwSignal::new(None::<String>);
    let cancelling = RwSignal::new(false);
    let navigate = use_navigate();
    let confirm = {
        let code = code.clone();
        move |_| {
            let (code, document, navigate) = (code.clone(), document.clone(), navigate.clone());
            cancelling.set(true);
            spawn_local(async move {
                let result = api::cancel(&code, document).await;
                cancelling.set(false);
                match result {
                    Ok(cancelled) => {
                        remember(&cancelled);
                        notice.0.set(Some(
                            "Su cita fue cancelada. El turno quedó libre para otra persona.".into(),
                        ));
                        navigate(&format!("/cita/{code}"), Default::default());
                    }
                    Err(failure) => problem.set(Some(failure.message())),
                }
            });
        }
    };
    let start = in_bogota(&appointment.start);

    view! {
        <PageHeading text="¿Cancelar su cita?" />
        <Alert message=problem.into() />
        <p class="lead">
            {format!(
                "Su cita del {} a las {} en {} quedará cancelada.",
                long_date(start.date_naive()),
                time_of_day(start.time()),
                appointment.office.city
            )}
        </p>
        <p>"El turno quedará libre de inmediato para otra persona que lo necesite. Si después necesita atención, tendrá que agendar una nueva cita."</p>
        <button type="button" class="button button-danger" on:click=confirm disabled=move || cancelling.get()>
            {move || if cancelling.get() { "Cancelando…" } else { "Sí, cancelar la cita" }}
        </button>
        <p><A href=format!("/cita/{code}")>"No, conservar mi cita"</A></p>
    }
    .into_any()
}
