//! Filling the `{name}` placeholders of a translated text. (leptos_i18n's own interpolation in
//! strings needs its build-script generator, which brings ICU's data-export crates into every
//! build; xtask's tests check that both languages have the same keys and placeholders.)

use std::fmt::Display;

pub fn fill(text: &str, values: &[(&str, &dyn Display)]) -> String {
    values
        .iter()
        .fold(text.to_owned(), |text, (name, value)| text.replace(&format!("{{{name}}}"), &value.to_string()))
}

/// Lower case without accents, to sort and search as a Spanish reader expects: "cucuta"
/// finds "Cúcuta", "narino" finds "Nariño" (typed on a keyboard without ñ), and "Cúcuta" sorts
/// between "Cartagena" and "Girardot". Letter by letter rather than `str::to_lowercase`, whose
/// Unicode case tables would add kilobytes to every citizen's download for names that only
/// use Spanish letters.
pub fn fold(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            'á' | 'à' | 'Á' | 'À' => 'a',
            'é' | 'è' | 'É' | 'È' => 'e',
            'í' | 'ì' | 'Í' | 'Ì' => 'i',
            'ó' | 'ò' | 'Ó' | 'Ò' => 'o',
            'ú' | 'ù' | 'ü' | 'Ú' | 'Ù' | 'Ü' => 'u',
            'ñ' | 'Ñ' => 'n',
            other => other.to_ascii_lowercase(),
        })
        .collect()
}

/// Unicode as the browser knows it, for the rules of names (`citas_domain::contact::Unicode`):
/// `String.prototype.normalize` and the `\p{C}` class of its regular expressions. The server
/// checks the same rules with Unicode's own tables, which here would be tens of KB of download.
pub struct BrowserUnicode;

impl citas_domain::contact::Unicode for BrowserUnicode {
    fn compose(&self, text: &str) -> String {
        js_sys::JsString::from(text).normalize("NFC").into()
    }

    fn is_other(&self, c: char) -> bool {
        thread_local! {
            static OTHER: js_sys::RegExp = js_sys::RegExp::new(r"\p{C}", "u");
        }
        OTHER.with(|other| other.test(c.encode_utf8(&mut [0; 4])))
    }
}
