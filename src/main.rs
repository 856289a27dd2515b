//! The citizen-facing web client: a Leptos single-page app compiled to WebAssembly.

mod api;
mod app;
mod components;
mod dom;
mod embed;
mod language;
mod later;
mod layout;
mod pages;
mod pwa;
mod staff;
mod state;
mod storage;
mod text;
mod waitlist;
mod wizard;

// Generates `i18n` from locales/*.json, failing the build on a key missing in a language.
// The newer build.rs generator would add ICU's data-export crates to every cold build.
#[allow(deprecated)]
mod generated {
    leptos_i18n::load_locales!();
}
use generated::i18n;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
