//! Server-only infrastructure that no feature owns: database, state, sessions, the access rule,
//! the request helpers, clock, people, drafts, mail, Markdown, events. Compiled with `ssr`.
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
pub mod refused;
pub mod request;
pub mod search;
pub mod secrets;
pub mod security;
pub mod session;
pub mod settings;
pub mod spreadsheet;
pub mod state;
#[cfg(feature = "testing")]
pub mod testing;
pub mod tokens;

pub use db::Db;
pub use state::{state, AppState};
