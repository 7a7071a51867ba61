//! Configuration from the environment (and a `.env` file), with defaults that run a fresh
//! checkout on SQLite with no setup.
use std::{net::SocketAddr, path::PathBuf};

use app::server::{request::TrustedProxies, session::SessionPolicy};

#[derive(Debug, Clone)]
pub struct Config {
    /// Where the SQLite database and uploaded files live (`PRATICA_DATA_DIR`, default `data`).
    pub data_dir: PathBuf,
    /// `DATABASE_URL`; defaults to `sqlite://<data_dir>/pratica.db`.
    pub database_url: String,
    /// `PRATICA_ADDR`, else `LEPTOS_SITE_ADDR` (set by cargo-leptos), else 127.0.0.1:3000.
    pub addr: SocketAddr,
    /// The built site (`LEPTOS_SITE_ROOT`, default `target/site`).
    pub site_root: String,
    /// `PRATICA_DEMO=1` loads the demo community into an empty database.
    pub demo: bool,
    /// `PRATICA_DEMO_PASSWORD` gives every demo account this password instead of a random one.
    pub demo_password: Option<String>,
    /// The demo's staff and admin TOTP key (base32), fixed for tests; random otherwise.
    pub demo_totp_secret: Option<String>,
    /// `PRATICA_BENCH=1` mounts the write endpoint the durability benchmark drives (only in a
    /// server built with the `bench` feature).
    pub bench_endpoints: bool,
    /// `PRATICA_HASH_CONCURRENCY`: how many password hashes may run at once (default 4).
    pub hash_concurrency: usize,
    /// `PRATICA_SECURE_COOKIES=1` behind HTTPS: `__Host-` session cookie with `Secure`.
    pub secure_cookies: bool,
    /// `PRATICA_PUBLIC_URL`: how people reach the site, for links in e-mail
    /// (default `http://<address>`).
    pub public_url: String,
    /// `PRATICA_SMTP_URL`, e.g. `smtp://user:pass@host:587?tls=required`; unset keeps mail in the
    /// outbox table.
    pub smtp_url: Option<String>,
    /// `PRATICA_MAIL_FROM`: the sender of e-mail.
    pub mail_from: String,
    /// `PRATICA_SECRET_KEY` (64 hex digits): seals second-factor secrets and keys the recovery
    /// codes' hashes. Unset: a key file created in the data folder on first start.
    pub secret_key: Option<String>,
    /// `PRATICA_STAFF_IDLE_MINUTES` (120) and `PRATICA_STAFF_SESSION_HOURS` (12): how long staff
    /// and admin sessions last without a request and at most.
    pub sessions: SessionPolicy,
    /// `PRATICA_TRUSTED_PROXIES`: addresses or networks (comma-separated, e.g.
    /// `127.0.0.1,10.0.0.0/8`) of the reverse proxies in front; only from them is
    /// `X-Forwarded-For` read to find the person's address. Empty: the connection's address.
    pub trusted_proxies: TrustedProxies,
    /// `PRATICA_VISITOR_CACHE_MS` (2000; 0 turns it off): how long a page rendered for visitors
    /// may be answered again to other visitors (see `visitor_cache`).
    pub visitor_cache: std::time::Duration,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{name} is not valid: {value:?}")]
    Invalid { name: &'static str, value: String },
    #[error("e-mail settings: {0}")]
    Mail(String),
}

impl Config {
    pub fn from_env() -> Result<Config, ConfigError> {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        let flag =
            |name: &str| var(name).is_some_and(|v| matches!(v.as_str(), "1" | "true" | "yes"));

        let data_dir = PathBuf::from(var("PRATICA_DATA_DIR").unwrap_or_else(|| "data".into()));
        let database_url = var("DATABASE_URL")
            .unwrap_or_else(|| format!("sqlite://{}", data_dir.join("pratica.db").display()));
        let addr_text = var("PRATICA_ADDR")
            .or_else(|| var("LEPTOS_SITE_ADDR"))
            .unwrap_or_else(|| "127.0.0.1:3000".into());
        let addr = addr_text.parse().map_err(|_| ConfigError::Invalid {
            name: "PRATICA_ADDR",
            value: addr_text.clone(),
        })?;
        let hash_text = var("PRATICA_HASH_CONCURRENCY").unwrap_or_else(|| "4".into());
        let hash_concurrency =
            hash_text
                .parse::<usize>()
                .ok()
                .filter(|n| *n > 0)
                .ok_or(ConfigError::Invalid {
                    name: "PRATICA_HASH_CONCURRENCY",
                    value: hash_text,
                })?;
        let number = |name: &'static str, default: i64| -> Result<i64, ConfigError> {
            match var(name) {
                None => Ok(default),
                Some(text) => text
                    .parse::<i64>()
                    .ok()
                    .filter(|n| (1..=100_000).contains(n))
                    .ok_or(ConfigError::Invalid { name, value: text }),
            }
        };
        let sessions = SessionPolicy {
            team_idle: chrono::Duration::minutes(number("PRATICA_STAFF_IDLE_MINUTES", 120)?),
            team_absolute: chrono::Duration::hours(number("PRATICA_STAFF_SESSION_HOURS", 12)?),
            ..SessionPolicy::default()
        };
        let proxies_text = var("PRATICA_TRUSTED_PROXIES").unwrap_or_default();
        let trusted_proxies =
            TrustedProxies::parse(&proxies_text).map_err(|_| ConfigError::Invalid {
                name: "PRATICA_TRUSTED_PROXIES",
                value: proxies_text.clone(),
            })?;
        let cache_text = var("PRATICA_VISITOR_CACHE_MS").unwrap_or_else(|| "2000".into());
        let visitor_cache = cache_text
            .parse::<u64>()
            .ok()
            .filter(|ms| *ms <= 60_000)
            .map(std::time::Duration::from_millis)
            .ok_or(ConfigError::Invalid {
                name: "PRATICA_VISITOR_CACHE_MS",
                value: cache_text,
            })?;
        Ok(Config {
            data_dir,
            database_url,
            addr,
            site_root: var("LEPTOS_SITE_ROOT").unwrap_or_else(|| "target/site".into()),
            demo: flag("PRATICA_DEMO"),
            demo_password: var("PRATICA_DEMO_PASSWORD"),
            demo_totp_secret: var("PRATICA_DEMO_TOTP_SECRET"),
            bench_endpoints: flag("PRATICA_BENCH"),
            hash_concurrency,
            secure_cookies: flag("PRATICA_SECURE_COOKIES"),
            public_url: var("PRATICA_PUBLIC_URL")
                .map(|u| u.trim_end_matches('/').to_owned())
                .unwrap_or_else(|| format!("http://{addr}")),
            smtp_url: var("PRATICA_SMTP_URL"),
            mail_from: var("PRATICA_MAIL_FROM")
                .unwrap_or_else(|| "Pratica <noreply@localhost>".into()),
            secret_key: var("PRATICA_SECRET_KEY"),
            sessions,
            trusted_proxies,
            visitor_cache,
        })
    }

    pub fn is_sqlite(&self) -> bool {
        self.database_url.starts_with("sqlite:")
    }
}
