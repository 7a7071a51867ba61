//! What every feature builds on and no feature owns, shared by server and browser: who is
//! asking, the community's phase and its rules, where a browser may be sent back to, and the
//! keys of drafts. Server-only infrastructure is in `server/`, shared components in `ui/`.
pub mod draft;
pub mod field;
pub mod identity;
pub mod phase;
pub mod redirect;
pub mod stored;
