//! Saving pages. A save names the revision it started from (`base`). On top of the current
//! revision it is saved as the next one; on top of an older one it is merged with what was saved
//! in between (three-way, `text::merge`) and saved if the merge is clean, otherwise nothing is
//! saved and both versions come back for the person to resolve. The revision numbers are unique
//! per page in the database, and the page row is updated only if it is still at the revision the
//! save read, so two saves can never both win: the later one merges.
//!
//! The work — merging and rendering — happens before the write transaction, on what the save
//! read; the transaction only writes, if the page is still at that revision (else the save
//! starts again and merges with the winner). So a long merge or render never holds the single
//! SQLite writer, and no member can stall everybody's writes with one heavy page.
use crate::error::Field;

use chrono::Utc;
use sea_orm::{
    sea_query::{Expr, OnConflict},
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter,
    Set, TransactionTrait,
};

use super::{access, check_source, check_summary, check_title, links, page_ref, people};
pub use super::{
    kept::{discard_all_kept, discard_kept, keep, kept},
    links::render,
};
use crate::{
    error::{AppError, InvalidReason},
    features::wiki::{
        text::{merge, paths, sections},
        types::{ConflictPart, ConflictView, PageRef, SaveOutcome},
    },
    server::{
        access::Audience,
        audit::{self, AuditAction, AuditRecord},
        entities::{subscription, wiki_page, wiki_revision, wiki_space},
        Db,
    },
};

/// What an edit form sends.
#[derive(Debug, Clone, Default)]
pub struct SaveInput {
    /// The title, for a new page (an existing page keeps its own).
    pub title: String,
    pub source: String,
    /// The revision the editor started from; 0 when the page did not exist.
    pub base: i32,
    /// Set when only one section was edited: `source` is that section.
    pub section: Option<usize>,
    pub summary: String,
    /// `restore:<n>` or `post:<id>` when the text was not typed.
    pub origin: Option<String>,
}

/// How often a save that keeps losing the race is tried before it answers `Conflict`.
const SAVE_ATTEMPTS: u32 = 20;

/// Saves a page at `path` in a space (created when it does not exist and `base` is 0).
pub async fn save(
    db: &Db,
    audience: &Audience,
    space_slug: &str,
    path: &str,
    input: SaveInput,
) -> Result<SaveOutcome, AppError> {
    let space = access::space(db, audience, space_slug).await?;
    let path = paths::parse(path)?;
    let viewer = access::signed_in(audience)?.user_id;
    // A save that lost the race to another (the page moved on since it was read) is tried
    // again after a short random pause: the next attempt merges with the winner. Each attempt
    // lets one save through, so a save tries as often as there can be savers at once.
    let mut attempt = 0;
    loop {
        attempt += 1;
        match save_once(db, audience, viewer, &space, &path, &input).await {
            Err(AppError::Conflict) if attempt < SAVE_ATTEMPTS => {
                let pause = rand::random_range(0..=5 * attempt as u64);
                tokio::time::sleep(std::time::Duration::from_millis(pause)).await;
            }
            other => return other,
        }
    }
}

/// Creates a page titled `title` under `parent` (a path or empty); a title whose path is taken
/// (also one differing only in case or accents) is refused.
pub async fn create(
    db: &Db,
    audience: &Audience,
    space_slug: &str,
    parent: &str,
    title: &str,
    source: &str,
    summary: &str,
) -> Result<(PageRef, SaveOutcome), AppError> {
    create_with_origin(
        db, audience, space_slug, parent, title, source, summary, None,
    )
    .await
}

/// `create`, for a text that was not typed here (`post:<id>`).
#[allow(clippy::too_many_arguments)]
pub async fn create_with_origin(
    db: &Db,
    audience: &Audience,
    space_slug: &str,
    parent: &str,
    title: &str,
    source: &str,
    summary: &str,
    origin: Option<String>,
) -> Result<(PageRef, SaveOutcome), AppError> {
    let space = access::space(db, audience, space_slug).await?;
    access::check_edit(audience, &space, None)?;
    let title = check_title(title)?;
    let parent = parent.trim();
    let path =
        paths::child((!parent.is_empty()).then_some(parent), &title).map_err(|e| match e {
            AppError::Invalid { reason, .. } if !parent.is_empty() => {
                AppError::invalid(Field::Parent, reason)
            }
            other => other,
        })?;
    if space.slug == super::spaces::COMMUNITY
        && paths::RESERVED.contains(&path.split('/').next().unwrap_or_default())
    {
        return Err(AppError::invalid(Field::Title, InvalidReason::Duplicate));
    }
    if access::page(db.read(), &space, &path).await?.is_some() {
        return Err(AppError::invalid(Field::Title, InvalidReason::Duplicate));
    }
    let viewer = access::signed_in(audience)?.user_id;
    let input = SaveInput {
        title,
        source: source.to_owned(),
        summary: summary.to_owned(),
        origin,
        ..Default::default()
    };
    let outcome = match save_once(db, audience, viewer, &space, &path, &input).await {
        // Created by someone else a moment ago.
        Err(AppError::Conflict) => Err(AppError::invalid(Field::Title, InvalidReason::Duplicate)),
        other => other,
    }?;
    let page = access::page(db.read(), &space, &path)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((page_ref(&space, &page), outcome))
}

async fn save_once(
    db: &Db,
    audience: &Audience,
    viewer: i32,
    space: &wiki_space::Model,
    path: &str,
    input: &SaveInput,
) -> Result<SaveOutcome, AppError> {
    let summary = check_summary(&input.summary)?;
    // Read without a lock: the write below happens only if the page is still as read here.
    let existing = wiki_page::Entity::find()
        .filter(wiki_page::Column::SpaceId.eq(space.id))
        .filter(wiki_page::Column::Path.eq(path))
        .one(db.read())
        .await?;
    access::check_edit(audience, space, existing.as_ref())?;
    let now = Utc::now();
    let Some(page) = existing else {
        if input.base != 0 {
            return Err(AppError::invalid(Field::Base, InvalidReason::Missing));
        }
        if input.section.is_some() {
            return Err(AppError::invalid(Field::Section, InvalidReason::Missing));
        }
        let title = check_title(&input.title)?;
        let source = check_source(&input.source)?;
        if merge::has_marks(&source) {
            return Err(AppError::invalid(Field::Source, InvalidReason::Unresolved));
        }
        let (html, links) = render(db.read(), space, &source).await?;
        let size = source.len() as i32;
        let txn = db.write().begin().await?;
        // Created by someone else since it was read: a unique path, so `Conflict`, and a retry.
        let created = wiki_page::ActiveModel {
            space_id: Set(space.id),
            path: Set(path.to_owned()),
            title: Set(title.clone()),
            source: Set(source.clone()),
            html: Set(html),
            revision_number: Set(1),
            size: Set(size),
            protected: Set(false),
            updated_by: Set(Some(viewer)),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        insert_revision(&txn, &created, viewer, &summary, 0, input.origin.clone()).await?;
        links::set_links(&txn, created.id, space.id, &links).await?;
        links::refresh_linking_pages(&txn, space, path).await?;
        watch(&txn, viewer, created.id).await?;
        txn.commit().await?;
        return Ok(SaveOutcome::Saved {
            number: 1,
            merged: false,
        });
    };

    let current = page.revision_number;
    if input.base < 0 || input.base > current {
        return Err(AppError::invalid(Field::Base, InvalidReason::Missing));
    }
    let base_source = if input.base == current {
        page.source.clone()
    } else if input.base == 0 {
        // The page did not exist when the editor opened it; someone created it since.
        String::new()
    } else {
        wiki_revision::Entity::find()
            .filter(wiki_revision::Column::PageId.eq(page.id))
            .filter(wiki_revision::Column::Number.eq(input.base))
            .one(db.read())
            .await?
            .ok_or(AppError::invalid(Field::Base, InvalidReason::Missing))?
            .source
    };
    let mine = match input.section {
        Some(number) => sections::replace(&base_source, number, &input.source)
            .ok_or(AppError::invalid(Field::Section, InvalidReason::Missing))?,
        None => input.source.clone(),
    };
    let mine = check_source(&mine)?;
    if merge::has_marks(&mine) {
        return Err(AppError::invalid(Field::Source, InvalidReason::Unresolved));
    }
    let (text, merged) = if input.base == current {
        (mine, false)
    } else {
        let result = merge::merge(&base_source, &mine, &page.source);
        match result.text() {
            Some(text) => (check_source(&text)?, true),
            None => {
                let author = match page.updated_by {
                    Some(id) => people(db.read(), [id]).await?.remove(&id),
                    None => None,
                };
                return Ok(SaveOutcome::Conflict(conflict_view(
                    &result, current, author, mine,
                )));
            }
        }
    };
    if text == page.source {
        return Ok(SaveOutcome::Unchanged);
    }
    let (html, links) = render(db.read(), space, &text).await?;
    let number = current + 1;
    let size = text.len() as i32;
    let txn = db.write().begin().await?;
    // Only if nobody saved since this save read the page (else: Conflict, and a new attempt).
    let updated = wiki_page::Entity::update_many()
        .col_expr(wiki_page::Column::Source, Expr::value(text.clone()))
        .col_expr(wiki_page::Column::Html, Expr::value(html))
        .col_expr(wiki_page::Column::RevisionNumber, Expr::value(number))
        .col_expr(wiki_page::Column::Size, Expr::value(size))
        .col_expr(wiki_page::Column::UpdatedBy, Expr::value(viewer))
        .col_expr(wiki_page::Column::UpdatedAt, Expr::value(now))
        .filter(wiki_page::Column::Id.eq(page.id))
        .filter(wiki_page::Column::RevisionNumber.eq(current))
        .exec(&txn)
        .await?;
    if updated.rows_affected != 1 {
        return Err(AppError::Conflict);
    }
    let saved = wiki_page::Model {
        source: text,
        revision_number: number,
        size,
        ..page.clone()
    };
    insert_revision(
        &txn,
        &saved,
        viewer,
        &summary,
        page.size,
        input.origin.clone(),
    )
    .await?;
    links::set_links(&txn, page.id, space.id, &links).await?;
    watch(&txn, viewer, page.id).await?;
    txn.commit().await?;
    Ok(SaveOutcome::Saved { number, merged })
}

fn conflict_view(
    result: &merge::Merge,
    their_revision: i32,
    their_author: Option<crate::features::wiki::types::Person>,
    mine: String,
) -> ConflictView {
    let parts = result
        .chunks
        .iter()
        .map(|chunk| match chunk {
            merge::Chunk::Clean(lines) => ConflictPart::Same(lines.concat()),
            merge::Chunk::Conflict { mine, theirs, .. } => ConflictPart::Conflict {
                mine: mine.concat(),
                theirs: theirs.concat(),
            },
        })
        .collect();
    ConflictView {
        parts,
        conflicts: result.conflicts(),
        their_revision,
        their_author,
        mine,
    }
}

/// Where a save from `base` with the text `mine` stands against the page as it is now.
pub enum Recheck {
    Conflict(ConflictView),
    /// It merges cleanly now: the merged text.
    Merged(String),
}

/// Recomputes a conflict for the page that shows it after a plain form post.
pub async fn recheck(
    db: &Db,
    page: &wiki_page::Model,
    base: i32,
    mine: &str,
) -> Result<Recheck, AppError> {
    let base_source = if base == 0 {
        String::new()
    } else {
        wiki_revision::Entity::find()
            .filter(wiki_revision::Column::PageId.eq(page.id))
            .filter(wiki_revision::Column::Number.eq(base))
            .one(db.read())
            .await?
            .ok_or(AppError::invalid(Field::Base, InvalidReason::Missing))?
            .source
    };
    let mine = crate::features::wiki::text::normalise(mine);
    let result = merge::merge(&base_source, &mine, &page.source);
    if let Some(text) = result.text() {
        return Ok(Recheck::Merged(text));
    }
    let author = match page.updated_by {
        Some(id) => people(db.read(), [id]).await?.remove(&id),
        None => None,
    };
    Ok(Recheck::Conflict(conflict_view(
        &result,
        page.revision_number,
        author,
        mine,
    )))
}

async fn insert_revision(
    txn: &DatabaseTransaction,
    page: &wiki_page::Model,
    author: i32,
    summary: &str,
    previous_size: i32,
    origin: Option<String>,
) -> Result<(), AppError> {
    wiki_revision::ActiveModel {
        page_id: Set(page.id),
        number: Set(page.revision_number),
        title: Set(page.title.clone()),
        source: Set(page.source.clone()),
        summary: Set(summary.to_owned()),
        author_id: Set(Some(author)),
        size: Set(page.size),
        size_delta: Set(page.size - previous_size),
        origin: Set(origin),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(())
}

/// The editor of a page watches it (as a thread's writers watch the thread).
pub(super) async fn watch(
    db: &impl ConnectionTrait,
    user_id: i32,
    page_id: i32,
) -> Result<(), AppError> {
    subscription::Entity::insert(subscription::ActiveModel {
        user_id: Set(user_id),
        kind: Set(WATCH_KIND.to_owned()),
        target_id: Set(page_id),
        created_at: Set(Utc::now()),
    })
    .on_conflict(
        OnConflict::columns([
            subscription::Column::UserId,
            subscription::Column::Kind,
            subscription::Column::TargetId,
        ])
        .do_nothing()
        .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(())
}

pub const WATCH_KIND: &str = "wiki_page";

/// Restores revision `number` as a new revision (the history keeps everything in between).
pub async fn restore(
    db: &Db,
    audience: &Audience,
    space_slug: &str,
    path: &str,
    number: i32,
) -> Result<SaveOutcome, AppError> {
    let space = access::space(db, audience, space_slug).await?;
    let page = access::page(db.read(), &space, path)
        .await?
        .ok_or(AppError::NotFound)?;
    access::check_edit(audience, &space, Some(&page))?;
    let old = wiki_revision::Entity::find()
        .filter(wiki_revision::Column::PageId.eq(page.id))
        .filter(wiki_revision::Column::Number.eq(number))
        .one(db.read())
        .await?
        .ok_or(AppError::invalid(Field::Revision, InvalidReason::Missing))?;
    save(
        db,
        audience,
        space_slug,
        path,
        SaveInput {
            title: page.title.clone(),
            source: old.source,
            base: page.revision_number,
            section: None,
            summary: String::new(),
            origin: Some(format!("restore:{number}")),
        },
    )
    .await
}

/// Protects or unprotects a page (staff), in the audit log.
pub async fn protect(
    db: &Db,
    audience: &Audience,
    space_slug: &str,
    path: &str,
    protected: bool,
) -> Result<(), AppError> {
    access::require_team(audience)?;
    let space = access::space(db, audience, space_slug).await?;
    let page = access::page(db.read(), &space, path)
        .await?
        .ok_or(AppError::NotFound)?;
    let txn = db.write().begin().await?;
    wiki_page::Entity::update_many()
        .col_expr(wiki_page::Column::Protected, Expr::value(protected))
        .filter(wiki_page::Column::Id.eq(page.id))
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        AuditRecord {
            actor: audience.viewer().map(|v| v.user_id),
            action: if protected {
                AuditAction::WikiProtect
            } else {
                AuditAction::WikiUnprotect
            },
            target: format!("wiki_page:{}", page.id),
            before: Some(page.protected),
            after: Some(protected),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
