//! The routes: the app's table of contents.

use crate::i18n::Locale;
use crate::later::{self, Information, Mine, Waiting};
use crate::layout::Layout;
use crate::pages::{home::Home, not_found::NotFound};
use crate::staff::Screen;
use crate::state;
use crate::wizard::Step;
use crate::wizard::hold::Holds;
use leptos::prelude::*;
use leptos_router::components::{Redirect, Route, Router, Routes};
use leptos_router::{ChooseView, path};

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
                    <Route path=path!("/") view=Page::Home />
                    <Route path=path!("/agendar") view=Page::StartBooking />
                    <Route path=path!("/agendar/servicio") view=Page::Booking(Step::Service) />
                    <Route path=path!("/agendar/ciudad") view=Page::Booking(Step::City) />
                    <Route path=path!("/agendar/fecha") view=Page::Booking(Step::Date) />
                    <Route path=path!("/agendar/hora") view=Page::Booking(Step::Time) />
                    <Route path=path!("/agendar/datos") view=Page::Booking(Step::Details) />
                    <Route path=path!("/agendar/confirmar") view=Page::Booking(Step::Review) />
                    <Route path=path!("/mi-cita") view=Page::Mine(Mine::Find) />
                    <Route path=path!("/embed") view=Page::Embed />
                    <Route path=path!("/accesibilidad") view=Page::Information(Information::Accessibility) />
                    <Route path=path!("/oficinas") view=Page::Information(Information::Offices) />
                    <Route path=path!("/oficinas/:office") view=Page::Information(Information::Office) />
                    <Route path=path!("/cita/:code") view=Page::Mine(Mine::Show) />
                    <Route path=path!("/cita/:code/cancelar") view=Page::Mine(Mine::Cancel) />
                    <Route path=path!("/olvidar") view=Page::Mine(Mine::Forget) />
                    <Route path=path!("/lista-de-espera") view=Page::Waitlist(Waiting::Find) />
                    <Route path=path!("/lista-de-espera/unirse") view=Page::Waitlist(Waiting::Join) />
                    <Route path=path!("/oferta/:offer") view=Page::Waitlist(Waiting::Offer) />
                    // The officials' side: its own part, never downloaded by citizens.
                    <Route path=path!("/funcionarios") view=Page::Staff(Screen::Agenda) />
                    <Route path=path!("/funcionarios/buscar") view=Page::Staff(Screen::Search) />
                    <Route path=path!("/funcionarios/agendar") view=Page::Staff(Screen::Assisted) />
                    <Route path=path!("/funcionarios/cierres") view=Page::Staff(Screen::Closures) />
                </Routes>
            </Layout>
        </Router>
    }
}

/// What a route shows: the first screen's pages, or a page of a later part (`later`), which is
/// downloaded on its first visit. Every route has this one kind of view, rather than a function
/// or a `leptos_router::Lazy` of a type of its own: the router's code is generic over the kind
/// of view, and each kind would add to the first load, which every citizen downloads.
#[derive(Clone, Copy)]
enum Page {
    Home,
    /// `/agendar`: the first step.
    StartBooking,
    /// `/embed`: the widget's way in (`wizard::entry`).
    Embed,
    Booking(Step),
    Mine(Mine),
    Waitlist(Waiting),
    Information(Information),
    Staff(Screen),
}

impl ChooseView for Page {
    async fn choose(self) -> AnyView {
        let later = match self {
            Page::Home => return Home().into_any(),
            Page::StartBooking => return view! { <Redirect path="/agendar/servicio" /> }.into_any(),
            Page::Embed => return crate::wizard::entry::EmbedEntry().into_any(),
            Page::Booking(step) => later::booking(step).await,
            Page::Mine(page) => later::my_appointment(page).await,
            Page::Waitlist(page) => later::waitlist(page).await,
            Page::Information(page) => later::information(page).await,
            Page::Staff(screen) => later::staff(screen).await,
        };
        later::or_unavailable(later)
    }

    async fn preload(&self) {}
}
