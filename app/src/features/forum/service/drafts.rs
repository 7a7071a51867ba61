//! Drafts: what a person is writing, saved while they type (and when a post is refused), so a
//! reload, a crash or a refused form loses nothing. Removed when the post is saved.
use sea_orm::{sea_query::OnConflict, ConnectionTrait, EntityTrait, Set};

use super::now;
use crate::{
    error::{AppError, InvalidReason},
    features::forum::types::{BODY_MAX, TITLE_MAX},
    server::{entities::draft, Db},
};

/// A draft may hold more than a post may (so nothing typed is cut), within reason.
const DRAFT_BODY_MAX: usize = BODY_MAX * 2;

/// `reply:<thread>`, `new`, `new:<category>` or `edit:<post>`.
pub fn check_key(key: &str) -> Result<(), AppError> {
    let ok = key == "new"
        || ["reply:", "new:", "edit:"].iter().any(|prefix| {
            key.strip_prefix(prefix)
                .is_some_and(|id| id.parse::<i32>().is_ok_and(|id| id > 0))
        });
    if ok {
        Ok(())
    } else {
        Err(AppError::invalid("draft", InvalidReason::Malformed))
    }
}

pub async fn save(
    db: &Db,
    user_id: i32,
    key: &str,
    title: &str,
    body: &str,
) -> Result<(), AppError> {
    check_key(key)?;
    if title.trim().is_empty() && body.trim().is_empty() {
        return discard(db.write(), user_id, key).await;
    }
    let title: String = title.chars().take(TITLE_MAX).collect();
    let body: String = body.chars().take(DRAFT_BODY_MAX).collect();
    upsert(db, user_id, key, &title, &body).await
}

/// Writes a draft as given (callers check the key and cut the texts).
pub async fn upsert(
    db: &Db,
    user_id: i32,
    key: &str,
    title: &str,
    body: &str,
) -> Result<(), AppError> {
    draft::Entity::insert(draft::ActiveModel {
        user_id: Set(user_id),
        key: Set(key.to_owned()),
        title: Set(title.to_owned()),
        body: Set(body.to_owned()),
        updated_at: Set(now()),
    })
    .on_conflict(
        OnConflict::columns([draft::Column::UserId, draft::Column::Key])
            .update_columns([
                draft::Column::Title,
                draft::Column::Body,
                draft::Column::UpdatedAt,
            ])
            .to_owned(),
    )
    .exec_without_returning(db.write())
    .await?;
    Ok(())
}

/// The saved draft's title and body, if any.
pub async fn load(db: &Db, user_id: i32, key: &str) -> Result<Option<(String, String)>, AppError> {
    Ok(draft::Entity::find_by_id((user_id, key.to_owned()))
        .one(db.read())
        .await?
        .map(|d| (d.title, d.body)))
}

pub async fn discard(db: &impl ConnectionTrait, user_id: i32, key: &str) -> Result<(), AppError> {
    draft::Entity::delete_by_id((user_id, key.to_owned()))
        .exec(db)
        .await?;
    Ok(())
}
