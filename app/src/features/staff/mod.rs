//! The staff console: the community's phase, people (roles, disabling), links to organisations,
//! invitations and groups, the audit log and the outgoing mail.
pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod people;
pub mod people_page;
#[cfg(feature = "ssr")]
pub mod service;
pub mod types;
