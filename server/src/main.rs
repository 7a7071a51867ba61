//! The Pratica server binary.
use tracing_subscriber::EnvFilter;

/// mimalloc instead of glibc's malloc: rendering a page allocates and frees many small strings
/// (docs/decisions/0013-request-costs.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() {
    let _ = dotenvy::dotenv();
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm=warn")),
        )
        .init();
    let config = match server::config::Config::from_env() {
        Ok(config) => config,
        Err(err) => {
            eprintln!("configuration error: {err}");
            std::process::exit(2);
        }
    };
    if let Err(err) = server::run(config).await {
        tracing::error!("fatal: {err}");
        std::process::exit(1);
    }
}
