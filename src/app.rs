//! The routes: the app's table of contents.

use crate::i18n::I18nContextProvider;
use crate::layout::Layout;
use crate::pages::{
    accessibility::AccessibilityStatement,
    appointment::AppointmentPage,
    cancel::CancelAppointment,
    find::FindAppointment,
    home::Home,
    not_found::NotFound,
    offices::{OfficeList, OfficePage},
};
use crate::state;
use crate::wizard::hold::Holds;
use crate::wizard::{
    city::CityStep, date::DateStep, details::DetailsStep, review::ReviewStep, service::ServiceStep,
    time::TimeStep,
};
use leptos::prelude::*;
use leptos_router::components::{Redirect, Route, Router, Routes};
use leptos_router::path;

#[component]
pub fn App() -> impl IntoView {
    crate::dom::remove_loading_message();
    view! {
        // Sets <html lang> to the language shown, Spanish first, following the browser.
        <I18nContextProvider>
            <Services />
        </I18nContextProvider>
    }
}

#[component]
fn Services() -> impl IntoView {
    state::keep_language();
    state::provide();
    crate::pwa::provide();
    crate::embed::provide();
    Holds::provide();
    view! {
        <Router>
            <Layout>
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=Home />
                    <Route path=path!("/agendar") view=|| view! { <Redirect path="/agendar/servicio" /> } />
                    <Route path=path!("/agendar/servicio") view=ServiceStep />
                    <Route path=path!("/agendar/ciudad") view=CityStep />
                    <Route path=path!("/agendar/fecha") view=DateStep />
                    <Route path=path!("/agendar/hora") view=TimeStep />
                    <Route path=path!("/agendar/datos") view=DetailsStep />
                    <Route path=path!("/agendar/confirmar") view=ReviewStep />
                    <Route path=path!("/mi-cita") view=FindAppointment />
                    <Route path=path!("/embed") view=crate::embed::EmbedEntry />
                    <Route path=path!("/accesibilidad") view=AccessibilityStatement />
                    <Route path=path!("/oficinas") view=OfficeList />
                    <Route path=path!("/oficinas/:office") view=OfficePage />
                    <Route path=path!("/cita/:code") view=AppointmentPage />
                    <Route path=path!("/cita/:code/cancelar") view=CancelAppointment />
                </Routes>
            </Layout>
        </Router>
    }
}
