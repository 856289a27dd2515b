//! The client's translations (locales/*.json) must say the same things: leptos_i18n fails the
//! build on a key missing in a language, but not on a `{placeholder}` that `text::fill` would
//! leave unfilled in one of them.

#[cfg(test)]
mod tests {
    use serde_json::Value;
    use std::collections::{BTreeMap, BTreeSet};

    fn flatten(prefix: &str, value: &Value, out: &mut BTreeMap<String, String>) {
        match value {
            Value::Object(map) => {
                for (key, value) in map {
                    flatten(&format!("{prefix}{key}."), value, out);
                }
            }
            Value::String(text) => {
                out.insert(prefix.trim_end_matches('.').to_owned(), text.clone());
            }
            other => panic!("{prefix}: only texts are expected, found {other}"),
        }
    }

    fn load(lang: &str) -> BTreeMap<String, String> {
        let path = format!("{}/../locales/{lang}.json", env!("CARGO_MANIFEST_DIR"));
        let json: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let mut out = BTreeMap::new();
        flatten("", &json, &mut out);
        out
    }

    fn placeholders(text: &str) -> BTreeSet<&str> {
        text.split('{').skip(1).filter_map(|rest| rest.split_once('}').map(|(name, _)| name)).collect()
    }

    #[test]
    fn spanish_and_english_have_the_same_texts_and_placeholders() {
        let (es, en) = (load("es"), load("en"));
        assert_eq!(es.keys().collect::<Vec<_>>(), en.keys().collect::<Vec<_>>());
        for (key, spanish) in &es {
            let english = &en[key];
            assert_eq!(placeholders(spanish), placeholders(english), "{key}");
            assert!(
                !spanish.contains("{{") && !english.contains("{{"),
                "{key}: use {{name}}, filled by text::fill"
            );
            assert!(!spanish.trim().is_empty() && !english.trim().is_empty(), "{key} is empty");
        }
    }
}
