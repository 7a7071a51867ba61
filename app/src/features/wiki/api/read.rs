//! Server functions that read the wiki: pages and spaces, the edit and new-page forms, history,
//! diffs, backlinks, recent changes and pages due for review.
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use super::ssr;
use crate::{
    error::AppError,
    features::wiki::types::{
        Backlinks, EditScreen, History, NewPageForm, RecentChanges, ReviewItem, RevisionDiff,
        WikiView,
    },
};

/// A space's index or a page (or the invitation to write a page that does not exist yet).
#[server(prefix = "/api", endpoint = "wiki")]
pub async fn fetch_wiki(address: String) -> Result<WikiView, AppError> {
    use crate::features::wiki::service::{pages, spaces};
    let (state, audience) = ssr::audience().await?;
    let (space, path) = spaces::locate(&address)?;
    if path.is_empty() {
        return match spaces::index(&state.db, &audience, &space).await {
            Ok(index) => Ok(WikiView::Index(index)),
            Err(AppError::NotFound) if audience.viewer().is_none() && address.is_empty() => {
                Ok(WikiView::Closed)
            }
            Err(error) => Err(error),
        };
    }
    Ok(WikiView::Page(
        pages::view(&state.db, &audience, &space, &path).await?,
    ))
}

/// The edit page: a whole page or one section; after a conflict (`conflict` = the revision the
/// refused save started from) the conflict to resolve.
#[server(prefix = "/api", endpoint = "wiki-modifica")]
pub async fn fetch_wiki_edit(
    address: String,
    section: String,
    conflict: Option<i32>,
) -> Result<EditScreen, AppError> {
    use crate::features::wiki::service::{
        access, pages,
        saving::{self, Recheck},
        spaces,
    };
    let (state, audience) = ssr::audience().await?;
    let viewer = access::signed_in(&audience)?.user_id;
    let (space, path) = spaces::locate(&address)?;
    let section = ssr::section(&section)?;
    let mut form = pages::edit_form(&state.db, &audience, &space, &path, section).await?;
    if !form.exists {
        return Ok(EditScreen {
            form,
            kept: None,
            conflict: None,
        });
    }
    let (_, page) = pages::find(&state.db, &audience, &space, &path).await?;
    if let Some(base) = conflict {
        let key = ssr::conflict_key(page.id, base);
        if let Some((_, mine)) = saving::kept(&state.db, viewer, &key).await? {
            match saving::recheck(&state.db, &page, base, &mine).await? {
                Recheck::Conflict(view) => {
                    form.section = None;
                    form.source = page.source.clone();
                    form.base = page.revision_number;
                    return Ok(EditScreen {
                        form,
                        kept: None,
                        conflict: Some(view),
                    });
                }
                Recheck::Merged(text) => {
                    form.section = None;
                    form.base = page.revision_number;
                    return Ok(EditScreen {
                        form,
                        kept: Some(text),
                        conflict: None,
                    });
                }
            }
        }
    }
    // A save refused for its content: the text comes back, on the revision it started from.
    let key = ssr::kept_key(page.id, section);
    let kept = match saving::kept(&state.db, viewer, &key).await? {
        Some((base, text)) => {
            if let Ok(base) = base.parse::<i32>() {
                form.base = base.min(page.revision_number);
            }
            Some(text)
        }
        None => None,
    };
    Ok(EditScreen {
        form,
        kept,
        conflict: None,
    })
}

/// The form for a new page in a space (`space` is the space's slug).
#[server(prefix = "/api", endpoint = "wiki-nuova-pagina")]
pub async fn fetch_new_page_form(
    space: String,
    parent: String,
    title: String,
) -> Result<NewPageForm, AppError> {
    use crate::features::wiki::service::{access, saving, space_info, spaces};
    let (state, audience) = ssr::audience().await?;
    let viewer = access::signed_in(&audience)?.user_id;
    let slug = if space.is_empty() {
        spaces::COMMUNITY.to_owned()
    } else {
        space
    };
    let found = access::space(&state.db, &audience, &slug).await?;
    access::check_edit(&audience, &found, None)?;
    let kept = saving::kept(&state.db, viewer, &ssr::new_key(&slug)).await?;
    let (title, kept) = match kept {
        Some((kept_title, text)) if title.is_empty() => (kept_title, Some(text)),
        _ => (title, None),
    };
    Ok(NewPageForm {
        space: space_info(&found, 0),
        parent,
        title,
        kept,
    })
}

#[server(prefix = "/api", endpoint = "wiki-storia")]
pub async fn fetch_wiki_history(address: String, before: Option<i32>) -> Result<History, AppError> {
    use crate::features::wiki::service::{history, spaces};
    let (state, audience) = ssr::audience().await?;
    let (space, path) = spaces::locate(&address)?;
    history::history(&state.db, &audience, &space, &path, before).await
}

#[server(prefix = "/api", endpoint = "wiki-diff")]
pub async fn fetch_wiki_diff(
    address: String,
    from: i32,
    to: i32,
) -> Result<RevisionDiff, AppError> {
    use crate::features::wiki::service::{history, spaces};
    let (state, audience) = ssr::audience().await?;
    let (space, path) = spaces::locate(&address)?;
    history::compare(&state.db, &audience, &space, &path, from, to).await
}

#[server(prefix = "/api", endpoint = "wiki-puntano-qui")]
pub async fn fetch_wiki_backlinks(address: String) -> Result<Backlinks, AppError> {
    use crate::features::wiki::service::{pages, spaces};
    let (state, audience) = ssr::audience().await?;
    let (space, path) = spaces::locate(&address)?;
    pages::backlinks(&state.db, &audience, &space, &path).await
}

#[server(prefix = "/api", endpoint = "wiki-modifiche")]
pub async fn fetch_recent_changes(
    space: Option<String>,
    before: Option<String>,
) -> Result<RecentChanges, AppError> {
    use crate::features::wiki::{service::history, types::HISTORY_PER_PAGE};
    let (state, audience) = ssr::audience().await?;
    history::recent(
        &state.db,
        &audience,
        space.as_deref(),
        before.as_deref(),
        HISTORY_PER_PAGE,
    )
    .await
}

#[server(prefix = "/api", endpoint = "wiki-da-rivedere")]
pub async fn fetch_review_due() -> Result<Vec<ReviewItem>, AppError> {
    let (state, audience) = ssr::audience().await?;
    crate::features::wiki::service::pages::review_due(&state.db, &audience).await
}
