//! Step 1: why the citizen needs the Defensoría.

use super::{FieldError, Step, StepPage, record_choice, use_selection};
use crate::state::{Offices, services};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

#[component]
pub fn ServiceStep() -> impl IntoView {
    let selection = use_selection();
    let offices = expect_context::<Offices>();
    let error = RwSignal::new(None::<String>);
    let navigate = use_navigate();

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match selection.get().service {
            Some(_) => navigate(&selection.get().href(Step::City), Default::default()),
            None => error.set(Some("Elija el motivo de su cita.".into())),
        }
    };

    view! {
        <StepPage step=Step::Service heading="¿Para qué necesita la cita?">
            <form on:submit=submit novalidate>
                <fieldset aria-describedby=move || error.get().map(|_| "servicio-error")>
                    <legend class="visually-hidden">"Motivo de la cita"</legend>
                    <FieldError id="servicio-error" message=error.into() />
                    <Suspense fallback=|| view! { <p class="loading">"Cargando servicios…"</p> }>
                        {move || offices.0.get().map(|loaded| match loaded {
                            Ok(list) => services(&list).into_iter().map(|s| {
                                let id = s.id.clone();
                                let checked = { let id = id.clone(); move || selection.get().service.as_deref() == Some(id.as_str()) };
                                view! {
                                    <label class="choice">
                                        <input type="radio" name="servicio" value=id.clone() prop:checked=checked
                                            on:change=move |_| { record_choice(&selection.get().with_service(id.clone()), Step::Service); error.set(None); } />
                                        <span class="choice-text">
                                            <span class="choice-title">{s.name}</span>
                                            <span class="choice-hint">{s.description}</span>
                                        </span>
                                    </label>
                                }
                            }).collect_view().into_any(),
                            Err(e) => view! { <p class="alert" role="alert">{e.message()}</p> }.into_any(),
                        })}
                    </Suspense>
                </fieldset>
                <button type="submit" class="button">"Continuar"</button>
            </form>
        </StepPage>
    }
}
