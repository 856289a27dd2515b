//! The two languages of the service: Spanish (es-CO, the default) and English.
//! The domain's own texts — validation messages, dates, holiday names — come in both, so the
//! server can answer in the language a client asks for and the client can check input in the
//! language it shows.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Es,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Es => "es",
            Lang::En => "en",
        }
    }

    /// The language an `Accept-Language` header prefers among ours (Spanish when none).
    pub fn from_accept_language(header: &str) -> Lang {
        let mut best: Option<(f32, Lang)> = None;
        for (tag, quality) in crate::negotiation::weighted(header) {
            let lang = match tag.split('-').next() {
                Some(primary) if primary.eq_ignore_ascii_case("es") => Lang::Es,
                Some(primary) if primary.eq_ignore_ascii_case("en") => Lang::En,
                _ => continue,
            };
            if quality > 0.0 && best.is_none_or(|(q, _)| quality > q) {
                best = Some((quality, lang));
            }
        }
        best.map_or(Lang::Es, |(_, lang)| lang)
    }
}

/// Text that exists in both languages.
pub trait Localized {
    fn message(&self, lang: Lang) -> String;
}

/// A fixed text and its translation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Text {
    pub es: &'static str,
    pub en: &'static str,
}

impl Localized for Text {
    fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::Es => self.es,
            Lang::En => self.en,
        }
        .to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_picks_the_preferred_of_ours() {
        assert_eq!(Lang::from_accept_language("en-US,en;q=0.9"), Lang::En);
        assert_eq!(Lang::from_accept_language("es-CO,es;q=0.9,en;q=0.8"), Lang::Es);
        assert_eq!(Lang::from_accept_language("fr-FR,en;q=0.5,es;q=0.7"), Lang::Es);
        assert_eq!(Lang::from_accept_language("fr-FR, en;q=0.5"), Lang::En);
        assert_eq!(Lang::from_accept_language("de"), Lang::Es);
        assert_eq!(Lang::from_accept_language(""), Lang::Es);
        assert_eq!(Lang::from_accept_language("en;q=0"), Lang::Es);
    }
}
