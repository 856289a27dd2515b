//! The wizard inside another site's page (public/widget.js): a compact layout without the
//! GOV.CO bar and footer (the host page has its own), its height reported to the host so the
//! iframe fits, and what happened ("citas:booked", "citas:cancelled") told without personal
//! data. Only the sites the operator allows can frame the app (CSP frame-ancestors).

use crate::storage::{read, session_storage, write};
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use leptos::wasm_bindgen::closure::Closure;

const EMBEDDED_KEY: &str = "citas.embebido";

#[derive(Clone, Copy)]
pub struct Embedded(pub bool);

pub fn provide() {
    let path = window().location().pathname().unwrap_or_default();
    let embedded =
        path.starts_with("/embed") || read::<bool>(&session_storage(), EMBEDDED_KEY).unwrap_or(false);
    if embedded {
        write(&session_storage(), EMBEDDED_KEY, &true);
        report_height();
    }
    provide_context(Embedded(embedded));
}

/// The origin of the page that frames this one, to post to it and to nobody else.
fn host_origin() -> Option<String> {
    // Chrome and Safari know the framing page's origin; web-sys has no binding for it.
    let from_ancestors = js_sys::Reflect::get(&window().location(), &"ancestorOrigins".into())
        .ok()
        .and_then(|list| list.dyn_into::<web_sys::DomStringList>().ok())
        .and_then(|list| list.item(0));
    let from_referrer = || {
        let referrer = document().referrer();
        let url = web_sys::Url::new(&referrer).ok()?;
        Some(url.origin())
    };
    from_ancestors.or_else(from_referrer).filter(|o| !o.is_empty() && o != "null")
}

fn post(message: &[(&str, wasm_bindgen::JsValue)]) {
    let (Some(origin), Ok(Some(parent))) = (host_origin(), window().parent()) else { return };
    let object = js_sys::Object::new();
    for (key, value) in message {
        let _ = js_sys::Reflect::set(&object, &(*key).into(), value);
    }
    let _ = parent.post_message(&object, &origin);
}

fn report_height() {
    let send = Closure::<dyn Fn()>::new(|| {
        if let Some(body) = document().body() {
            let height = body.get_bounding_client_rect().height() + 32.0;
            post(&[("type", "citas:height".into()), ("height", height.into())]);
        }
    });
    if let (Ok(observer), Some(body)) =
        (web_sys::ResizeObserver::new(send.as_ref().unchecked_ref()), document().body())
    {
        observer.observe(&body);
    }
    send.forget(); // observes for the life of the page
}

/// Tells the host page that an appointment was booked or cancelled: which office and
/// service, never who.
pub fn notify(embedded: Embedded, kind: &str, office: &str, service: &str) {
    if !embedded.0 {
        return;
    }
    let detail = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&detail, &"office".into(), &office.into());
    let _ = js_sys::Reflect::set(&detail, &"service".into(), &service.into());
    post(&[("type", kind.into()), ("detail", detail.into())]);
}
