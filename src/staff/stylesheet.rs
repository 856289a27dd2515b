//! The officials' stylesheet (style/staff.css), fetched with their part of the code: in
//! main.css every citizen would download it. xtask puts it in the build's folder
//! (`/pkg-<hash>/staff.css`, kept by browsers for a year), which the Content-Security-Policy's
//! `style-src 'self'` allows. Written with the DOM bindings the citizen side already has, as
//! `super::dom` says why.

use crate::api::ApiFailure;
use leptos::prelude::*;
use std::cell::Cell;

thread_local! {
    static LOADED: Cell<bool> = const { Cell::new(false) };
}

/// Adds the stylesheet to the page, once per visit, resolving once it has loaded: no screen
/// shows unstyled.
pub async fn load_stylesheet() -> Result<(), ApiFailure> {
    if LOADED.get() {
        return Ok(());
    }
    let loaded = add_link().ok_or(ApiFailure::Unexpected(0))?;
    wasm_bindgen_futures::JsFuture::from(loaded).await.map_err(|_| ApiFailure::Network)?;
    LOADED.set(true);
    Ok(())
}

/// Adds the stylesheet's link after the one that preloads the main part's JS
/// (`/pkg-<hash>/citas.js`), whose address holds the build's folder. The promise settles when
/// the stylesheet has loaded, or could not be.
fn add_link() -> Option<js_sys::Promise> {
    let preload = document().document_element()?.query_selector("link[rel=modulepreload]").ok()??;
    let href = preload.get_attribute("href")?;
    let link = document().create_element("link").ok()?;
    link.set_attribute("rel", "stylesheet").ok()?;
    link.set_attribute("href", &format!("{}staff.css", &href[..=href.rfind('/')?])).ok()?;
    let loaded = js_sys::Promise::new(&mut |resolve, reject| {
        let _ = link.add_event_listener_with_callback("load", &resolve);
        let _ = link.add_event_listener_with_callback("error", &reject);
    });
    preload.parent_node()?.insert_before(&link, None).ok()?;
    Some(loaded)
}
