//! A fresh database for each test: a temporary SQLite file, or a new PostgreSQL database when
//! `PRATICA_TEST_DATABASE_URL` points at a server (the test script runs every test on both).
use rand::RngCore;

use super::Db;

pub const TEST_DATABASE_ENV: &str = "PRATICA_TEST_DATABASE_URL";

/// Creates an empty, migrated database.
pub async fn fresh_db() -> Db {
    let url = fresh_database_url().await;
    Db::connect(&url)
        .await
        .unwrap_or_else(|e| panic!("cannot open test database {url}: {e}"))
}

/// The URL of a new, empty database (not yet migrated).
pub async fn fresh_database_url() -> String {
    let suffix = random_suffix();
    match std::env::var(TEST_DATABASE_ENV) {
        Ok(url) if url.starts_with("postgres") => {
            use sea_orm::{ConnectionTrait, Database};
            let admin = Database::connect(&url)
                .await
                .unwrap_or_else(|e| panic!("cannot reach PostgreSQL at {url}: {e}"));
            let name = format!("pratica_test_{suffix}");
            admin
                .execute_unprepared(&format!("CREATE DATABASE {name}"))
                .await
                .expect("create test database");
            let _ = admin.close().await;
            let (base, _) = url.rsplit_once('/').expect("database URL with a path");
            format!("{base}/{name}")
        }
        _ => {
            let path = std::env::temp_dir().join(format!("pratica-test-{suffix}.db"));
            format!("sqlite://{}", path.display())
        }
    }
}

fn random_suffix() -> String {
    let mut bytes = [0u8; 8];
    rand::rng().fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
