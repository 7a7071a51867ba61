//! Plain HTTP endpoints beside the Leptos pages.
pub mod bench;
pub mod feed;
pub mod health;
pub mod images;
pub mod language;
pub mod live;
pub mod surveys;
