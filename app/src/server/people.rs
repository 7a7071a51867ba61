//! People as pages show them: display name and the marks the community cares about (expert,
//! staff), for any list of ids in one query.
use std::collections::{HashMap, HashSet};

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::{error::AppError, kernel::identity::Role, server::entities::user, ui::Person};

/// Whether the viewer may see who is in the community (the directory, a group's members):
/// signed-in people always, visitors only in a phase whose content is public to them.
pub async fn may_see_people(
    db: &crate::server::Db,
    viewer: Option<&crate::kernel::identity::Viewer>,
) -> Result<bool, AppError> {
    if viewer.is_some() {
        return Ok(true);
    }
    Ok(crate::server::settings::phase(db.read())
        .await?
        .rules()
        .visitors_read_public)
}

/// The people with these ids, as posts and lists show them (one query).
pub async fn people(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = i32>,
) -> Result<HashMap<i32, Person>, AppError> {
    let ids: HashSet<i32> = ids.into_iter().collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, person(&u)))
        .collect())
}

pub fn person(u: &user::Model) -> Person {
    let role = Some(u.role);
    Person {
        user_id: u.id,
        username: u.username.clone(),
        display_name: u.display_name.clone(),
        expert: role == Some(Role::Expert),
        staff: role.is_some_and(|r| r >= Role::Staff),
    }
}
