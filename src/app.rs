//! The routes: the app's table of contents.

use crate::i18n::Locale;
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
    // The language shown: Spanish first, following the browser (language::keep_language sets
    // <html lang>). Not leptos_i18n's provider component: it sets the attribute through
    // leptos_meta, whose code would be compiled and run at every start for that one attribute.
    provide_context(leptos_i18n::context::init_i18n_context::<Locale>());
    view! { <Services /> }
}

#[component]
fn Services() -> impl IntoView {
    crate::language::keep_language();
    state::provide();
    crate::pwa::provide();
    crate::embed::provide();
    Holds::forget_noted_unless_booking();
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
                    <Route path=path!("/embed") view=crate::wizard::entry::EmbedEntry />
                    <Route path=path!("/accesibilidad") view={Lazy::<AccessibilityPage>::new()} />
                    <Route path=path!("/oficinas") view={Lazy::<OfficesPage>::new()} />
                    <Route path=path!("/oficinas/:office") view={Lazy::<OfficeView>::new()} />
                    <Route path=path!("/cita/:code") view={Lazy::<AppointmentView>::new()} />
                    <Route path=path!("/cita/:code/cancelar") view={Lazy::<CancelPage>::new()} />
                    // The officials' side: its own part, never downloaded by citizens.
                    <Route path=path!("/funcionarios") view={Lazy::<StaffAgendaPage>::new()} />
                    <Route path=path!("/funcionarios/buscar") view={Lazy::<StaffSearchPage>::new()} />
                    <Route path=path!("/funcionarios/cierres") view={Lazy::<StaffClosuresPage>::new()} />
                </Routes>
            </Layout>
        </Router>
    }
}
