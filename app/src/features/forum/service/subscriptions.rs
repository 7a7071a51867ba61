//! Watching threads and categories, and following themes (through `user_themes`, the same
//! choice as on the profile). Notifications come later; the subscriptions are kept now.
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, Set};

use super::{access, now};
use crate::{
    error::AppError,
    server::{
        access::Audience,
        entities::{category, subscription, user_theme},
        Db,
    },
};

pub const THREAD: &str = "thread";
pub const CATEGORY: &str = "category";

/// What a person follows: categories (watched, or of followed themes) and threads.
pub struct Followed {
    pub categories: Vec<i32>,
    pub threads: Vec<i32>,
}

pub async fn followed(db: &Db, user_id: i32) -> Result<Followed, AppError> {
    let rows = subscription::Entity::find()
        .filter(subscription::Column::UserId.eq(user_id))
        .all(db.read())
        .await?;
    let themes: Vec<i32> = user_theme::Entity::find()
        .filter(user_theme::Column::UserId.eq(user_id))
        .all(db.read())
        .await?
        .into_iter()
        .map(|t| t.theme_id)
        .collect();
    let mut categories: Vec<i32> = if themes.is_empty() {
        Vec::new()
    } else {
        category::Entity::find()
            .filter(category::Column::ThemeId.is_in(themes))
            .all(db.read())
            .await?
            .into_iter()
            .map(|c| c.id)
            .collect()
    };
    let mut threads = Vec::new();
    for row in rows {
        match row.kind.as_str() {
            THREAD => threads.push(row.target_id),
            CATEGORY => categories.push(row.target_id),
            _ => {}
        }
    }
    Ok(Followed {
        categories,
        threads,
    })
}

pub async fn is_watching(
    db: &Db,
    user_id: i32,
    kind: &str,
    target_id: i32,
) -> Result<bool, AppError> {
    Ok(
        subscription::Entity::find_by_id((user_id, kind.to_owned(), target_id))
            .one(db.read())
            .await?
            .is_some(),
    )
}

/// Starts or stops watching a thread or a category the person may see.
pub async fn watch(
    db: &Db,
    audience: &Audience,
    kind: &str,
    target_id: i32,
    on: bool,
) -> Result<(), AppError> {
    let viewer = access::signed_in(audience)?;
    match kind {
        THREAD => {
            access::find_thread(db, audience, target_id).await?;
        }
        CATEGORY => {
            access::find_category_by_id(db, audience, target_id).await?;
        }
        _ => return Err(AppError::NotFound),
    }
    if on {
        subscription::Entity::insert(subscription::ActiveModel {
            user_id: Set(viewer.user_id),
            kind: Set(kind.to_owned()),
            target_id: Set(target_id),
            created_at: Set(now()),
        })
        .on_conflict_do_nothing()
        .exec(db.write())
        .await?;
    } else {
        subscription::Entity::delete_by_id((viewer.user_id, kind.to_owned(), target_id))
            .exec(db.write())
            .await?;
    }
    Ok(())
}

/// Follows or stops following a theme (approved themes only).
pub async fn follow_theme(
    db: &Db,
    audience: &Audience,
    theme_id: i32,
    on: bool,
) -> Result<(), AppError> {
    use crate::server::entities::theme::{self, ThemeStatus};
    let viewer = access::signed_in(audience)?;
    theme::Entity::find_by_id(theme_id)
        .filter(theme::Column::Status.eq(ThemeStatus::Approved))
        .one(db.read())
        .await?
        .ok_or(AppError::NotFound)?;
    if on {
        user_theme::Entity::insert(user_theme::ActiveModel {
            user_id: Set(viewer.user_id),
            theme_id: Set(theme_id),
        })
        .on_conflict_do_nothing()
        .exec(db.write())
        .await?;
    } else {
        user_theme::Entity::delete_by_id((viewer.user_id, theme_id))
            .exec(db.write())
            .await?;
    }
    Ok(())
}
