//! Database connections. SQLite (the embedded default) gets one writer connection and a pool of
//! read-only connections, so concurrent writes queue in the pool instead of failing with
//! "database is locked"; PostgreSQL gets one pool used for both.
use std::time::Duration;

use migrations::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous};
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbBackend, DbErr};

/// How long a request waits for the writer (or a pooled connection) before giving up.
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(30);
const SQLITE_BUSY_TIMEOUT: Duration = Duration::from_secs(10);
const SQLITE_READERS: u32 = 8;
const POSTGRES_CONNECTIONS: u32 = 16;

#[derive(Clone, Debug)]
pub struct Db {
    read: DatabaseConnection,
    write: DatabaseConnection,
}

impl Db {
    /// Connects and brings the schema up to date.
    pub async fn connect(url: &str) -> Result<Db, DbErr> {
        let db = if url.starts_with("sqlite:") {
            Self::connect_sqlite(url).await?
        } else {
            let mut options = ConnectOptions::new(url);
            options
                .max_connections(POSTGRES_CONNECTIONS)
                .acquire_timeout(ACQUIRE_TIMEOUT)
                .sqlx_logging(false);
            let pool = Database::connect(options).await?;
            Db {
                read: pool.clone(),
                write: pool,
            }
        };
        Migrator::up(db.write(), None).await?;
        Ok(db)
    }

    async fn connect_sqlite(url: &str) -> Result<Db, DbErr> {
        let mut writer = ConnectOptions::new(url);
        writer
            .max_connections(1)
            .min_connections(1)
            .acquire_timeout(ACQUIRE_TIMEOUT)
            .sqlx_logging(false)
            .map_sqlx_sqlite_opts(|o| {
                tune_sqlite(o)
                    .create_if_missing(true)
                    .journal_mode(SqliteJournalMode::Wal)
                    // FULL: a commit is on disk before it is acknowledged, even on power loss.
                    .synchronous(SqliteSynchronous::Full)
            });
        let write = Database::connect(writer).await?;

        let mut reader = ConnectOptions::new(url);
        reader
            .max_connections(SQLITE_READERS)
            .acquire_timeout(ACQUIRE_TIMEOUT)
            .sqlx_logging(false)
            .map_sqlx_sqlite_opts(|o| tune_sqlite(o).read_only(true));
        let read = Database::connect(reader).await?;
        Ok(Db { read, write })
    }

    /// For queries that only read.
    pub fn read(&self) -> &DatabaseConnection {
        &self.read
    }

    /// For every statement that changes data (and for reads inside a write transaction).
    pub fn write(&self) -> &DatabaseConnection {
        &self.write
    }

    pub fn backend(&self) -> DbBackend {
        self.write.get_database_backend()
    }

    /// Answers whether both connections work (for `/healthz`).
    pub async fn ping(&self) -> Result<(), DbErr> {
        self.read.ping().await?;
        self.write.ping().await
    }

    /// Counts every statement run through this handle from now on (for tests that check that a
    /// page's number of queries does not grow with its content).
    pub fn count_statements(&mut self) -> std::sync::Arc<std::sync::atomic::AtomicU64> {
        use std::sync::{atomic::Ordering, Arc};
        let counter = Arc::new(std::sync::atomic::AtomicU64::new(0));
        for connection in [&mut self.read, &mut self.write] {
            let counter = counter.clone();
            connection.set_metric_callback(move |_| {
                counter.fetch_add(1, Ordering::Relaxed);
            });
        }
        counter
    }

    pub async fn close(self) {
        let _ = self.read.close().await;
        let _ = self.write.close().await;
    }
}

fn tune_sqlite(options: SqliteConnectOptions) -> SqliteConnectOptions {
    options.foreign_keys(true).busy_timeout(SQLITE_BUSY_TIMEOUT)
}
