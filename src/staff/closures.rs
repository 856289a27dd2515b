//! Closures (administrador): days or hours when offices do not attend. Creating one closes
//! availability at once and lists the booked appointments it falls on, for the office to
//! contact; they are cancelled, with the closure's reason, only when the administrador confirms
//! it on the list.

use super::api;
use super::chrome::{Session, set_title};
use super::desks::DesksForm;
use super::widgets::{ReasonField, office_name, read_reason, status_name, time_of};
use crate::components::{Alert, FieldError, PageHeading, TextField, focus, focus_soon};
use crate::text::fill;
use chrono::NaiveDate;
use citas_domain::api::staff::{AgendaEntry, AllOffices, ClosureOffices, ClosureView, NewClosure, Role};
use citas_domain::api::{AppointmentStatus, ErrorCode};
use citas_domain::format::long_date;
use citas_domain::lang::Lang;
use citas_domain::time::{clock, parse_clock};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn ClosuresPage() -> impl IntoView {
    set_title("Cierres de oficinas");
    let session = Session::get();
    let Some(me) = session.me().filter(|me| me.role == Role::Administrador) else {
        return view! {
            <PageHeading text=Signal::derive(|| "Cierres de oficinas".to_owned()) />
            <p>"Solo un administrador puede ver y crear cierres."</p>
        }
        .into_any();
    };
    let list = RwSignal::new(None::<Vec<ClosureView>>);
    let selected = RwSignal::new(None::<ClosureView>);
    let problem = RwSignal::new(None::<String>);
    let notice = RwSignal::new(None::<String>);
    let load = move || {
        spawn_local(async move {
            match api::closures().await {
                Ok(answer) => list.set(Some(answer.closures)),
                Err(failure) => problem.set(session.message(&failure)),
            }
        })
    };
    load();
    let show = Callback::new(move |closure: ClosureView| {
        selected.set(Some(closure));
        focus_soon("afectadas");
    });
    let created = Callback::new(move |closure: ClosureView| {
        notice.set(Some(fill(
            "Cierre creado: los cupos ya no se ofrecen. Citas agendadas afectadas: {count}.",
            &[("count", &booked(&closure))],
        )));
        show.run(closure);
        load();
    });
    let changed = Callback::new(move |closure: ClosureView| {
        notice.set(Some("Se cancelaron las citas afectadas por el cierre.".to_owned()));
        selected.set(Some(closure));
        load();
    });
    let remove = Callback::new(move |id: i64| {
        notice.set(None);
        spawn_local(async move {
            match api::delete_closure(id).await {
                Ok(()) => {
                    notice
                        .set(Some("Se eliminó el cierre: sus cupos vuelven a estar disponibles.".to_owned()));
                    if selected.with_untracked(|s| s.as_ref().is_some_and(|s| s.id == id)) {
                        selected.set(None);
                    }
                    load();
                }
                Err(failure) => problem.set(session.message(&failure)),
            }
        });
    });

    view! {
        <PageHeading text=Signal::derive(|| "Cierres de oficinas".to_owned()) />
        <p>"Un cierre quita de inmediato los cupos de esos días u horas. Las citas ya agendadas se listan para contactar a cada ciudadano, y se cancelan solo cuando usted lo confirma."</p>
        <Alert message=problem.into() />
        <p role="status" class="staff-notice">{move || notice.get()}</p>
        {move || selected.get().map(|closure| view! { <Affected closure changed /> })}
        <h2>"Cierres vigentes"</h2>
        {move || match list.get() {
            None => view! { <p class="loading">"Cargando…"</p> }.into_any(),
            Some(closures) if closures.is_empty() => view! { <p>"No hay cierres vigentes."</p> }.into_any(),
            Some(closures) => view! { <ClosureTable closures show remove /> }.into_any(),
        }}
        <NewClosureForm offices=me.offices.clone() created />
        <DesksForm offices=me.offices />
    }
    .into_any()
}

/// How many of the closure's appointments are still booked.
fn booked(closure: &ClosureView) -> usize {
    closure.affected.iter().filter(|a| a.status == AppointmentStatus::Booked).count()
}

/// "Todas las oficinas" or their cities; the days; the hours or the whole day.
fn describe(closure: &NewClosure) -> (String, String, String) {
    let offices = match &closure.offices {
        ClosureOffices::All(_) => "Todas las oficinas".to_owned(),
        ClosureOffices::Some(ids) => ids.iter().map(|id| office_name(id)).collect::<Vec<_>>().join(", "),
    };
    let days = if closure.from == closure.to {
        long_date(closure.from, Lang::Es)
    } else {
        fill(
            "del {from} al {to}",
            &[("from", &long_date(closure.from, Lang::Es)), ("to", &long_date(closure.to, Lang::Es))],
        )
    };
    let hours = match (closure.from_time, closure.to_time) {
        (Some(from), Some(to)) => fill("de {from} a {to}", &[("from", &clock(from)), ("to", &clock(to))]),
        _ => "todo el día".to_owned(),
    };
    (offices, days, hours)
}

#[component]
fn ClosureTable(
    closures: Vec<ClosureView>,
    show: Callback<ClosureView>,
    remove: Callback<i64>,
) -> impl IntoView {
    view! {
        <table class="agenda">
            <thead>
                <tr>
                    <th scope="col">"Oficinas"</th>
                    <th scope="col">"Días"</th>
                    <th scope="col">"Horas"</th>
                    <th scope="col">"Motivo"</th>
                    <th scope="col">"Citas por cancelar"</th>
                    <th scope="col">"Acciones"</th>
                </tr>
            </thead>
            <tbody>
                {closures.into_iter().map(|closure| {
                    let (offices, days, hours) = describe(&closure.closure);
                    let (id, count) = (closure.id, booked(&closure));
                    let whose = format!(": {offices}, {days}");
                    let reason = closure.closure.reason_es.clone();
                    view! {
                        <tr>
                            <td>{offices}</td>
                            <td>{days}</td>
                            <td>{hours}</td>
                            <td>{reason}</td>
                            <td>{count}</td>
                            <td class="row-actions">
                                <button type="button" class="button button-secondary" aria-label=format!("Ver citas afectadas{whose}")
                                    on:click=move |_| show.run(closure.clone())>
                                    "Ver citas afectadas"
                                </button>
                                <button type="button" class="button button-secondary" aria-label=format!("Eliminar{whose}")
                                    on:click=move |_| remove.run(id)>
                                    "Eliminar"
                                </button>
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// The appointments a closure falls on, and the confirmed step that cancels them.
#[component]
fn Affected(closure: ClosureView, changed: Callback<ClosureView>) -> impl IntoView {
    let session = Session::get();
    let (offices, days, hours) = describe(&closure.closure);
    let count = booked(&closure);
    let confirming = RwSignal::new(false);
    let sending = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let id = closure.id;
    let reason = closure.closure.reason_es.clone();
    let ask = move |_| {
        confirming.set(true);
        focus_soon("confirmar-cancelacion");
    };
    let confirm = move |_| {
        sending.set(true);
        spawn_local(async move {
            let done = api::cancel_affected(id).await;
            sending.set(false);
            match done {
                Ok(closure) => changed.run(closure),
                Err(failure) => problem.set(session.message(&failure)),
            }
        });
    };
    let none = closure.affected.is_empty();
    let affected = closure.affected;
    view! {
        <section class="panel affected" aria-labelledby="afectadas">
            <h2 id="afectadas" tabindex="-1">"Citas afectadas por el cierre"</h2>
            <p>{offices}" · "{days}" · "{hours}</p>
            <p>"Motivo"": "{reason.clone()}</p>
            <Alert message=problem.into() />
            {if none {
                view! { <p>"Ninguna cita agendada cae en este cierre."</p> }.into_any()
            } else {
                view! { <AppointmentTable entries=affected /> }.into_any()
            }}
            {(count > 0).then(|| view! {
                <Show when=move || confirming.get()
                    fallback=move || view! {
                        <button type="button" class="button button-danger" on:click=ask>
                            {fill("Cancelar las citas agendadas ({count})…", &[("count", &count)])}
                        </button>
                    }>
                    <div class="confirm-step">
                        <p>{fill("Citas que se cancelarán: {count}, con el motivo «{reason}». Cada ciudadano lo verá en «Mi cita». Esto no se puede deshacer.", &[("count", &count), ("reason", &reason)])}</p>
                        <div class="actions">
                            <button type="button" id="confirmar-cancelacion" class="button button-danger"
                                on:click=confirm disabled=move || sending.get()>
                                {fill("Sí, cancelar las citas ({count})", &[("count", &count)])}
                            </button>
                            <button type="button" class="button button-secondary" on:click=move |_| confirming.set(false)>
                                "No, volver"
                            </button>
                        </div>
                    </div>
                </Show>
            })}
        </section>
    }
}

/// Appointments of several days and offices, for the office to contact.
#[component]
pub fn AppointmentTable(entries: Vec<AgendaEntry>) -> impl IntoView {
    view! {
        <table class="agenda">
            <thead>
                <tr>
                    <th scope="col">"Código"</th>
                    <th scope="col">"Oficina"</th>
                    <th scope="col">"Fecha y hora"</th>
                    <th scope="col">"Nombre"</th>
                    <th scope="col">"Documento"</th>
                    <th scope="col">"Estado"</th>
                </tr>
            </thead>
            <tbody>
                {entries.into_iter().map(|entry| {
                    let when = format!("{}, {}", long_date(entry.start.date_naive(), Lang::Es), time_of(&entry.start));
                    view! {
                        <tr>
                            <td class="code-cell">{entry.code.clone()}</td>
                            <td>{office_name(&entry.office)}</td>
                            <td>{when}</td>
                            <td>{entry.name.clone()}</td>
                            <td>{entry.document.clone()}</td>
                            <td>{status_name(entry.status)}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// Each field's problem, and the id of the control to focus for it.
#[derive(Clone, Copy)]
struct FormErrors {
    offices: RwSignal<Option<String>>,
    from: RwSignal<Option<String>>,
    to: RwSignal<Option<String>>,
    from_time: RwSignal<Option<String>>,
    to_time: RwSignal<Option<String>>,
    reason: RwSignal<Option<String>>,
    reason_en: RwSignal<Option<String>>,
}

impl FormErrors {
    fn new() -> FormErrors {
        FormErrors {
            offices: RwSignal::new(None),
            from: RwSignal::new(None),
            to: RwSignal::new(None),
            from_time: RwSignal::new(None),
            to_time: RwSignal::new(None),
            reason: RwSignal::new(None),
            reason_en: RwSignal::new(None),
        }
    }

    /// In the order of the form, with where the focus goes.
    fn fields(self) -> [(RwSignal<Option<String>>, &'static str); 7] {
        [
            (self.offices, "cierre-alcance"),
            (self.from, "cierre-desde"),
            (self.to, "cierre-hasta"),
            (self.from_time, "cierre-hora-desde"),
            (self.to_time, "cierre-hora-hasta"),
            (self.reason, "cierre-motivo"),
            (self.reason_en, "cierre-motivo-en"),
        ]
    }

    fn clear(self) {
        self.fields().iter().for_each(|(error, _)| error.set(None));
    }

    /// Focuses the first field with a problem; whether there was one.
    fn focus_first(self) -> bool {
        let first = self.fields().into_iter().find(|(error, _)| error.with_untracked(Option::is_some));
        first.inspect(|(_, id)| focus(id)).is_some()
    }

    /// A refusal that names its field (`field` of the error body), beside that field.
    fn field(self, name: &str) -> Option<RwSignal<Option<String>>> {
        Some(match name {
            "offices" => self.offices,
            "from" => self.from,
            "to" => self.to,
            "from_time" => self.from_time,
            "to_time" => self.to_time,
            "reason_es" => self.reason,
            "reason_en" => self.reason_en,
            _ => return None,
        })
    }
}

#[component]
fn NewClosureForm(offices: Vec<String>, created: Callback<ClosureView>) -> impl IntoView {
    let session = Session::get();
    let all = RwSignal::new(true);
    let chosen = RwSignal::new(Vec::<String>::new());
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let from_time = RwSignal::new(String::new());
    let to_time = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let reason_en = RwSignal::new(String::new());
    let errors = FormErrors::new();
    let problem = RwSignal::new(None::<String>);
    let sending = RwSignal::new(false);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        problem.set(None);
        errors.clear();
        let Some(closure) = read_form(
            all.get(),
            chosen.get(),
            [from.get(), to.get(), from_time.get(), to_time.get()],
            [reason.get(), reason_en.get()],
            errors,
        ) else {
            errors.focus_first();
            return;
        };
        sending.set(true);
        spawn_local(async move {
            let answer = api::close(&closure).await;
            sending.set(false);
            match answer {
                Ok(view) => created.run(view),
                Err(failure) => {
                    let beside = match &failure {
                        crate::api::ApiFailure::Refused(detail) if failure.is(ErrorCode::InvalidClosure) => {
                            detail.field.as_deref().and_then(|f| errors.field(f))
                        }
                        _ => None,
                    };
                    match beside {
                        Some(error) => {
                            error.set(Some(failure.message()));
                            errors.focus_first();
                        }
                        None => problem.set(session.message(&failure)),
                    }
                }
            }
        });
    };

    let choices = offices
        .into_iter()
        .map(|id| {
            let checkbox = format!("cierre-oficina-{id}");
            let (value, name) = (id.clone(), office_name(&id));
            view! {
                <label class="choice compact">
                    <input type="checkbox" id=checkbox
                        prop:checked=move || chosen.with(|c| c.contains(&id))
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            let value = value.clone();
                            chosen.update(|c| if on { c.push(value) } else { c.retain(|v| *v != value) });
                        } />
                    <span class="choice-text">{name}</span>
                </label>
            }
        })
        .collect_view();

    view! {
        <h2>"Nuevo cierre"</h2>
        <Alert message=problem.into() />
        <form on:submit=submit novalidate class="staff-narrow">
            <fieldset class:field-invalid=move || errors.offices.get().is_some()
                aria-describedby=move || errors.offices.get().map(|_| "cierre-alcance-error")>
                <legend>"Oficinas que cierran"</legend>
                <FieldError id="cierre-alcance-error" message=errors.offices.into() />
                <label class="choice compact">
                    <input type="radio" name="alcance" id="cierre-alcance" prop:checked=move || all.get() on:change=move |_| all.set(true) />
                    <span class="choice-text">"Todas las oficinas"</span>
                </label>
                <label class="choice compact">
                    <input type="radio" name="alcance" prop:checked=move || !all.get() on:change=move |_| all.set(false) />
                    <span class="choice-text">"Algunas oficinas"</span>
                </label>
                <div class="office-choices" hidden=move || all.get()>{choices}</div>
            </fieldset>
            <div class="field-pair">
                <TextField id="cierre-desde" value=from error=errors.from.into() input_type="date"
                    label=Signal::derive(|| "Desde el día".to_owned()) hint=Signal::derive(|| "El primer día del cierre.".to_owned()) />
                <TextField id="cierre-hasta" value=to error=errors.to.into() input_type="date"
                    label=Signal::derive(|| "Hasta el día".to_owned()) hint=Signal::derive(|| "El último día del cierre (el mismo, para un solo día).".to_owned()) />
            </div>
            <div class="field-pair">
                <TextField id="cierre-hora-desde" value=from_time error=errors.from_time.into() input_type="time"
                    label=Signal::derive(|| "Desde la hora (opcional)".to_owned()) hint=Signal::derive(|| "Déjelas vacías para cerrar los días completos.".to_owned()) />
                <TextField id="cierre-hora-hasta" value=to_time error=errors.to_time.into() input_type="time"
                    label=Signal::derive(|| "Hasta la hora (opcional)".to_owned()) hint=Signal::derive(|| "Déjelas vacías para cerrar los días completos.".to_owned()) />
            </div>
            <ReasonField id="cierre-motivo" value=reason error=errors.reason.into() label="Motivo (en español)" hint="Lo verán los ciudadanos al agendar y en «Mi cita»." />
            <ReasonField id="cierre-motivo-en" value=reason_en error=errors.reason_en.into() label="Motivo en inglés (opcional)" hint="Para quienes leen el sitio en inglés; sin él verán el motivo en español." />
            <button type="submit" class="button" disabled=move || sending.get()>"Crear el cierre y ver las citas afectadas"</button>
        </form>
    }
}

/// The closure the form describes, or the problems beside its fields.
fn read_form(
    all: bool,
    chosen: Vec<String>,
    [from, to, from_time, to_time]: [String; 4],
    [reason, reason_en]: [String; 2],
    errors: FormErrors,
) -> Option<NewClosure> {
    let say = |error: RwSignal<Option<String>>, text: &str| error.set(Some(text.to_owned()));
    if !all && chosen.is_empty() {
        say(errors.offices, "Elija al menos una oficina.");
    }
    let from = from.parse::<NaiveDate>().ok();
    let to = to.parse::<NaiveDate>().ok();
    match (from, to) {
        (None, _) => say(errors.from, "Escriba el primer día del cierre."),
        (_, None) => say(errors.to, "Escriba el último día del cierre."),
        (Some(from), Some(to)) if to < from => {
            say(errors.to, "El último día no puede ser anterior al primero.")
        }
        _ => {}
    }
    let (from_time, to_time) = (parse_clock(&from_time), parse_clock(&to_time));
    match (from_time, to_time) {
        (Some(_), None) => say(errors.to_time, "Escriba las dos horas, o ninguna."),
        (None, Some(_)) => say(errors.from_time, "Escriba las dos horas, o ninguna."),
        (Some(a), Some(b)) if b <= a => say(errors.to_time, "La hora final debe ser posterior a la inicial."),
        _ => {}
    }
    let reason =
        read_reason(&reason, errors.reason, "Escriba el motivo del cierre: lo verán los ciudadanos.");
    // Optional: left empty, citizens who read English see the Spanish one.
    let reason_en = match reason_en.trim() {
        "" => Some(None),
        text => read_reason(text, errors.reason_en, "Escriba el motivo en inglés, o déjelo vacío.").map(Some),
    };
    if errors.fields().iter().any(|(error, _)| error.with_untracked(Option::is_some)) {
        return None;
    }
    Some(NewClosure {
        offices: if all { ClosureOffices::All(AllOffices::All) } else { ClosureOffices::Some(chosen) },
        from: from?,
        to: to?,
        from_time,
        to_time,
        reason_es: reason?,
        reason_en: reason_en?,
    })
}
