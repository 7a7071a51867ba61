//! Plain HTTP endpoints beside the Leptos pages.
#[cfg(feature = "bench")]
pub mod bench;
pub mod error_page;
pub mod export;
pub mod feed;
pub mod health;
pub mod images;
pub mod language;
pub mod live;
pub mod polls;
pub mod surveys;
