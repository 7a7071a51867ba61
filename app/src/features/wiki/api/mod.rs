//! Server functions of the wiki. Each builds the request's audience, turns the address under
//! `/wiki/` into a space and a path (`service::spaces::locate`), and calls the service. Writes
//! are plain form posts that redirect: to the page after a save, to the conflict view when a
//! save could not be merged, back to the form (with the reason, and with what was typed) when it
//! was refused.
mod read;
mod write;

pub use read::*;
pub use write::*;

#[cfg(feature = "ssr")]
pub(super) mod ssr {
    pub use crate::server::request::*;
    use crate::{
        error::{AppError, Field, InvalidReason},
        kernel::draft::DraftKey,
    };

    /// The page's address: `/wiki/<address>`.
    pub fn url(address: &str) -> String {
        let address = address.trim_matches('/');
        if address.is_empty() {
            "/wiki".to_owned()
        } else {
            format!("/wiki/{address}")
        }
    }

    pub fn section(text: &str) -> Result<Option<usize>, AppError> {
        match text.trim() {
            "" => Ok(None),
            n => n
                .parse::<usize>()
                .ok()
                .filter(|n| *n > 0)
                .map(Some)
                .ok_or(AppError::invalid(Field::Section, InvalidReason::Malformed)),
        }
    }

    /// Keys of the texts kept for a person (drafts table).
    pub fn kept_key(page_id: i32, section: Option<usize>) -> DraftKey {
        DraftKey::WikiPage(page_id, section)
    }

    pub fn conflict_key(page_id: i32, base: i32) -> DraftKey {
        DraftKey::WikiConflict(page_id, base)
    }

    pub fn new_key(space_slug: &str) -> DraftKey {
        DraftKey::WikiNew(space_slug.to_owned())
    }
}
