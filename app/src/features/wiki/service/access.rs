//! Who sees and edits what in the wiki. A page is visible when its space is (the one scope rule,
//! `server::access::visible`); editing needs a member, an expert or staff (registered people
//! only in public or registered spaces, as in the forum); a protected page only staff.
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::{
    error::AppError,
    kernel::identity::Role,
    scope::Scope,
    server::{
        access::{visible, Audience},
        entities::{group_member, wiki_page, wiki_space},
        Db,
    },
};

pub use crate::server::access::{require_team, signed_in};

/// The spaces the audience may see: the community's first, then the groups' by name.
pub async fn spaces(db: &Db, audience: &Audience) -> Result<Vec<wiki_space::Model>, AppError> {
    let mut found = wiki_space::Entity::find()
        .filter(visible(wiki_space::Column::Scope, audience))
        .order_by_asc(wiki_space::Column::Name)
        .all(db.read())
        .await?;
    found.sort_by_key(|s| s.group_id.is_some());
    Ok(found)
}

/// A space by slug, when the audience may see it.
pub async fn space(
    db: &Db,
    audience: &Audience,
    slug: &str,
) -> Result<wiki_space::Model, AppError> {
    wiki_space::Entity::find()
        .filter(wiki_space::Column::Slug.eq(slug))
        .filter(visible(wiki_space::Column::Scope, audience))
        .one(db.read())
        .await?
        .ok_or(AppError::NotFound)
}

pub async fn space_by_id(
    db: &Db,
    audience: &Audience,
    id: i32,
) -> Result<wiki_space::Model, AppError> {
    wiki_space::Entity::find_by_id(id)
        .filter(visible(wiki_space::Column::Scope, audience))
        .one(db.read())
        .await?
        .ok_or(AppError::NotFound)
}

/// A page of a visible space, or none when it does not exist.
pub async fn page(
    db: &impl sea_orm::ConnectionTrait,
    space: &wiki_space::Model,
    path: &str,
) -> Result<Option<wiki_page::Model>, AppError> {
    Ok(wiki_page::Entity::find()
        .filter(wiki_page::Column::SpaceId.eq(space.id))
        .filter(wiki_page::Column::Path.eq(path))
        .one(db)
        .await?)
}

/// Whether the audience may write pages in a space they see.
pub fn may_write_in(audience: &Audience, space: &wiki_space::Model) -> bool {
    let Some(viewer) = audience.viewer() else {
        return false;
    };
    let scope = space.scope;
    if !audience.sees(scope) {
        return false;
    }
    viewer.role >= Role::Member || matches!(scope, Scope::Public | Scope::Registered)
}

/// Whether the audience edits pages of this space in place: staff everywhere, a working
/// group's admins in the group's space.
pub async fn edits_inline(
    db: &Db,
    audience: &Audience,
    space: &wiki_space::Model,
) -> Result<bool, AppError> {
    if audience.is_team() {
        return Ok(true);
    }
    let (Some(viewer), Some(group_id)) = (audience.viewer(), space.group_id) else {
        return Ok(false);
    };
    Ok(group_member::Entity::find_by_id((group_id, viewer.user_id))
        .one(db.read())
        .await?
        .is_some_and(|m| m.role == crate::features::groups::types::GroupRole::Admin))
}

/// Whether the audience may edit this page.
pub fn may_edit(audience: &Audience, space: &wiki_space::Model, page: &wiki_page::Model) -> bool {
    may_write_in(audience, space) && (!page.protected || audience.is_team())
}

/// The edit check with its reason: not signed in or not allowed → forbidden; protected → says so.
pub fn check_edit(
    audience: &Audience,
    space: &wiki_space::Model,
    page: Option<&wiki_page::Model>,
) -> Result<(), AppError> {
    if !may_write_in(audience, space) {
        return Err(AppError::Forbidden);
    }
    match page {
        Some(p) if p.protected && !audience.is_team() => Err(AppError::Protected),
        _ => Ok(()),
    }
}
