//! Who sees and does what in the forum. Visibility comes from the one scope rule
//! (`server::access::visible`) applied to categories: a thread is visible when its category is,
//! it is not deleted, and it is not hidden (staff see hidden threads). Every list, count, fetch,
//! permalink, feed and live stream of the forum goes through the functions here.
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder};

pub use crate::server::access::{require_team, signed_in};
use crate::{
    error::AppError,
    kernel::identity::Role,
    scope::Scope,
    server::{
        access::{visible, Audience},
        entities::{category, post, thread},
        Db,
    },
};

/// The categories the audience may see, in their order.
pub async fn categories(db: &Db, audience: &Audience) -> Result<Vec<category::Model>, AppError> {
    Ok(category::Entity::find()
        .filter(visible(category::Column::Scope, audience))
        .order_by_asc(category::Column::Position)
        .order_by_asc(category::Column::Name)
        .all(db.read())
        .await?)
}

/// The condition on threads every list and count adds: in a visible category, not deleted,
/// not hidden (unless the audience is staff).
pub fn threads(audience: &Audience, category_ids: Vec<i32>) -> Condition {
    let mut condition = Condition::all()
        .add(thread::Column::CategoryId.is_in(category_ids))
        .add(thread::Column::DeletedAt.is_null());
    if !audience.is_team() {
        condition = condition.add(thread::Column::Hidden.eq(false));
    }
    condition
}

/// A category by slug, when the audience may see it.
pub async fn find_category(
    db: &Db,
    audience: &Audience,
    slug: &str,
) -> Result<category::Model, AppError> {
    category::Entity::find()
        .filter(category::Column::Slug.eq(slug))
        .filter(visible(category::Column::Scope, audience))
        .one(db.read())
        .await?
        .ok_or(AppError::NotFound)
}

pub async fn find_category_by_id(
    db: &Db,
    audience: &Audience,
    id: i32,
) -> Result<category::Model, AppError> {
    category::Entity::find_by_id(id)
        .filter(visible(category::Column::Scope, audience))
        .one(db.read())
        .await?
        .ok_or(AppError::NotFound)
}

/// A thread and its category, when the audience may see them; otherwise not found.
pub async fn find_thread(
    db: &Db,
    audience: &Audience,
    thread_id: i32,
) -> Result<(thread::Model, category::Model), AppError> {
    let mut query =
        thread::Entity::find_by_id(thread_id).filter(thread::Column::DeletedAt.is_null());
    if !audience.is_team() {
        query = query.filter(thread::Column::Hidden.eq(false));
    }
    let found = query.one(db.read()).await?.ok_or(AppError::NotFound)?;
    let category = find_category_by_id(db, audience, found.category_id).await?;
    Ok((found, category))
}

/// A post with its thread and category, when the audience may see them. A deleted post is found
/// (it shows as deleted); a hidden one only by staff.
pub async fn find_post(
    db: &Db,
    audience: &Audience,
    post_id: i32,
) -> Result<(post::Model, thread::Model, category::Model), AppError> {
    let found = post::Entity::find_by_id(post_id)
        .one(db.read())
        .await?
        .ok_or(AppError::NotFound)?;
    if found.hidden && !audience.is_team() {
        return Err(AppError::NotFound);
    }
    let (thread, category) = find_thread(db, audience, found.thread_id).await?;
    Ok((found, thread, category))
}

/// Whether the audience may start threads and reply in a category they see: members, experts
/// and staff anywhere they see; registered people only where the category is open to them
/// (`public` or `registered`, DESIGN §1).
pub fn may_post_in(audience: &Audience, category: &category::Model) -> bool {
    let Some(viewer) = audience.viewer() else {
        return false;
    };
    let scope = category.scope;
    if !audience.sees(scope) {
        return false;
    }
    viewer.role >= Role::Member || matches!(scope, Scope::Public | Scope::Registered)
}
