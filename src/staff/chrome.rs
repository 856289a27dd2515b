//! What every officials' screen shares: this part's stylesheet, the session, and the
//! bar with the screens and the sign-out. The screens render only once someone is signed in;
//! until then (or once the session ends) the sign-in form takes their place, at the same
//! address, so signing in lands on the screen that was asked for.

use super::Screen;
use super::api;
use super::sign_in::SignInForm;
use super::stylesheet::load_stylesheet;
use crate::api::ApiFailure;
use crate::i18n::{Locale, use_i18n};
use citas_domain::api::ErrorCode;
use citas_domain::api::staff::{Me, Role};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

#[derive(Clone)]
enum Status {
    Loading,
    SignedOut,
    SignedIn(Me),
    /// This part's stylesheet or the session could not be fetched.
    Failed(String),
}

/// Who is signed in, kept for the whole visit (moving between screens asks nothing again).
#[derive(Clone, Copy)]
pub struct Session(RwSignal<Status>);

impl Session {
    pub fn get() -> Session {
        crate::state::first_use(|| {
            let session = Session(RwSignal::new(Status::Loading));
            session.reload();
            session
        })
    }

    /// Fetches the stylesheet (once) and who the session belongs to.
    pub fn reload(self) {
        self.0.set(Status::Loading);
        spawn_local(async move {
            let status = match load_stylesheet().await {
                Err(failure) => Status::Failed(failure.message()),
                Ok(()) => match api::me().await {
                    Ok(me) => Status::SignedIn(me),
                    Err(failure) if failure.is(ErrorCode::Unauthenticated) => Status::SignedOut,
                    Err(failure) => Status::Failed(failure.message()),
                },
            };
            self.0.set(status);
        });
    }

    /// The signed-in account (screens are shown only with one).
    pub fn me(self) -> Option<Me> {
        self.0.with_untracked(|status| match status {
            Status::SignedIn(me) => Some(me.clone()),
            _ => None,
        })
    }

    /// What to say about a failed call; nothing when it only meant that the session ended, as
    /// the sign-in form then replaces the screen.
    pub fn message(self, failure: &ApiFailure) -> Option<String> {
        if failure.is(ErrorCode::Unauthenticated) {
            self.0.set(Status::SignedOut);
            None
        } else {
            Some(failure.message())
        }
    }
}

/// Sets the window's title, which screen readers announce on arrival.
pub fn set_title(title: &str) {
    document().set_title(&format!("{title} — Funcionarios — Defensoría del Contribuyente"));
}

/// An officials' screen, under the bar, once signed in. In Spanish whatever language the
/// browser asks for: the page's frame and the fields these screens share with the citizens'
/// side (`DocumentFields`) follow the site's language, so the site switches to Spanish here.
#[component]
pub fn StaffFrame(page: Screen) -> impl IntoView {
    let session = Session::get();
    let i18n = use_i18n();
    if i18n.get_locale_untracked() != Locale::es {
        i18n.set_locale(Locale::es);
    }
    view! {
        <div class="staff" lang="es">
            {move || match session.0.get() {
                Status::Loading => view! { <p class="loading">"Cargando…"</p> }.into_any(),
                Status::Failed(message) => view! {
                    <p class="alert" role="alert">{message}</p>
                    <button type="button" class="button" on:click=move |_| session.reload()>
                        "Intentar de nuevo"
                    </button>
                }
                .into_any(),
                Status::SignedOut => SignInForm().into_any(),
                Status::SignedIn(me) => view! { <StaffBar me /> {page.view()} }.into_any(),
            }}
        </div>
    }
}

#[component]
fn StaffBar(me: Me) -> impl IntoView {
    let session = Session::get();
    let signing_out = RwSignal::new(false);
    let sign_out = move |_| {
        signing_out.set(true);
        spawn_local(async move {
            // Signed out either way: a session the server no longer knows is no session.
            let _ = api::sign_out().await;
            signing_out.set(false);
            session.0.set(Status::SignedOut);
        });
    };
    let role = match me.role {
        Role::Funcionario => "funcionario",
        Role::Administrador => "administrador",
        Role::ContactCenter => "Contact Center",
    };
    view! {
        <nav class="staff-bar" aria-label="Funcionarios">
            <ul>
                <li><A href="/funcionarios" exact=true>"Agenda del día"</A></li>
                <li><A href="/funcionarios/buscar">"Buscar por documento"</A></li>
                <li><A href="/funcionarios/agendar">"Agendar para un ciudadano"</A></li>
                {(me.role == Role::Administrador).then(|| view! {
                    <li><A href="/funcionarios/cierres">"Cierres"</A></li>
                })}
            </ul>
            <p class="staff-account">{me.email}" ("{role}")"</p>
            <button type="button" class="button button-secondary" on:click=sign_out disabled=move || signing_out.get()>
                "Cerrar sesión"
            </button>
        </nav>
    }
}
