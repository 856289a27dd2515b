//! Filling the `{name}` placeholders of a translated text. (leptos_i18n's own interpolation in
//! strings needs its build-script generator, which brings ICU's data-export crates into every
//! build; xtask's tests check that both languages have the same keys and placeholders.)

use std::fmt::Display;

pub fn fill(text: &str, values: &[(&str, &dyn Display)]) -> String {
    values
        .iter()
        .fold(text.to_owned(), |text, (name, value)| text.replace(&format!("{{{name}}}"), &value.to_string()))
}
