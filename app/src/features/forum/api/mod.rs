//! Server functions of the forum: each builds the request's audience (who, their groups, the
//! phase), calls the service, and — for plain form posts — redirects back. A refused post or
//! edit keeps what was typed as the person's draft, so the form comes back with it.
mod actions;
mod read;
mod write;

pub use actions::*;
pub use read::*;
pub use write::*;

#[cfg(feature = "ssr")]
pub(crate) mod ssr {
    pub use crate::server::{
        access::Audience,
        request::{audience, back, back_with, empty_none},
        AppState,
    };
    use crate::{
        kernel::draft::DraftKey,
        server::events::{Change, LiveEvent, Topic},
    };

    pub async fn announce_post(state: &AppState, thread_id: i32, post_id: i32) {
        state
            .events
            .publish(
                &state.db,
                LiveEvent::On(Topic::Thread(thread_id), Change::Post { post_id }),
            )
            .await;
    }

    /// A refused post or edit: what was typed is kept as the person's draft (the form shows its
    /// draft), and the browser goes back to the form's page with the error.
    pub async fn refused(
        state: &AppState,
        audience: &Audience,
        (key, title, body): (DraftKey, &str, &str),
        (fallback, form): (&str, &str),
        error: crate::error::AppError,
    ) -> Result<(), crate::error::AppError> {
        if let Some(viewer) = audience.viewer() {
            let _ = crate::server::drafts::save_typed(&state.db, viewer.user_id, &key, title, body)
                .await;
        }
        crate::server::refused::refuse_back(fallback, form, &[], error).await
    }
}
