//! The screens after the first one, downloaded when first visited.
//!
//! Each `#[wasm_split]` function below is a split point: `cargo xtask` cuts the wasm there, so the
//! first screen's download holds only the code it runs (see xtask/src/client.rs). One part per
//! task a citizen comes for, so moving between the steps of one task never waits for code:
//! booking (and moving an appointment, which reuses its steps), one's appointment, and the
//! information pages. After the first visit the service worker holds every part, offline too,
//! except the officials' (`staff`), which no citizen ever downloads (public/sw.js).
//!
//! They are what Leptos' `#[lazy]` generates, plus `fallible`: `#[lazy]` panics when a part
//! cannot be fetched (no network and no service worker yet), which leaves the app half-dead;
//! here that case shows a message and a way to try again instead.

use crate::i18n::*;
use crate::pages::{
    accessibility::AccessibilityStatement,
    appointment::AppointmentPage,
    cancel::CancelAppointment,
    find::FindAppointment,
    offices::{OfficeList, OfficePage},
};
use crate::staff::{Screen, StaffFrame, StaffFrameProps};
use crate::wizard::{
    Step, city::CityStep, date::DateStep, details::DetailsStep, review::ReviewStep, service::ServiceStep,
    time::TimeStep,
};
use leptos::prelude::*;
use leptos::wasm_split::{SplitLoaderError, wasm_split};
use leptos_router::LazyRoute;

#[wasm_split(booking, wasm_split_path = ::leptos::wasm_split, fallible)]
fn booking(step: Step) -> Result<AnyView, SplitLoaderError> {
    Ok(match step {
        Step::Service => ServiceStep().into_any(),
        Step::City => CityStep().into_any(),
        Step::Date => DateStep().into_any(),
        Step::Time => TimeStep().into_any(),
        Step::Details => DetailsStep().into_any(),
        Step::Review => ReviewStep().into_any(),
    })
}

#[derive(Clone, Copy)]
enum Mine {
    Find,
    Show,
    Cancel,
}

#[wasm_split(my_appointment, wasm_split_path = ::leptos::wasm_split, fallible)]
fn my_appointment(page: Mine) -> Result<AnyView, SplitLoaderError> {
    Ok(match page {
        Mine::Find => FindAppointment().into_any(),
        Mine::Show => AppointmentPage().into_any(),
        Mine::Cancel => CancelAppointment().into_any(),
    })
}

#[derive(Clone, Copy)]
enum Information {
    Offices,
    Office,
    Accessibility,
}

#[wasm_split(information, wasm_split_path = ::leptos::wasm_split, fallible)]
fn information(page: Information) -> Result<AnyView, SplitLoaderError> {
    Ok(match page {
        Information::Offices => OfficeList().into_any(),
        Information::Office => OfficePage().into_any(),
        Information::Accessibility => AccessibilityStatement().into_any(),
    })
}

#[wasm_split(staff, wasm_split_path = ::leptos::wasm_split, fallible)]
fn staff(page: Screen) -> Result<AnyView, SplitLoaderError> {
    Ok(StaffFrame(StaffFrameProps { page }).into_any())
}

/// A part that could not be fetched: said where the page would be, with a way to try again.
#[component]
fn PartUnavailable() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="alert" role="alert">{t!(i18n, common.network)}</p>
        <button type="button" class="button" on:click=|_| { let _ = window().location().reload(); }>
            {t!(i18n, common.retry)}
        </button>
    }
}

/// A route whose view is one of the pages above: `<Route view={Lazy::<DatePage>::new()} />`.
macro_rules! later_route {
    ($($route:ident => $view:expr;)*) => {$(
        pub struct $route;
        impl LazyRoute for $route {
            fn data() -> Self {
                Self
            }
            async fn view(_: Self) -> AnyView {
                $view.await.unwrap_or_else(|_| PartUnavailable().into_any())
            }
        }
    )*};
}

later_route! {
    ServicePage => booking(Step::Service);
    CityPage => booking(Step::City);
    DatePage => booking(Step::Date);
    TimePage => booking(Step::Time);
    DetailsPage => booking(Step::Details);
    ReviewPage => booking(Step::Review);
    FindPage => my_appointment(Mine::Find);
    AppointmentView => my_appointment(Mine::Show);
    CancelPage => my_appointment(Mine::Cancel);
    OfficesPage => information(Information::Offices);
    OfficeView => information(Information::Office);
    AccessibilityPage => information(Information::Accessibility);
    StaffAgendaPage => staff(Screen::Agenda);
    StaffSearchPage => staff(Screen::Search);
    StaffClosuresPage => staff(Screen::Closures);
}
