//! The app crate's integration tests, on a real database (SQLite, or PostgreSQL when
//! `PRATICA_TEST_DATABASE_URL` is set). One test binary with a module per feature: two dozen
//! binaries, each linking the whole app, took minutes to link and gigabytes of disk.
mod common;

mod access;
mod accounts;
mod architecture;
mod endpoints;
mod forum;
mod forum_access;
mod groups;
mod joining;
mod mail;
mod network;
mod passwords;
mod polls;
mod refused;
mod second_factor;
mod session_assurance;
mod staff_people;
mod storage;
mod surveys;
mod themes;
mod wiki;
mod wiki_access;
