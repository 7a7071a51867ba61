//! Working groups: open, closed (ask to join, approved by the group's admins) or secret
//! (invisible to non-members: a 404). Their ids are what `group:<id>` scopes refer to.
pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;
pub mod types;
