//! The community as a whole: its phase (closed, extended, open) and other settings.
pub mod api;
#[cfg(feature = "ssr")]
pub mod service;
pub mod types;
