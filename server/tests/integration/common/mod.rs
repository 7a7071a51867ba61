//! Shared by the HTTP tests: the whole router on a fresh database with the demo community.
use axum::{
    body::{to_bytes, Body},
    http::{Request, StatusCode},
    Router,
};
use tower::ServiceExt;

use app::{
    demo,
    server::{passwords::Passwords, testing::fresh_database_url},
};
use server::config::Config;

pub mod forms;

/// The demo's staff and admin TOTP key in the tests.
pub const TOTP_SECRET: &str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

#[allow(dead_code)]
pub async fn app_with(bench_endpoints: bool) -> Router {
    app_and_db(bench_endpoints).await.0
}

/// The test configuration for a database.
#[allow(dead_code)]
pub fn config_for(url: String) -> Config {
    Config {
        data_dir: std::env::temp_dir(),
        database_url: url,
        addr: "127.0.0.1:0".parse().unwrap(),
        site_root: "target/site".into(),
        demo: true,
        demo_password: Some("password-di-prova".into()),
        demo_totp_secret: Some(TOTP_SECRET.into()),
        bench_endpoints: false,
        hash_concurrency: 2,
        secure_cookies: false,
        public_url: "http://localhost".into(),
        smtp_url: None,
        mail_from: "Pratica <noreply@localhost>".into(),
        secret_key: Some("0f".repeat(32)),
        sessions: Default::default(),
        trusted_proxies: Default::default(),
        visitor_cache: std::time::Duration::from_secs(2),
    }
}

pub async fn app_and_db(bench_endpoints: bool) -> (Router, app::server::Db) {
    let url = fresh_database_url().await;
    let config = Config {
        bench_endpoints,
        ..config_for(url)
    };
    let state = server::state(&config).await.expect("state");
    demo::load_if_empty(
        &state.db,
        &Passwords::new(2),
        &state.secrets,
        Some("password-di-prova"),
        Some(TOTP_SECRET),
    )
    .await
    .expect("demo");
    let db = state.db.clone();
    (server::router(state, &config), db)
}

#[allow(dead_code)]
pub async fn app() -> Router {
    app_with(false).await
}

pub async fn get(
    app: &Router,
    uri: &str,
    headers: &[(&str, &str)],
) -> (StatusCode, axum::http::HeaderMap, String) {
    let mut request = Request::builder().uri(uri);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = app
        .clone()
        .oneshot(request.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let body = to_bytes(response.into_body(), 4 * 1024 * 1024)
        .await
        .unwrap();
    (status, headers, String::from_utf8_lossy(&body).into_owned())
}

/// The URL of the test's own PostgreSQL database (each test gets a fresh one), for starting a
/// second instance on it.
#[allow(dead_code)]
pub async fn db_url(db: &app::server::Db) -> String {
    use sea_orm::{ConnectionTrait, Statement};
    let row = db
        .read()
        .query_one_raw(Statement::from_string(
            sea_orm::DbBackend::Postgres,
            "SELECT current_database() AS name",
        ))
        .await
        .unwrap()
        .unwrap();
    let name: String = row.try_get("", "name").unwrap();
    let base = std::env::var(app::server::testing::TEST_DATABASE_ENV).unwrap();
    let (server, _) = base.rsplit_once('/').unwrap();
    format!("{server}/{name}")
}
