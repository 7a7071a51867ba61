//! Accounts: signing in and out, sessions. (Sign-up, invitations, profiles and TOTP follow.)
pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod password_policy;
#[cfg(feature = "ssr")]
pub mod service;
pub mod types;
