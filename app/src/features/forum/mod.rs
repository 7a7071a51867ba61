//! The forum and Q&A (DESIGN §2 items 3, 4): categories with scopes, discussions and questions,
//! Markdown posts, votes and accepted answers, unread markers, drafts, live threads,
//! subscriptions and moderation.
pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;
pub mod types;
