//! The rules of themes, over the database.
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};

use super::types::{Theme, DESCRIPTION_MAX, NAME_MAX};
use crate::{
    error::{AppError, InvalidReason},
    server::{
        entities::theme::{self, ThemeStatus},
        Db,
    },
};

/// The approved themes, by name.
pub async fn list_approved(db: &impl ConnectionTrait) -> Result<Vec<Theme>, AppError> {
    let rows = theme::Entity::find()
        .filter(theme::Column::Status.eq(ThemeStatus::Approved))
        .order_by_asc(theme::Column::Name)
        .order_by_asc(theme::Column::Id)
        .all(db)
        .await?;
    Ok(rows.into_iter().map(to_theme).collect())
}

/// A member proposes a theme; it waits for staff approval.
pub async fn propose(db: &Db, name: &str, description: &str) -> Result<Theme, AppError> {
    insert(db.write(), name, description, ThemeStatus::Proposed).await
}

/// Checks and stores a theme. Bad input changes nothing.
pub async fn insert(
    db: &impl ConnectionTrait,
    name: &str,
    description: &str,
    status: ThemeStatus,
) -> Result<Theme, AppError> {
    let name = name.trim();
    let description = description.trim();
    if name.is_empty() {
        return Err(AppError::invalid("name", InvalidReason::Required));
    }
    if name.chars().count() > NAME_MAX {
        return Err(AppError::invalid(
            "name",
            InvalidReason::TooLong { max: NAME_MAX },
        ));
    }
    if description.chars().count() > DESCRIPTION_MAX {
        return Err(AppError::invalid(
            "description",
            InvalidReason::TooLong {
                max: DESCRIPTION_MAX,
            },
        ));
    }
    let slug = slug::slugify(name);
    if slug.is_empty() {
        return Err(AppError::invalid("name", InvalidReason::Malformed));
    }
    let row = theme::ActiveModel {
        slug: Set(slug),
        name: Set(name.to_owned()),
        description: Set(description.to_owned()),
        status: Set(status),
        created_at: Set(Utc::now()),
        ..Default::default()
    };
    match row.insert(db).await {
        Ok(model) => Ok(to_theme(model)),
        Err(err) => match AppError::from(err) {
            AppError::Conflict => Err(AppError::invalid("name", InvalidReason::Duplicate)),
            other => Err(other),
        },
    }
}

fn to_theme(model: theme::Model) -> Theme {
    Theme {
        id: model.id,
        slug: model.slug,
        name: model.name,
        description: model.description,
        created_at: model.created_at,
    }
}
