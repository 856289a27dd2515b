//! Personal fields sealed at rest, so that a copy of the database is no list of Colombians'
//! identity numbers (Ley 1581 de 2012, art. 17 d: security measures):
//! - a citizen's name, document number, e-mail and phone are encrypted with XChaCha20-Poly1305
//!   (a random 192-bit nonce each time) under the current data key; each value is
//!   `k{key id}.{base64(nonce ‖ ciphertext)}`, authenticated with its field's name, so that a
//!   value cannot be passed off as another field's. The row's `data_key` names the key too, for
//!   rotation (`Store::seal_all`).
//! - documents are found by an HMAC-SHA256 of kind and number under the document key
//!   (`document_hash`, and `active_document` while the appointment is upcoming).
//!
//! The keys come from the environment (`CITAS_DATA_KEYS`, `CITAS_DOCUMENT_KEY`), or, when
//! neither is set, from a file the server makes once beside an SQLite database (one machine,
//! development). They are installed once per process (`install`), before the store is used:
//! sealing and opening happen where rows are written and read (`queue.rs`, the rows'
//! decoding), without a key passed through every call.

use super::{Pool, Store};
use anyhow::{Context, bail};
use base64::Engine;
use base64::engine::general_purpose::STANDARD_NO_PAD as BASE64;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use citas_domain::document::Document;
use hmac::{Hmac, Mac};
use rand::Rng;
use sha2::Sha256;
use std::path::Path;
use std::sync::OnceLock;

/// The data keys, `id:base64` of 32 bytes each, separated by commas; the first seals, all open.
pub const DATA_KEYS: &str = "CITAS_DATA_KEYS";
/// The document key, base64 of 32 bytes.
pub const DOCUMENT_KEY: &str = "CITAS_DOCUMENT_KEY";

pub struct Keys {
    /// The key new values are sealed with.
    current: u32,
    data: Vec<(u32, XChaCha20Poly1305)>,
    document: Hmac<Sha256>,
}

static KEYS: OnceLock<Keys> = OnceLock::new();

/// The keys installed for this process.
pub fn keys() -> &'static Keys {
    KEYS.get().expect("the keys are installed before the store is used (sealing::install)")
}

/// Installs `keys` for this process; the first installed stay (one key ring per process).
pub fn install(keys: Keys) -> &'static Keys {
    KEYS.get_or_init(|| keys)
}

impl Keys {
    /// `data` as in `CITAS_DATA_KEYS`, `document` as in `CITAS_DOCUMENT_KEY`.
    pub fn parse(data: &str, document: &str) -> anyhow::Result<Keys> {
        let key = |text: &str, what: &str| -> anyhow::Result<[u8; 32]> {
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(text.trim())
                .with_context(|| format!("{what} is not base64"))?;
            bytes.try_into().map_err(|_| anyhow::anyhow!("{what} must be 32 bytes"))
        };
        let mut data_keys = Vec::new();
        for entry in data.split(',').filter(|e| !e.trim().is_empty()) {
            let (id, text) = entry.split_once(':').context("each data key is id:base64")?;
            let id: u32 = id.trim().parse().context("a data key's id is a number")?;
            if data_keys.iter().any(|(seen, _)| *seen == id) {
                bail!("the data key {id} is given twice");
            }
            let cipher = XChaCha20Poly1305::new(&key(text, &format!("data key {id}"))?.into());
            data_keys.push((id, cipher));
        }
        let Some((current, _)) = data_keys.first() else { bail!("{DATA_KEYS} names no key") };
        let document = <Hmac<Sha256> as Mac>::new_from_slice(&key(document, "the document key")?)
            .expect("HMAC takes any key length");
        Ok(Keys { current: *current, data: data_keys, document })
    }

    /// The keys of the environment; without either variable, those of `file`, made with new
    /// random keys (readable by this user only) if it does not exist.
    pub fn load(file: &Path) -> anyhow::Result<Keys> {
        match (std::env::var(DATA_KEYS), std::env::var(DOCUMENT_KEY)) {
            (Ok(data), Ok(document)) => return Keys::parse(&data, &document),
            (Err(_), Err(_)) => {}
            _ => bail!("set both {DATA_KEYS} and {DOCUMENT_KEY}, or neither"),
        }
        if !file.exists() {
            let new = || base64::engine::general_purpose::STANDARD.encode(rand::rng().random::<[u8; 32]>());
            let text = format!("{DATA_KEYS}=1:{}\n{DOCUMENT_KEY}={}\n", new(), new());
            write_private(file, &text)
                .with_context(|| format!("cannot write the keys to {}", file.display()))?;
        }
        tracing::warn!(
            file = %file.display(),
            "personal data is sealed with the keys in this file: keep it apart from the database's backups, \
             or set {DATA_KEYS} and {DOCUMENT_KEY} (every instance on one PostgreSQL needs the same)"
        );
        let text =
            std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
        let value = |name: &str| {
            text.lines()
                .find_map(|line| line.strip_prefix(name).and_then(|rest| rest.strip_prefix('=')))
                .with_context(|| format!("{} has no {name}", file.display()))
        };
        Keys::parse(value(DATA_KEYS)?, value(DOCUMENT_KEY)?)
    }

    /// The id of the key new values are sealed with.
    pub fn current(&self) -> u32 {
        self.current
    }

    /// `value` of `field`, sealed with the current key; empty stays empty (nothing to hide).
    pub fn seal(&self, field: &str, value: &str) -> String {
        if value.is_empty() {
            return String::new();
        }
        let (id, cipher) = &self.data[0];
        let nonce: [u8; 24] = rand::rng().random();
        let sealed = cipher
            .encrypt(XNonce::from_slice(&nonce), Payload { msg: value.as_bytes(), aad: field.as_bytes() })
            .expect("XChaCha20-Poly1305 seals any length we store");
        format!("k{id}.{}", BASE64.encode([&nonce[..], &sealed].concat()))
    }

    /// The value of `field` that `sealed` holds; empty stays empty.
    pub fn open(&self, field: &str, sealed: &str) -> Result<String, String> {
        if sealed.is_empty() {
            return Ok(String::new());
        }
        let refused = || format!("{field} is not sealed with a key of this server");
        let (id, body) = sealed.strip_prefix('k').and_then(|s| s.split_once('.')).ok_or_else(refused)?;
        let id: u32 = id.parse().map_err(|_| refused())?;
        let (_, cipher) = self.data.iter().find(|(known, _)| *known == id).ok_or_else(refused)?;
        let bytes = BASE64.decode(body).map_err(|_| refused())?;
        if bytes.len() < 24 {
            return Err(refused());
        }
        let (nonce, ciphertext) = bytes.split_at(24);
        let opened = cipher
            .decrypt(XNonce::from_slice(nonce), Payload { msg: ciphertext, aad: field.as_bytes() })
            .map_err(|_| refused())?;
        String::from_utf8(opened).map_err(|_| refused())
    }

    /// How `document` is found: hex of its HMAC.
    pub fn document_hash(&self, document: &Document) -> String {
        self.hash_of(&document.key())
    }

    /// The same for a document's key ("CC:80123456").
    fn hash_of(&self, key: &str) -> String {
        let mut mac = self.document.clone();
        mac.update(key.as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }
}

/// A kept appointment or waiting entry as stored, sealed or not.
#[derive(sqlx::FromRow)]
struct Stored {
    id: i64,
    document_kind: String,
    document_number: String,
    name: String,
    email: Option<String>,
    phone: Option<String>,
    data_key: Option<i64>,
}

/// What is sealed: kept appointments, and the entries waiting on the waiting list.
#[derive(Clone, Copy)]
enum Sealed {
    Appointments,
    Waitlist,
}

impl Sealed {
    fn unsealed(self) -> &'static str {
        match self {
            Sealed::Appointments => include_str!("sealing/unsealed.sql"),
            Sealed::Waitlist => include_str!("sealing/unsealed_waitlist.sql"),
        }
    }

    fn table(self) -> &'static str {
        match self {
            Sealed::Appointments => "appointments",
            Sealed::Waitlist => "waitlist",
        }
    }

    fn seal(self) -> &'static str {
        match self {
            Sealed::Appointments => include_str!("sealing/seal.sql"),
            Sealed::Waitlist => include_str!("sealing/seal_waitlist.sql"),
        }
    }
}

impl Store {
    /// Seals every kept appointment and waiting entry that is not sealed with the current key:
    /// those written before sealing, and those under a key being rotated out. Run at start,
    /// before serving; a value that no configured key opens stops the server, which cannot serve
    /// it.
    pub async fn seal_all(&self) -> anyhow::Result<u64> {
        let mut sealed = 0;
        for what in [Sealed::Appointments, Sealed::Waitlist] {
            sealed += self.seal_every(what).await?;
        }
        Ok(sealed)
    }

    async fn seal_every(&self, what: Sealed) -> anyhow::Result<u64> {
        let keys = keys();
        let current = i64::from(keys.current());
        let mut sealed = 0;
        loop {
            let rows: Vec<Stored> = on_either!(&self.pool, |p| {
                sqlx::query_as(what.unsealed()).bind(current).bind(500_i64).fetch_all(p).await
            })?;
            if rows.is_empty() {
                return Ok(sealed);
            }
            let mut changed = 0;
            for row in rows {
                let open = |field: &str, value: &str| match row.data_key {
                    None => Ok(value.to_owned()),
                    Some(_) => keys.open(field, value),
                };
                let opened = (|| -> Result<_, String> {
                    Ok((
                        open("document_number", &row.document_number)?,
                        open("name", &row.name)?,
                        row.email.as_deref().map(|e| open("email", e)).transpose()?,
                        row.phone.as_deref().map(|p| open("phone", p)).transpose()?,
                    ))
                })()
                .map_err(|e| {
                    anyhow::anyhow!(
                        "row {} of {}: {e}; configure the key it was sealed with",
                        row.id,
                        what.table()
                    )
                })?;
                let (number, name, email, phone) = opened;
                let hash = keys.hash_of(&format!("{}:{number}", row.document_kind));
                changed += on_either!(&self.pool, |p| {
                    let mut seal = sqlx::query(what.seal())
                        .bind(row.id)
                        .bind(keys.seal("document_number", &number))
                        .bind(keys.seal("name", &name))
                        .bind(email.map(|e| keys.seal("email", &e)));
                    if let Sealed::Appointments = what {
                        seal = seal.bind(phone.map(|p| keys.seal("phone", &p)));
                    }
                    seal.bind(&hash)
                        .bind(current)
                        .bind(row.data_key)
                        .execute(p)
                        .await
                        .map(|done| done.rows_affected())
                })?;
                sealed += 1;
            }
            if changed == 0 {
                anyhow::bail!(
                    "{} could not be sealed: another instance seals with another current key",
                    what.table()
                );
            }
        }
    }
}

/// Writes `text` to a new file that only this user may read.
fn write_private(file: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(file)?.write_all(text.as_bytes())
}

/// The sealed columns, as the rows' decoding opens them (`Appointment`'s `try_from`).
macro_rules! sealed_column {
    ($name:ident, $field:literal, $plain:ty) => {
        #[derive(sqlx::Type)]
        #[sqlx(transparent)]
        pub struct $name($plain);

        impl TryFrom<$name> for $plain {
            type Error = String;

            fn try_from(sealed: $name) -> Result<$plain, String> {
                <$plain as Column>::open($field, sealed.0)
            }
        }
    };
}

trait Column: Sized {
    fn open(field: &str, stored: Self) -> Result<Self, String>;
}

impl Column for String {
    fn open(field: &str, stored: String) -> Result<String, String> {
        keys().open(field, &stored)
    }
}

impl Column for Option<String> {
    fn open(field: &str, stored: Option<String>) -> Result<Option<String>, String> {
        stored.map(|s| keys().open(field, &s)).transpose()
    }
}

sealed_column!(SealedName, "name", String);
sealed_column!(SealedDocument, "document_number", String);
sealed_column!(SealedEmail, "email", Option<String>);
sealed_column!(SealedPhone, "phone", Option<String>);

/// Keys for the crate's own tests, installed before their stores are used.
#[cfg(test)]
pub fn install_for_tests() {
    let key = base64::engine::general_purpose::STANDARD.encode([7; 32]);
    install(Keys::parse(&format!("1:{key}"), &key).expect("test keys"));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(data: &str) -> Keys {
        let key = |b: u8| base64::engine::general_purpose::STANDARD.encode([b; 32]);
        let data = data.replace("@1", &key(1)).replace("@2", &key(2));
        Keys::parse(&data, &key(9)).unwrap()
    }

    #[test]
    fn sealed_values_open_only_with_their_key_and_field() {
        let old = keys("1:@1");
        let sealed = old.seal("name", "Ana María Pérez");
        assert!(sealed.starts_with("k1.") && !sealed.contains("Ana"));
        assert_ne!(sealed, old.seal("name", "Ana María Pérez"), "a fresh nonce each time");
        assert_eq!(old.open("name", &sealed).unwrap(), "Ana María Pérez");
        assert!(old.open("email", &sealed).is_err(), "a name is not an e-mail");
        // Rotated: the new key seals, the old one still opens.
        let rotated = keys("2:@2,1:@1");
        assert_eq!(rotated.current(), 2);
        assert_eq!(rotated.open("name", &sealed).unwrap(), "Ana María Pérez");
        assert!(rotated.seal("name", "x").starts_with("k2."));
        assert!(keys("2:@2").open("name", &sealed).is_err(), "a key no longer configured opens nothing");
        assert_eq!(old.open("name", "").unwrap(), "", "erased stays erased");
    }

    #[test]
    fn keys_are_refused_unless_complete_and_32_bytes() {
        assert!(Keys::parse("", "AAAA").is_err());
        assert!(Keys::parse("1:AAAA", &base64::engine::general_purpose::STANDARD.encode([0; 32])).is_err());
        let k = base64::engine::general_purpose::STANDARD.encode([0; 32]);
        assert!(Keys::parse(&format!("1:{k},1:{k}"), &k).is_err());
        assert!(Keys::parse(&format!("1:{k}"), &k).is_ok());
    }
}
