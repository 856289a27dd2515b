//! The frame of every page: GOV.CO bar, the Defensoría's header, and the contact footer.

use leptos::html;
use leptos::prelude::*;
use leptos_router::components::A;

/// The page's h1, focused on arrival so screen readers start reading the new page there.
#[component]
pub fn PageHeading(#[prop(into)] text: String) -> impl IntoView {
    let heading = NodeRef::<html::H1>::new();
    Effect::new(move || {
        if let Some(h1) = heading.get() {
            let _ = h1.focus();
        }
    });
    view! { <h1 node_ref=heading tabindex="-1">{text}</h1> }
}

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    view! {
        <a class="skip-link" href="#contenido">"Saltar al contenido"</a>
        <div class="govco-bar">
            <a href="https://www.gov.co/" class="govco-link" title="Portal del Estado Colombiano - GOV.CO">
                "GOV.CO"
            </a>
        </div>
        <header class="site-header">
            <A href="/" attr:class="brand">
                <span class="brand-entity">"Defensoría del Contribuyente y del Usuario Aduanero"</span>
                <span class="brand-service">"Agendamiento de citas"</span>
            </A>
        </header>
        <main id="contenido" class="page">{children()}</main>
        <Footer />
    }
}

#[component]
fn Footer() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <h2 class="footer-title">"¿Prefiere llamar?"</h2>
            <p>"Contact Center: lunes a viernes de 8:00 a. m. a 7:00 p. m. y sábados de 8:00 a. m. a 12:00 m."</p>
            <ul class="phones">
                <li>"Impuestos: " <a href="tel:+576013078064">"601 307 8064"</a></li>
                <li>"Aduanas: " <a href="tel:+576013078065">"601 307 8065"</a></li>
                <li>"Nivel central: " <a href="tel:+576017428973">"601 742 8973"</a></li>
            </ul>
            <p class="footer-address">
                "Sede principal: Carrera 8 n.º 6C-38, Edificio San Agustín, Bogotá D.C. Código postal 111711."
            </p>
            <p><A href="/accesibilidad">"Declaración de accesibilidad"</A></p>
        </footer>
    }
}
