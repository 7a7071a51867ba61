//! Joining and leaving groups: requests and invitations, their decisions by the group's admins,
//! and who is an admin.
use super::*;

async fn add_member(db: &Db, group_id: i32, user_id: i32, role: GroupRole) -> Result<(), AppError> {
    let txn = db.write().begin().await?;
    group_request::Entity::delete_by_id((group_id, user_id))
        .exec(&txn)
        .await?;
    group_member::ActiveModel {
        group_id: Set(group_id),
        user_id: Set(user_id),
        role: Set(role),
        created_at: Set(Utc::now()),
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Joins an open group, asks to join a closed one, or accepts an invitation. Returns the
/// viewer's new place.
pub async fn join(db: &Db, viewer: &Viewer, slug: &str) -> Result<Membership, AppError> {
    let found = find_visible(db, Some(viewer), slug).await?;
    if !may_take_part(viewer) {
        return Err(AppError::Forbidden);
    }
    match membership(db, found.id, viewer.user_id).await? {
        place @ (Membership::Member | Membership::Admin | Membership::Requested) => Ok(place),
        Membership::Invited => {
            add_member(db, found.id, viewer.user_id, GroupRole::Member).await?;
            Ok(Membership::Member)
        }
        Membership::Outside => match kind_of(&found) {
            GroupKind::Open => {
                add_member(db, found.id, viewer.user_id, GroupRole::Member).await?;
                Ok(Membership::Member)
            }
            GroupKind::Closed => {
                group_request::ActiveModel {
                    group_id: Set(found.id),
                    user_id: Set(viewer.user_id),
                    role: Set(GroupRequestKind::Request),
                    created_at: Set(Utc::now()),
                }
                .insert(db.write())
                .await?;
                Ok(Membership::Requested)
            }
            // Only visible when invited, which is handled above.
            GroupKind::Secret => Err(AppError::NotFound),
        },
    }
}

/// Leaves the group, or withdraws a request, or declines an invitation.
pub async fn leave(db: &Db, viewer: &Viewer, slug: &str) -> Result<(), AppError> {
    let found = find_visible(db, Some(viewer), slug).await?;
    let txn = db.write().begin().await?;
    group_member::Entity::delete_by_id((found.id, viewer.user_id))
        .exec(&txn)
        .await?;
    group_request::Entity::delete_by_id((found.id, viewer.user_id))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(())
}

async fn managed(db: &Db, viewer: &Viewer, slug: &str) -> Result<group::Model, AppError> {
    let found = find_visible(db, Some(viewer), slug).await?;
    if viewer.needs_second_factor()
        && membership(db, found.id, viewer.user_id).await? != Membership::Admin
    {
        return Err(AppError::SecondFactorRequired);
    }
    if viewer.is_team() || membership(db, found.id, viewer.user_id).await? == Membership::Admin {
        Ok(found)
    } else {
        Err(AppError::Forbidden)
    }
}

/// A group admin (or staff) approves or turns down a request to join.
pub async fn decide_request(
    db: &Db,
    viewer: &Viewer,
    slug: &str,
    user_id: i32,
    approve: bool,
) -> Result<(), AppError> {
    let found = managed(db, viewer, slug).await?;
    let Some(request) = group_request::Entity::find_by_id((found.id, user_id))
        .one(db.read())
        .await?
        .filter(|r| r.role == GroupRequestKind::Request)
    else {
        return Err(AppError::NotFound);
    };
    if approve {
        add_member(db, found.id, request.user_id, GroupRole::Member).await
    } else {
        group_request::Entity::delete_by_id((found.id, user_id))
            .exec(db.write())
            .await?;
        Ok(())
    }
}

/// A group admin (or staff) invites a person by username; they accept from the group's page
/// (which they can then see, even for a secret group).
pub async fn invite(db: &Db, viewer: &Viewer, slug: &str, username: &str) -> Result<(), AppError> {
    let found = managed(db, viewer, slug).await?;
    let username = username.trim().trim_start_matches('@').to_lowercase();
    if username.is_empty() {
        return Err(AppError::invalid(Field::Username, InvalidReason::Required));
    }
    let Some(person) = user::Entity::find()
        .filter(user::Column::Username.eq(username.as_str()))
        .one(db.read())
        .await?
    else {
        return Err(AppError::invalid(Field::Username, InvalidReason::Malformed));
    };
    if person.role < Role::Member {
        return Err(AppError::invalid(Field::Username, InvalidReason::Malformed));
    }
    match membership(db, found.id, person.id).await? {
        Membership::Member | Membership::Admin | Membership::Invited => {
            Err(AppError::invalid(Field::Username, InvalidReason::Duplicate))
        }
        Membership::Requested => add_member(db, found.id, person.id, GroupRole::Member).await,
        Membership::Outside => {
            group_request::ActiveModel {
                group_id: Set(found.id),
                user_id: Set(person.id),
                role: Set(GroupRequestKind::Invitation),
                created_at: Set(Utc::now()),
            }
            .insert(db.write())
            .await?;
            Ok(())
        }
    }
}

/// Makes a member a group admin (group admins and staff).
pub async fn make_admin(
    db: &Db,
    viewer: &Viewer,
    slug: &str,
    user_id: i32,
) -> Result<(), AppError> {
    let found = managed(db, viewer, slug).await?;
    let changed = group_member::Entity::update_many()
        .col_expr(
            group_member::Column::Role,
            Expr::value(GroupRole::Admin.as_str()),
        )
        .filter(group_member::Column::GroupId.eq(found.id))
        .filter(group_member::Column::UserId.eq(user_id))
        .exec(db.write())
        .await?;
    if changed.rows_affected == 1 {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}
