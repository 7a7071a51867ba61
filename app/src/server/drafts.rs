//! Drafts: what a person is writing, saved while they type and when a save is refused, so a
//! reload, a crash or a refused form loses nothing. One row per person and `DraftKey`; the
//! feature that owns the text removes it once the text is saved.
use crate::error::Field;
use sea_orm::{
    sea_query::OnConflict, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    Set,
};

use crate::{
    error::{AppError, InvalidReason},
    kernel::draft::DraftKey,
    server::{clock::now, entities::draft, Db},
};

/// Titles are cut here (the longest title any form takes).
const TITLE_MAX: usize = 200;
/// A draft saved while typing may hold twice the longest post, so nothing typed is cut.
pub const TYPED_BODY_MAX: usize = 40_000;
/// Drafts one person may hold at once; a new one beyond is refused (its text stays in the
/// writing box), so nobody fills the database with drafts.
pub const PER_PERSON: u64 = 50;

/// A draft saved from the writing box while the person types; an empty text removes it.
pub async fn save_typed(
    db: &Db,
    user_id: i32,
    key: &DraftKey,
    title: &str,
    body: &str,
) -> Result<(), AppError> {
    if !key.saved_while_typing() {
        return Err(AppError::invalid(Field::Draft, InvalidReason::Malformed));
    }
    if title.trim().is_empty() && body.trim().is_empty() {
        return discard(db.write(), user_id, key).await;
    }
    keep(db, user_id, key, title, body, TYPED_BODY_MAX).await
}

/// Keeps a text as given, cut to `body_max` characters (a refused save, a conflict).
pub async fn keep(
    db: &Db,
    user_id: i32,
    key: &DraftKey,
    title: &str,
    body: &str,
    body_max: usize,
) -> Result<(), AppError> {
    let exists = draft::Entity::find_by_id((user_id, key.to_string()))
        .one(db.write())
        .await?
        .is_some();
    if !exists {
        let held = draft::Entity::find()
            .filter(draft::Column::UserId.eq(user_id))
            .count(db.write())
            .await?;
        if held >= PER_PERSON {
            let max = PER_PERSON as usize;
            return Err(AppError::invalid(
                Field::Draft,
                InvalidReason::TooMany { max },
            ));
        }
    }
    let title: String = title.chars().take(TITLE_MAX).collect();
    let body: String = body.chars().take(body_max).collect();
    draft::Entity::insert(draft::ActiveModel {
        user_id: Set(user_id),
        key: Set(key.to_string()),
        title: Set(title),
        body: Set(body),
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
pub async fn load(
    db: &Db,
    user_id: i32,
    key: &DraftKey,
) -> Result<Option<(String, String)>, AppError> {
    Ok(draft::Entity::find_by_id((user_id, key.to_string()))
        .one(db.read())
        .await?
        .map(|d| (d.title, d.body)))
}

pub async fn discard(
    db: &impl ConnectionTrait,
    user_id: i32,
    key: &DraftKey,
) -> Result<(), AppError> {
    draft::Entity::delete_by_id((user_id, key.to_string()))
        .exec(db)
        .await?;
    Ok(())
}
