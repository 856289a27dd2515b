//! `leptos_i18n::load_locales!` reads locales/*.json while the client compiles but does not
//! tell cargo, so a change to a translation alone would leave the old text in the build.
fn main() {
    println!("cargo::rerun-if-changed=locales");
}
