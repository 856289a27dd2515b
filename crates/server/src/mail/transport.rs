//! Where messages go: the mail server of `[mail.smtp]`, or .eml files in `[mail] outbox_dir`
//! when there is none (`cargo xtask run` then needs no mail server, and an operator can read
//! what would have gone out).

use crate::config::{Mail, Security, Smtp};
use anyhow::Context;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::path::Path;
use std::time::Duration;

pub enum Transport {
    /// The mail server, and how long one message may take with it (`send_timeout_seconds`):
    /// lettre's own timeout bounds only the connection, so a server that stops answering would
    /// otherwise hold the sender, and every message after, for ever.
    Smtp(AsyncSmtpTransport<Tokio1Executor>, Duration),
    Files(AsyncFileTransport<Tokio1Executor>),
}

/// The environment variables of the mail server's account.
pub const SMTP_USER: &str = "CITAS_SMTP_USER";
pub const SMTP_PASSWORD: &str = "CITAS_SMTP_PASSWORD";

impl Transport {
    /// The mail server of `mail`, or else .eml files in its `outbox_dir` (`outbox` when it
    /// names none).
    pub fn new(mail: &Mail, outbox: &Path) -> anyhow::Result<Transport> {
        let Some(smtp) = &mail.smtp else {
            let dir = mail.outbox_dir.as_deref().unwrap_or(outbox);
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create the outbox {}", dir.display()))?;
            let dir = std::fs::canonicalize(dir)?;
            tracing::warn!(
                dir = %dir.display(),
                "no mail server is configured ([mail.smtp]): messages to citizens are written there as .eml files, not sent"
            );
            return Ok(Transport::Files(AsyncFileTransport::new(dir)));
        };
        let tls = match smtp.security {
            Security::Starttls => Tls::Required(tls_parameters(smtp)?),
            Security::Tls => Tls::Wrapper(tls_parameters(smtp)?),
            Security::None => Tls::None,
        };
        let timeout = Duration::from_secs(u64::from(mail.send_timeout_seconds));
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&smtp.host)
            .tls(tls)
            .port(smtp.port)
            .timeout(Some(timeout));
        match (std::env::var(SMTP_USER), std::env::var(SMTP_PASSWORD)) {
            (Ok(user), Ok(password)) => builder = builder.credentials(Credentials::new(user, password)),
            (Err(_), Err(_)) => {}
            _ => anyhow::bail!("set both {SMTP_USER} and {SMTP_PASSWORD}, or neither"),
        }
        tracing::info!(host = %smtp.host, port = smtp.port, security = ?smtp.security, "messages to citizens go to this mail server");
        Ok(Transport::Smtp(builder.build(), timeout))
    }

    /// Hands `message` over; an error says what failed, never to whom.
    pub async fn send(&self, message: &Message) -> Result<(), String> {
        match self {
            Transport::Smtp(smtp, timeout) => {
                let Ok(sent) = tokio::time::timeout(*timeout, smtp.send(message.clone())).await else {
                    return Err("the mail server did not answer in time".to_owned());
                };
                sent.map(drop).map_err(|e| match e.status() {
                    Some(code) => format!("the mail server answered {code}"),
                    None if e.is_timeout() => "the mail server did not answer in time".to_owned(),
                    None if e.is_tls() || tls_refused(&e) => "TLS with the mail server failed".to_owned(),
                    None => "no connection to the mail server".to_owned(),
                })
            }
            Transport::Files(files) => files
                .send(message.clone())
                .await
                .map(drop)
                .map_err(|_| "cannot write the .eml file".to_owned()),
        }
    }
}

/// TLS with the mail server: its certificate must be valid for `host` and signed by a public
/// authority or by the one of `ca_file`. Never an exception for an invalid certificate: the
/// account's password and citizens' data go over this connection.
fn tls_parameters(smtp: &Smtp) -> anyhow::Result<TlsParameters> {
    let mut parameters = TlsParameters::builder(smtp.host.clone());
    if let Some(path) = &smtp.ca_file {
        let pem = std::fs::read(path)
            .with_context(|| format!("cannot read mail.smtp.ca_file {}", path.display()))?;
        // from_pem reads a file without any certificate as an empty list, which trusts nothing.
        let has_certificate = String::from_utf8_lossy(&pem).contains("-----BEGIN CERTIFICATE-----");
        match Certificate::from_pem(&pem) {
            Ok(authority) if has_certificate => parameters = parameters.add_root_certificate(authority),
            _ => anyhow::bail!("mail.smtp.ca_file {} is not a PEM certificate", path.display()),
        }
    }
    Ok(parameters.build_rustls()?)
}

/// Whether a failure to connect was the TLS handshake's: lettre reports it as a connection error
/// whose cause is the I/O error tokio-rustls makes of rustls' (`InvalidData`), such as a
/// certificate no trusted authority signed. A refused or unreachable port has other kinds.
fn tls_refused(error: &lettre::transport::smtp::Error) -> bool {
    let mut cause = std::error::Error::source(error);
    while let Some(error) = cause {
        if error
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::InvalidData)
        {
            return true;
        }
        cause = error.source();
    }
    false
}
