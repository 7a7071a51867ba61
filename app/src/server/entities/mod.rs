//! sea-orm entities: one module per table.
pub mod audit_entry;
pub mod email_verification;
pub mod group;
pub mod group_member;
pub mod group_request;
pub mod invitation;
pub mod organisation;
pub mod organisation_member;
pub mod outbox;
pub mod password_reset;
pub mod recovery_code;
pub mod session;
pub mod setting;
pub mod sign_in_attempt;
pub mod sign_in_challenge;
pub mod theme;
pub mod user;
