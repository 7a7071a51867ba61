//! Invitation links: staff and admins invite anyone the phase allows; an organisation's referent
//! invites members of that organisation. A link is single use, expires, and carries the role and
//! the organisation the new account gets. Creating and revoking are in the audit log.
use crate::error::Field;
use std::collections::HashMap;

use chrono::{Duration, Utc};
use sea_orm::{
    sea_query::Expr, ActiveModelTrait, ColumnTrait, Condition, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set, TransactionTrait,
};
use serde::Serialize;

use super::{new_token, password::looks_like_email, token_hash, LOGIN_MAX};
use crate::{
    error::{AppError, InvalidReason},
    features::accounts::types::{
        InvitationInfo, InvitationOptions, InvitationStatus, OrganisationChoice, OrganisationRole,
        Role, Viewer,
    },
    i18n::Locale,
    server::{
        audit::{self, AuditAction, AuditRecord},
        entities::{invitation, organisation, organisation_member, user},
        Db,
    },
};

/// The longest an invitation may stay valid.
pub const INVITATION_MAX_DAYS: u32 = 30;

pub struct NewInvitation<'a> {
    /// Optional: when given, only this address may use the link, and the link is mailed to it.
    pub email: &'a str,
    pub role: Role,
    pub organisation_id: Option<i32>,
    pub organisation_role: OrganisationRole,
    pub days: u32,
}

/// The organisations the person is referent of.
async fn referent_of(db: &Db, user_id: i32) -> Result<Vec<i32>, AppError> {
    Ok(organisation_member::Entity::find()
        .filter(organisation_member::Column::UserId.eq(user_id))
        .filter(organisation_member::Column::Role.eq(OrganisationRole::Referent.as_str()))
        .all(db.read())
        .await?
        .into_iter()
        .map(|m| m.organisation_id)
        .collect())
}

/// What the invitation form offers this person; `NotFound` if they may not invite at all.
pub async fn invitation_options(db: &Db, viewer: &Viewer) -> Result<InvitationOptions, AppError> {
    let rules = crate::server::settings::phase(db.read()).await?.rules();
    if viewer.needs_second_factor() {
        return Err(AppError::SecondFactorRequired);
    }
    let team = viewer.is_team();
    let (roles, organisations) = if team {
        let grantable: &[Role] = if viewer.is_admin() {
            &[Role::Member, Role::Expert, Role::Staff, Role::Admin]
        } else {
            &[Role::Member, Role::Expert]
        };
        let roles = grantable
            .iter()
            .copied()
            .filter(|r| rules.may_invite_as(*r))
            .collect();
        let orgs = organisation::Entity::find()
            .order_by_asc(organisation::Column::Name)
            .all(db.read())
            .await?;
        (roles, orgs)
    } else {
        let mine = referent_of(db, viewer.user_id).await?;
        if mine.is_empty() {
            return Err(AppError::NotFound);
        }
        let orgs = organisation::Entity::find()
            .filter(organisation::Column::Id.is_in(mine))
            .order_by_asc(organisation::Column::Name)
            .all(db.read())
            .await?;
        (vec![Role::Member], orgs)
    };
    Ok(InvitationOptions {
        roles,
        organisations: organisations
            .into_iter()
            .map(|o| OrganisationChoice {
                id: o.id,
                name: o.name,
            })
            .collect(),
        organisation_required: !team,
        may_make_referents: team,
    })
}

#[derive(Serialize)]
struct AuditedInvitation<'a> {
    email: Option<&'a str>,
    role: &'a str,
    organisation_id: Option<i32>,
    organisation_role: Option<&'a str>,
    expires_at: chrono::DateTime<Utc>,
}

/// Invitations one person may create in an hour.
pub const INVITATIONS_PER_HOUR: u64 = 30;

/// Creates an invitation. Returns the link's token for an invitation without an address (shown
/// once to the inviter, never stored); one with an address is mailed.
pub async fn create_invitation(
    db: &Db,
    viewer: &Viewer,
    new: NewInvitation<'_>,
    public_url: &str,
    locale: Locale,
) -> Result<NewInvitationLink, AppError> {
    let options = invitation_options(db, viewer).await?;
    if !options.roles.contains(&new.role) {
        return Err(AppError::Forbidden);
    }
    // Each invitation may send a mail: a stolen staff or referent session cannot flood.
    let bucket = format!("invite:{}", viewer.user_id);
    if let Err(retry_after_secs) = super::claim_attempt(
        db,
        &bucket,
        INVITATIONS_PER_HOUR,
        chrono::Duration::hours(1),
    )
    .await?
    {
        return Err(AppError::RateLimited { retry_after_secs });
    }
    let email = new.email.trim().to_lowercase();
    let email = if email.is_empty() {
        None
    } else if email.chars().count() > LOGIN_MAX || !looks_like_email(&email) {
        return Err(AppError::invalid(Field::Email, InvalidReason::Malformed));
    } else {
        Some(email)
    };
    // An address that has an account gets the same answer and the same row in the list (so the
    // inviter does not learn who is a member); its mail says how to sign in instead of a link.
    let has_account = match &email {
        Some(address) => user::Entity::find()
            .filter(user::Column::Email.eq(address.as_str()))
            .one(db.read())
            .await?
            .is_some(),
        None => false,
    };
    let organisation = match new.organisation_id {
        Some(id) => {
            if !options.organisations.iter().any(|o| o.id == id) {
                return Err(AppError::invalid(
                    Field::Organisation,
                    InvalidReason::Malformed,
                ));
            }
            organisation::Entity::find_by_id(id).one(db.read()).await?
        }
        None => None,
    };
    // A member belongs to a member organisation (DESIGN §1); referents invite into theirs.
    if organisation.is_none() && (new.role == Role::Member || options.organisation_required) {
        return Err(AppError::invalid(
            Field::Organisation,
            InvalidReason::Required,
        ));
    }
    let organisation_role = organisation.as_ref().map(|_| {
        if options.may_make_referents {
            new.organisation_role
        } else {
            OrganisationRole::Member
        }
    });
    if new.days == 0 || new.days > INVITATION_MAX_DAYS {
        return Err(AppError::invalid(Field::Days, InvalidReason::Malformed));
    }

    let token = new_token();
    let now = Utc::now();
    let expires_at = now + Duration::days(i64::from(new.days));
    let txn = db.write().begin().await?;
    let row = invitation::ActiveModel {
        token_hash: Set(token_hash(&token)),
        email: Set(email.clone()),
        role: Set(new.role),
        organisation_id: Set(organisation.as_ref().map(|o| o.id)),
        organisation_role: Set(organisation_role),
        created_by: Set(viewer.user_id),
        created_at: Set(now),
        expires_at: Set(expires_at),
        used_at: Set(None),
        used_by: Set(None),
        revoked_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        AuditRecord::<(), _> {
            actor: Some(viewer.user_id),
            action: AuditAction::InvitationCreate,
            target: format!("invitation:{}", row.id),
            before: None,
            after: Some(AuditedInvitation {
                email: email.as_deref(),
                role: new.role.as_str(),
                organisation_id: row.organisation_id,
                organisation_role: organisation_role.map(|r| r.as_str()),
                expires_at,
            }),
        },
    )
    .await?;
    if let Some(address) = &email {
        let t = locale.messages();
        let organisation_name = organisation.as_ref().map(|o| o.name.as_str());
        let body = if has_account {
            (t.accounts.mail_invitation_member_body)(
                &viewer.display_name,
                organisation_name,
                &format!("{public_url}/accedi"),
            )
        } else {
            let link = invitation_link(public_url, &token);
            (t.accounts.mail_invitation_body)(&viewer.display_name, organisation_name, &link)
        };
        crate::server::mail::queue(&txn, address, t.accounts.mail_invitation_subject, &body)
            .await?;
    }
    txn.commit().await?;
    Ok(NewInvitationLink {
        link: email.is_none().then_some(token),
    })
}

/// What the inviter gets back: the link's token when the invitation has no address (to hand it
/// over themselves); one sent to an address travels only by mail, whoever holds that address.
#[derive(Debug)]
pub struct NewInvitationLink {
    pub link: Option<String>,
}

pub fn invitation_link(public_url: &str, token: &str) -> String {
    format!("{public_url}/registrati?invito={token}")
}

/// Revokes a pending invitation. Staff and admins revoke any; a referent those of their
/// organisations. Anything else is "not found".
pub async fn revoke_invitation(db: &Db, viewer: &Viewer, id: i32) -> Result<(), AppError> {
    let Some(found) = invitation::Entity::find_by_id(id).one(db.read()).await? else {
        return Err(AppError::NotFound);
    };
    if !may_manage(db, viewer, &found).await? {
        return Err(AppError::NotFound);
    }
    let now = Utc::now();
    let txn = db.write().begin().await?;
    let changed = invitation::Entity::update_many()
        .col_expr(invitation::Column::RevokedAt, Expr::value(Some(now)))
        .filter(invitation::Column::Id.eq(id))
        .filter(invitation::Column::UsedAt.is_null())
        .filter(invitation::Column::RevokedAt.is_null())
        .exec(&txn)
        .await?;
    if changed.rows_affected != 1 {
        // Used or revoked in the meantime: nothing to do, and nothing to log.
        return Ok(());
    }
    audit::record(
        &txn,
        AuditRecord::<&str, &str> {
            actor: Some(viewer.user_id),
            action: AuditAction::InvitationRevoke,
            target: format!("invitation:{id}"),
            before: Some("pending"),
            after: Some("revoked"),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

async fn may_manage(db: &Db, viewer: &Viewer, found: &invitation::Model) -> Result<bool, AppError> {
    if viewer.is_team() {
        return Ok(true);
    }
    let mine = referent_of(db, viewer.user_id).await?;
    Ok(found
        .organisation_id
        .is_some_and(|organisation| mine.contains(&organisation)))
}

/// The invitations this person manages (all for staff and admins, their organisations' for a
/// referent), newest first.
pub async fn list_invitations(db: &Db, viewer: &Viewer) -> Result<Vec<InvitationInfo>, AppError> {
    let mut query = invitation::Entity::find();
    if viewer.needs_second_factor() {
        return Err(AppError::SecondFactorRequired);
    }
    if !viewer.is_team() {
        let mine = referent_of(db, viewer.user_id).await?;
        if mine.is_empty() {
            return Err(AppError::NotFound);
        }
        query = query.filter(Condition::all().add(invitation::Column::OrganisationId.is_in(mine)));
    }
    let rows = query
        .order_by_desc(invitation::Column::Id)
        .limit(200)
        .all(db.read())
        .await?;
    let people: Vec<i32> = rows
        .iter()
        .flat_map(|r| [Some(r.created_by), r.used_by])
        .flatten()
        .collect();
    let names: HashMap<i32, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(people))
        .all(db.read())
        .await?
        .into_iter()
        .map(|u| (u.id, u.display_name))
        .collect();
    let organisations: HashMap<i32, String> = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(rows.iter().filter_map(|r| r.organisation_id)))
        .all(db.read())
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect();
    let now = Utc::now();
    Ok(rows
        .into_iter()
        .map(|r| {
            let status = if r.used_at.is_some() {
                InvitationStatus::Used
            } else if r.revoked_at.is_some() {
                InvitationStatus::Revoked
            } else if r.expires_at <= now {
                InvitationStatus::Expired
            } else {
                InvitationStatus::Pending
            };
            InvitationInfo {
                id: r.id,
                email: r.email,
                role: r.role,
                organisation: r
                    .organisation_id
                    .and_then(|id| organisations.get(&id).cloned()),
                organisation_role: r.organisation_role,
                invited_by: names.get(&r.created_by).cloned().unwrap_or_default(),
                created_at: r.created_at,
                expires_at: r.expires_at,
                status,
                used_by: r.used_by.and_then(|id| names.get(&id).cloned()),
            }
        })
        .collect())
}
