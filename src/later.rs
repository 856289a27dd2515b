//! The screens after the first one, downloaded when first visited.
//!
//! Each `#[wasm_split]` function below is a split point: `cargo xtask` cuts the wasm there, so the
//! first screen's download holds only the code it runs (see xtask/src/client.rs). One part per
//! task a citizen comes for, so moving between the steps of one task never waits for code:
//! booking (and moving an appointment, which reuses its steps), one's appointment, the waiting
//! list, and the information pages. After the first visit the service worker holds every part, offline too,
//! except the officials' (`staff`), which no citizen ever downloads (public/sw.js).
//!
//! The split points are what Leptos' `#[lazy]` generates, plus `fallible`: `#[lazy]` panics
//! when a part cannot be fetched (no network and no service worker yet), which leaves the app
//! half-dead; here that case shows a message and a way to try again instead.
//!
//! Routes name these screens with `app::Page`, and call the split points below from there.

use crate::i18n::*;
use crate::pages::{
    accessibility::AccessibilityStatement,
    appointment::AppointmentPage,
    cancel::CancelAppointment,
    find::FindAppointment,
    forget::ForgetDevice,
    offices::{OfficeList, OfficePage},
};
use crate::staff::{Screen, StaffFrame, StaffFrameProps};
use crate::waitlist::{find::FindEntry, join::JoinWaitlist, offer::OfferPage};
use crate::wizard::{
    Step, city::CityStep, date::DateStep, details::DetailsStep, review::ReviewStep, service::ServiceStep,
    time::TimeStep,
};
use leptos::prelude::*;
use leptos::wasm_split::{SplitLoaderError, wasm_split};

#[wasm_split(booking, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn booking(step: Step) -> Result<AnyView, SplitLoaderError> {
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
pub enum Mine {
    Find,
    Show,
    Cancel,
    Forget,
    /// No page: tidies what the device keeps (`storage::kept`).
    Tidy,
}

#[wasm_split(my_appointment, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn my_appointment(page: Mine) -> Result<AnyView, SplitLoaderError> {
    Ok(match page {
        Mine::Find => FindAppointment().into_any(),
        Mine::Show => AppointmentPage().into_any(),
        Mine::Cancel => CancelAppointment().into_any(),
        Mine::Forget => ForgetDevice().into_any(),
        Mine::Tidy => {
            crate::storage::kept();
            ().into_any()
        }
    })
}

/// Drops what the device keeps of appointments that are over, and rewrites what an older
/// version kept whole, with the code that reads and writes it in full: it comes with one's
/// appointment's part, so that the first screen, which only lists them, does not download it.
/// (A device that keeps appointments has visited before, so the service worker has the part.)
pub async fn tidy_kept() {
    let _ = my_appointment(Mine::Tidy).await;
}

#[derive(Clone, Copy)]
pub enum Waiting {
    Join,
    Find,
    Offer,
}

#[wasm_split(waitlist, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn waitlist(page: Waiting) -> Result<AnyView, SplitLoaderError> {
    Ok(match page {
        Waiting::Join => JoinWaitlist().into_any(),
        Waiting::Find => FindEntry().into_any(),
        Waiting::Offer => OfferPage().into_any(),
    })
}

#[derive(Clone, Copy)]
pub enum Information {
    Offices,
    Office,
    Accessibility,
}

#[wasm_split(information, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn information(page: Information) -> Result<AnyView, SplitLoaderError> {
    Ok(match page {
        Information::Offices => OfficeList().into_any(),
        Information::Office => OfficePage().into_any(),
        Information::Accessibility => AccessibilityStatement().into_any(),
    })
}

#[wasm_split(staff, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn staff(page: Screen) -> Result<AnyView, SplitLoaderError> {
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

/// A later part's page, or what is said where it would be when the part cannot be fetched.
pub fn or_unavailable(page: Result<AnyView, SplitLoaderError>) -> AnyView {
    page.unwrap_or_else(|_| PartUnavailable().into_any())
}
