//! People in the staff console: search, change a role, disable or re-enable an account.
//! Staff manage registered people, members and experts; only admins grant or take away the
//! staff and admin roles, or disable staff. Nobody changes their own role or disables
//! themselves. Disabling ends every session and pending sign-in at once. All of it is audited.
use crate::error::Field;
use std::collections::HashMap;

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, QuerySelect, Set, TransactionTrait,
};
use serde::Serialize;

use super::types::PersonLine;
use crate::{
    error::{AppError, InvalidReason},
    kernel::identity::{Role, Viewer},
    server::{
        audit::{self, AuditAction, AuditRecord},
        entities::{organisation, organisation_member, session, sign_in_challenge, user},
        search::contains,
        Db,
    },
};

/// At most this many people per search.
pub const PEOPLE_PAGE: u64 = 50;

fn require_team(viewer: &Viewer) -> Result<(), AppError> {
    crate::server::access::require_team_viewer(Some(viewer)).map(|_| ())
}

/// People whose name, username or e-mail contains `text` (all, newest first, when empty).
pub async fn search_people(
    db: &Db,
    viewer: &Viewer,
    text: &str,
) -> Result<Vec<PersonLine>, AppError> {
    require_team(viewer)?;
    let mut query = user::Entity::find();
    if !text.trim().is_empty() {
        query = query.filter(
            Condition::any()
                .add(contains(user::Column::DisplayName, text))
                .add(contains(user::Column::Username, text))
                .add(contains(user::Column::Email, text)),
        );
    }
    let people = query
        .order_by_desc(user::Column::Id)
        .limit(PEOPLE_PAGE)
        .all(db.read())
        .await?;
    let ids: Vec<i32> = people.iter().map(|p| p.id).collect();
    let mut organisations: HashMap<i32, Vec<String>> = HashMap::new();
    for (membership, org) in organisation_member::Entity::find()
        .filter(organisation_member::Column::UserId.is_in(ids))
        .find_also_related(organisation::Entity)
        .all(db.read())
        .await?
    {
        if let Some(org) = org {
            organisations
                .entry(membership.user_id)
                .or_default()
                .push(org.name);
        }
    }
    Ok(people
        .into_iter()
        .map(|p| PersonLine {
            user_id: p.id,
            role: p.role,
            organisations: organisations.remove(&p.id).unwrap_or_default(),
            second_factor: p.totp_enabled_at.is_some(),
            disabled: p.disabled_at.is_some(),
            is_self: p.id == viewer.user_id,
            username: p.username,
            display_name: p.display_name,
            email: p.email,
            created_at: p.created_at,
        })
        .collect())
}

/// Whether `viewer` may act on someone with role `current`, giving them `new` (when a role
/// change): admins on anyone; staff on registered people, members and experts only.
fn may_manage(viewer: &Viewer, current: Role, new: Option<Role>) -> bool {
    if viewer.is_admin() {
        return true;
    }
    let team = |role: Role| role >= Role::Staff;
    !team(current) && !new.is_some_and(team)
}

#[derive(Serialize)]
struct RoleState<'a> {
    username: &'a str,
    role: &'a str,
}

#[derive(Serialize)]
struct AccountState<'a> {
    username: &'a str,
    disabled: bool,
}

async fn find_other(db: &Db, viewer: &Viewer, user_id: i32) -> Result<user::Model, AppError> {
    if user_id == viewer.user_id {
        return Err(AppError::invalid(Field::Role, InvalidReason::SelfChange));
    }
    user::Entity::find_by_id(user_id)
        .one(db.read())
        .await?
        .ok_or(AppError::NotFound)
}

pub async fn change_role(
    db: &Db,
    viewer: &Viewer,
    user_id: i32,
    role: Role,
) -> Result<(), AppError> {
    require_team(viewer)?;
    let person = find_other(db, viewer, user_id).await?;
    let current = person.role;
    if current == role {
        return Ok(());
    }
    if !may_manage(viewer, current, Some(role)) {
        return Err(AppError::Forbidden);
    }
    let txn = db.write().begin().await?;
    let username = person.username.clone();
    let mut model = person.into_active_model();
    model.role = Set(role);
    model.update(&txn).await?;
    audit::record(
        &txn,
        AuditRecord {
            actor: Some(viewer.user_id),
            action: AuditAction::PersonRole,
            target: format!("user:{user_id}"),
            before: Some(RoleState {
                username: &username,
                role: current.as_str(),
            }),
            after: Some(RoleState {
                username: &username,
                role: role.as_str(),
            }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Disables an account (ending its sessions) or enables it again.
pub async fn set_disabled(
    db: &Db,
    viewer: &Viewer,
    user_id: i32,
    disabled: bool,
) -> Result<(), AppError> {
    require_team(viewer)?;
    let person = find_other(db, viewer, user_id).await?;
    let current = person.role;
    if !may_manage(viewer, current, None) {
        return Err(AppError::Forbidden);
    }
    if person.disabled_at.is_some() == disabled {
        return Ok(());
    }
    let txn = db.write().begin().await?;
    let username = person.username.clone();
    let mut model = person.into_active_model();
    model.disabled_at = Set(disabled.then(Utc::now));
    model.update(&txn).await?;
    if disabled {
        session::Entity::delete_many()
            .filter(session::Column::UserId.eq(user_id))
            .exec(&txn)
            .await?;
        sign_in_challenge::Entity::delete_many()
            .filter(sign_in_challenge::Column::UserId.eq(user_id))
            .exec(&txn)
            .await?;
    }
    audit::record(
        &txn,
        AuditRecord {
            actor: Some(viewer.user_id),
            action: if disabled {
                AuditAction::PersonDisable
            } else {
                AuditAction::PersonEnable
            },
            target: format!("user:{user_id}"),
            before: Some(AccountState {
                username: &username,
                disabled: !disabled,
            }),
            after: Some(AccountState {
                username: &username,
                disabled,
            }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn viewer(role: Role) -> Viewer {
        Viewer {
            user_id: 1,
            username: "x".into(),
            display_name: "X".into(),
            role,
            second_factor: true,
        }
    }

    #[test]
    fn only_admins_touch_the_team() {
        use Role::*;
        let staff = viewer(Staff);
        let admin = viewer(Admin);
        // staff: people outside the team, never to or from the team
        assert!(may_manage(&staff, Member, Some(Expert)));
        assert!(may_manage(&staff, Registered, None));
        assert!(!may_manage(&staff, Member, Some(Staff)));
        assert!(!may_manage(&staff, Staff, Some(Member)));
        assert!(!may_manage(&staff, Admin, None));
        // admins: anyone
        assert!(may_manage(&admin, Staff, Some(Member)));
        assert!(may_manage(&admin, Member, Some(Admin)));
        assert!(may_manage(&admin, Staff, None));
    }
}
