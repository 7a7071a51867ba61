//! Database connections. SQLite (the embedded default) gets one writer connection and a pool of
//! read-only connections, so concurrent writes queue in the pool instead of failing with
//! "database is locked"; PostgreSQL gets one pool used for both.
use std::time::Duration;

use migrations::{Migrator, MigratorTrait};
use sea_orm::sqlx::pool::PoolOptions;
use sea_orm::sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous};
use sea_orm::sqlx::Sqlite;
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbBackend, DbErr};

/// How long a request waits for the writer (or a pooled connection) before giving up.
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(30);
const SQLITE_BUSY_TIMEOUT: Duration = Duration::from_secs(10);
const SQLITE_READERS: u32 = 8;
const POSTGRES_CONNECTIONS: u32 = 16;
const POSTGRES_PING_AFTER_IDLE: Duration = Duration::from_secs(30);

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
                .sqlx_logging(false)
                // A ping before every query doubles the round trips; a connection the server
                // dropped while idle is what the ping is for.
                .test_before_acquire_if_idle_for(POSTGRES_PING_AFTER_IDLE);
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
            .test_before_acquire(false)
            .map_sqlx_sqlite_pool_opts(with_stable_plans)
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
            .test_before_acquire(false)
            .map_sqlx_sqlite_pool_opts(with_stable_plans)
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

/// SQLite plans a statement again whenever a new value is bound to a parameter its planner
/// looked at, and since 3.4x that includes every `LIMIT ?` — which sea-orm binds on each
/// `.one()` and each page. With the statement cache that meant parsing and planning most queries
/// on every run: a fifth of a thread page's CPU. The query planner stability guarantee keeps
/// the plan made once (our queries have no plan that depends on a value).
fn with_stable_plans(options: PoolOptions<Sqlite>) -> PoolOptions<Sqlite> {
    options.after_connect(|connection, _| {
        Box::pin(async move {
            let mut handle = connection.lock_handle().await?;
            let db = handle.as_raw_handle();
            let mut now: std::ffi::c_int = 0;
            // SAFETY: the handle is open and locked for us while `handle` lives, and
            // SQLITE_DBCONFIG_ENABLE_QPSG takes an int (1: on) and a pointer to an int that
            // receives the setting.
            let rc = unsafe {
                libsqlite3_sys::sqlite3_db_config(
                    db.as_ptr(),
                    libsqlite3_sys::SQLITE_DBCONFIG_ENABLE_QPSG,
                    1 as std::ffi::c_int,
                    &mut now as *mut std::ffi::c_int,
                )
            };
            if rc != libsqlite3_sys::SQLITE_OK || now != 1 {
                return Err(sea_orm::sqlx::Error::Configuration(
                    format!("SQLite refused the query planner stability guarantee ({rc})").into(),
                ));
            }
            Ok(())
        })
    })
}
