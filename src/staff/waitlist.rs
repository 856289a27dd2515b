//! Below the agenda: how many citizens wait on the office's waiting list for each day of the
//! booking window (an entry counts on every day of its range), to see where desks are missing.

use super::api;
use super::chrome::Session;
use crate::text::fill;
use citas_domain::api::waitlist::WaitlistLengths;
use citas_domain::format::long_date;
use citas_domain::lang::Lang;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn WaitingList(office: Memo<String>) -> impl IntoView {
    let session = Session::get();
    let lengths = RwSignal::new(None::<WaitlistLengths>);
    let problem = RwSignal::new(None::<String>);
    Effect::new(move || {
        let asked = office.get();
        lengths.set(None);
        problem.set(None);
        spawn_local(async move {
            match api::waitlist(&asked).await {
                // An answer for an office left meanwhile is dropped.
                Ok(answer) if answer.office == office.get_untracked() => lengths.set(Some(answer)),
                Ok(_) => {}
                Err(failure) => problem.set(session.message(&failure)),
            }
        });
    });
    view! {
        <section class="no-print" aria-labelledby="lista-espera">
            <h2 id="lista-espera">"Lista de espera"</h2>
            {move || problem.get().map(|p| view! { <p class="alert">{p}</p> })}
            {move || lengths.get().map(|l| view! { <WaitingByDay lengths=l /> })}
        </section>
    }
}

#[component]
fn WaitingByDay(lengths: WaitlistLengths) -> impl IntoView {
    let days: Vec<_> = lengths.days.into_iter().filter(|d| d.waiting > 0).collect();
    let total = fill("Personas en espera en esta oficina: {n}.", &[("n", &lengths.waiting)]);
    if days.is_empty() {
        return view! { <p>{total}" Ningún día tiene personas en espera."</p> }.into_any();
    }
    view! {
        <p>{total}" Cada persona cuenta en todos los días en que puede venir."</p>
        <table class="agenda waiting">
            <caption class="visually-hidden">"Personas en espera por día"</caption>
            <thead>
                <tr><th scope="col">"Día"</th><th scope="col">"Personas en espera"</th></tr>
            </thead>
            <tbody>
                {days.into_iter().map(|d| view! {
                    <tr><td>{long_date(d.date, Lang::Es)}</td><td>{d.waiting.to_string()}</td></tr>
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}
