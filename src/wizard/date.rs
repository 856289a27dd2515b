//! Step 3: the day, on a calendar of the booking window.

use super::calendar::{Calendar, closed_reason};
use super::choices::LoadFailed;
use super::{Step, StepPage, record_choice, use_selection};
use crate::api;
use crate::state::Offices;
use citas_domain::api::DayReason;
use citas_domain::format::long_date;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

#[component]
pub fn DateStep() -> impl IntoView {
    let selection = use_selection().get_untracked();
    let office_id = selection.office.clone().unwrap_or_default();
    let offices = expect_context::<Offices>();
    let availability = LocalResource::new({
        let office_id = office_id.clone();
        move || {
            let office_id = office_id.clone();
            async move { api::availability(&office_id, None).await }
        }
    });
    let city = {
        let office_id = office_id.clone();
        move || {
            offices
                .0
                .get()
                .and_then(Result::ok)
                .and_then(|list| list.into_iter().find(|o| o.id == office_id).map(|o| o.city))
        }
    };
    // Moving an appointment keeps its office: only a new booking may choose another city.
    let other_city = selection.changing.is_none().then(|| selection.href(Step::City));

    view! {
        <StepPage step=Step::Date heading="¿Qué día quiere ir?">
            <p>
                {move || city().map(|c| format!("Oficina de {c}. "))}
                "Elija un día con cupos libres (en azul). Atendemos de lunes a viernes, excepto festivos: el calendario no muestra sábados ni domingos."
            </p>
            <Suspense fallback=|| view! { <p class="loading">"Buscando días con cupos…"</p> }>
                {move || availability.get().map(|loaded| match loaded {
                    Ok(view_) => {
                        let has_free = view_.days.iter().any(|d| d.open && d.free_seats() > 0);
                        let closed: Vec<_> = view_.days.iter()
                            .filter(|d| matches!(d.reason, Some(DayReason::Holiday | DayReason::Closure)))
                            .map(|d| format!("{}: {}", long_date(d.date), closed_reason(d)))
                            .collect();
                        let selection = selection.clone();
                        let chosen = selection.date;
                        view! {
                            {(!has_free).then(|| view! {
                                <p class="alert" role="alert">
                                    "No quedan citas libres en esta oficina en las fechas disponibles. "
                                    "Puede elegir otra ciudad o llamar al Contact Center."
                                </p>
                            })}
                            <Calendar days=view_.days selected=chosen
                                href=Callback::new({ let selection = selection.clone(); move |d| selection.with_date(d).href(Step::Time) })
                                pick=Callback::new(move |d| {
                                    let chosen = selection.with_date(d);
                                    record_choice(&chosen, Step::Date);
                                    use_navigate()(&chosen.href(Step::Time), Default::default());
                                }) />
                            {(!closed.is_empty()).then(|| view! {
                                <h2 class="small-heading">"Días sin atención en estas fechas"</h2>
                                <ul class="closed-days">
                                    {closed.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}
                                </ul>
                            })}
                        }.into_any()
                    }
                    Err(failure) => view! { <LoadFailed failure /> }.into_any(),
                })}
            </Suspense>
            {other_city.map(|href| view! { <p><A href=href>"Elegir otra ciudad"</A></p> })}
        </StepPage>
    }
}
