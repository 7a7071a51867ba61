//! The network directory ("Rete"): member organisations as full records and the people of the
//! community, with filters by type, region and theme; each person's profile and who may see
//! their contact details; organisations' referents managing their people.
pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;
pub mod types;
