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
    pub use crate::server::{access::Audience, state, AppState};
    use crate::{error::AppError, server::events::LiveEvent};

    /// The state and the audience of this request.
    pub async fn audience() -> Result<(AppState, Audience), AppError> {
        let state = state()?;
        let viewer = crate::server::session::current_session().map(|s| s.viewer);
        let audience = Audience::load(&state.db, viewer.as_ref()).await?;
        Ok((state, audience))
    }

    /// After a change, the browser goes back to the page it came from (the thread, usually),
    /// to `anchor` on it; `fallback` when the request did not say where it came from.
    pub fn back(fallback: &str, anchor: Option<String>) {
        back_with(fallback, None, anchor)
    }

    /// Like `back`, with a query parameter added (a notice the page shows, e.g. `segnalato=1`).
    pub fn back_with(fallback: &str, param: Option<&str>, anchor: Option<String>) {
        let from = leptos::prelude::use_context::<http::request::Parts>().and_then(|parts| {
            let referer = parts.headers.get(http::header::REFERER)?.to_str().ok()?;
            let host = parts.headers.get(http::header::HOST)?.to_str().ok()?;
            let rest = referer.split_once("://")?.1.strip_prefix(host)?;
            rest.starts_with('/').then(|| rest.to_owned())
        });
        let mut target = from.unwrap_or_else(|| fallback.to_owned());
        if let Some(cut) = target.find('#') {
            target.truncate(cut);
        }
        if let Some(param) = param.filter(|p| !target.contains(p)) {
            let joiner = if target.contains('?') { '&' } else { '?' };
            target = format!("{target}{joiner}{param}");
        }
        if let Some(anchor) = anchor {
            target = format!("{target}#{anchor}");
        }
        leptos_axum::redirect(&target);
    }

    pub fn empty_none(text: String) -> Option<String> {
        let text = text.trim().to_owned();
        (!text.is_empty()).then_some(text)
    }

    pub async fn announce_post(state: &AppState, thread_id: i32, post_id: i32) {
        state
            .events
            .publish(
                &state.db,
                LiveEvent {
                    topic: format!("thread:{thread_id}"),
                    kind: "post".into(),
                    id: i64::from(post_id),
                    data: None,
                },
            )
            .await;
    }

    /// Keeps what a person typed when their post was refused (then the form shows it again).
    pub async fn keep_draft(
        state: &AppState,
        audience: &Audience,
        key: &str,
        title: &str,
        body: &str,
    ) {
        if let Some(viewer) = audience.viewer() {
            let _ = crate::features::forum::service::drafts::save(
                &state.db,
                viewer.user_id,
                key,
                title,
                body,
            )
            .await;
        }
    }
}
