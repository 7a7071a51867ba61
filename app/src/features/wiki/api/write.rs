//! Server functions that change the wiki: saves (whole page, section, inline), new pages,
//! restores, protection, validation, watching, the preview, answers brought into the wiki.
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use super::ssr;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::error::Field;

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
            let form = <SaveWikiPage as leptos::server_fn::ServerFn>::PATH;
            let fallback = format!("{url}?azione=modifica");
            crate::server::refused::refuse_back(&fallback, form, &[], error).await
        }
        (Err(error), None) => Err(error),
    }
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
            let form = <CreateWikiPage as leptos::server_fn::ServerFn>::PATH;
            let fallback = format!("/wiki/nuova?spazio={}", crate::ui::encode_component(&space));
            crate::server::refused::refuse_back(&fallback, form, &[], error).await
        }
    }
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
    use crate::features::wiki::service::access;
    let (state, audience) = ssr::audience().await?;
    access::signed_in(&audience)?;
    let found = access::space(&state.db, &audience, &space).await?;
    // Who may first, then how much, then the work.
    crate::features::wiki::service::links::preview(state.db.read(), &found, &text).await
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
