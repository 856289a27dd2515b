use citas_server::Application;
use citas_server::settings::{Args, Command, LogFormat, Settings};
use clap::Parser;
use tracing_subscriber::EnvFilter;

/// mimalloc rather than glibc's allocator: a request allocates and frees dozens of small
/// blocks, which mimalloc serves with fewer instructions.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let mut args = Args::parse();
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    match args.log_format {
        LogFormat::Text => tracing_subscriber::fmt().with_env_filter(filter).init(),
        LogFormat::Json => tracing_subscriber::fmt().json().with_env_filter(filter).init(),
    }
    let command = args.command.take();
    let settings = Settings::from_args(args)?;
    if let Some(Command::Users(users)) = command {
        return citas_server::users::run(users, &settings).await;
    }
    let first_administrator = first_administrator_command(&settings);
    let app = Application::build(settings).await?;
    if app.state().store.accounts().await.is_ok_and(|accounts| accounts.is_empty()) {
        tracing::info!(
            "no officials' accounts yet; add the first administrator (it asks for a password) with:\n    {first_administrator}"
        );
    }
    tracing::info!("listening on http://{}", app.local_addr());
    if let Some(metrics) = app.metrics_addr() {
        tracing::info!("metrics on http://{metrics}/metrics");
    }
    app.run_until(shutdown_signal()).await?;
    tracing::info!("stopped");
    Ok(())
}

/// The command that adds an administrator to this server's database.
fn first_administrator_command(settings: &Settings) -> String {
    let program =
        std::env::current_exe().map_or_else(|_| "citas-server".to_owned(), |p| p.display().to_string());
    let config =
        settings.config_path.as_ref().map(|p| format!(" --config {}", p.display())).unwrap_or_default();
    let database = citas_server::store::loggable(&settings.database_url);
    format!(
        "{program} users add --database {database}{config} --email usted@dian.gov.co --role administrador"
    )
}

/// Ctrl-C or SIGTERM (what service managers send) stop the server gracefully.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}
