//! Shared components: the page layout, error and not-found views, people's names, the writing
//! box, what the live islands share, address parameters and labels. No feature owns them; every
//! feature uses them.
mod editor;
mod errors;
mod fields;
#[cfg(feature = "ssr")]
pub mod fragments;
mod labels;
mod layout;
pub mod live;
mod loaded;
mod params;
mod person;
mod refused;
mod scripts;

pub use editor::{save_draft, EditorText, MarkdownEditor, PreviewSource, SaveDraft};
pub use errors::{set_status, ErrorNotice, NotFound};
pub use fields::{Input, TextArea, TextField};
pub use labels::scope_label;
pub use layout::{encode_component, escape_html, Layout};
pub use loaded::{failed, loaded, Loaded};
pub use params::{id_param, query_param};
pub use person::{use_viewer, Person, PersonName};
pub use refused::{came_back, form_error, typed, typed_all, FormError};
pub use scripts::IslandScripts;
