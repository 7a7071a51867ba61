//! Shared components: the page layout, error and not-found views.
mod errors;
mod layout;

pub use errors::{set_status, ErrorNotice, NotFound};
pub use layout::Layout;
