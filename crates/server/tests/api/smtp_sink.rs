//! A real SMTP server for the tests of messages to citizens: mailin-embedded, on a thread of its
//! own, listening on a random port of 127.0.0.1, in plain text or with STARTTLS and an account.
//! It keeps every message handed to it, and answers as the test says: accept; refuse the
//! recipient (4xx: try later, as greylisting does; 5xx: for good); take the message and then
//! close (421); or take it and never answer (a mail server that had the message when the sender
//! died, or stopped answering).
//!
//! Refusals of a recipient are at RCPT, not at the end of the message: after refusing there,
//! mailin stays in its DATA state, so the client's next command (lettre's QUIT) would go
//! unanswered. 421 closes the connection, so it can come at the end of the message.

use mailin_embedded::{AuthMechanism, Handler, Response, Server, SslConfig, response};
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use std::net::{IpAddr, TcpListener};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The account a sink with TLS accepts (AUTH PLAIN, offered only after STARTTLS).
pub const USER: &str = "citas@defensoria.example";
pub const PASSWORD: &str = "una clave de prueba";

/// How the sink answers the end of a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Accept,
    /// Refuses every recipient with this code (4xx: try later; 5xx: for good).
    RefuseRecipient(u16),
    /// Takes the message, then answers 421 and closes the connection.
    Close,
    /// Takes the message and does not answer until the mode changes (then closes with 421).
    Hang,
}

/// One message as it came over SMTP.
#[derive(Debug, Clone)]
pub struct Received {
    /// The envelope's recipients (RCPT TO).
    pub to: Vec<String>,
    /// The message as sent, headers and body; empty when its recipient was refused.
    pub raw: Vec<u8>,
    /// Whether the sink answered 250: a message not accepted was not delivered.
    pub accepted: bool,
    pub at: Instant,
}

impl Received {
    pub fn parsed(&self) -> mail_parser::Message<'_> {
        mail_parser::MessageParser::default().parse(&self.raw).expect("a message mail-parser can read")
    }

    pub fn message_id(&self) -> String {
        self.parsed().message_id().expect("a Message-ID").to_owned()
    }

    pub fn subject(&self) -> String {
        self.parsed().subject().unwrap_or_default().to_owned()
    }

    /// A header's raw value, as written on the wire (unfolded, trimmed).
    pub fn header(&self, name: &str) -> Option<String> {
        let text = String::from_utf8_lossy(&self.raw);
        let head =
            text.split("\r\n\r\n").next().unwrap_or_default().replace("\r\n ", " ").replace("\r\n\t", " ");
        head.lines().find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.eq_ignore_ascii_case(name).then(|| value.trim().to_owned())
        })
    }

    /// The plain-text part, decoded.
    pub fn text(&self) -> String {
        self.parsed().body_text(0).expect("a text part").into_owned()
    }

    /// The HTML part, decoded.
    pub fn html(&self) -> String {
        self.parsed().body_html(0).expect("an HTML part").into_owned()
    }
}

struct Shared {
    mode: Mode,
    received: Vec<Received>,
    /// The accounts that signed in, in order.
    logins: Vec<String>,
}

/// A certificate authority of the test's own, and the sink's certificate for 127.0.0.1 signed by
/// it: a mail server that no public authority vouches for, as an agency's own relay.
pub struct Authority {
    dir: tempfile::TempDir,
    /// The authority's certificate (PEM): what `[mail.smtp] ca_file` names.
    pub ca_file: PathBuf,
    /// The sink's certificate and key, as rustls takes them.
    certificate: CertificateDer<'static>,
    key: Vec<u8>,
}

impl Authority {
    pub fn new() -> Authority {
        use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, KeyPair};
        let ca_key = KeyPair::generate().unwrap();
        let mut ca = CertificateParams::new(Vec::<String>::new()).unwrap();
        ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        ca.distinguished_name.push(DnType::CommonName, "citas test authority");
        let ca = ca.self_signed(&ca_key).unwrap();
        let key = KeyPair::generate().unwrap();
        let cert = CertificateParams::new(vec!["127.0.0.1".to_owned()]).unwrap();
        let cert = cert.signed_by(&key, &ca, &ca_key).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let ca_file = dir.path().join("ca.pem");
        std::fs::write(&ca_file, ca.pem()).unwrap();
        std::fs::write(dir.path().join("cert.pem"), cert.pem()).unwrap();
        std::fs::write(dir.path().join("key.pem"), key.serialize_pem()).unwrap();
        Authority { dir, ca_file, certificate: cert.der().clone(), key: key.serialize_der() }
    }

    fn sink_certificate(&self) -> SslConfig {
        let path = |name: &str| self.dir.path().join(name).to_str().unwrap().to_owned();
        SslConfig::SelfSigned { cert_path: path("cert.pem"), key_path: path("key.pem") }
    }
}

pub struct SmtpSink {
    pub port: u16,
    shared: Arc<Mutex<Shared>>,
}

impl SmtpSink {
    /// A sink listening on a random port, accepting everything.
    pub fn start() -> SmtpSink {
        SmtpSink::serve(|_| {})
    }

    /// A sink that offers STARTTLS with a certificate of `authority`, and then AUTH PLAIN for
    /// `USER` and `PASSWORD`. As a real one, it takes no password over a plain connection.
    pub fn start_tls(authority: &Authority) -> SmtpSink {
        // mailin-embedded asks rustls for the process's cryptography, and the tests link two
        // (ring, aws-lc-rs): without a choice it panics. Either serves; the first choice stays.
        let _ = rustls::crypto::aws_lc_rs::default_provider().install_default();
        SmtpSink::serve(|server| {
            server.with_ssl(authority.sink_certificate()).unwrap().with_auth(AuthMechanism::Plain);
        })
    }

    fn serve(setup: impl FnOnce(&mut Server<Session>)) -> SmtpSink {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let shared =
            Arc::new(Mutex::new(Shared { mode: Mode::Accept, received: Vec::new(), logins: Vec::new() }));
        let handler = Session { shared: shared.clone(), to: Vec::new(), data: Vec::new() };
        let mut server = Server::new(handler);
        // One thread per open connection: several instances keep a pooled connection each, and
        // a hanging answer holds one.
        server.with_name("sink.test").with_num_threads(16).with_tcp_listener(listener);
        setup(&mut server);
        // mailin-embedded serves for ever; the thread ends with the test process.
        std::thread::Builder::new()
            .name(format!("smtp-sink-{port}"))
            .spawn(move || {
                let _ = server.serve();
            })
            .unwrap();
        SmtpSink { port, shared }
    }

    pub fn set_mode(&self, mode: Mode) {
        self.shared.lock().unwrap().mode = mode;
    }

    /// The accounts that signed in, in order.
    pub fn logins(&self) -> Vec<String> {
        self.shared.lock().unwrap().logins.clone()
    }

    /// Every message handed over, accepted or not, in order.
    pub fn all(&self) -> Vec<Received> {
        self.shared.lock().unwrap().received.clone()
    }

    /// The messages accepted (delivered), in order.
    pub fn delivered(&self) -> Vec<Received> {
        self.all().into_iter().filter(|m| m.accepted).collect()
    }

    /// The messages delivered to `address`.
    pub fn delivered_to(&self, address: &str) -> Vec<Received> {
        self.delivered().into_iter().filter(|m| m.to.iter().any(|to| to == address)).collect()
    }

    /// Waits until `done` holds for what was handed over (accepted or not), up to 30 seconds.
    pub async fn wait_until(&self, what: &str, done: impl Fn(&[Received]) -> bool) -> Vec<Received> {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let all = self.all();
            if done(&all) {
                return all;
            }
            assert!(
                Instant::now() < deadline,
                "the mail server never saw {what}; it saw {} messages",
                all.len()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Waits until `count` messages were delivered to `address`; returns them.
    pub async fn wait_for(&self, address: &str, count: usize) -> Vec<Received> {
        let what = format!("{count} messages to {address}");
        self.wait_until(&what, |all| {
            all.iter().filter(|m| m.accepted && m.to.iter().any(|t| t == address)).count() >= count
        })
        .await;
        self.delivered_to(address)
    }
}

impl Drop for SmtpSink {
    /// Lets a hanging answer go, so its thread does not wait for ever.
    fn drop(&mut self) {
        self.set_mode(Mode::Accept);
    }
}

/// A port of 127.0.0.1 that takes TLS from the first byte (`security = "tls"`, port 465's way)
/// with `authority`'s certificate, and passes what comes through it to the sink on `to`.
pub async fn tls_in_front_of(to: u16, authority: &Authority) -> u16 {
    let key = PrivateKeyDer::Pkcs8(authority.key.clone().into());
    let config =
        rustls::ServerConfig::builder_with_provider(Arc::new(rustls::crypto::aws_lc_rs::default_provider()))
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_no_client_auth()
            .with_single_cert(vec![authority.certificate.clone()], key)
            .unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        while let Ok((client, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                let (Ok(mut tls), Ok(mut sink)) =
                    (acceptor.accept(client).await, tokio::net::TcpStream::connect(("127.0.0.1", to)).await)
                else {
                    return;
                };
                let _ = tokio::io::copy_bidirectional(&mut tls, &mut sink).await;
            });
        }
    });
    port
}

/// A port of 127.0.0.1 where nothing listens: a mail server that is down.
pub fn closed_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// One SMTP connection (mailin clones the handler for each); a connection may carry several
/// messages (lettre keeps connections in a pool).
#[derive(Clone)]
struct Session {
    shared: Arc<Mutex<Shared>>,
    to: Vec<String>,
    data: Vec<u8>,
}

impl Handler for Session {
    fn data_start(&mut self, _domain: &str, _from: &str, _is8bit: bool, to: &[String]) -> Response {
        self.to = to.to_vec();
        self.data.clear();
        response::OK
    }

    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.data.extend_from_slice(buf);
        Ok(())
    }

    fn data_end(&mut self) -> Response {
        let mode = {
            let mut shared = self.shared.lock().unwrap();
            let mode = shared.mode;
            let received = Received {
                to: std::mem::take(&mut self.to),
                raw: std::mem::take(&mut self.data),
                accepted: mode == Mode::Accept,
                at: Instant::now(),
            };
            shared.received.push(received);
            mode
        };
        match mode {
            Mode::Hang => {
                while self.shared.lock().unwrap().mode == Mode::Hang {
                    std::thread::sleep(Duration::from_millis(20));
                }
                response::NO_SERVICE
            }
            Mode::Close => response::NO_SERVICE,
            _ => response::OK,
        }
    }

    fn rcpt(&mut self, to: &str) -> Response {
        let mut shared = self.shared.lock().unwrap();
        let Mode::RefuseRecipient(code) = shared.mode else {
            return response::OK;
        };
        let refused =
            Received { to: vec![to.to_owned()], raw: Vec::new(), accepted: false, at: Instant::now() };
        shared.received.push(refused);
        Response::custom(code, "refused by the test".to_owned())
    }

    fn helo(&mut self, _ip: IpAddr, _domain: &str) -> Response {
        response::OK
    }

    fn auth_plain(&mut self, _authorization_id: &str, user: &str, password: &str) -> Response {
        if (user, password) != (USER, PASSWORD) {
            return response::INVALID_CREDENTIALS;
        }
        self.shared.lock().unwrap().logins.push(user.to_owned());
        response::AUTH_OK
    }
}
