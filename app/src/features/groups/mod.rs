//! Working groups: open, closed (ask to join, approved by the group's admins) or secret
//! (invisible to non-members: a 404). Their ids are what `group:<id>` scopes refer to.
//!
//! `service::visible_groups` is the one condition on groups: staff see all, everyone else the
//! open and closed groups plus the secret ones they belong or are invited to. Creating a group
//! calls `lifecycle::group_created` in the same transaction (its forum category and wiki space).
pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;
pub mod types;
