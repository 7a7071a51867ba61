//! The staff console: the community's phase, the audit log and the outgoing mail. (People,
//! organisations and groups join it with their own issues.)
pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;
pub mod types;
