//! The staff console: the community's phase, people (roles, disabling), links to organisations,
//! invitations and groups, the audit log and the outgoing mail.
//!
//! Everything here is for the team: whoever else asks finds nothing (404), and a staff or admin
//! account without its second factor is told to turn it on. Who may change whose role, and
//! disabling (which ends the person's sessions and pending sign-ins at once), are in `people`;
//! all of it is audited.
pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod people;
pub mod people_page;
#[cfg(feature = "ssr")]
pub mod service;
pub mod types;
