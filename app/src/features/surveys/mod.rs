//! Surveys (DESIGN §2.9): staff questionnaires with sections and questions, for an audience
//! (scope), open between two times, named or anonymous. One response per person, kept as a
//! draft while filling; results with charts drawn on the server, and a CSV export.
pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;
pub mod types;
