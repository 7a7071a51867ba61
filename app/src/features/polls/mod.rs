//! Polls (DESIGN §2.8): quick questions on the home page, a working group's page or a forum
//! thread, with live results. Staff create them anywhere, a group's admins in their group.
pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;
pub mod types;
