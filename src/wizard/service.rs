//! Step 1: why the citizen needs the Defensoría.

use super::choices::{Choice, ChoiceForm, LoadFailed};
use super::{Step, StepPage, record_choice, use_selection};
use crate::i18n::*;
use crate::language::use_lang;
use crate::state::{Offices, services};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

#[component]
pub fn ServiceStep() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let selection = use_selection();
    let offices = expect_context::<Offices>();
    let error = RwSignal::new(None::<String>);
    let navigate = use_navigate();
    // An office chosen beforehand (from the directory or the widget) skips the city step.
    let proceed = move || match (selection.get().service, selection.get().office) {
        (Some(_), Some(_)) => navigate(&selection.get().href(Step::Date), Default::default()),
        (Some(_), None) => navigate(&selection.get().href(Step::City), Default::default()),
        (None, _) => error.set(Some(t_string!(i18n, service.pick).to_string())),
    };

    view! {
        <StepPage step=Step::Service>
            <ChoiceForm id="servicio" legend=Signal::derive(move || t_string!(i18n, service.legend).to_string())
                hide_legend=true error on_continue=proceed>
                <Suspense fallback=move || view! { <p class="loading">{t!(i18n, service.loading)}</p> }>
                    {move || offices.0.get().map(|loaded| match loaded {
                        Ok(list) => services(&list).into_iter().map(|s| {
                            let id = s.id.clone();
                            let checked = Signal::derive({
                                let id = id.clone();
                                move || selection.get().service.as_deref() == Some(id.as_str())
                            });
                            let (name, description) = (s.clone(), s);
                            view! {
                                <Choice name="servicio" value=id.clone()
                                    title=Signal::derive(move || name.name(lang.get()).to_owned())
                                    hint=Signal::derive(move || description.description(lang.get()).to_owned())
                                    checked
                                    on_choose=move || {
                                        record_choice(&selection.get().with_service(id.clone()), Step::Service);
                                        error.set(None);
                                    } />
                            }
                        }).collect_view().into_any(),
                        Err(failure) => view! { <LoadFailed failure retry=move |_| offices.0.refetch() /> }.into_any(),
                    })}
                </Suspense>
            </ChoiceForm>
        </StepPage>
    }
}
