//! The officials' stylesheet (style/staff.css), fetched with their part of the code: in
//! main.css every citizen would download it. xtask puts it in the build's folder
//! (`/pkg-<hash>/staff.css`, kept by browsers for a year), which the Content-Security-Policy's
//! `style-src 'self'` allows.

use crate::api::ApiFailure;
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use std::cell::Cell;

thread_local! {
    static LOADED: Cell<bool> = const { Cell::new(false) };
}

/// The build's folder, where xtask puts the stylesheet: the one the main part's JS was loaded
/// from.
fn build_folder() -> Option<String> {
    let link = document().query_selector("link[rel=modulepreload]").ok()??;
    let href = link.get_attribute("href")?;
    Some(href[..=href.rfind('/')?].to_owned())
}

/// Adds the stylesheet to the page, once per visit, resolving once it has loaded: no screen
/// shows unstyled.
pub async fn load_stylesheet() -> Result<(), ApiFailure> {
    if LOADED.get() {
        return Ok(());
    }
    let link: web_sys::HtmlLinkElement =
        document().create_element("link").map_err(|_| ApiFailure::Unexpected(0))?.unchecked_into();
    link.set_rel("stylesheet");
    link.set_href(&format!("{}staff.css", build_folder().ok_or(ApiFailure::Unexpected(0))?));
    let loaded = js_sys::Promise::new(&mut |resolve, reject| {
        link.set_onload(Some(&resolve));
        link.set_onerror(Some(&reject));
    });
    document()
        .head()
        .ok_or(ApiFailure::Unexpected(0))?
        .append_child(&link)
        .map_err(|_| ApiFailure::Unexpected(0))?;
    wasm_bindgen_futures::JsFuture::from(loaded).await.map_err(|_| ApiFailure::Network)?;
    LOADED.set(true);
    Ok(())
}
