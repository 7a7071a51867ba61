//! The server's HTTP tests: the whole router on a real database (SQLite, or PostgreSQL when
//! `PRATICA_TEST_DATABASE_URL` is set). One test binary with a module per feature, for the same
//! reason as the app crate's (link time and disk).
mod common;

mod accounts;
mod forum;
mod http;
mod network;
mod polls;
mod refused;
mod robustness;
mod surveys;
mod wiki;
