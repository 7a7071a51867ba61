//! Server functions of the forum: each builds the request's audience (who, their groups, the
//! phase), calls the service, and — for plain form posts — redirects back. A refused post or
//! edit keeps what was typed as the person's draft, so the form comes back with it.
use leptos::prelude::*;

use super::types::{
    CategoryPage, EditForm, ForumIndex, LivePost, NewThreadForm, PostHistory, QuestionsPage,
    ReportView, ThreadPage, ThreadSummary,
};
use crate::error::AppError;

#[cfg(feature = "ssr")]
mod ssr {
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

#[server(prefix = "/api", endpoint = "forum")]
pub async fn fetch_forum_index(view: String, after: String) -> Result<ForumIndex, AppError> {
    use super::{
        service::{categories, lists},
        types::{ListQuery, ListView},
    };
    let (state, audience) = ssr::audience().await?;
    let view = match view.as_str() {
        "seguite" => ListView::Followed,
        _ => ListView::Latest,
    };
    let list = lists::list(
        &state.db,
        &audience,
        &ListQuery {
            view: Some(view),
            after: ssr::empty_none(after),
            ..Default::default()
        },
    )
    .await?;
    Ok(ForumIndex {
        categories: categories::with_counts(&state.db, &audience).await?,
        list,
        signed_in: audience.viewer().is_some(),
    })
}

#[server(prefix = "/api", endpoint = "forum-categoria")]
pub async fn fetch_category_page(slug: String, after: String) -> Result<CategoryPage, AppError> {
    use super::{
        service::{access, categories, lists, subscriptions},
        types::{ListQuery, ListView},
    };
    let (state, audience) = ssr::audience().await?;
    let found = access::find_category(&state.db, &audience, &slug).await?;
    let list = lists::list(
        &state.db,
        &audience,
        &ListQuery {
            view: Some(ListView::Category(found.slug.clone())),
            after: ssr::empty_none(after),
            ..Default::default()
        },
    )
    .await?;
    let watching = match audience.viewer() {
        Some(v) => {
            subscriptions::is_watching(&state.db, v.user_id, subscriptions::CATEGORY, found.id)
                .await?
        }
        None => false,
    };
    let may_post = access::may_post_in(&audience, &found);
    let may_change_scope = audience.is_team() && found.group_id.is_none();
    Ok(CategoryPage {
        category: categories::one(&state.db, &audience, found).await?,
        list,
        may_post,
        watching,
        signed_in: audience.viewer().is_some(),
        may_change_scope,
    })
}

#[server(prefix = "/api", endpoint = "domande")]
pub async fn fetch_questions(
    filter: String,
    theme: String,
    search: String,
    after: String,
) -> Result<QuestionsPage, AppError> {
    use super::{
        service::lists,
        types::{ListQuery, ListView, QuestionFilter, ThemeChoice},
    };
    let (state, audience) = ssr::audience().await?;
    let filter = QuestionFilter::parse(&filter).unwrap_or(QuestionFilter::All);
    let theme = ssr::empty_none(theme);
    let list = lists::list(
        &state.db,
        &audience,
        &ListQuery {
            view: Some(ListView::Questions(filter)),
            theme: theme.clone(),
            search: ssr::empty_none(search.clone()),
            after: ssr::empty_none(after),
        },
    )
    .await?;
    let themes = crate::features::themes::service::list_approved(state.db.read())
        .await?
        .into_iter()
        .map(|t| ThemeChoice {
            slug: t.slug,
            name: t.name,
        })
        .collect();
    Ok(QuestionsPage {
        filter,
        theme,
        search: search.trim().to_owned(),
        themes,
        list,
        signed_in: audience.viewer().is_some(),
    })
}

/// The latest discussions and the unanswered questions, for the home page (five each).
#[server(prefix = "/api", endpoint = "forum-home")]
pub async fn fetch_home_threads() -> Result<(Vec<ThreadSummary>, Vec<ThreadSummary>), AppError> {
    use super::{
        service::lists,
        types::{ListQuery, ListView, QuestionFilter},
    };
    let (state, audience) = ssr::audience().await?;
    let mut latest = lists::list(&state.db, &audience, &ListQuery::default())
        .await?
        .threads;
    latest.truncate(5);
    let mut unanswered = lists::list(
        &state.db,
        &audience,
        &ListQuery {
            view: Some(ListView::Questions(QuestionFilter::Unanswered)),
            ..Default::default()
        },
    )
    .await?
    .threads;
    unanswered.truncate(5);
    Ok((latest, unanswered))
}

/// One page of a thread; `quote` puts a post of it, quoted, into the reply box.
#[server(prefix = "/api", endpoint = "discussione")]
pub async fn fetch_thread(
    id: i32,
    from: Option<i32>,
    before: Option<i32>,
    quote: Option<i32>,
) -> Result<ThreadPage, AppError> {
    use super::service::{
        posts,
        threads::{self, PageAt},
    };
    let (state, audience) = ssr::audience().await?;
    let at = match (from, before) {
        (Some(from), _) => PageAt::From(from),
        (None, Some(before)) => PageAt::Before(before),
        (None, None) => PageAt::Start,
    };
    let mut page = threads::thread_page(&state.db, &audience, id, at).await?;
    if let (Some(post_id), true) = (quote, page.may_reply) {
        if let Ok((author, source)) = posts::quote(&state.db, &audience, id, post_id).await {
            let t = crate::i18n::use_messages();
            let quoted: String = source.lines().map(|line| format!("> {line}\n")).collect();
            let intro = author
                .map(|name| (t.forum.quote_wrote)(&name))
                .unwrap_or_default();
            let draft = std::mem::take(&mut page.draft);
            page.draft = format!("{intro}\n{quoted}\n{draft}");
        }
    }
    Ok(page)
}

#[server(prefix = "/api", endpoint = "messaggio")]
pub async fn fetch_permalink(post_id: i32) -> Result<String, AppError> {
    let (state, audience) = ssr::audience().await?;
    super::service::threads::permalink(&state.db, &audience, post_id).await
}

#[server(prefix = "/api", endpoint = "nuova-discussione-modulo")]
pub async fn fetch_new_thread_form(
    category: String,
    kind: String,
) -> Result<NewThreadForm, AppError> {
    use super::{
        service::{access, drafts},
        types::ThreadKind,
    };
    let (state, audience) = ssr::audience().await?;
    let viewer = access::signed_in(&audience)?;
    let categories: Vec<_> = access::categories(&state.db, &audience)
        .await?
        .into_iter()
        .filter(|c| access::may_post_in(&audience, c))
        .collect();
    let chosen = categories.iter().find(|c| c.slug == category).map(|c| c.id);
    let (title, body) = drafts::load(&state.db, viewer.user_id, "new")
        .await?
        .unwrap_or_default();
    Ok(NewThreadForm {
        categories: categories
            .into_iter()
            .map(|c| (c.id, c.slug, c.name))
            .collect(),
        category_id: chosen,
        kind: ThreadKind::parse(&kind).unwrap_or(ThreadKind::Discussion),
        title,
        body,
    })
}

#[server(prefix = "/api", endpoint = "modifica-modulo")]
pub async fn fetch_edit_form(post_id: i32) -> Result<EditForm, AppError> {
    let (state, audience) = ssr::audience().await?;
    super::service::posts::edit_form(&state.db, &audience, post_id).await
}

#[server(prefix = "/api", endpoint = "versioni")]
pub async fn fetch_history(post_id: i32) -> Result<PostHistory, AppError> {
    let (state, audience) = ssr::audience().await?;
    super::service::posts::history(&state.db, &audience, post_id).await
}

#[server(prefix = "/api", endpoint = "segnalazioni")]
pub async fn fetch_reports() -> Result<Vec<ReportView>, AppError> {
    let (state, audience) = ssr::audience().await?;
    super::service::moderation::queue(&state.db, &audience).await
}

/// Posts that arrived on an open thread page (called by the live island).
#[server(prefix = "/api", endpoint = "nuovi-messaggi")]
pub async fn fetch_live_posts(thread_id: i32, after: i32) -> Result<Vec<LivePost>, AppError> {
    use crate::i18n::format_date_time;
    let (state, audience) = ssr::audience().await?;
    let locale = crate::i18n::use_locale();
    let t = locale.messages();
    let (posts, authors) =
        super::service::threads::posts_after(&state.db, &audience, thread_id, after).await?;
    Ok(posts
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
        .collect())
}

/// The preview of a text being written: the same renderer and sanitiser as saving.
#[server(prefix = "/api", endpoint = "anteprima")]
pub async fn preview_markdown(text: String) -> Result<String, AppError> {
    let (state, audience) = ssr::audience().await?;
    super::service::access::signed_in(&audience)?;
    super::service::preview(state.db.read(), &text).await
}

/// Saves what a person is writing (called while they type).
#[server(prefix = "/api", endpoint = "bozza")]
pub async fn save_draft(key: String, title: String, body: String) -> Result<(), AppError> {
    let (state, audience) = ssr::audience().await?;
    let viewer = super::service::access::signed_in(&audience)?;
    super::service::drafts::save(&state.db, viewer.user_id, &key, &title, &body).await
}

#[server(prefix = "/api", endpoint = "nuova-discussione")]
pub async fn create_thread(
    category_id: i32,
    kind: String,
    title: String,
    body: String,
) -> Result<(), AppError> {
    use super::{service::threads, types::ThreadKind};
    let (state, audience) = ssr::audience().await?;
    let kind = ThreadKind::parse(&kind).unwrap_or(ThreadKind::Discussion);
    match threads::create_thread(&state.db, &audience, category_id, kind, &title, &body).await {
        Ok(created) => {
            ssr::announce_post(&state, created.thread_id, created.post_id).await;
            leptos_axum::redirect(&format!("/forum/t/{}", created.thread_id));
            Ok(())
        }
        Err(error) => {
            ssr::keep_draft(&state, &audience, "new", &title, &body).await;
            Err(error)
        }
    }
}

#[server(prefix = "/api", endpoint = "rispondi")]
pub async fn reply(thread_id: i32, body: String) -> Result<(), AppError> {
    let (state, audience) = ssr::audience().await?;
    match super::service::posts::reply(&state.db, &audience, thread_id, &body).await {
        Ok(post_id) => {
            ssr::announce_post(&state, thread_id, post_id).await;
            leptos_axum::redirect(&format!("/forum/m/{post_id}"));
            Ok(())
        }
        Err(error) => {
            ssr::keep_draft(&state, &audience, &format!("reply:{thread_id}"), "", &body).await;
            Err(error)
        }
    }
}

#[server(prefix = "/api", endpoint = "modifica")]
pub async fn edit_post(post_id: i32, title: Option<String>, body: String) -> Result<(), AppError> {
    let (state, audience) = ssr::audience().await?;
    match super::service::posts::edit(&state.db, &audience, post_id, title.as_deref(), &body).await
    {
        Ok(_) => {
            leptos_axum::redirect(&format!("/forum/m/{post_id}"));
            Ok(())
        }
        Err(error) => {
            let key = format!("edit:{post_id}");
            ssr::keep_draft(
                &state,
                &audience,
                &key,
                title.as_deref().unwrap_or(""),
                &body,
            )
            .await;
            Err(error)
        }
    }
}

#[server(prefix = "/api", endpoint = "elimina")]
pub async fn delete_post(post_id: i32) -> Result<(), AppError> {
    let (state, audience) = ssr::audience().await?;
    let deleted = super::service::posts::delete(&state.db, &audience, post_id).await?;
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

#[server(prefix = "/api", endpoint = "vota")]
pub async fn vote(post_id: i32, value: i16) -> Result<(), AppError> {
    let (state, audience) = ssr::audience().await?;
    let thread = super::service::votes::vote(&state.db, &audience, post_id, value).await?;
    ssr::back(&format!("/forum/t/{thread}"), Some(format!("m{post_id}")));
    Ok(())
}

#[server(prefix = "/api", endpoint = "utile")]
pub async fn toggle_useful(post_id: i32) -> Result<(), AppError> {
    let (state, audience) = ssr::audience().await?;
    let thread = super::service::votes::toggle_useful(&state.db, &audience, post_id).await?;
    ssr::back(&format!("/forum/t/{thread}"), Some(format!("m{post_id}")));
    Ok(())
}

#[server(prefix = "/api", endpoint = "accetta")]
pub async fn accept_answer(thread_id: i32, post_id: Option<i32>) -> Result<(), AppError> {
    let (state, audience) = ssr::audience().await?;
    super::service::votes::accept(&state.db, &audience, thread_id, post_id).await?;
    leptos_axum::redirect(&match post_id {
        Some(id) => format!("/forum/t/{thread_id}#m{id}"),
        None => format!("/forum/t/{thread_id}"),
    });
    Ok(())
}

#[server(prefix = "/api", endpoint = "segnala")]
pub async fn report_post(post_id: i32, reason: String) -> Result<(), AppError> {
    let (state, audience) = ssr::audience().await?;
    let thread = super::service::moderation::report(&state.db, &audience, post_id, &reason).await?;
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
    super::service::moderation::resolve(&state.db, &audience, report_id, &decision).await?;
    leptos_axum::redirect("/staff/segnalazioni");
    Ok(())
}

#[server(prefix = "/api", endpoint = "modera")]
pub async fn moderate_thread(thread_id: i32, action: String) -> Result<(), AppError> {
    use super::types::ThreadAction;
    use crate::error::InvalidReason;
    let (state, audience) = ssr::audience().await?;
    let action = ThreadAction::parse(&action)
        .ok_or(AppError::invalid("action", InvalidReason::Malformed))?;
    super::service::moderation::thread_action(&state.db, &audience, thread_id, action).await?;
    leptos_axum::redirect(&format!("/forum/t/{thread_id}"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "sposta")]
pub async fn move_thread(thread_id: i32, category_id: i32) -> Result<(), AppError> {
    let (state, audience) = ssr::audience().await?;
    super::service::moderation::move_thread(&state.db, &audience, thread_id, category_id).await?;
    leptos_axum::redirect(&format!("/forum/t/{thread_id}"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "nascondi")]
pub async fn hide_post(post_id: i32, hidden: bool) -> Result<(), AppError> {
    let (state, audience) = ssr::audience().await?;
    let thread =
        super::service::moderation::set_post_hidden(&state.db, &audience, post_id, hidden).await?;
    ssr::back(&format!("/forum/t/{thread}"), Some(format!("m{post_id}")));
    Ok(())
}

#[server(prefix = "/api", endpoint = "segui")]
pub async fn watch(kind: String, target_id: i32, on: bool) -> Result<(), AppError> {
    let (state, audience) = ssr::audience().await?;
    super::service::subscriptions::watch(&state.db, &audience, &kind, target_id, on).await?;
    ssr::back("/forum", None);
    Ok(())
}

#[server(prefix = "/api", endpoint = "visibilita-categoria")]
pub async fn set_category_scope(category_id: i32, scope: String) -> Result<(), AppError> {
    let (state, audience) = ssr::audience().await?;
    let slug =
        super::service::categories::set_scope(&state.db, &audience, category_id, &scope).await?;
    leptos_axum::redirect(&format!("/forum/c/{slug}"));
    Ok(())
}
