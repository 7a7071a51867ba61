//! Replying, editing (every earlier version kept and visible), and soft deletion by the author
//! or staff.
use sea_orm::{
    sea_query::{Expr, ExprTrait},
    ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait,
};
use serde::Serialize;

use super::{access, check_body, check_title, now, people, threads};
use crate::{
    error::AppError,
    features::forum::types::{EditForm, PostHistory, Revision},
    server::{
        access::Audience,
        audit::{self, AuditAction, AuditRecord},
        entities::{post, post_revision, thread},
        Db,
    },
};
use crate::{kernel::draft::DraftKey, server::drafts};

/// Replies to a thread. Refused in a locked thread (except for staff) and where the person may
/// not post; nothing is saved on bad input.
pub async fn reply(
    db: &Db,
    audience: &Audience,
    thread_id: i32,
    body: &str,
) -> Result<i32, AppError> {
    let viewer = access::signed_in(audience)?;
    let (t, category) = access::find_thread(db, audience, thread_id).await?;
    if !access::may_post_in(audience, &category) {
        return Err(AppError::Forbidden);
    }
    if t.locked && !audience.is_team() {
        return Err(AppError::Locked);
    }
    let body = check_body(db.read(), body).await?;
    let txn = db.write().begin().await?;
    let id = threads::insert_post(&txn, t.id, viewer.user_id, &body).await?;
    thread::Entity::update_many()
        .col_expr(thread::Column::LastActivityAt, Expr::value(now()))
        .col_expr(thread::Column::LastPostId, Expr::value(id))
        .col_expr(
            thread::Column::ReplyCount,
            Expr::col(thread::Column::ReplyCount).add(1),
        )
        .filter(thread::Column::Id.eq(t.id))
        .exec(&txn)
        .await?;
    drafts::discard(&txn, viewer.user_id, &DraftKey::Reply(t.id)).await?;
    threads::watch_in(&txn, viewer.user_id, t.id).await?;
    threads::read_up_to(&txn, viewer.user_id, t.id, id).await?;
    txn.commit().await?;
    Ok(id)
}

/// What the edit form starts from: the saved draft of this edit, else the post as it is.
pub async fn edit_form(db: &Db, audience: &Audience, post_id: i32) -> Result<EditForm, AppError> {
    let viewer = access::signed_in(audience)?;
    let (p, t, _) = editable(db, audience, post_id).await?;
    let opening = threads::opening_post(db.read(), t.id).await?.id == p.id;
    let draft = drafts::load(db, viewer.user_id, &DraftKey::Edit(p.id)).await?;
    let (title, body) = match draft {
        Some((title, body)) => (opening.then_some(title), body),
        None => (opening.then(|| t.title.clone()), p.source.clone()),
    };
    Ok(EditForm {
        post_id: p.id,
        thread_id: t.id,
        thread_title: t.title,
        title,
        body,
    })
}

/// The post if the person may edit it: its author (not in a locked thread) or staff.
async fn editable(
    db: &Db,
    audience: &Audience,
    post_id: i32,
) -> Result<
    (
        post::Model,
        thread::Model,
        crate::server::entities::category::Model,
    ),
    AppError,
> {
    let viewer = access::signed_in(audience)?;
    let (p, t, c) = access::find_post(db, audience, post_id).await?;
    if p.deleted_at.is_some() {
        return Err(AppError::NotFound);
    }
    let own = p.author_id == Some(viewer.user_id);
    if !own && !audience.is_team() {
        return Err(AppError::Forbidden);
    }
    if t.locked && !audience.is_team() {
        return Err(AppError::Locked);
    }
    Ok((p, t, c))
}

#[derive(Serialize)]
struct AuditedText<'a> {
    title: Option<&'a str>,
    text: &'a str,
}

/// Edits a post (and, for the first post, the thread's title). The version it replaces is kept.
pub async fn edit(
    db: &Db,
    audience: &Audience,
    post_id: i32,
    title: Option<&str>,
    body: &str,
) -> Result<i32, AppError> {
    let viewer = access::signed_in(audience)?;
    let (p, t, _) = editable(db, audience, post_id).await?;
    let opening = threads::opening_post(db.read(), t.id).await?.id == p.id;
    let title = if opening {
        Some(check_title(title.unwrap_or_default())?)
    } else {
        None
    };
    let body = check_body(db.read(), body).await?;
    let title_changed = title.as_ref().is_some_and(|new| *new != t.title);
    if body.source == p.source && !title_changed {
        drafts::discard(db.write(), viewer.user_id, &DraftKey::Edit(p.id)).await?;
        return Ok(t.id);
    }
    let at = now();
    let txn = db.write().begin().await?;
    post_revision::ActiveModel {
        post_id: Set(p.id),
        source: Set(p.source.clone()),
        title: Set(opening.then(|| t.title.clone())),
        written_by: Set(p.edited_by.or(p.author_id)),
        written_at: Set(p.edited_at.unwrap_or(p.created_at)),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    post::Entity::update_many()
        .col_expr(post::Column::Source, Expr::value(body.source.clone()))
        .col_expr(post::Column::Html, Expr::value(body.html.clone()))
        .col_expr(post::Column::EditedAt, Expr::value(at))
        .col_expr(post::Column::EditedBy, Expr::value(viewer.user_id))
        .col_expr(
            post::Column::EditCount,
            Expr::col(post::Column::EditCount).add(1),
        )
        .filter(post::Column::Id.eq(p.id))
        .exec(&txn)
        .await?;
    if let Some(title) = &title {
        thread::Entity::update_many()
            .col_expr(thread::Column::Title, Expr::value(title.clone()))
            .filter(thread::Column::Id.eq(t.id))
            .exec(&txn)
            .await?;
    }
    threads::add_mentions(&txn, p.id, &body.mentioned).await?;
    drafts::discard(&txn, viewer.user_id, &DraftKey::Edit(p.id)).await?;
    if p.author_id != Some(viewer.user_id) {
        audit::record(
            &txn,
            AuditRecord {
                actor: Some(viewer.user_id),
                action: AuditAction::ForumEditPost,
                target: format!("post:{}", p.id),
                before: Some(AuditedText {
                    title: opening.then_some(t.title.as_str()),
                    text: &p.source,
                }),
                after: Some(AuditedText {
                    title: title.as_deref(),
                    text: &body.source,
                }),
            },
        )
        .await?;
    }
    txn.commit().await?;
    Ok(t.id)
}

/// What deleting did: the thread is gone too when its first post was deleted.
pub struct Deleted {
    pub thread_id: i32,
    pub category_slug: String,
    pub thread_deleted: bool,
}

/// Soft-deletes a post (its author or staff). Deleting the first post deletes the thread.
pub async fn delete(db: &Db, audience: &Audience, post_id: i32) -> Result<Deleted, AppError> {
    let viewer = access::signed_in(audience)?;
    let (p, t, category) = access::find_post(db, audience, post_id).await?;
    let own = p.author_id == Some(viewer.user_id);
    if !own && !audience.is_team() {
        return Err(AppError::Forbidden);
    }
    let opening = threads::opening_post(db.read(), t.id).await?.id == p.id;
    let outcome = Deleted {
        thread_id: t.id,
        category_slug: category.slug.clone(),
        thread_deleted: opening,
    };
    if p.deleted_at.is_some() {
        return Ok(outcome);
    }
    let at = now();
    let txn = db.write().begin().await?;
    post::Entity::update_many()
        .col_expr(post::Column::DeletedAt, Expr::value(at))
        .col_expr(post::Column::DeletedBy, Expr::value(viewer.user_id))
        .filter(post::Column::Id.eq(p.id))
        .exec(&txn)
        .await?;
    let mut update = thread::Entity::update_many().filter(thread::Column::Id.eq(t.id));
    if opening {
        update = update.col_expr(thread::Column::DeletedAt, Expr::value(at));
    } else if !p.hidden {
        update = update.col_expr(
            thread::Column::ReplyCount,
            Expr::col(thread::Column::ReplyCount).sub(1),
        );
    }
    if t.accepted_post_id == Some(p.id) {
        update = update.col_expr(
            thread::Column::AcceptedPostId,
            Expr::value(Option::<i32>::None),
        );
    }
    update.exec(&txn).await?;
    if opening && !t.hidden {
        super::categories::adjust(&txn, t.category_id, -1).await?;
    }
    if !own {
        audit::record(
            &txn,
            AuditRecord::<_, ()> {
                actor: Some(viewer.user_id),
                action: if opening {
                    AuditAction::ForumDeleteThread
                } else {
                    AuditAction::ForumDeletePost
                },
                target: format!("post:{}", p.id),
                before: Some(AuditedText {
                    title: opening.then_some(t.title.as_str()),
                    text: &p.source,
                }),
                after: None,
            },
        )
        .await?;
    }
    txn.commit().await?;
    Ok(outcome)
}

/// Every version of a post, newest first (the current one included). A deleted post's history
/// is staff's only.
pub async fn history(db: &Db, audience: &Audience, post_id: i32) -> Result<PostHistory, AppError> {
    let (p, t, _) = access::find_post(db, audience, post_id).await?;
    if p.deleted_at.is_some() && !audience.is_team() {
        return Err(AppError::NotFound);
    }
    let opening = threads::opening_post(db.read(), t.id).await?.id == p.id;
    let older = post_revision::Entity::find()
        .filter(post_revision::Column::PostId.eq(p.id))
        .order_by_desc(post_revision::Column::Id)
        .all(db.read())
        .await?;
    let writers = people(
        db.read(),
        older
            .iter()
            .filter_map(|r| r.written_by)
            .chain(p.edited_by.or(p.author_id)),
    )
    .await?;
    let mut revisions = vec![Revision {
        title: opening.then(|| t.title.clone()),
        source: p.source.clone(),
        written_by: p
            .edited_by
            .or(p.author_id)
            .and_then(|id| writers.get(&id).cloned()),
        written_at: p.edited_at.unwrap_or(p.created_at),
        current: true,
    }];
    revisions.extend(older.into_iter().map(|r| Revision {
        title: r.title,
        source: r.source,
        written_by: r.written_by.and_then(|id| writers.get(&id).cloned()),
        written_at: r.written_at,
        current: false,
    }));
    Ok(PostHistory {
        post_id: p.id,
        thread_id: t.id,
        thread_title: t.title,
        revisions,
    })
}

/// The text of a post to quote in a reply on the same thread: its author's username and its
/// source. Not found when the audience may not see it or it is deleted.
pub async fn quote(
    db: &Db,
    audience: &Audience,
    thread_id: i32,
    post_id: i32,
) -> Result<(Option<String>, String), AppError> {
    let (p, t, _) = access::find_post(db, audience, post_id).await?;
    if t.id != thread_id || p.deleted_at.is_some() {
        return Err(AppError::NotFound);
    }
    let author = people(db.read(), p.author_id)
        .await?
        .into_values()
        .next()
        .map(|person| person.username);
    Ok((author, p.source))
}
