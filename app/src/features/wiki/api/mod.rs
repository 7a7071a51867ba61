//! Server functions of the wiki. Each builds the request's audience, turns the address under
//! `/wiki/` into a space and a path (`service::spaces::locate`), and calls the service. Writes
//! are plain form posts that redirect: to the page after a save, to the conflict view when a
//! save could not be merged, back to the form (with the reason, and with what was typed) when it
//! was refused.
#[cfg(feature = "ssr")]
use crate::error::Field;
use leptos::prelude::*;

use crate::{
    error::AppError,
    features::wiki::types::{
        Backlinks, EditScreen, History, NewPageForm, RecentChanges, ReviewItem, RevisionDiff,
        WikiView,
    },
};

#[cfg(feature = "ssr")]
mod ssr {
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

#[server(prefix = "/api", endpoint = "wiki-salva")]
pub async fn save_wiki_page(
    address: String,
    title: Option<String>,
    source: String,
    base: i32,
    section: String,
    summary: String,
) -> Result<(), AppError> {
    use crate::features::wiki::{
        service::{
            pages,
            saving::{self, SaveInput},
            spaces,
        },
        types::SaveOutcome,
    };
    let (state, audience) = ssr::audience().await?;
    let (space, path) = spaces::locate(&address)?;
    let url = ssr::url(&address);
    let section = ssr::section(&section)?;
    let viewer = audience.viewer().map(|v| v.user_id);
    let result = saving::save(
        &state.db,
        &audience,
        &space,
        &path,
        SaveInput {
            title: title.clone().unwrap_or_default(),
            source: source.clone(),
            base,
            section,
            summary,
            origin: None,
        },
    )
    .await;
    let page = pages::find(&state.db, &audience, &space, &path).await.ok();
    match (result, viewer) {
        (Ok(SaveOutcome::Saved { number, merged }), Some(viewer)) => {
            if let Some((_, page)) = &page {
                saving::discard_all_kept(&state.db, viewer, page.id).await?;
            }
            let merged = if merged { "&unita=1" } else { "" };
            leptos_axum::redirect(&format!("{url}?salvata={number}{merged}"));
            Ok(())
        }
        (Ok(SaveOutcome::Conflict(view)), Some(viewer)) => {
            let (_, page) = page.ok_or(AppError::NotFound)?;
            saving::keep(
                &state.db,
                viewer,
                &ssr::conflict_key(page.id, base),
                "",
                &view.mine,
            )
            .await?;
            leptos_axum::redirect(&format!("{url}?azione=modifica&conflitto={base}"));
            Ok(())
        }
        (Ok(_), _) => {
            leptos_axum::redirect(&url);
            Ok(())
        }
        (Err(error), Some(viewer)) => {
            // Keep what was typed; the form shows it again with the reason.
            let key = match &page {
                Some((_, page)) => Some(ssr::kept_key(page.id, section)),
                None if base == 0 => Some(ssr::new_key(&space)),
                None => None,
            };
            if let Some(key) = key {
                let label = if base == 0 {
                    title.unwrap_or_default()
                } else {
                    base.to_string()
                };
                let _ = saving::keep(&state.db, viewer, &key, &label, &source).await;
            }
            Err(error)
        }
        (Err(error), None) => Err(error),
    }
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

#[server(prefix = "/api", endpoint = "wiki-crea")]
pub async fn create_wiki_page(
    space: String,
    parent: String,
    title: String,
    source: String,
    summary: String,
) -> Result<(), AppError> {
    use crate::features::wiki::service::saving;
    let (state, audience) = ssr::audience().await?;
    match saving::create(
        &state.db, &audience, &space, &parent, &title, &source, &summary,
    )
    .await
    {
        Ok((page, _)) => {
            if let Some(viewer) = audience.viewer() {
                saving::discard_kept(&state.db, viewer.user_id, &ssr::new_key(&space)).await?;
            }
            leptos_axum::redirect(&format!("{}?salvata=1", page.url));
            Ok(())
        }
        Err(error) => {
            if let Some(viewer) = audience.viewer() {
                let _ = saving::keep(
                    &state.db,
                    viewer.user_id,
                    &ssr::new_key(&space),
                    &title,
                    &source,
                )
                .await;
            }
            Err(error)
        }
    }
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

/// Restores an old revision as a new one.
#[server(prefix = "/api", endpoint = "wiki-ripristina")]
pub async fn restore_wiki_revision(address: String, number: i32) -> Result<(), AppError> {
    use crate::features::wiki::{
        service::{saving, spaces},
        types::SaveOutcome,
    };
    let (state, audience) = ssr::audience().await?;
    let (space, path) = spaces::locate(&address)?;
    let url = ssr::url(&address);
    match saving::restore(&state.db, &audience, &space, &path, number).await? {
        SaveOutcome::Saved { number, .. } => {
            leptos_axum::redirect(&format!("{url}?salvata={number}"))
        }
        _ => leptos_axum::redirect(&url),
    }
    Ok(())
}

#[server(prefix = "/api", endpoint = "wiki-proteggi")]
pub async fn protect_wiki_page(address: String, protected: bool) -> Result<(), AppError> {
    use crate::features::wiki::service::{saving, spaces};
    let (state, audience) = ssr::audience().await?;
    let (space, path) = spaces::locate(&address)?;
    saving::protect(&state.db, &audience, &space, &path, protected).await?;
    leptos_axum::redirect(&ssr::url(&address));
    Ok(())
}

/// Staff validate a page with the date of its next review (`YYYY-MM-DD`), or remove the mark.
#[server(prefix = "/api", endpoint = "wiki-valida")]
pub async fn validate_wiki_page(
    address: String,
    review_at: String,
    remove: Option<String>,
) -> Result<(), AppError> {
    use crate::{
        error::InvalidReason,
        features::wiki::service::{pages, spaces},
    };
    let (state, audience) = ssr::audience().await?;
    let (space, path) = spaces::locate(&address)?;
    let review = match review_at.trim() {
        "" => None,
        text => Some(
            chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .ok()
                .and_then(|d| d.and_hms_opt(8, 0, 0))
                .map(|d| d.and_utc())
                .ok_or(AppError::invalid(Field::ReviewAt, InvalidReason::Malformed))?,
        ),
    };
    pages::validate(
        &state.db,
        &audience,
        &space,
        &path,
        review,
        remove.is_some(),
    )
    .await?;
    leptos_axum::redirect(&ssr::url(&address));
    Ok(())
}

#[server(prefix = "/api", endpoint = "wiki-segui")]
pub async fn watch_wiki_page(address: String, on: bool) -> Result<(), AppError> {
    use crate::features::wiki::service::{pages, spaces};
    let (state, audience) = ssr::audience().await?;
    let (space, path) = spaces::locate(&address)?;
    pages::set_watch(&state.db, &audience, &space, &path, on).await?;
    leptos_axum::redirect(&ssr::url(&address));
    Ok(())
}

/// The preview of a page being written: the same renderer as saving, `[[links]]` included.
#[server(prefix = "/api", endpoint = "wiki-anteprima")]
/// `context`: the slug of the page's space.
pub async fn preview_wiki(text: String, context: String) -> Result<String, AppError> {
    let space = context;
    use crate::features::wiki::service::{access, saving};
    let (state, audience) = ssr::audience().await?;
    access::signed_in(&audience)?;
    let found = access::space(&state.db, &audience, &space).await?;
    Ok(saving::render(state.db.read(), &found, &text).await?.0)
}

/// A save from the inline editor (staff, a group's admins): the page's new HTML comes back to be
/// shown in place; a conflict sends the person to the page that shows both versions (their text
/// is kept there); a refusal says why and keeps nothing changed.
#[server(prefix = "/api", endpoint = "wiki-salva-qui")]
pub async fn save_wiki_inline(
    address: String,
    source: String,
    base: i32,
    section: String,
    summary: String,
) -> Result<crate::features::wiki::types::InlineSaved, AppError> {
    use crate::features::wiki::{
        pages::with_section_links,
        service::{
            access, pages,
            saving::{self, SaveInput},
            spaces,
        },
        types::{InlineSaved, SaveOutcome},
    };
    let (state, audience) = ssr::audience().await?;
    let t = crate::i18n::use_locale().messages();
    let (space, path) = spaces::locate(&address)?;
    let section = ssr::section(&section)?;
    let (found_space, page) = pages::find(&state.db, &audience, &space, &path).await?;
    if !access::edits_inline(&state.db, &audience, &found_space).await? {
        return Err(AppError::Forbidden);
    }
    let viewer = access::signed_in(&audience)?.user_id;
    let outcome = saving::save(
        &state.db,
        &audience,
        &space,
        &path,
        SaveInput {
            source: source.clone(),
            base,
            section,
            summary,
            ..Default::default()
        },
    )
    .await;
    let (_, now) = pages::find(&state.db, &audience, &space, &path).await?;
    let html = with_section_links(
        &now.html,
        &pages::toc(&now.source),
        &address,
        t.wiki.edit_section,
    );
    let reply = |message: String, saved: bool, conflict_url: Option<String>| InlineSaved {
        html: html.clone(),
        revision: now.revision_number,
        message,
        saved,
        conflict_url,
    };
    Ok(match outcome {
        Ok(SaveOutcome::Saved { merged, .. }) => {
            saving::discard_all_kept(&state.db, viewer, page.id).await?;
            let message = if merged {
                t.wiki.saved_merged
            } else {
                t.wiki.saved
            };
            reply(message.to_owned(), true, None)
        }
        Ok(SaveOutcome::Unchanged) => reply(t.wiki.unchanged.to_owned(), true, None),
        Ok(SaveOutcome::Conflict(view)) => {
            saving::keep(
                &state.db,
                viewer,
                &ssr::conflict_key(page.id, base),
                "",
                &view.mine,
            )
            .await?;
            reply(
                t.wiki.conflict_title.to_owned(),
                false,
                Some(format!(
                    "{}?azione=modifica&conflitto={base}",
                    ssr::url(&address)
                )),
            )
        }
        Err(error) => reply(error.message(t), false, None),
    })
}

/// The form that brings an accepted answer into the wiki (staff).
#[server(prefix = "/api", endpoint = "wiki-promuovi-modulo")]
pub async fn fetch_promote_form(
    post_id: i32,
) -> Result<crate::features::wiki::types::PromoteForm, AppError> {
    let (state, audience) = ssr::audience().await?;
    crate::features::wiki::service::promote::form(&state.db, &audience, post_id).await
}

/// Brings an accepted answer into the wiki: `mode` is `nuova` (a new page titled `title` under
/// `parent` in `space`) or `aggiungi` (the end of the page at `path` in `space`).
#[server(prefix = "/api", endpoint = "wiki-promuovi")]
pub async fn promote_answer(
    post_id: i32,
    mode: String,
    space: String,
    parent: String,
    title: String,
    path: String,
) -> Result<(), AppError> {
    use crate::{
        error::InvalidReason,
        features::wiki::service::promote::{self, Target},
    };
    let (state, audience) = ssr::audience().await?;
    let t = crate::i18n::use_locale().messages();
    let form = promote::form(&state.db, &audience, post_id).await?;
    let author = form
        .author
        .as_ref()
        .map_or(t.forum.someone, |a| a.display_name.as_str());
    let provenance = (t.wiki.provenance)(author, &form.question, &format!("/forum/m/{post_id}"));
    let summary = (t.wiki.promote_summary)(&form.question);
    let target = match mode.as_str() {
        "nuova" => Target::New {
            space: &space,
            parent: &parent,
            title: &title,
        },
        "aggiungi" => Target::Append {
            space: &space,
            path: &path,
        },
        _ => return Err(AppError::invalid(Field::Mode, InvalidReason::Malformed)),
    };
    let page =
        promote::promote(&state.db, &audience, post_id, target, &provenance, &summary).await?;
    leptos_axum::redirect(&format!("{}?salvata=1", page.url));
    Ok(())
}
