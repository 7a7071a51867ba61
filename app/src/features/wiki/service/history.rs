//! The past of pages: a page's history (newest first, in pages of 50), the difference between
//! any two revisions, and the community's recent changes (filterable by space, and as a feed of
//! public changes). Only visible spaces' pages ever appear.
use crate::error::Field;
use std::collections::HashMap;

use sea_orm::{sea_query::Query, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::{access, page_ref, pages::find, people, space_info};
use crate::{
    error::{AppError, InvalidReason},
    features::wiki::{
        text::diff,
        types::{
            History, HistoryEntry, Person, RecentChange, RecentChanges, RevisionDiff,
            HISTORY_PER_PAGE,
        },
    },
    server::{
        access::Audience,
        entities::{wiki_page, wiki_revision, wiki_space},
        Db,
    },
};

fn entry(revision: &wiki_revision::Model, names: &HashMap<i32, Person>) -> HistoryEntry {
    HistoryEntry {
        number: revision.number,
        title: revision.title.clone(),
        author: revision.author_id.and_then(|id| names.get(&id).cloned()),
        at: revision.created_at,
        summary: revision.summary.clone(),
        size: revision.size,
        size_delta: revision.size_delta,
        origin: revision.origin.clone(),
    }
}

/// A page's revisions, newest first; `before` continues below a revision number.
pub async fn history(
    db: &Db,
    audience: &Audience,
    space_slug: &str,
    path: &str,
    before: Option<i32>,
) -> Result<History, AppError> {
    let (space, page) = find(db, audience, space_slug, path).await?;
    let mut query = wiki_revision::Entity::find()
        .select_only()
        .columns([
            wiki_revision::Column::Id,
            wiki_revision::Column::PageId,
            wiki_revision::Column::Number,
            wiki_revision::Column::Title,
            wiki_revision::Column::Summary,
            wiki_revision::Column::AuthorId,
            wiki_revision::Column::Size,
            wiki_revision::Column::SizeDelta,
            wiki_revision::Column::Origin,
            wiki_revision::Column::CreatedAt,
        ])
        // The texts are not needed for the list.
        .column_as(sea_orm::sea_query::Expr::val(""), "source")
        .filter(wiki_revision::Column::PageId.eq(page.id));
    if let Some(before) = before {
        query = query.filter(wiki_revision::Column::Number.lt(before));
    }
    let mut rows = query
        .order_by_desc(wiki_revision::Column::Number)
        .limit(HISTORY_PER_PAGE + 1)
        .all(db.read())
        .await?;
    let older = if rows.len() as u64 > HISTORY_PER_PAGE {
        rows.truncate(HISTORY_PER_PAGE as usize);
        rows.last().map(|r| r.number)
    } else {
        None
    };
    let names = people(db.read(), rows.iter().filter_map(|r| r.author_id)).await?;
    Ok(History {
        space: space_info(&space, 0),
        page: page_ref(&space, &page),
        current: page.revision_number,
        entries: rows.iter().map(|r| entry(r, &names)).collect(),
        older,
        may_edit: access::may_edit(audience, &space, &page),
    })
}

/// The difference between revisions `from` and `to` of a page.
pub async fn compare(
    db: &Db,
    audience: &Audience,
    space_slug: &str,
    path: &str,
    from: i32,
    to: i32,
) -> Result<RevisionDiff, AppError> {
    let (space, page) = find(db, audience, space_slug, path).await?;
    let revisions = wiki_revision::Entity::find()
        .filter(wiki_revision::Column::PageId.eq(page.id))
        .filter(wiki_revision::Column::Number.is_in([from, to]))
        .all(db.read())
        .await?;
    let pick = |n: i32, field: Field| {
        revisions
            .iter()
            .find(|r| r.number == n)
            .cloned()
            .ok_or(AppError::invalid(field, InvalidReason::Missing))
    };
    let (old, new) = (pick(from, Field::Revision)?, pick(to, Field::Revision)?);
    let names = people(
        db.read(),
        [old.author_id, new.author_id].into_iter().flatten(),
    )
    .await?;
    Ok(RevisionDiff {
        space: space_info(&space, 0),
        page: page_ref(&space, &page),
        diff: diff::diff(&old.source, &new.source),
        from: entry(&old, &names),
        to: entry(&new, &names),
        may_edit: access::may_edit(audience, &space, &page),
        current: page.revision_number,
    })
}

/// Recent changes in the visible spaces (or one of them), newest first; `before` is a cursor
/// (a revision id) for older ones.
pub async fn recent(
    db: &Db,
    audience: &Audience,
    space_slug: Option<&str>,
    before: Option<&str>,
    count: u64,
) -> Result<RecentChanges, AppError> {
    let all = access::spaces(db, audience).await?;
    let chosen: Vec<&wiki_space::Model> = match space_slug.filter(|s| !s.is_empty()) {
        Some(slug) => vec![all
            .iter()
            .find(|s| s.slug == slug)
            .ok_or(AppError::invalid(Field::Space, InvalidReason::Unknown))?],
        None => all.iter().collect(),
    };
    let before = match before.filter(|b| !b.is_empty()) {
        Some(text) => Some(
            text.parse::<i32>()
                .map_err(|_| AppError::invalid(Field::Cursor, InvalidReason::Malformed))?,
        ),
        None => None,
    };
    let spaces: HashMap<i32, &wiki_space::Model> = chosen.iter().map(|s| (s.id, *s)).collect();
    let mut changes = Vec::new();
    let mut older = None;
    if !spaces.is_empty() {
        let in_spaces = Query::select()
            .column(wiki_page::Column::Id)
            .from(wiki_page::Entity)
            .and_where(wiki_page::Column::SpaceId.is_in(spaces.keys().copied()))
            .to_owned();
        let mut query = wiki_revision::Entity::find()
            .filter(wiki_revision::Column::PageId.in_subquery(in_spaces));
        if let Some(before) = before {
            query = query.filter(wiki_revision::Column::Id.lt(before));
        }
        let mut rows = query
            .order_by_desc(wiki_revision::Column::Id)
            .limit(count + 1)
            .all(db.read())
            .await?;
        if rows.len() as u64 > count {
            rows.truncate(count as usize);
            older = rows.last().map(|r| r.id.to_string());
        }
        let pages: HashMap<i32, wiki_page::Model> = wiki_page::Entity::find()
            .filter(wiki_page::Column::Id.is_in(rows.iter().map(|r| r.page_id)))
            .all(db.read())
            .await?
            .into_iter()
            .map(|p| (p.id, p))
            .collect();
        let names = people(db.read(), rows.iter().filter_map(|r| r.author_id)).await?;
        for row in &rows {
            let Some(page) = pages.get(&row.page_id) else {
                continue;
            };
            let Some(space) = spaces.get(&page.space_id) else {
                continue;
            };
            changes.push(RecentChange {
                space: space.name.clone(),
                page: page_ref(space, page),
                number: row.number,
                author: row.author_id.and_then(|id| names.get(&id).cloned()),
                at: row.created_at,
                summary: row.summary.clone(),
                size_delta: row.size_delta,
            });
        }
    }
    Ok(RecentChanges {
        spaces: all.iter().map(|s| space_info(s, 0)).collect(),
        space: space_slug.filter(|s| !s.is_empty()).map(str::to_owned),
        changes,
        older,
    })
}
