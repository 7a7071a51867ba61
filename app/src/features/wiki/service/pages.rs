//! Reading pages: the page as shown (one row: the current text and HTML, never the history),
//! its table of contents, where it sits in the hierarchy, the edit form, backlinks; and staff's
//! marks on a page: validated by whom, to be reviewed when.
use crate::error::Field;
use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{
    sea_query::Expr, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    TransactionTrait,
};

use super::{access, page_ref, people, saving::WATCH_KIND, space_info};
use crate::{
    error::{AppError, InvalidReason},
    features::wiki::{
        text::{paths, sections},
        types::{Backlinks, EditForm, PageOrMissing, PageView, ReviewItem, TocEntry, Validation},
    },
    server::{
        access::Audience,
        audit::{self, AuditAction, AuditRecord},
        entities::{subscription, wiki_link, wiki_page, wiki_space},
        Db,
    },
};

/// Children listed under a page.
const CHILDREN_MAX: u64 = 200;

/// A readable title for a path that has no page yet: its last part, words capitalised.
pub fn title_from_path(path: &str) -> String {
    let last = path.rsplit('/').next().unwrap_or(path).replace('-', " ");
    let mut chars = last.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

pub fn toc(source: &str) -> Vec<TocEntry> {
    sections::headings(source)
        .into_iter()
        .enumerate()
        .map(|(n, h)| TocEntry {
            level: h.level,
            title: h.title,
            anchor: h.anchor,
            section: n + 1,
        })
        .collect()
}

pub async fn view(
    db: &Db,
    audience: &Audience,
    space_slug: &str,
    path: &str,
) -> Result<PageOrMissing, AppError> {
    let space = access::space(db, audience, space_slug).await?;
    let Some(page) = access::page(db.read(), &space, path).await? else {
        return Ok(PageOrMissing::Missing {
            space: space_info(&space, 0),
            path: path.to_owned(),
            title: title_from_path(path),
            may_create: access::may_write_in(audience, &space),
        });
    };
    let around = paths::ancestors(path);
    let prefix = format!("{path}/");
    let ancestors_and_children = wiki_page::Entity::find()
        .filter(wiki_page::Column::SpaceId.eq(space.id))
        .filter(
            sea_orm::Condition::any()
                .add(wiki_page::Column::Path.is_in(around.clone()))
                .add(wiki_page::Column::Path.starts_with(&prefix)),
        )
        .order_by_asc(wiki_page::Column::Path)
        .limit(CHILDREN_MAX + around.len() as u64)
        .all(db.read())
        .await?;
    let (mut ancestors, mut children) = (Vec::new(), Vec::new());
    for other in &ancestors_and_children {
        if let Some(rest) = other.path.strip_prefix(&prefix) {
            if !rest.contains('/') {
                children.push(page_ref(&space, other));
            }
        } else if let Some(at) = around.iter().position(|p| *p == other.path) {
            ancestors.push((at, page_ref(&space, other)));
        }
    }
    ancestors.sort_by_key(|(at, _)| *at);
    let mut names = people(
        db.read(),
        page.updated_by.into_iter().chain(page.validated_by),
    )
    .await?;
    let watching = match audience.viewer() {
        Some(viewer) => {
            subscription::Entity::find_by_id((viewer.user_id, WATCH_KIND.to_owned(), page.id))
                .one(db.read())
                .await?
                .is_some()
        }
        None => false,
    };
    let may_edit = access::may_edit(audience, &space, &page);
    let inline = may_edit && access::edits_inline(db, audience, &space).await?;
    let now = Utc::now();
    Ok(PageOrMissing::Page(Box::new(PageView {
        space: space_info(&space, 0),
        page: page_ref(&space, &page),
        toc: toc(&page.source),
        html: page.html.clone(),
        revision: page.revision_number,
        updated_at: page.updated_at,
        updated_by: page.updated_by.and_then(|id| names.get(&id).cloned()),
        protected: page.protected,
        validation: page.validated_at.map(|at| Validation {
            by: page.validated_by.and_then(|id| names.remove(&id)),
            at,
        }),
        review_at: page.review_at,
        review_due: page.review_at.is_some_and(|r| r <= now),
        ancestors: ancestors.into_iter().map(|(_, p)| p).collect(),
        children,
        may_edit,
        inline,
        is_team: audience.is_team(),
        signed_in: audience.viewer().is_some(),
        watching,
    })))
}

/// The edit form for a page (or one section of it); for a page that does not exist, the form
/// that writes it.
pub async fn edit_form(
    db: &Db,
    audience: &Audience,
    space_slug: &str,
    path: &str,
    section: Option<usize>,
) -> Result<EditForm, AppError> {
    let space = access::space(db, audience, space_slug).await?;
    let page = access::page(db.read(), &space, path).await?;
    access::check_edit(audience, &space, page.as_ref())?;
    Ok(match page {
        Some(page) => {
            let source = match section {
                Some(n) => sections::section(&page.source, n)
                    .ok_or(AppError::invalid(Field::Section, InvalidReason::Missing))?,
                None => page.source.clone(),
            };
            EditForm {
                space: space_info(&space, 0),
                page: page_ref(&space, &page),
                exists: true,
                base: page.revision_number,
                section,
                source,
                protected: page.protected,
            }
        }
        None => EditForm {
            space: space_info(&space, 0),
            page: crate::features::wiki::types::PageRef {
                title: title_from_path(path),
                path: path.to_owned(),
                url: format!("{}/{path}", super::base_of(&space)),
            },
            exists: false,
            base: 0,
            section: None,
            source: String::new(),
            protected: false,
        },
    })
}

/// The page row behind an address, when the audience may see it.
pub async fn find(
    db: &Db,
    audience: &Audience,
    space_slug: &str,
    path: &str,
) -> Result<(wiki_space::Model, wiki_page::Model), AppError> {
    let space = access::space(db, audience, space_slug).await?;
    let page = access::page(db.read(), &space, path)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((space, page))
}

/// "Pagine che puntano qui": the visible pages linking to this one (which may not exist yet).
pub async fn backlinks(
    db: &Db,
    audience: &Audience,
    space_slug: &str,
    path: &str,
) -> Result<Backlinks, AppError> {
    let space = access::space(db, audience, space_slug).await?;
    let ids: Vec<i32> = wiki_link::Entity::find()
        .filter(wiki_link::Column::SpaceId.eq(space.id))
        .filter(wiki_link::Column::Path.eq(path))
        .all(db.read())
        .await?
        .into_iter()
        .map(|l| l.page_id)
        .collect();
    let visible: HashMap<i32, wiki_space::Model> = access::spaces(db, audience)
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let linking = if ids.is_empty() {
        Vec::new()
    } else {
        wiki_page::Entity::find()
            .filter(wiki_page::Column::Id.is_in(ids))
            .filter(wiki_page::Column::SpaceId.is_in(visible.keys().copied()))
            .order_by_asc(wiki_page::Column::Title)
            .all(db.read())
            .await?
    };
    let page = access::page(db.read(), &space, path).await?;
    Ok(Backlinks {
        space: space_info(&space, 0),
        page: match &page {
            Some(p) => page_ref(&space, p),
            None => crate::features::wiki::types::PageRef {
                title: title_from_path(path),
                path: path.to_owned(),
                url: format!("{}/{path}", super::base_of(&space)),
            },
        },
        pages: linking
            .iter()
            .filter_map(|p| visible.get(&p.space_id).map(|s| page_ref(s, p)))
            .collect(),
    })
}

/// Watches or stops watching a page.
pub async fn set_watch(
    db: &Db,
    audience: &Audience,
    space_slug: &str,
    path: &str,
    on: bool,
) -> Result<(), AppError> {
    let viewer = access::signed_in(audience)?.user_id;
    let (_, page) = find(db, audience, space_slug, path).await?;
    if on {
        super::saving::watch(db.write(), viewer, page.id).await?;
    } else {
        subscription::Entity::delete_by_id((viewer, WATCH_KIND.to_owned(), page.id))
            .exec(db.write())
            .await?;
    }
    Ok(())
}

/// Staff mark a page as validated (by them, now) with the date of its next review; or remove
/// the mark. In the audit log.
pub async fn validate(
    db: &Db,
    audience: &Audience,
    space_slug: &str,
    path: &str,
    review_at: Option<DateTime<Utc>>,
    remove: bool,
) -> Result<(), AppError> {
    access::require_team(audience)?;
    let viewer = access::signed_in(audience)?.user_id;
    let (_, page) = find(db, audience, space_slug, path).await?;
    if !remove && review_at.is_some_and(|at| at <= Utc::now()) {
        return Err(AppError::invalid(Field::ReviewAt, InvalidReason::Malformed));
    }
    let txn = db.write().begin().await?;
    let (by, at, review) = if remove {
        (None, None, None)
    } else {
        (Some(viewer), Some(Utc::now()), review_at)
    };
    wiki_page::Entity::update_many()
        .col_expr(wiki_page::Column::ValidatedBy, Expr::value(by))
        .col_expr(wiki_page::Column::ValidatedAt, Expr::value(at))
        .col_expr(wiki_page::Column::ReviewAt, Expr::value(review))
        .filter(wiki_page::Column::Id.eq(page.id))
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        AuditRecord {
            actor: Some(viewer),
            action: if remove {
                AuditAction::WikiUnvalidate
            } else {
                AuditAction::WikiValidate
            },
            target: format!("wiki_page:{}", page.id),
            before: Some(page.review_at.map(|r| r.to_rfc3339())),
            after: Some(review.map(|r| r.to_rfc3339())),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Pages whose review date has passed (staff), the most overdue first.
pub async fn review_due(db: &Db, audience: &Audience) -> Result<Vec<ReviewItem>, AppError> {
    access::require_team(audience)?;
    let spaces: HashMap<i32, wiki_space::Model> = access::spaces(db, audience)
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let due = wiki_page::Entity::find()
        .filter(wiki_page::Column::ReviewAt.lte(Utc::now()))
        .order_by_asc(wiki_page::Column::ReviewAt)
        .limit(500)
        .all(db.read())
        .await?;
    let names = people(db.read(), due.iter().filter_map(|p| p.validated_by)).await?;
    Ok(due
        .iter()
        .filter_map(|p| {
            let space = spaces.get(&p.space_id)?;
            Some(ReviewItem {
                space: space.name.clone(),
                page: page_ref(space, p),
                review_at: p.review_at?,
                validated_by: p.validated_by.and_then(|id| names.get(&id).cloned()),
            })
        })
        .collect())
}
