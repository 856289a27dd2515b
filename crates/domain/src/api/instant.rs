//! Reading the API's instants: RFC 3339 with the Bogotá offset, e.g. "2026-12-01T08:00:00-05:00",
//! through chrono's strict RFC 3339 parser. chrono's own `Deserialize` accepts a relaxed form
//! by way of its general format parser, which would then be downloaded with the client's
//! first screen for nothing: the server only ever writes RFC 3339.
//! Use as `#[serde(deserialize_with = "instant::rfc3339")]`.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Deserializer, de::Error};

pub fn rfc3339<'de, D: Deserializer<'de>>(deserializer: D) -> Result<DateTime<FixedOffset>, D::Error> {
    let text = String::deserialize(deserializer)?;
    DateTime::parse_from_rfc3339(&text).map_err(D::Error::custom)
}

pub fn rfc3339_or_null<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<DateTime<FixedOffset>>, D::Error> {
    let text = Option::<String>::deserialize(deserializer)?;
    text.map(|t| DateTime::parse_from_rfc3339(&t)).transpose().map_err(D::Error::custom)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct Both {
        #[serde(deserialize_with = "rfc3339")]
        at: DateTime<FixedOffset>,
        #[serde(deserialize_with = "rfc3339_or_null")]
        maybe: Option<DateTime<FixedOffset>>,
    }

    #[test]
    fn reads_what_the_server_writes_and_nothing_looser() {
        let at: DateTime<FixedOffset> = "2026-12-01T08:00:00-05:00".parse().unwrap();
        let json = serde_json::to_string(&serde_json::json!({"at": at, "maybe": at})).unwrap();
        let both: Both = serde_json::from_str(&json).unwrap();
        assert_eq!((both.at, both.maybe), (at, Some(at)));
        let null: Both =
            serde_json::from_str(r#"{"at": "2026-12-01T08:00:00-05:00", "maybe": null}"#).unwrap();
        assert_eq!(null.maybe, None);
        // chrono's relaxed form (a space, no offset colon) is not what the API writes.
        assert!(
            serde_json::from_str::<Both>(r#"{"at": "2026-12-01 08:00:00 -0500", "maybe": null}"#).is_err()
        );
    }
}
