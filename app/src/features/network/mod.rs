//! The network directory ("Rete"): member organisations as full records and the people of the
//! community, with filters by type, region and theme; each person's profile and who may see
//! their contact details; organisations' referents managing their people.
//!
//! Who sees what is decided once, in `service/mod.rs`. Photos and logos (`/immagini/<id>`) follow
//! their owner's visibility; uploads are multipart posts to axum routes
//! (`server/src/routes/images.rs`), accepted only as PNG, JPEG or WebP by their first bytes.
pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;
pub mod types;
