//! The accessibility statement (MinTIC Resolución 1519 de 2020, Anexo 1): the standard met,
//! how it was checked, what is known not to work yet, and how to report a barrier.

use crate::dom::set_title;
use crate::layout::PageHeading;
use leptos::prelude::*;

#[component]
pub fn AccessibilityStatement() -> impl IntoView {
    set_title("Declaración de accesibilidad");
    view! {
        <PageHeading text="Declaración de accesibilidad" />
        <p class="lead">
            "Queremos que todas las personas puedan agendar su cita, también con un lector de pantalla, "
            "solo con el teclado, con el texto ampliado o desde un celular sencillo."
        </p>
        <h2>"Norma que cumplimos"</h2>
        <p>
            "Este servicio busca cumplir las Pautas de Accesibilidad para el Contenido Web (WCAG) 2.2, nivel AA. "
            "La Resolución 1519 de 2020 del Ministerio TIC exige a las entidades públicas el nivel AA de WCAG 2.1; "
            "WCAG 2.2 lo incluye y agrega criterios."
        </p>
        <h2>"Cómo lo revisamos"</h2>
        <ul>
            <li>"En cada cambio, pruebas automáticas recorren todas las pantallas en tamaño de celular y de computador, "
                "en modo claro y oscuro y con mensajes de error, y las revisan con axe-core: no se acepta ningún error."</li>
            <li>"Pruebas automáticas agendan, cambian y cancelan una cita usando solo el teclado."</li>
            <li>"Revisamos que se pueda usar a 320 píxeles de ancho y con el texto al 200 % sin desplazamiento horizontal, "
                "que los botones midan al menos 44 × 44 píxeles y que los contrastes cumplan AA."</li>
            <li>"Las herramientas automáticas no encuentran todos los problemas; por eso también revisamos a mano."</li>
        </ul>
        <h2>"Limitaciones conocidas"</h2>
        <ul>
            <li>"Aún no se ha hecho una revisión con personas usuarias de lectores de pantalla."</li>
            <li>"El servicio está en español; la versión en inglés está en preparación."</li>
            <li>"El archivo de calendario (.ics) depende de la aplicación de calendario de cada persona."</li>
        </ul>
        <h2>"¿Encontró una barrera?"</h2>
        <p>
            "Cuéntenos qué página, qué intentaba hacer y con qué ayuda técnica (por ejemplo, el lector de pantalla) "
            "para corregirlo. Mientras tanto, puede agendar su cita por teléfono."
        </p>
        <ul class="phones">
            <li>"Contact Center de Impuestos: " <a href="tel:+576013078064">"601 307 8064"</a></li>
            <li>"Contact Center de Aduanas: " <a href="tel:+576013078065">"601 307 8065"</a></li>
            <li>"Nivel central: " <a href="tel:+576017428973">"601 742 8973"</a></li>
        </ul>
        <p>"También puede escribir por el canal de PQSR de la DIAN. Última revisión de esta declaración: 25 de noviembre de 2026."</p>
    }
}
