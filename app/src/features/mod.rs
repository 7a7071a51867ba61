//! One folder per capability, each with the same parts: types, api (server functions),
//! service (the rules, server only) and pages.
pub mod accounts;
pub mod community;
pub mod forum;
pub mod groups;
pub mod home;
pub mod network;
pub mod polls;
pub mod sections;
pub mod staff;
pub mod surveys;
pub mod themes;
pub mod wiki;
