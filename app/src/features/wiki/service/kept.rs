//! Texts kept for a person when a save was refused or conflicted, so the edit page brings them
//! back; gone once the page is saved.
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::{
    error::AppError,
    features::wiki::types::SOURCE_MAX,
    kernel::draft::DraftKey,
    server::{drafts, entities::draft, Db},
};

/// Keeps what a person typed when their save was refused or conflicted, so the edit page
/// brings it back.
pub async fn keep(
    db: &Db,
    user_id: i32,
    key: &DraftKey,
    title: &str,
    body: &str,
) -> Result<(), AppError> {
    drafts::keep(db, user_id, key, title, body, SOURCE_MAX * 2).await
}

/// A kept text (title, body).
pub async fn kept(
    db: &Db,
    user_id: i32,
    key: &DraftKey,
) -> Result<Option<(String, String)>, AppError> {
    drafts::load(db, user_id, key).await
}

pub async fn discard_kept(db: &Db, user_id: i32, key: &DraftKey) -> Result<(), AppError> {
    drafts::discard(db.write(), user_id, key).await
}

/// After a save: every text kept for this page (refused saves, conflicts) is done with.
pub async fn discard_all_kept(db: &Db, user_id: i32, page_id: i32) -> Result<(), AppError> {
    draft::Entity::delete_many()
        .filter(draft::Column::UserId.eq(user_id))
        .filter(
            sea_orm::Condition::any()
                .add(draft::Column::Key.eq(DraftKey::WikiPage(page_id, None).to_string()))
                .add(draft::Column::Key.starts_with(format!("wiki:{page_id}:")))
                .add(draft::Column::Key.starts_with(format!("wikic:{page_id}:"))),
        )
        .exec(db.write())
        .await?;
    Ok(())
}
