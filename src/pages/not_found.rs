use crate::dom::set_title;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn NotFound() -> impl IntoView {
    set_title("Página no encontrada");
    view! {
        <h1>"No encontramos esta página"</h1>
        <p>"Puede que la dirección esté mal escrita o que la página ya no exista."</p>
        <p><A href="/">"Ir al inicio"</A></p>
    }
}
