//! Server-only code: database, state, passwords, request safety, demo data. Compiled with `ssr`.
pub mod access;
pub mod audit;
pub mod db;
pub mod demo;
pub mod demo_forum;
pub mod demo_polls;
pub mod demo_surveys;
pub mod demo_wiki;
pub mod entities;
pub mod events;
pub mod forms;
pub mod mail;
pub mod markdown;
pub mod passwords;
pub mod search;
pub mod security;
pub mod session;
pub mod spreadsheet;
pub mod state;
pub mod testing;

pub use db::Db;
pub use state::{state, AppState};
