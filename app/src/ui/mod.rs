//! Shared components: the page layout, error and not-found views.
mod errors;
mod layout;

pub use errors::{form_error, set_status, ErrorNotice, FormError, NotFound};
pub use layout::{encode_component, escape_html, Layout};
