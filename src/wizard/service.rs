//! Step 1: why the citizen needs the Defensoría.

use super::choices::{Choice, ChoiceForm, LoadFailed};
use super::{Step, StepPage, record_choice, use_selection};
use crate::state::{Offices, services};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

#[component]
pub fn ServiceStep() -> impl IntoView {
    let selection = use_selection();
    let offices = expect_context::<Offices>();
    let error = RwSignal::new(None::<String>);
    let navigate = use_navigate();
    let proceed = move || match selection.get().service {
        Some(_) => navigate(&selection.get().href(Step::City), Default::default()),
        None => error.set(Some("Elija el motivo de su cita.".into())),
    };

    view! {
        <StepPage step=Step::Service heading="¿Para qué necesita la cita?">
            <ChoiceForm id="servicio" legend="Motivo de la cita".into() hide_legend=true error on_continue=proceed>
                <Suspense fallback=|| view! { <p class="loading">"Cargando servicios…"</p> }>
                    {move || offices.0.get().map(|loaded| match loaded {
                        Ok(list) => services(&list).into_iter().map(|s| {
                            let id = s.id.clone();
                            let checked = Signal::derive({
                                let id = id.clone();
                                move || selection.get().service.as_deref() == Some(id.as_str())
                            });
                            view! {
                                <Choice name="servicio" value=id.clone() title=s.name hint=s.description checked
                                    on_choose=move || {
                                        record_choice(&selection.get().with_service(id.clone()), Step::Service);
                                        error.set(None);
                                    } />
                            }
                        }).collect_view().into_any(),
                        Err(failure) => view! { <LoadFailed failure /> }.into_any(),
                    })}
                </Suspense>
            </ChoiceForm>
        </StepPage>
    }
}
