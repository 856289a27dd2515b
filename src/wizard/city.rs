//! Step 2: which of the 18 offices.

use super::{FieldError, Step, StepPage, record_choice, use_selection};
use crate::state::Offices;
use citas_domain::api::OfficeView;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

/// Alphabetical as a Spanish reader expects ("Cúcuta" between "Cartagena" and "Girardot").
fn sort_key(city: &str) -> String {
    city.to_lowercase()
        .chars()
        .map(|c| match c {
            'á' => 'a',
            'é' => 'e',
            'í' => 'i',
            'ó' => 'o',
            'ú' | 'ü' => 'u',
            other => other,
        })
        .collect()
}

#[component]
pub fn CityStep() -> impl IntoView {
    let selection = use_selection();
    let offices = expect_context::<Offices>();
    let error = RwSignal::new(None::<String>);
    let navigate = use_navigate();

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match selection.get().office {
            Some(_) => navigate(&selection.get().href(Step::Date), Default::default()),
            None => error.set(Some("Elija la ciudad donde quiere ser atendido.".into())),
        }
    };

    let option = move |office: OfficeView| {
        let id = office.id.clone();
        let checked = {
            let id = id.clone();
            move || selection.get().office.as_deref() == Some(id.as_str())
        };
        let hint = match &office.address {
            Some(address) => format!("{} · {}", office.department, address),
            None => format!("{} · {}", office.department, office.name),
        };
        view! {
            <label class="choice">
                <input type="radio" name="oficina" value=id.clone() prop:checked=checked
                    on:change=move |_| { record_choice(&selection.get().with_office(id.clone()), Step::City); error.set(None); } />
                <span class="choice-text">
                    <span class="choice-title">{office.city}</span>
                    <span class="choice-hint">{hint}</span>
                </span>
            </label>
        }
    };

    view! {
        <StepPage step=Step::City heading="¿En qué ciudad quiere ser atendido?">
            <form on:submit=submit novalidate>
                <fieldset aria-describedby=move || error.get().map(|_| "oficina-error")>
                    <legend class="visually-hidden">"Ciudad"</legend>
                    <FieldError id="oficina-error" message=error.into() />
                    <Suspense fallback=|| view! { <p class="loading">"Cargando oficinas…"</p> }>
                        {move || offices.0.get().map(|loaded| match loaded {
                            Ok(mut list) => {
                                list.sort_by_key(|o| sort_key(&o.city));
                                list.into_iter().map(option).collect_view().into_any()
                            }
                            Err(e) => view! { <p class="alert" role="alert">{e.message()}</p> }.into_any(),
                        })}
                    </Suspense>
                </fieldset>
                <button type="submit" class="button">"Continuar"</button>
            </form>
        </StepPage>
    }
}
