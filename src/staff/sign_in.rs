//! Signing in with the account's e-mail and password.

use super::api;
use super::chrome::{Session, set_title};
use crate::components::{Alert, PageHeading, TextField, focus};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn SignInForm() -> impl IntoView {
    set_title("Ingreso de funcionarios");
    let session = Session::get();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let email_error = RwSignal::new(None::<String>);
    let password_error = RwSignal::new(None::<String>);
    let problem = RwSignal::new(None::<String>);
    let sending = RwSignal::new(false);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        problem.set(None);
        email_error.set((!email.get().contains('@')).then(|| "Escriba su correo electrónico.".to_owned()));
        password_error.set(password.get().is_empty().then(|| "Escriba su contraseña.".to_owned()));
        if email_error.get().is_some() {
            return focus("correo");
        }
        if password_error.get().is_some() {
            return focus("clave");
        }
        sending.set(true);
        spawn_local(async move {
            let signed_in =
                api::sign_in(email.get_untracked().trim().to_owned(), password.get_untracked()).await;
            sending.set(false);
            match signed_in {
                Ok(()) => session.reload(),
                // Wrong credentials, a locked account, too many attempts: the server says which
                // and, when locked, for how long.
                Err(failure) => {
                    password.set(String::new());
                    problem.set(Some(failure.message()));
                }
            }
        });
    };

    view! {
        <PageHeading text=Signal::derive(|| "Ingreso de funcionarios".to_owned()) />
        <p class="lead">"Para ver la agenda de su oficina y registrar la llegada de los ciudadanos, ingrese con su cuenta."</p>
        <Alert message=problem.into() />
        <form on:submit=submit novalidate class="staff-narrow">
            <TextField id="correo" value=email error=email_error.into()
                label=Signal::derive(|| "Correo electrónico".to_owned()) hint=Signal::derive(|| "El de su cuenta de funcionario, por ejemplo nombre@dian.gov.co.".to_owned())
                input_type="email" autocomplete="username" inputmode="email" />
            <TextField id="clave" value=password error=password_error.into()
                label=Signal::derive(|| "Contraseña".to_owned()) hint=Signal::derive(|| "La de su cuenta de funcionario.".to_owned())
                input_type="password" autocomplete="current-password" />
            <button type="submit" class="button" disabled=move || sending.get()>
                {move || if sending.get() { "Ingresando…" } else { "Ingresar" }}
            </button>
        </form>
    }
}
