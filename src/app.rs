//! The routes: the app's table of contents.

use crate::i18n::I18nContextProvider;
use crate::later::*;
use crate::layout::Layout;
use crate::pages::{home::Home, not_found::NotFound};
use crate::state;
use crate::wizard::hold::Holds;
use leptos::prelude::*;
use leptos_router::components::{Redirect, Route, Router, Routes};
use leptos_router::{Lazy, path};

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
                    <Route path=path!("/agendar/servicio") view={Lazy::<ServicePage>::new()} />
                    <Route path=path!("/agendar/ciudad") view={Lazy::<CityPage>::new()} />
                    <Route path=path!("/agendar/fecha") view={Lazy::<DatePage>::new()} />
                    <Route path=path!("/agendar/hora") view={Lazy::<TimePage>::new()} />
                    <Route path=path!("/agendar/datos") view={Lazy::<DetailsPage>::new()} />
                    <Route path=path!("/agendar/confirmar") view={Lazy::<ReviewPage>::new()} />
                    <Route path=path!("/mi-cita") view={Lazy::<FindPage>::new()} />
                    <Route path=path!("/embed") view=crate::embed::EmbedEntry />
                    <Route path=path!("/accesibilidad") view={Lazy::<AccessibilityPage>::new()} />
                    <Route path=path!("/oficinas") view={Lazy::<OfficesPage>::new()} />
                    <Route path=path!("/oficinas/:office") view={Lazy::<OfficeView>::new()} />
                    <Route path=path!("/cita/:code") view={Lazy::<AppointmentView>::new()} />
                    <Route path=path!("/cita/:code/cancelar") view={Lazy::<CancelPage>::new()} />
                </Routes>
            </Layout>
        </Router>
    }
}
