//! Server functions that write: new threads, replies, edits, deletion, drafts, the preview and
//! the live island's catch-up.
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use super::ssr;
#[cfg(feature = "ssr")]
use crate::features::forum::types::LivePost;
#[cfg(feature = "ssr")]
use crate::kernel::draft::DraftKey;
use crate::{error::AppError, features::forum::types::LivePosts};
use leptos::server_fn::codec::GetUrl;
#[cfg(feature = "ssr")]
use leptos::server_fn::ServerFn;

/// Posts that arrived on an open thread page, rendered as the page shows them. The live island
/// GETs `/api/nuovi-messaggi?thread_id=…&after=…` itself and reads the JSON with the browser's
/// parser: a server-function client and a decoder would weigh on every page's WebAssembly.
#[server(prefix = "/api", endpoint = "nuovi-messaggi", input = GetUrl)]
pub async fn fetch_live_posts(thread_id: i32, after: i32) -> Result<LivePosts, AppError> {
    use crate::i18n::format_date_time;
    let (state, audience) = ssr::audience().await?;
    let locale = crate::i18n::use_locale();
    let t = locale.messages();
    let (posts, authors) = crate::features::forum::service::reading::posts_after(
        &state.db, &audience, thread_id, after,
    )
    .await?;
    let posts: Vec<LivePost> = posts
        .into_iter()
        .map(|p| {
            let author = p.author_id.and_then(|id| authors.get(&id));
            LivePost {
                id: p.id,
                author: author
                    .map_or_else(|| t.forum.someone.to_string(), |a| a.display_name.clone()),
                badge: author.and_then(|a| {
                    if a.expert {
                        Some(t.forum.badge_expert.to_string())
                    } else if a.staff {
                        Some(t.forum.badge_staff.to_string())
                    } else {
                        None
                    }
                }),
                html: p.html,
                when: format_date_time(p.created_at, locale),
                datetime: p.created_at.to_rfc3339(),
            }
        })
        .collect();
    Ok(LivePosts {
        first: posts.iter().map(|p| p.id).min().unwrap_or(0),
        last: posts.iter().map(|p| p.id).max().unwrap_or(after),
        count: posts.len() as u32,
        html: crate::features::forum::pages::render_live_posts(posts),
    })
}

/// The preview of a text being written: the same renderer and sanitiser as saving.
#[server(prefix = "/api", endpoint = "anteprima")]
/// `context` is unused: the writing box sends it to every preview function.
pub async fn preview_markdown(text: String, context: String) -> Result<String, AppError> {
    let _ = context;
    let (state, audience) = ssr::audience().await?;
    crate::server::access::signed_in(&audience)?;
    crate::features::forum::service::preview(state.db.read(), &text).await
}

#[server(prefix = "/api", endpoint = "nuova-discussione")]
pub async fn create_thread(
    category_id: i32,
    kind: String,
    title: String,
    body: String,
) -> Result<(), AppError> {
    use crate::features::forum::{service::threads, types::ThreadKind};
    let (state, audience) = ssr::audience().await?;
    let kind = ThreadKind::from_form(&kind).unwrap_or(ThreadKind::Discussion);
    match threads::create_thread(&state.db, &audience, category_id, kind, &title, &body).await {
        Ok(created) => {
            ssr::announce_post(&state, created.thread_id, created.post_id).await;
            leptos_axum::redirect(&format!("/forum/t/{}", created.thread_id));
            Ok(())
        }
        Err(error) => {
            let draft = (DraftKey::NewThread, title.as_str(), body.as_str());
            let page = ("/forum/nuovo", CreateThread::PATH);
            ssr::refused(&state, &audience, draft, page, error).await
        }
    }
}

#[server(prefix = "/api", endpoint = "rispondi")]
pub async fn reply(thread_id: i32, body: String) -> Result<(), AppError> {
    let (state, audience) = ssr::audience().await?;
    match crate::features::forum::service::posts::reply(&state.db, &audience, thread_id, &body)
        .await
    {
        Ok(post_id) => {
            ssr::announce_post(&state, thread_id, post_id).await;
            leptos_axum::redirect(&format!("/forum/m/{post_id}"));
            Ok(())
        }
        Err(error) => {
            let draft = (DraftKey::Reply(thread_id), "", body.as_str());
            let page = (format!("/forum/t/{thread_id}"), Reply::PATH);
            ssr::refused(&state, &audience, draft, (&page.0, page.1), error).await
        }
    }
}

#[server(prefix = "/api", endpoint = "modifica")]
pub async fn edit_post(post_id: i32, title: Option<String>, body: String) -> Result<(), AppError> {
    let (state, audience) = ssr::audience().await?;
    match crate::features::forum::service::posts::edit(
        &state.db,
        &audience,
        post_id,
        title.as_deref(),
        &body,
    )
    .await
    {
        Ok(_) => {
            leptos_axum::redirect(&format!("/forum/m/{post_id}"));
            Ok(())
        }
        Err(error) => {
            let draft = (
                DraftKey::Edit(post_id),
                title.as_deref().unwrap_or(""),
                body.as_str(),
            );
            let page = format!("/forum/m/{post_id}");
            ssr::refused(&state, &audience, draft, (&page, EditPost::PATH), error).await
        }
    }
}

#[server(prefix = "/api", endpoint = "elimina")]
pub async fn delete_post(post_id: i32) -> Result<(), AppError> {
    let (state, audience) = ssr::audience().await?;
    let deleted =
        crate::features::forum::service::posts::delete(&state.db, &audience, post_id).await?;
    if deleted.thread_deleted {
        leptos_axum::redirect(&format!("/forum/c/{}", deleted.category_slug));
    } else {
        ssr::back(
            &format!("/forum/t/{}", deleted.thread_id),
            Some(format!("m{post_id}")),
        );
    }
    Ok(())
}
