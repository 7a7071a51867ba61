//! Server functions for what people do with posts and threads: votes, "utile", accepting an
//! answer, reports, subscriptions, and staff's moderation.
#[cfg(feature = "ssr")]
use crate::error::Field;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use super::ssr;
use crate::error::AppError;

#[server(prefix = "/api", endpoint = "vota")]
pub async fn vote(post_id: i32, value: i16) -> Result<(), AppError> {
    let (state, audience) = ssr::audience().await?;
    let thread =
        crate::features::forum::service::votes::vote(&state.db, &audience, post_id, value).await?;
    ssr::back(&format!("/forum/t/{thread}"), Some(format!("m{post_id}")));
    Ok(())
}

#[server(prefix = "/api", endpoint = "utile")]
pub async fn toggle_useful(post_id: i32) -> Result<(), AppError> {
    let (state, audience) = ssr::audience().await?;
    let thread =
        crate::features::forum::service::votes::toggle_useful(&state.db, &audience, post_id)
            .await?;
    ssr::back(&format!("/forum/t/{thread}"), Some(format!("m{post_id}")));
    Ok(())
}

#[server(prefix = "/api", endpoint = "accetta")]
pub async fn accept_answer(thread_id: i32, post_id: Option<i32>) -> Result<(), AppError> {
    let (state, audience) = ssr::audience().await?;
    crate::features::forum::service::votes::accept(&state.db, &audience, thread_id, post_id)
        .await?;
    leptos_axum::redirect(&match post_id {
        Some(id) => format!("/forum/t/{thread_id}#m{id}"),
        None => format!("/forum/t/{thread_id}"),
    });
    Ok(())
}

#[server(prefix = "/api", endpoint = "segnala")]
pub async fn report_post(post_id: i32, reason: String) -> Result<(), AppError> {
    let (state, audience) = ssr::audience().await?;
    let thread =
        crate::features::forum::service::moderation::report(&state.db, &audience, post_id, &reason)
            .await?;
    ssr::back_with(
        &format!("/forum/t/{thread}"),
        Some("segnalato=1"),
        Some(format!("m{post_id}")),
    );
    Ok(())
}

#[server(prefix = "/api", endpoint = "risolvi-segnalazione")]
pub async fn resolve_report(report_id: i32, decision: String) -> Result<(), AppError> {
    let (state, audience) = ssr::audience().await?;
    crate::features::forum::service::moderation::resolve(
        &state.db, &audience, report_id, &decision,
    )
    .await?;
    leptos_axum::redirect("/staff/segnalazioni");
    Ok(())
}

#[server(prefix = "/api", endpoint = "modera")]
pub async fn moderate_thread(thread_id: i32, action: String) -> Result<(), AppError> {
    use crate::error::InvalidReason;
    use crate::features::forum::types::ThreadAction;
    let (state, audience) = ssr::audience().await?;
    let action = ThreadAction::parse(&action)
        .ok_or(AppError::invalid(Field::Action, InvalidReason::Malformed))?;
    crate::features::forum::service::moderation::thread_action(
        &state.db, &audience, thread_id, action,
    )
    .await?;
    leptos_axum::redirect(&format!("/forum/t/{thread_id}"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "sposta")]
pub async fn move_thread(thread_id: i32, category_id: i32) -> Result<(), AppError> {
    let (state, audience) = ssr::audience().await?;
    crate::features::forum::service::moderation::move_thread(
        &state.db,
        &audience,
        thread_id,
        category_id,
    )
    .await?;
    leptos_axum::redirect(&format!("/forum/t/{thread_id}"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "nascondi")]
pub async fn hide_post(post_id: i32, hidden: bool) -> Result<(), AppError> {
    let (state, audience) = ssr::audience().await?;
    let thread = crate::features::forum::service::moderation::set_post_hidden(
        &state.db, &audience, post_id, hidden,
    )
    .await?;
    ssr::back(&format!("/forum/t/{thread}"), Some(format!("m{post_id}")));
    Ok(())
}

#[server(prefix = "/api", endpoint = "segui")]
pub async fn watch(kind: String, target_id: i32, on: bool) -> Result<(), AppError> {
    let (state, audience) = ssr::audience().await?;
    crate::features::forum::service::subscriptions::watch(
        &state.db, &audience, &kind, target_id, on,
    )
    .await?;
    ssr::back("/forum", None);
    Ok(())
}

#[server(prefix = "/api", endpoint = "visibilita-categoria")]
pub async fn set_category_scope(category_id: i32, scope: String) -> Result<(), AppError> {
    let (state, audience) = ssr::audience().await?;
    let slug = crate::features::forum::service::categories::set_scope(
        &state.db,
        &audience,
        category_id,
        &scope,
    )
    .await?;
    leptos_axum::redirect(&format!("/forum/c/{slug}"));
    Ok(())
}
