//! The sections of the main navigation whose features have not landed yet.
pub mod pages;
