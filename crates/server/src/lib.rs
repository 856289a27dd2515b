//! citas-server: the booking API over SQLite or PostgreSQL, and the built web client.

pub mod appointment_view;
pub mod clock;
pub mod config;
pub mod error;
pub mod http;
pub mod mail;
pub mod retention;
mod serve;
pub mod settings;
pub mod store;
pub mod users;
pub mod waitlist;

use settings::Settings;
use std::future::Future;
use std::net::SocketAddr;
use std::time::Duration;
use tokio::net::TcpListener;

/// A server bound to its address, ready to run.
pub struct Application {
    listener: TcpListener,
    state: http::AppState,
    router: axum::Router,
    header_read_timeout: Duration,
    /// Prometheus' /metrics, on an address of its own.
    metrics: Option<TcpListener>,
    /// This instance's sender of messages to citizens.
    sender: mail::Sender,
}

impl Application {
    /// Opens the database (running migrations) and binds the listener.
    pub async fn build(settings: Settings) -> anyhow::Result<Application> {
        let store = store::Store::connect(&settings.database_url, settings.max_connections).await?;
        store::sealing::install(store::sealing::Keys::load(&store.beside_database("keys.env"))?);
        let sealed = store.seal_all().await?;
        if sealed > 0 {
            tracing::info!(sealed, "appointments and waiting entries sealed with the current data key");
        }
        let header_read_timeout = settings.config.abuse.header_read_timeout();
        let catalog = std::sync::Arc::new(settings.config.catalog.clone());
        let sender =
            mail::Sender::new(store.clone(), catalog, settings.config.mail.clone(), settings.clock.clone())?;
        let state = http::AppState::new(store, settings.config, settings.clock).await?;
        let router = http::router(state.clone(), settings.static_dir.as_deref());
        let listener = TcpListener::bind(settings.addr).await?;
        let metrics = match settings.metrics_addr {
            Some(addr) => Some(TcpListener::bind(addr).await?),
            None => None,
        };
        Ok(Application { listener, state, router, header_read_timeout, metrics, sender })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.listener.local_addr().expect("a bound listener has an address")
    }

    /// Where /metrics is served, if it is.
    pub fn metrics_addr(&self) -> Option<SocketAddr> {
        self.metrics.as_ref().map(|l| l.local_addr().expect("a bound listener has an address"))
    }

    pub fn state(&self) -> &http::AppState {
        &self.state
    }

    /// Serves until `shutdown` completes, letting requests in flight finish; /metrics stops
    /// with the rest, and the background tasks (the sender of messages, the offers to the waiting
    /// list, the erasure of personal data) once what they are doing is done and recorded.
    pub async fn run_until(self, shutdown: impl Future<Output = ()> + Send + 'static) -> std::io::Result<()> {
        let (stop, stopping) = tokio::sync::watch::channel(());
        let (store, privacy, clock) =
            (self.state.store.clone(), self.state.privacy.clone(), self.state.clock.clone());
        let background = [
            tokio::spawn(self.sender.run(stopping.clone())),
            tokio::spawn(waitlist::run(self.state.offering(), stopping.clone())),
            tokio::spawn(retention::run(store, privacy, clock, stopping)),
        ];
        let metrics = self.metrics.map(|listener| {
            let router = http::metrics::router();
            tokio::spawn(serve::serve(listener, router, self.header_read_timeout, std::future::pending()))
        });
        let served = serve::serve(self.listener, self.router, self.header_read_timeout, shutdown).await;
        if let Some(metrics) = metrics {
            metrics.abort();
        }
        drop(stop);
        for task in background {
            let _ = task.await;
        }
        served
    }
}
