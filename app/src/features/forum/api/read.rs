//! Server functions that read: the forum's pages, threads, forms, history and the report queue.
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use super::ssr;
use crate::{
    error::AppError,
    features::forum::types::{
        CategoryPage, EditForm, ForumIndex, NewThreadForm, PostHistory, QuestionsPage, ReportView,
        ThreadPage, ThreadSummary,
    },
};

#[server(prefix = "/api", endpoint = "forum")]
pub async fn fetch_forum_index(view: String, after: String) -> Result<ForumIndex, AppError> {
    use crate::features::forum::{
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
    use crate::features::forum::{
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
    use crate::features::forum::{
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
    let (state, audience) = ssr::audience().await?;
    crate::features::forum::service::lists::home(&state.db, &audience, 5).await
}

/// One page of a thread; `quote` puts a post of it, quoted, into the reply box.
#[server(prefix = "/api", endpoint = "discussione")]
pub async fn fetch_thread(
    id: i32,
    from: Option<i32>,
    before: Option<i32>,
    quote: Option<i32>,
) -> Result<ThreadPage, AppError> {
    use crate::features::forum::service::{
        posts,
        reading::{self, PageAt},
    };
    let (state, audience) = ssr::audience().await?;
    let at = match (from, before) {
        (Some(from), _) => PageAt::From(from),
        (None, Some(before)) => PageAt::Before(before),
        (None, None) => PageAt::Start,
    };
    let mut page = reading::thread_page(&state.db, &audience, id, at).await?;
    reading::mark_read(&state.db, &audience, &page).await?;
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
    crate::features::forum::service::reading::permalink(&state.db, &audience, post_id).await
}

#[server(prefix = "/api", endpoint = "nuova-discussione-modulo")]
pub async fn fetch_new_thread_form(
    category: String,
    kind: String,
) -> Result<NewThreadForm, AppError> {
    use crate::features::forum::{service::access, types::ThreadKind};
    let (state, audience) = ssr::audience().await?;
    let viewer = access::signed_in(&audience)?;
    let categories: Vec<_> = access::categories(&state.db, &audience)
        .await?
        .into_iter()
        .filter(|c| access::may_post_in(&audience, c))
        .collect();
    let chosen = categories.iter().find(|c| c.slug == category).map(|c| c.id);
    let (title, body) = crate::server::drafts::load(
        &state.db,
        viewer.user_id,
        &crate::kernel::draft::DraftKey::NewThread,
    )
    .await?
    .unwrap_or_default();
    Ok(NewThreadForm {
        categories: categories
            .into_iter()
            .map(|c| (c.id, c.slug, c.name))
            .collect(),
        category_id: chosen,
        kind: ThreadKind::from_form(&kind).unwrap_or(ThreadKind::Discussion),
        title,
        body,
    })
}

#[server(prefix = "/api", endpoint = "modifica-modulo")]
pub async fn fetch_edit_form(post_id: i32) -> Result<EditForm, AppError> {
    let (state, audience) = ssr::audience().await?;
    crate::features::forum::service::posts::edit_form(&state.db, &audience, post_id).await
}

#[server(prefix = "/api", endpoint = "versioni")]
pub async fn fetch_history(post_id: i32) -> Result<PostHistory, AppError> {
    let (state, audience) = ssr::audience().await?;
    crate::features::forum::service::posts::history(&state.db, &audience, post_id).await
}

#[server(prefix = "/api", endpoint = "segnalazioni")]
pub async fn fetch_reports() -> Result<Vec<ReportView>, AppError> {
    let (state, audience) = ssr::audience().await?;
    crate::features::forum::service::moderation::queue(&state.db, &audience).await
}
