//! The first screen: what this is, what to have at hand, and the way in.

use crate::dom::set_title;
use crate::state::{Offices, remembered, services};
use citas_domain::format::{long_date, time_of_day};
use citas_domain::time::in_bogota;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn Home() -> impl IntoView {
    set_title("Inicio");
    let offices = expect_context::<Offices>();
    let mine = remembered();

    view! {
        <h1>"Agende su cita con la Defensoría del Contribuyente"</h1>
        <p class="lead">
            "Atención presencial de lunes a viernes, de 8:00 a. m. a 4:00 p. m., en 18 ciudades. "
            "Es gratuita."
        </p>
        {(!mine.is_empty()).then(|| view! {
            <section class="panel" aria-labelledby="mis-citas">
                <h2 id="mis-citas">"Sus citas en este dispositivo"</h2>
                <ul class="plain">
                    {mine.into_iter().map(|a| {
                        let start = in_bogota(&a.start);
                        view! {
                            <li>
                                <A href=format!("/cita/{}", a.code)>
                                    {format!("{} · {}, {}", a.office.city, long_date(start.date_naive()), time_of_day(start.time()))}
                                </A>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        })}
        <A href="/agendar/servicio" attr:class="button button-start">"Agendar una cita"</A>
        <p><A href="/mi-cita">"Consultar, cambiar o cancelar una cita"</A></p>
        <h2>"Tenga a mano"</h2>
        <ul>
            <li>"El número de la cédula o del NIT para el que pide la cita: solo se atenderá ese documento."</li>
            <li>"Un correo o un teléfono, si quiere que lo podamos contactar (es opcional)."</li>
        </ul>
        <p>"Llegue 15 minutos antes de la hora de su cita. Si no puede asistir, cancele o cambie la cita para que otra persona pueda usarla."</p>
        <h2>"¿Cuándo acudir a la Defensoría?"</h2>
        <Suspense fallback=|| ()>
            {move || offices.0.get().and_then(Result::ok).map(|list| view! {
                <ul class="services-list">
                    {services(&list).into_iter().map(|s| view! {
                        <li><strong>{s.name}</strong>": "{s.description}</li>
                    }).collect_view()}
                </ul>
            })}
        </Suspense>
    }
}
