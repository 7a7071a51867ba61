//! sea-orm entities: one module per table.
pub mod organisation;
pub mod organisation_member;
pub mod setting;
pub mod theme;
pub mod user;
