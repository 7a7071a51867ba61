//! From answers to knowledge: staff bring an accepted answer of the forum into the wiki, as a new
//! page or appended to an existing one. The text keeps its provenance: a line naming the author
//! and linking to the question (written by the caller, in the community's language), and the
//! revision's origin `post:<id>`.
use crate::error::Field;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use super::{access, page_ref, saving, space_info};
use crate::{
    error::{AppError, InvalidReason},
    features::{
        forum::service::access as forum_access,
        wiki::types::{PageRef, PromoteForm, SaveOutcome},
    },
    server::{access::Audience, entities::post, Db},
};

/// The accepted answer `post_id`, when staff may see it.
async fn accepted_answer(
    db: &Db,
    audience: &Audience,
    post_id: i32,
) -> Result<(post::Model, crate::server::entities::thread::Model), AppError> {
    access::require_team(audience)?;
    let (found, thread, _) = forum_access::find_post(db, audience, post_id).await?;
    if thread.accepted_post_id != Some(found.id) || found.deleted_at.is_some() || found.hidden {
        return Err(AppError::invalid(Field::Post, InvalidReason::NotAccepted));
    }
    Ok((found, thread))
}

pub async fn form(db: &Db, audience: &Audience, post_id: i32) -> Result<PromoteForm, AppError> {
    let (answer, thread) = accepted_answer(db, audience, post_id).await?;
    let author = match answer.author_id {
        Some(id) => super::people(db.read(), [id]).await?.remove(&id),
        None => None,
    };
    let spaces = access::spaces(db, audience)
        .await?
        .iter()
        .filter(|s| access::may_write_in(audience, s))
        .map(|s| space_info(s, 0))
        .collect();
    Ok(PromoteForm {
        post_id,
        thread_id: thread.id,
        question: thread.title,
        author,
        html: answer.html,
        spaces,
    })
}

/// Where the answer goes.
pub enum Target<'a> {
    /// A new page titled `title` under `parent` in a space.
    New {
        space: &'a str,
        parent: &'a str,
        title: &'a str,
    },
    /// The end of an existing page.
    Append { space: &'a str, path: &'a str },
}

/// Brings the answer in; `provenance` is the line that says where it came from (Markdown).
pub async fn promote(
    db: &Db,
    audience: &Audience,
    post_id: i32,
    target: Target<'_>,
    provenance: &str,
    summary: &str,
) -> Result<PageRef, AppError> {
    let (answer, _) = accepted_answer(db, audience, post_id).await?;
    let origin = Some(format!("post:{post_id}"));
    let block = format!("{}\n\n{provenance}\n", answer.source.trim_end());
    match target {
        Target::New {
            space,
            parent,
            title,
        } => {
            let (page, _) = saving::create_with_origin(
                db, audience, space, parent, title, &block, summary, origin,
            )
            .await?;
            Ok(page)
        }
        Target::Append { space, path } => {
            let path = crate::features::wiki::text::paths::parse(path)?;
            let found_space = access::space(db, audience, space).await?;
            let page = crate::server::entities::wiki_page::Entity::find()
                .filter(crate::server::entities::wiki_page::Column::SpaceId.eq(found_space.id))
                .filter(crate::server::entities::wiki_page::Column::Path.eq(&path))
                .one(db.read())
                .await?
                .ok_or(AppError::invalid(Field::Path, InvalidReason::Missing))?;
            let source = format!(
                "{}\n{block}",
                page.source.trim_end_matches('\n').to_owned() + "\n"
            );
            let outcome = saving::save(
                db,
                audience,
                space,
                &path,
                saving::SaveInput {
                    title: page.title.clone(),
                    source,
                    base: page.revision_number,
                    section: None,
                    summary: summary.to_owned(),
                    origin,
                },
            )
            .await?;
            match outcome {
                SaveOutcome::Saved { .. } | SaveOutcome::Unchanged => {
                    Ok(page_ref(&found_space, &page))
                }
                // Appending to the current revision cannot conflict; a save in between merges.
                SaveOutcome::Conflict(_) => Err(AppError::Conflict),
            }
        }
    }
}
