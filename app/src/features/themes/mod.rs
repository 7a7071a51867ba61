//! Themes: the community's subjects, proposed by members and approved by staff.
pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;
pub mod types;
