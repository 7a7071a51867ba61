//! Starting threads and writing posts into them: the thread, its first post, mentions, the
//! author's subscription and read marker.
use sea_orm::{
    sea_query::{Expr, OnConflict},
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionTrait,
};

use super::{access, check_body, check_title, now, subscriptions};
use crate::{
    error::AppError,
    features::forum::types::ThreadKind,
    server::{
        access::Audience,
        entities::{post, post_mention, subscription, thread, thread_read},
        Db,
    },
};
use crate::{kernel::draft::DraftKey, server::drafts};

pub struct Created {
    pub thread_id: i32,
    pub post_id: i32,
}

/// Starts a thread in a category the person may post in. Nothing is saved on bad input.
pub async fn create_thread(
    db: &Db,
    audience: &Audience,
    category_id: i32,
    kind: ThreadKind,
    title: &str,
    body: &str,
) -> Result<Created, AppError> {
    let viewer = access::signed_in(audience)?;
    let category = access::find_category_by_id(db, audience, category_id).await?;
    if !access::may_post_in(audience, &category) {
        return Err(AppError::Forbidden);
    }
    let title = check_title(title)?;
    let body = check_body(db.read(), body).await?;
    let at = now();
    let txn = db.write().begin().await?;
    let created = thread::ActiveModel {
        category_id: Set(category.id),
        kind: Set(kind),
        title: Set(title),
        author_id: Set(Some(viewer.user_id)),
        created_at: Set(at),
        last_activity_at: Set(at),
        reply_count: Set(0),
        pinned: Set(false),
        locked: Set(false),
        hidden: Set(false),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let first = insert_post(&txn, created.id, viewer.user_id, &body).await?;
    thread::Entity::update_many()
        .col_expr(thread::Column::LastPostId, Expr::value(first))
        .filter(thread::Column::Id.eq(created.id))
        .exec(&txn)
        .await?;
    drafts::discard(&txn, viewer.user_id, &DraftKey::NewThread).await?;
    drafts::discard(&txn, viewer.user_id, &DraftKey::NewThreadIn(category.id)).await?;
    watch_in(&txn, viewer.user_id, created.id).await?;
    read_up_to(&txn, viewer.user_id, created.id, first).await?;
    super::categories::adjust(&txn, category.id, 1).await?;
    txn.commit().await?;
    Ok(Created {
        thread_id: created.id,
        post_id: first,
    })
}

/// Stores a post and its mentions (inside the caller's transaction). Returns its id.
pub async fn insert_post(
    txn: &impl ConnectionTrait,
    thread_id: i32,
    author_id: i32,
    body: &super::Body,
) -> Result<i32, AppError> {
    let at = now();
    let saved = post::ActiveModel {
        thread_id: Set(thread_id),
        author_id: Set(Some(author_id)),
        source: Set(body.source.clone()),
        html: Set(body.html.clone()),
        created_at: Set(at),
        edit_count: Set(0),
        hidden: Set(false),
        score: Set(0),
        useful_count: Set(0),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    add_mentions(txn, saved.id, &body.mentioned).await?;
    Ok(saved.id)
}

pub async fn add_mentions(
    txn: &impl ConnectionTrait,
    post_id: i32,
    people: &[i32],
) -> Result<(), AppError> {
    if people.is_empty() {
        return Ok(());
    }
    let at = now();
    post_mention::Entity::insert_many(people.iter().map(|user_id| post_mention::ActiveModel {
        post_id: Set(post_id),
        user_id: Set(*user_id),
        created_at: Set(at),
    }))
    .on_conflict_do_nothing()
    .exec(txn)
    .await?;
    Ok(())
}

/// What a person wrote they have read: their unread marker moves to their own post.
pub async fn read_up_to(
    txn: &impl ConnectionTrait,
    user_id: i32,
    thread_id: i32,
    post_id: i32,
) -> Result<(), AppError> {
    thread_read::Entity::insert(thread_read::ActiveModel {
        user_id: Set(user_id),
        thread_id: Set(thread_id),
        last_read_post_id: Set(post_id),
    })
    .on_conflict(
        OnConflict::columns([thread_read::Column::UserId, thread_read::Column::ThreadId])
            .update_column(thread_read::Column::LastReadPostId)
            .to_owned(),
    )
    .exec_without_returning(txn)
    .await?;
    Ok(())
}

/// People watch the threads they start or answer.
pub async fn watch_in(
    txn: &impl ConnectionTrait,
    user_id: i32,
    thread_id: i32,
) -> Result<(), AppError> {
    subscription::Entity::insert(subscription::ActiveModel {
        user_id: Set(user_id),
        kind: Set(subscriptions::THREAD.to_owned()),
        target_id: Set(thread_id),
        created_at: Set(now()),
    })
    .on_conflict_do_nothing()
    .exec(txn)
    .await?;
    Ok(())
}

/// The first post of a thread (the question, or the opening of a discussion).
pub async fn opening_post(
    db: &impl ConnectionTrait,
    thread_id: i32,
) -> Result<post::Model, AppError> {
    post::Entity::find()
        .filter(post::Column::ThreadId.eq(thread_id))
        .order_by_asc(post::Column::Id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

pub fn kind_of(t: &thread::Model) -> ThreadKind {
    t.kind
}
