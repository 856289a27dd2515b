//! The routes: the app's table of contents.

use crate::i18n::Locale;
use crate::later::{Information, Later, Mine, Waiting};
use crate::layout::Layout;
use crate::pages::{home::Home, not_found::NotFound};
use crate::staff::Screen;
use crate::state;
use crate::wizard::Step;
use crate::wizard::hold::Holds;
use leptos::prelude::*;
use leptos_router::components::{Redirect, Route, Router, Routes};
use leptos_router::path;

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
                    <Route path=path!("/agendar/servicio") view=Later::Booking(Step::Service) />
                    <Route path=path!("/agendar/ciudad") view=Later::Booking(Step::City) />
                    <Route path=path!("/agendar/fecha") view=Later::Booking(Step::Date) />
                    <Route path=path!("/agendar/hora") view=Later::Booking(Step::Time) />
                    <Route path=path!("/agendar/datos") view=Later::Booking(Step::Details) />
                    <Route path=path!("/agendar/confirmar") view=Later::Booking(Step::Review) />
                    <Route path=path!("/mi-cita") view=Later::Mine(Mine::Find) />
                    <Route path=path!("/embed") view=crate::wizard::entry::EmbedEntry />
                    <Route path=path!("/accesibilidad") view=Later::Information(Information::Accessibility) />
                    <Route path=path!("/oficinas") view=Later::Information(Information::Offices) />
                    <Route path=path!("/oficinas/:office") view=Later::Information(Information::Office) />
                    <Route path=path!("/cita/:code") view=Later::Mine(Mine::Show) />
                    <Route path=path!("/cita/:code/cancelar") view=Later::Mine(Mine::Cancel) />
                    <Route path=path!("/olvidar") view=Later::Mine(Mine::Forget) />
                    <Route path=path!("/lista-de-espera") view=Later::Waitlist(Waiting::Find) />
                    <Route path=path!("/lista-de-espera/unirse") view=Later::Waitlist(Waiting::Join) />
                    <Route path=path!("/oferta/:offer") view=Later::Waitlist(Waiting::Offer) />
                    // The officials' side: its own part, never downloaded by citizens.
                    <Route path=path!("/funcionarios") view=Later::Staff(Screen::Agenda) />
                    <Route path=path!("/funcionarios/buscar") view=Later::Staff(Screen::Search) />
                    <Route path=path!("/funcionarios/agendar") view=Later::Staff(Screen::Assisted) />
                    <Route path=path!("/funcionarios/cierres") view=Later::Staff(Screen::Closures) />
                </Routes>
            </Layout>
        </Router>
    }
}
