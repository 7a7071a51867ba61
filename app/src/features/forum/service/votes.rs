//! Votes on answers (one per person and answer, by the table's primary key), the "utile"
//! reaction on any post, and accepting an answer (the asker or staff; it can be changed).
use crate::error::Field;
use sea_orm::{
    sea_query::{Expr, ExprTrait},
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, Set,
    TransactionTrait,
};
use serde::Serialize;

use super::{access, now, threads};
use crate::{
    error::{AppError, InvalidReason},
    features::forum::types::ThreadKind,
    server::{
        access::Audience,
        audit::{self, AuditAction, AuditRecord},
        entities::{post, post_reaction, post_vote, thread},
        Db,
    },
};

pub const USEFUL: &str = "utile";

/// Votes an answer up (+1) or down (-1); the same vote again takes it back. Returns the thread.
pub async fn vote(db: &Db, audience: &Audience, post_id: i32, value: i16) -> Result<i32, AppError> {
    if value != 1 && value != -1 {
        return Err(AppError::invalid(Field::Vote, InvalidReason::Malformed));
    }
    let viewer = access::signed_in(audience)?;
    let (p, t, category) = access::find_post(db, audience, post_id).await?;
    if t.kind != ThreadKind::Question || p.deleted_at.is_some() {
        return Err(AppError::invalid(Field::Vote, InvalidReason::Malformed));
    }
    if !access::may_post_in(audience, &category) || p.author_id == Some(viewer.user_id) {
        return Err(AppError::Forbidden);
    }
    if threads::opening_post(db.read(), t.id).await?.id == p.id {
        return Err(AppError::invalid(Field::Vote, InvalidReason::Malformed));
    }
    let txn = db.write().begin().await?;
    lock_post(&txn, p.id).await?;
    let existing = post_vote::Entity::find_by_id((p.id, viewer.user_id))
        .one(&txn)
        .await?;
    let change: i32 = match existing {
        Some(old) if old.value == value => {
            post_vote::Entity::delete_by_id((p.id, viewer.user_id))
                .exec(&txn)
                .await?;
            -i32::from(value)
        }
        Some(old) => {
            post_vote::Entity::update_many()
                .col_expr(post_vote::Column::Value, Expr::value(value))
                .filter(post_vote::Column::PostId.eq(p.id))
                .filter(post_vote::Column::UserId.eq(viewer.user_id))
                .exec(&txn)
                .await?;
            i32::from(value) - i32::from(old.value)
        }
        None => {
            post_vote::ActiveModel {
                post_id: Set(p.id),
                user_id: Set(viewer.user_id),
                value: Set(value),
                created_at: Set(now()),
            }
            .insert(&txn)
            .await?;
            i32::from(value)
        }
    };
    post::Entity::update_many()
        .col_expr(
            post::Column::Score,
            Expr::col(post::Column::Score).add(change),
        )
        .filter(post::Column::Id.eq(p.id))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(t.id)
}

/// Marks a post "utile" (or takes it back). Returns the thread.
pub async fn toggle_useful(db: &Db, audience: &Audience, post_id: i32) -> Result<i32, AppError> {
    let viewer = access::signed_in(audience)?;
    let (p, t, _) = access::find_post(db, audience, post_id).await?;
    if p.deleted_at.is_some() {
        return Err(AppError::NotFound);
    }
    if p.author_id == Some(viewer.user_id) {
        return Err(AppError::Forbidden);
    }
    let key = (p.id, viewer.user_id, USEFUL.to_owned());
    let txn = db.write().begin().await?;
    lock_post(&txn, p.id).await?;
    let change = if post_reaction::Entity::find_by_id(key.clone())
        .one(&txn)
        .await?
        .is_some()
    {
        post_reaction::Entity::delete_by_id(key).exec(&txn).await?;
        -1
    } else {
        post_reaction::ActiveModel {
            post_id: Set(p.id),
            user_id: Set(viewer.user_id),
            kind: Set(USEFUL.to_owned()),
            created_at: Set(now()),
        }
        .insert(&txn)
        .await?;
        1
    };
    post::Entity::update_many()
        .col_expr(
            post::Column::UsefulCount,
            Expr::col(post::Column::UsefulCount).add(change),
        )
        .filter(post::Column::Id.eq(p.id))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(t.id)
}

/// Concurrent votes on one post wait for each other (PostgreSQL: `FOR UPDATE`; SQLite has one
/// writer), so the score always equals the sum of the votes.
async fn lock_post(txn: &impl ConnectionTrait, post_id: i32) -> Result<(), AppError> {
    post::Entity::find_by_id(post_id)
        .lock_exclusive()
        .one(txn)
        .await?;
    Ok(())
}

#[derive(Serialize)]
struct AuditedAnswer {
    accepted: Option<i32>,
}

/// The asker (or staff) accepts an answer, replacing any earlier choice; `post_id: None` takes
/// the choice back. Returns the thread.
pub async fn accept(
    db: &Db,
    audience: &Audience,
    thread_id: i32,
    post_id: Option<i32>,
) -> Result<i32, AppError> {
    let viewer = access::signed_in(audience)?;
    let (t, _) = access::find_thread(db, audience, thread_id).await?;
    if t.kind != ThreadKind::Question {
        return Err(AppError::invalid(Field::Post, InvalidReason::Malformed));
    }
    let asker = t.author_id == Some(viewer.user_id);
    if !asker && !audience.is_team() {
        return Err(AppError::Forbidden);
    }
    if let Some(id) = post_id {
        let (p, post_thread, _) = access::find_post(db, audience, id).await?;
        let opening = threads::opening_post(db.read(), t.id).await?;
        if post_thread.id != t.id || p.id == opening.id || p.deleted_at.is_some() || p.hidden {
            return Err(AppError::invalid(Field::Post, InvalidReason::Malformed));
        }
    }
    let txn = db.write().begin().await?;
    thread::Entity::update_many()
        .col_expr(thread::Column::AcceptedPostId, Expr::value(post_id))
        .filter(thread::Column::Id.eq(t.id))
        .exec(&txn)
        .await?;
    if !asker {
        audit::record(
            &txn,
            AuditRecord {
                actor: Some(viewer.user_id),
                action: AuditAction::ForumAcceptAnswer,
                target: format!("thread:{}", t.id),
                before: Some(AuditedAnswer {
                    accepted: t.accepted_post_id,
                }),
                after: Some(AuditedAnswer { accepted: post_id }),
            },
        )
        .await?;
    }
    txn.commit().await?;
    Ok(t.id)
}
