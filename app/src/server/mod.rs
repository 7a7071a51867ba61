//! Server-only code: database, state, passwords, request safety, demo data. Compiled with `ssr`.
pub mod access;
pub mod audit;
pub mod clock;
pub mod db;
pub mod drafts;
pub mod entities;
pub mod events;
pub mod forms;
pub mod mail;
pub mod markdown;
pub mod passwords;
pub mod people;
pub mod request;
pub mod search;
pub mod security;
pub mod session;
pub mod settings;
pub mod spreadsheet;
pub mod state;
pub mod testing;

pub use db::Db;
pub use state::{state, AppState};
