//! Plain HTTP endpoints beside the Leptos pages.
pub mod bench;
pub mod health;
pub mod images;
pub mod language;
