//! Step 2: which of the 18 offices.

use super::choices::{Choice, ChoiceForm, LoadFailed};
use super::{Step, StepPage, record_choice, use_selection};
use crate::i18n::*;
use crate::state::Offices;
use crate::text::fold;
use citas_domain::api::OfficeView;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

#[component]
pub fn CityStep() -> impl IntoView {
    let i18n = use_i18n();
    let selection = use_selection();
    let offices = expect_context::<Offices>();
    let error = RwSignal::new(None::<String>);
    let navigate = use_navigate();
    let proceed = move || match selection.get().office {
        Some(_) => navigate(&selection.get().href(Step::Date), Default::default()),
        None => error.set(Some(t_string!(i18n, city.pick).to_string())),
    };

    let option = move |office: OfficeView| {
        let id = office.id.clone();
        let checked = Signal::derive({
            let id = id.clone();
            move || selection.get().office.as_deref() == Some(id.as_str())
        });
        let hint = format!("{} · {}", office.department, office.address.as_ref().unwrap_or(&office.name));
        view! {
            <Choice name="oficina" value=id.clone() title=office.city hint=hint checked
                on_choose=move || {
                    record_choice(&selection.get().with_office(id.clone()), Step::City);
                    error.set(None);
                } />
        }
    };

    view! {
        <StepPage step=Step::City>
            <ChoiceForm id="oficina" legend=Signal::derive(move || t_string!(i18n, city.legend).to_string())
                hide_legend=true error on_continue=proceed>
                <Suspense fallback=move || view! { <p class="loading">{t!(i18n, city.loading)}</p> }>
                    {move || offices.0.get().map(|loaded| match loaded {
                        Ok(mut list) => {
                            list.sort_by_key(|o| fold(&o.city));
                            list.into_iter().map(option).collect_view().into_any()
                        }
                        Err(failure) => view! { <LoadFailed failure retry=move |_| offices.0.refetch() /> }.into_any(),
                    })}
                </Suspense>
            </ChoiceForm>
        </StepPage>
    }
}
