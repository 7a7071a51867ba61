//! The rules of working groups. Which groups a person may see is decided in one place,
//! `visible_groups`: staff see all, others every open or closed group plus the secret ones they
//! belong to or are invited to. Anything else is "not found", in lists, counts and pages alike.
use crate::error::Field;
use crate::server::forms::{clean_text, name_with_slug};
use std::collections::HashMap;

use chrono::Utc;
use sea_orm::{
    sea_query::Expr, ActiveModelTrait, ColumnTrait, Condition, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, Set, TransactionTrait,
};
use serde::Serialize;

use super::types::{
    GroupDetails, GroupKind, GroupList, GroupPerson, GroupRequestKind, GroupRole, GroupSummary,
    Membership,
};
use crate::{
    error::{AppError, InvalidReason},
    kernel::identity::{Role, Viewer},
    server::{
        audit::{self, AuditAction, AuditRecord},
        entities::{group, group_member, group_request, user},
        Db,
    },
};

mod membership;

pub use membership::*;

pub const NAME_MAX: usize = 120;
pub const DESCRIPTION_MAX: usize = 2000;

/// The ids of the groups a person belongs to: what `group:<id>` scopes are checked against.
pub async fn member_group_ids(db: &Db, user_id: i32) -> Result<Vec<i32>, AppError> {
    Ok(group_member::Entity::find()
        .filter(group_member::Column::UserId.eq(user_id))
        .all(db.read())
        .await?
        .into_iter()
        .map(|m| m.group_id)
        .collect())
}

async fn invited_group_ids(db: &Db, user_id: i32) -> Result<Vec<i32>, AppError> {
    Ok(group_request::Entity::find()
        .filter(group_request::Column::UserId.eq(user_id))
        .filter(group_request::Column::Role.eq(GroupRequestKind::Invitation))
        .all(db.read())
        .await?
        .into_iter()
        .map(|m| m.group_id)
        .collect())
}

/// The one condition on groups every list, count and fetch adds.
pub async fn visible_groups(db: &Db, viewer: Option<&Viewer>) -> Result<Condition, AppError> {
    let Some(viewer) = viewer else {
        return Ok(Condition::all().add(group::Column::Kind.ne(GroupKind::Secret.as_str())));
    };
    if viewer.is_team() {
        return Ok(Condition::all());
    }
    let mut known = member_group_ids(db, viewer.user_id).await?;
    known.extend(invited_group_ids(db, viewer.user_id).await?);
    Ok(Condition::any()
        .add(group::Column::Kind.ne(GroupKind::Secret.as_str()))
        .add(group::Column::Id.is_in(known)))
}

/// Members, experts and staff take part in groups; registered people and visitors only read.
fn may_take_part(viewer: &Viewer) -> bool {
    viewer.role >= Role::Member
}

async fn find_visible(
    db: &Db,
    viewer: Option<&Viewer>,
    slug: &str,
) -> Result<group::Model, AppError> {
    group::Entity::find()
        .filter(group::Column::Slug.eq(slug))
        .filter(visible_groups(db, viewer).await?)
        .one(db.read())
        .await?
        .ok_or(AppError::NotFound)
}

pub(crate) async fn membership(
    db: &Db,
    group_id: i32,
    user_id: i32,
) -> Result<Membership, AppError> {
    if let Some(m) = group_member::Entity::find_by_id((group_id, user_id))
        .one(db.read())
        .await?
    {
        return Ok(if m.role == GroupRole::Admin {
            Membership::Admin
        } else {
            Membership::Member
        });
    }
    Ok(
        match group_request::Entity::find_by_id((group_id, user_id))
            .one(db.read())
            .await?
        {
            Some(r) if r.role == GroupRequestKind::Invitation => Membership::Invited,
            Some(_) => Membership::Requested,
            None => Membership::Outside,
        },
    )
}

/// The groups the person is an admin of (one query, for pages listing many groups' things).
pub(crate) async fn admin_of(db: &Db, user_id: i32) -> Result<Vec<i32>, AppError> {
    Ok(group_member::Entity::find()
        .filter(group_member::Column::UserId.eq(user_id))
        .filter(group_member::Column::Role.eq(GroupRole::Admin))
        .all(db.read())
        .await?
        .into_iter()
        .map(|m| m.group_id)
        .collect())
}

fn kind_of(model: &group::Model) -> GroupKind {
    model.kind
}

/// The groups the viewer may see, by name, with their member counts and the viewer's place.
pub async fn list_groups(db: &Db, viewer: Option<&Viewer>) -> Result<GroupList, AppError> {
    let groups = group::Entity::find()
        .filter(visible_groups(db, viewer).await?)
        .order_by_asc(group::Column::Name)
        .all(db.read())
        .await?;
    let ids: Vec<i32> = groups.iter().map(|g| g.id).collect();
    let rows = group_member::Entity::find()
        .filter(group_member::Column::GroupId.is_in(ids))
        .all(db.read())
        .await?;
    let mut counts: HashMap<i32, u64> = HashMap::new();
    let mut mine: HashMap<i32, Membership> = HashMap::new();
    for row in rows {
        *counts.entry(row.group_id).or_default() += 1;
        if viewer.is_some_and(|v| v.user_id == row.user_id) {
            let place = if row.role == GroupRole::Admin {
                Membership::Admin
            } else {
                Membership::Member
            };
            mine.insert(row.group_id, place);
        }
    }
    if let Some(viewer) = viewer {
        for request in group_request::Entity::find()
            .filter(group_request::Column::UserId.eq(viewer.user_id))
            .all(db.read())
            .await?
        {
            let place = if request.role == GroupRequestKind::Invitation {
                Membership::Invited
            } else {
                Membership::Requested
            };
            mine.entry(request.group_id).or_insert(place);
        }
    }
    Ok(GroupList {
        groups: groups
            .into_iter()
            .map(|g| GroupSummary {
                id: g.id,
                members: counts.get(&g.id).copied().unwrap_or(0),
                membership: mine.get(&g.id).copied().unwrap_or(Membership::Outside),
                kind: kind_of(&g),
                slug: g.slug,
                name: g.name,
                description: g.description,
            })
            .collect(),
        may_create: viewer.is_some_and(Viewer::is_team),
    })
}

async fn people(db: &Db, ids: Vec<i32>) -> Result<HashMap<i32, user::Model>, AppError> {
    Ok(user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .all(db.read())
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect())
}

/// A group's page. Not found when the viewer may not see the group.
pub async fn group_details(
    db: &Db,
    viewer: Option<&Viewer>,
    slug: &str,
) -> Result<GroupDetails, AppError> {
    let found = find_visible(db, viewer, slug).await?;
    let place = match viewer {
        Some(v) => membership(db, found.id, v.user_id).await?,
        None => Membership::Outside,
    };
    let manage = viewer.is_some_and(Viewer::is_team) || place == Membership::Admin;
    let members = group_member::Entity::find()
        .filter(group_member::Column::GroupId.eq(found.id))
        .all(db.read())
        .await?;
    let member_count = members.len() as u64;
    // Who is in the group is shown as the directory shows people (not to visitors in a closed
    // phase); the count is not personal.
    let members = if crate::server::people::may_see_people(db, viewer).await? {
        members
    } else {
        Vec::new()
    };
    let pending = if manage {
        group_request::Entity::find()
            .filter(group_request::Column::GroupId.eq(found.id))
            .all(db.read())
            .await?
    } else {
        Vec::new()
    };
    let names = people(
        db,
        members
            .iter()
            .map(|m| m.user_id)
            .chain(pending.iter().map(|p| p.user_id))
            .collect(),
    )
    .await?;
    let person = |user_id: i32, flag: bool| {
        names.get(&user_id).map(|u| GroupPerson {
            user_id,
            username: u.username.clone(),
            display_name: u.display_name.clone(),
            flag,
        })
    };
    let mut member_list: Vec<GroupPerson> = members
        .iter()
        .filter_map(|m| person(m.user_id, m.role == GroupRole::Admin))
        .collect();
    member_list.sort_by(|a, b| {
        b.flag
            .cmp(&a.flag)
            .then(a.display_name.cmp(&b.display_name))
    });
    let pending = pending
        .iter()
        .filter_map(|p| person(p.user_id, p.role == GroupRequestKind::Invitation))
        .collect();
    Ok(GroupDetails {
        group: GroupSummary {
            id: found.id,
            members: member_count,
            membership: place,
            kind: kind_of(&found),
            slug: found.slug,
            name: found.name,
            description: found.description,
        },
        members: member_list,
        manage,
        pending,
        may_take_part: viewer.is_some_and(may_take_part),
    })
}

#[derive(Serialize)]
struct AuditedGroup<'a> {
    name: &'a str,
    kind: &'a str,
}

/// Staff create a group; they become its first admin. Returns the slug.
pub async fn create_group(
    db: &Db,
    viewer: &Viewer,
    name: &str,
    description: &str,
    kind: GroupKind,
) -> Result<String, AppError> {
    crate::server::access::require_team_viewer(Some(viewer))?;
    let (name, slug) = name_with_slug(Field::Name, name, NAME_MAX)?;
    let description = clean_text(
        Field::Description,
        description,
        DESCRIPTION_MAX,
        false,
        true,
    )?;
    let (name, description) = (name.as_str(), description.as_str());
    let taken = group::Entity::find()
        .filter(group::Column::Slug.eq(slug.as_str()))
        .count(db.read())
        .await?
        > 0;
    if taken {
        return Err(AppError::invalid(Field::Name, InvalidReason::Duplicate));
    }
    let now = Utc::now();
    let txn = db.write().begin().await?;
    let created = group::ActiveModel {
        slug: Set(slug.clone()),
        name: Set(name.to_owned()),
        description: Set(description.to_owned()),
        kind: Set(kind),
        created_by: Set(Some(viewer.user_id)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(|err| match AppError::from(err) {
        AppError::Conflict => AppError::invalid(Field::Name, InvalidReason::Duplicate),
        other => other,
    })?;
    group_member::ActiveModel {
        group_id: Set(created.id),
        user_id: Set(viewer.user_id),
        role: Set(GroupRole::Admin),
        created_at: Set(now),
    }
    .insert(&txn)
    .await?;
    crate::lifecycle::group_created(&txn, &created).await?;
    audit::record(
        &txn,
        AuditRecord::<(), _> {
            actor: Some(viewer.user_id),
            action: AuditAction::GroupCreate,
            target: format!("group:{}", created.id),
            before: None,
            after: Some(AuditedGroup {
                name,
                kind: kind.as_str(),
            }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(slug)
}
