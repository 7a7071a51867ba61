//! Moderation: staff pin, lock, hide and move threads and hide posts; anyone signed in reports a
//! post with a reason, and staff work through the queue. Rights are checked here, on the
//! server, and every staff action goes to the audit log in the same transaction.
use crate::error::Field;
use std::collections::HashMap;

use sea_orm::{
    sea_query::{Expr, ExprTrait},
    ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
    TransactionTrait,
};
use serde::Serialize;

use super::{access, excerpt, now, people, threads};
use crate::{
    error::{AppError, InvalidReason},
    features::forum::types::{ReportView, ThreadAction, REASON_MAX},
    server::{
        access::Audience,
        audit::{self, AuditAction, AuditRecord},
        entities::{post, post_report, thread},
        Db,
    },
};

#[derive(Serialize)]
struct AuditedThread {
    pinned: bool,
    locked: bool,
    hidden: bool,
    category_id: i32,
}

impl From<&thread::Model> for AuditedThread {
    fn from(t: &thread::Model) -> Self {
        AuditedThread {
            pinned: t.pinned,
            locked: t.locked,
            hidden: t.hidden,
            category_id: t.category_id,
        }
    }
}

/// Pins, locks or hides a thread (or undoes it). Staff only.
pub async fn thread_action(
    db: &Db,
    audience: &Audience,
    thread_id: i32,
    action: ThreadAction,
) -> Result<(), AppError> {
    access::require_team(audience)?;
    let (t, _) = access::find_thread(db, audience, thread_id).await?;
    let mut after = t.clone();
    let (column, value) = match action {
        ThreadAction::Pin | ThreadAction::Unpin => {
            after.pinned = action == ThreadAction::Pin;
            (thread::Column::Pinned, after.pinned)
        }
        ThreadAction::Lock | ThreadAction::Unlock => {
            after.locked = action == ThreadAction::Lock;
            (thread::Column::Locked, after.locked)
        }
        ThreadAction::Hide | ThreadAction::Unhide => {
            after.hidden = action == ThreadAction::Hide;
            (thread::Column::Hidden, after.hidden)
        }
    };
    let txn = db.write().begin().await?;
    thread::Entity::update_many()
        .col_expr(column, Expr::value(value))
        .filter(thread::Column::Id.eq(t.id))
        .exec(&txn)
        .await?;
    if after.hidden != t.hidden {
        let delta = if after.hidden { -1 } else { 1 };
        super::categories::adjust(&txn, t.category_id, delta).await?;
    }
    audit::record(
        &txn,
        AuditRecord {
            actor: audience.viewer().map(|v| v.user_id),
            action: match action {
                ThreadAction::Pin => AuditAction::ForumPin,
                ThreadAction::Unpin => AuditAction::ForumUnpin,
                ThreadAction::Lock => AuditAction::ForumLock,
                ThreadAction::Unlock => AuditAction::ForumUnlock,
                ThreadAction::Hide => AuditAction::ForumHide,
                ThreadAction::Unhide => AuditAction::ForumUnhide,
            },
            target: format!("thread:{}", t.id),
            before: Some(AuditedThread::from(&t)),
            after: Some(AuditedThread::from(&after)),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Moves a thread to another category (its scope follows the new category). Staff only.
pub async fn move_thread(
    db: &Db,
    audience: &Audience,
    thread_id: i32,
    category_id: i32,
) -> Result<(), AppError> {
    access::require_team(audience)?;
    let (t, _) = access::find_thread(db, audience, thread_id).await?;
    let target = access::find_category_by_id(db, audience, category_id)
        .await
        .map_err(|_| AppError::invalid(Field::Category, InvalidReason::Unknown))?;
    if target.id == t.category_id {
        return Ok(());
    }
    let txn = db.write().begin().await?;
    thread::Entity::update_many()
        .col_expr(thread::Column::CategoryId, Expr::value(target.id))
        .filter(thread::Column::Id.eq(t.id))
        .exec(&txn)
        .await?;
    if !t.hidden {
        super::categories::adjust(&txn, t.category_id, -1).await?;
        super::categories::adjust(&txn, target.id, 1).await?;
    }
    crate::lifecycle::thread_moved(&txn, t.id, &target).await?;
    audit::record(
        &txn,
        AuditRecord {
            actor: audience.viewer().map(|v| v.user_id),
            action: AuditAction::ForumMove,
            target: format!("thread:{}", t.id),
            before: Some(AuditedThread::from(&t)),
            after: Some(AuditedThread {
                category_id: target.id,
                ..AuditedThread::from(&t)
            }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

#[derive(Serialize)]
struct AuditedPost {
    hidden: bool,
}

/// Hides a post from everyone but staff, or shows it again. Staff only. Hiding resolves the
/// post's open reports. Returns the thread.
pub async fn set_post_hidden(
    db: &Db,
    audience: &Audience,
    post_id: i32,
    hidden: bool,
) -> Result<i32, AppError> {
    access::require_team(audience)?;
    let (p, t, _) = access::find_post(db, audience, post_id).await?;
    if threads::opening_post(db.read(), t.id).await?.id == p.id {
        // The first post stands for the thread: hide the thread instead.
        return Err(AppError::invalid(Field::Post, InvalidReason::Malformed));
    }
    if p.hidden == hidden {
        return Ok(t.id);
    }
    let viewer_id = audience.viewer().map(|v| v.user_id);
    let txn = db.write().begin().await?;
    post::Entity::update_many()
        .col_expr(post::Column::Hidden, Expr::value(hidden))
        .filter(post::Column::Id.eq(p.id))
        .exec(&txn)
        .await?;
    if p.deleted_at.is_none() {
        let change = if hidden { -1 } else { 1 };
        let mut update = thread::Entity::update_many()
            .col_expr(
                thread::Column::ReplyCount,
                Expr::col(thread::Column::ReplyCount).add(change),
            )
            .filter(thread::Column::Id.eq(t.id));
        if hidden && t.accepted_post_id == Some(p.id) {
            update = update.col_expr(
                thread::Column::AcceptedPostId,
                Expr::value(Option::<i32>::None),
            );
        }
        update.exec(&txn).await?;
    }
    if hidden {
        post_report::Entity::update_many()
            .col_expr(post_report::Column::ResolvedAt, Expr::value(now()))
            .col_expr(post_report::Column::ResolvedBy, Expr::value(viewer_id))
            .col_expr(post_report::Column::Resolution, Expr::value("hidden"))
            .filter(post_report::Column::PostId.eq(p.id))
            .filter(post_report::Column::ResolvedAt.is_null())
            .exec(&txn)
            .await?;
    }
    audit::record(
        &txn,
        AuditRecord {
            actor: viewer_id,
            action: if hidden {
                AuditAction::ForumHidePost
            } else {
                AuditAction::ForumUnhidePost
            },
            target: format!("post:{}", p.id),
            before: Some(AuditedPost { hidden: p.hidden }),
            after: Some(AuditedPost { hidden }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(t.id)
}

/// Reports a post to staff, with a reason. Once per person and post. Returns the thread.
pub async fn report(
    db: &Db,
    audience: &Audience,
    post_id: i32,
    reason: &str,
) -> Result<i32, AppError> {
    let viewer = access::signed_in(audience)?;
    let (p, t, _) = access::find_post(db, audience, post_id).await?;
    if p.deleted_at.is_some() {
        return Err(AppError::NotFound);
    }
    if p.author_id == Some(viewer.user_id) {
        return Err(AppError::Forbidden);
    }
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(AppError::invalid(Field::Reason, InvalidReason::Required));
    }
    if reason.chars().count() > REASON_MAX {
        return Err(AppError::invalid(
            Field::Reason,
            InvalidReason::TooLong { max: REASON_MAX },
        ));
    }
    let saved = post_report::ActiveModel {
        post_id: Set(p.id),
        user_id: Set(viewer.user_id),
        reason: Set(reason.to_owned()),
        created_at: Set(now()),
        ..Default::default()
    }
    .insert(db.write())
    .await;
    match saved {
        Ok(_) => Ok(t.id),
        Err(err) => match AppError::from(err) {
            AppError::Conflict => Err(AppError::invalid(Field::Reason, InvalidReason::AlreadyDone)),
            other => Err(other),
        },
    }
}

/// Open reports, oldest first (staff only): at most 200 at a time.
pub async fn queue(db: &Db, audience: &Audience) -> Result<Vec<ReportView>, AppError> {
    access::require_team(audience)?;
    let reports = post_report::Entity::find()
        .filter(post_report::Column::ResolvedAt.is_null())
        .order_by_asc(post_report::Column::Id)
        .limit(200)
        .all(db.read())
        .await?;
    let posts: HashMap<i32, post::Model> = post::Entity::find()
        .filter(post::Column::Id.is_in(reports.iter().map(|r| r.post_id)))
        .all(db.read())
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let threads: HashMap<i32, thread::Model> = thread::Entity::find()
        .filter(thread::Column::Id.is_in(posts.values().map(|p| p.thread_id)))
        .all(db.read())
        .await?
        .into_iter()
        .map(|t| (t.id, t))
        .collect();
    let names = people(
        db.read(),
        reports
            .iter()
            .map(|r| r.user_id)
            .chain(posts.values().filter_map(|p| p.author_id)),
    )
    .await?;
    Ok(reports
        .into_iter()
        .filter_map(|r| {
            let p = posts.get(&r.post_id)?;
            let t = threads.get(&p.thread_id)?;
            Some(ReportView {
                id: r.id,
                post_id: p.id,
                thread_id: t.id,
                thread_title: t.title.clone(),
                excerpt: excerpt(&p.source, 300),
                post_author: p.author_id.and_then(|id| names.get(&id).cloned()),
                post_hidden: p.hidden,
                reporter: names.get(&r.user_id).cloned(),
                reason: r.reason,
                created_at: r.created_at,
            })
        })
        .collect())
}

/// Staff close a report: "dismiss" (nothing wrong) or "hide" (hide the post, which closes every
/// open report on it).
pub async fn resolve(
    db: &Db,
    audience: &Audience,
    report_id: i32,
    decision: &str,
) -> Result<(), AppError> {
    access::require_team(audience)?;
    let found = post_report::Entity::find_by_id(report_id)
        .filter(post_report::Column::ResolvedAt.is_null())
        .one(db.read())
        .await?
        .ok_or(AppError::NotFound)?;
    match decision {
        "hide" => set_post_hidden(db, audience, found.post_id, true)
            .await
            .map(|_| ()),
        "dismiss" => {
            let viewer_id = audience.viewer().map(|v| v.user_id);
            let txn = db.write().begin().await?;
            post_report::Entity::update_many()
                .col_expr(post_report::Column::ResolvedAt, Expr::value(now()))
                .col_expr(post_report::Column::ResolvedBy, Expr::value(viewer_id))
                .col_expr(post_report::Column::Resolution, Expr::value("dismissed"))
                .filter(post_report::Column::Id.eq(found.id))
                .exec(&txn)
                .await?;
            audit::record(
                &txn,
                AuditRecord::<(), _> {
                    actor: viewer_id,
                    action: AuditAction::ForumDismissReport,
                    target: format!("post:{}", found.post_id),
                    before: None,
                    after: Some(serde_json::json!({ "report": found.id, "reason": found.reason })),
                },
            )
            .await?;
            txn.commit().await?;
            Ok(())
        }
        _ => Err(AppError::invalid(Field::Decision, InvalidReason::Malformed)),
    }
}

/// Open reports (for the staff console's count).
pub async fn open_reports(db: &Db, audience: &Audience) -> Result<u64, AppError> {
    use sea_orm::PaginatorTrait;
    access::require_team(audience)?;
    Ok(post_report::Entity::find()
        .filter(post_report::Column::ResolvedAt.is_null())
        .count(db.read())
        .await?)
}
