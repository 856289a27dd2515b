//! The few browser calls only the officials' screens make (a modal dialog, whether the tab is
//! shown, their stylesheet), made through bindings the citizen side already has: `Reflect`,
//! `Function::call`, attributes, event listeners. The JS glue of every binding sits in the
//! main part, which every citizen downloads first, whichever part calls it; web-sys's own
//! (`HtmlDialogElement::show_modal`, `Document::hidden`, `HtmlLinkElement`, …) would each add
//! some there for officials alone.

use leptos::prelude::*;
use leptos::wasm_bindgen::{JsCast, JsValue};

/// `target[method]()`.
pub fn call(target: &JsValue, method: &str) -> Result<JsValue, JsValue> {
    let function: js_sys::Function = js_sys::Reflect::get(target, &method.into())?.unchecked_into();
    function.call0(target)
}

/// Whether the tab is in the background (`document.hidden`).
pub fn page_hidden() -> bool {
    js_sys::Reflect::get(&document(), &"hidden".into()).is_ok_and(|hidden| hidden.is_truthy())
}
