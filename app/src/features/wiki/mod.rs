//! The wiki (DESIGN §2 item 5): spaces with scopes, pages at hierarchical paths, every save a
//! revision, diffs, restore, protected pages, `[[links]]` with backlinks, and edits that never
//! overwrite each other silently (three-way merge, or both versions shown for resolving).
pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod text;
pub mod types;
