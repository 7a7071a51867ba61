//! What server functions need of the request they answer: who is asking (the audience) and
//! where to send the browser afterwards (always a path on this site, `kernel::redirect`).
use super::{access::Audience, state, AppState};
use crate::{error::AppError, kernel::redirect};

/// The state and the audience of this request.
pub async fn audience() -> Result<(AppState, Audience), AppError> {
    let state = state()?;
    let viewer = super::session::current_session().map(|s| s.viewer);
    let audience = Audience::load(&state.db, viewer.as_ref()).await?;
    Ok((state, audience))
}

/// After a change, the browser goes back to the page it came from, to `anchor` on it;
/// `fallback` when the request did not say where it came from (or named another site).
pub fn back(fallback: &str, anchor: Option<String>) {
    back_with(fallback, None, anchor)
}

/// Like `back`, with a query parameter added (a notice the page shows, e.g. `segnalato=1`).
pub fn back_with(fallback: &str, param: Option<&str>, anchor: Option<String>) {
    let from = leptos::prelude::use_context::<http::request::Parts>()
        .and_then(|parts| referer(&parts).map(str::to_owned));
    let mut target = from.unwrap_or_else(|| redirect::local_or(fallback, "/").to_owned());
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

/// Sends the browser to `target` when it is a path on this site, else to `fallback`.
pub fn redirect_local(target: &str, fallback: &str) {
    leptos_axum::redirect(redirect::local_or(target, fallback));
}

/// The page (path and query) a form was posted from, when it is on this site.
pub fn referer(parts: &http::request::Parts) -> Option<&str> {
    let referer = parts.headers.get(http::header::REFERER)?.to_str().ok()?;
    let host = parts.headers.get(http::header::HOST)?.to_str().ok()?;
    redirect::referer_on_host(referer, host)
}

/// The path (without query or fragment) of the page a form was posted from, on this site.
pub fn referer_path(parts: &http::request::Parts) -> Option<String> {
    referer(parts)?.split(['?', '#']).next().map(str::to_owned)
}

/// A trimmed optional text: `None` when empty.
pub fn empty_none(text: String) -> Option<String> {
    let text = text.trim().to_owned();
    (!text.is_empty()).then_some(text)
}
