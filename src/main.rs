//! The citizen-facing web client: a Leptos single-page app compiled to WebAssembly.

mod api;
mod app;
mod dom;
mod forms;
mod layout;
mod pages;
mod state;
mod wizard;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
