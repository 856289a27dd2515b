//! Working offline and picking up new builds: registers the service worker (public/sw.js),
//! tells when the connection is lost, and offers to load a new build once it is installed.

use crate::i18n::*;
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use leptos::wasm_bindgen::closure::Closure;

#[derive(Clone, Copy)]
pub struct Connection {
    pub online: RwSignal<bool>,
    /// A new build took over this page's service worker: reloading shows it.
    pub update: RwSignal<bool>,
}

pub fn provide() {
    let online = RwSignal::new(window().navigator().on_line());
    window_event_listener_untyped("online", move |_| online.set(true));
    window_event_listener_untyped("offline", move |_| online.set(false));
    let connection = Connection { online, update: RwSignal::new(false) };
    register(connection);
    provide_context(connection);
}

fn register(connection: Connection) {
    let Ok(workers) = js_sys::Reflect::get(&window().navigator(), &"serviceWorker".into()) else { return };
    if workers.is_undefined() {
        return; // old browsers: everything works, only not offline
    }
    let workers = window().navigator().service_worker();
    // A page that already had a worker sees it replaced by a new build's.
    if workers.controller().is_some() {
        let changed = Closure::<dyn Fn()>::new(move || connection.update.set(true));
        workers.set_oncontrollerchange(Some(changed.as_ref().unchecked_ref()));
        changed.forget(); // lives as long as the page
    }
    let _ = workers.register("/sw.js");
}

/// The banners every page shows when needed.
#[component]
pub fn ConnectionBanners() -> impl IntoView {
    let i18n = use_i18n();
    let connection = expect_context::<Connection>();
    view! {
        <div role="status">
            {move || (!connection.online.get()).then(|| view! { <p class="banner offline">{t!(i18n, offline.banner)}</p> })}
        </div>
        {move || connection.update.get().then(|| view! {
            <div class="banner update" role="status">
                <p>{t!(i18n, offline.update)}</p>
                <button type="button" class="button button-secondary" on:click=move |_| { let _ = window().location().reload(); }>
                    {t!(i18n, offline.reload)}
                </button>
            </div>
        })}
    }
}
