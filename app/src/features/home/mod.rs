//! The home page: the community at a glance.
pub mod pages;
