//! Where messages go: the mail server of `[mail.smtp]`, or .eml files in `[mail] outbox_dir`
//! when there is none (`cargo xtask run` then needs no mail server, and an operator can read
//! what would have gone out).

use crate::config::{Mail, Security};
use anyhow::Context;
use lettre::transport::smtp::authentication::Credentials;
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
        let builder = match smtp.security {
            Security::Starttls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&smtp.host)?,
            Security::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(&smtp.host)?,
            Security::None => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&smtp.host),
        };
        let timeout = Duration::from_secs(u64::from(mail.send_timeout_seconds));
        let mut builder = builder.port(smtp.port).timeout(Some(timeout));
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
                    None if e.is_tls() => "TLS with the mail server failed".to_owned(),
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
