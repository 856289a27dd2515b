//! The client's translations (locales/*.json): index.html's first screen is filled in from
//! them at build time, and they must say the same things: leptos_i18n fails the build on a key
//! missing in a language, but not on a `{placeholder}` that `text::fill` would leave unfilled in
//! one of them.

use anyhow::{Context, Result, bail};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

/// The client's languages, as locales/ names their files.
pub const LANGUAGES: [&str; 2] = ["es", "en"];

/// Every text of one language, by its dotted key (`home.heading`).
pub fn load(root: &Path, lang: &str) -> Result<BTreeMap<String, String>> {
    let path = root.join(format!("locales/{lang}.json"));
    let json: Value = serde_json::from_str(&std::fs::read_to_string(&path)?)
        .with_context(|| format!("reading {}", path.display()))?;
    let mut out = BTreeMap::new();
    flatten("", &json, &mut out)?;
    Ok(out)
}

fn flatten(prefix: &str, value: &Value, out: &mut BTreeMap<String, String>) -> Result<()> {
    match value {
        Value::Object(map) => {
            for (key, value) in map {
                flatten(&format!("{prefix}{key}."), value, out)?;
            }
        }
        Value::String(text) => {
            out.insert(prefix.trim_end_matches('.').to_owned(), text.clone());
        }
        other => bail!("{prefix}: only texts are expected, found {other}"),
    }
    Ok(())
}

/// Replaces every `{{key}}` of `html` with that text, escaped; a key with no text is an error.
pub fn fill_html(html: &str, texts: &BTreeMap<String, String>) -> Result<String> {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("{{") {
        let Some(len) = rest[start..].find("}}") else { bail!("an unclosed {{{{ in the page") };
        let key = &rest[start + 2..start + len];
        let text =
            texts.get(key).with_context(|| format!("the page asks for {key}, which locales/ lacks"))?;
        out.push_str(&rest[..start]);
        for c in text.chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '"' => out.push_str("&quot;"),
                c => out.push(c),
            }
        }
        rest = &rest[start + len + 2..];
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::fill_html;
    use std::collections::{BTreeMap, BTreeSet};
    use std::path::Path;

    fn load(lang: &str) -> BTreeMap<String, String> {
        super::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join(".."), lang).unwrap()
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

    #[test]
    fn the_page_gets_escaped_texts_and_refuses_a_missing_one() {
        let texts = BTreeMap::from([("a.b".to_owned(), "8 < 9 & \"sí\"".to_owned())]);
        assert_eq!(
            fill_html("<p>{{a.b}}</p>{{a.b}}", &texts).unwrap(),
            "<p>8 &lt; 9 &amp; &quot;sí&quot;</p>8 &lt; 9 &amp; &quot;sí&quot;"
        );
        assert!(fill_html("<p>{{a.c}}</p>", &texts).is_err());
        assert!(fill_html("<p>{{a.b</p>", &texts).is_err());
    }
}
