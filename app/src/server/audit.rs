//! The audit log: every action of staff, admins and referents that changes someone else's
//! situation is written here, in the same transaction as the change itself, with the state
//! before and after as JSON.
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, QueryOrder, QuerySelect, Set};
use serde::Serialize;

use crate::{error::AppError, server::entities::audit_entry};

/// What was done, as the log names it (`forum.move`…). One enum, so every action written is
/// one of these and reads the same everywhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditAction {
    CommunityPhase,
    ForumAcceptAnswer,
    ForumCategoryScope,
    ForumDismissReport,
    ForumEditPost,
    ForumMove,
    ForumDeleteThread,
    ForumDeletePost,
    ForumHidePost,
    ForumUnhidePost,
    ForumPin,
    ForumUnpin,
    ForumLock,
    ForumUnlock,
    ForumHide,
    ForumUnhide,
    GroupCreate,
    InvitationCreate,
    InvitationRevoke,
    InvitationUse,
    OrganisationAddMember,
    OrganisationCreate,
    OrganisationLogo,
    OrganisationMemberRole,
    OrganisationRemoveMember,
    OrganisationUpdate,
    PersonRole,
    PersonDisable,
    PersonEnable,
    PollClose,
    PollCreate,
    PollFeature,
    PollUnfeature,
    SurveyCreate,
    SurveyPublish,
    SurveyUnpublish,
    ThemeDecide,
    WikiProtect,
    WikiUnprotect,
    WikiValidate,
    WikiUnvalidate,
}

impl AuditAction {
    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::CommunityPhase => "community.phase",
            AuditAction::ForumAcceptAnswer => "forum.accept_answer",
            AuditAction::ForumCategoryScope => "forum.category_scope",
            AuditAction::ForumDismissReport => "forum.dismiss_report",
            AuditAction::ForumEditPost => "forum.edit_post",
            AuditAction::ForumMove => "forum.move",
            AuditAction::ForumDeleteThread => "forum.delete_thread",
            AuditAction::ForumDeletePost => "forum.delete_post",
            AuditAction::ForumHidePost => "forum.hide_post",
            AuditAction::ForumUnhidePost => "forum.unhide_post",
            AuditAction::ForumPin => "forum.pin",
            AuditAction::ForumUnpin => "forum.unpin",
            AuditAction::ForumLock => "forum.lock",
            AuditAction::ForumUnlock => "forum.unlock",
            AuditAction::ForumHide => "forum.hide",
            AuditAction::ForumUnhide => "forum.unhide",
            AuditAction::GroupCreate => "group.create",
            AuditAction::InvitationCreate => "invitation.create",
            AuditAction::InvitationRevoke => "invitation.revoke",
            AuditAction::InvitationUse => "invitation.use",
            AuditAction::OrganisationAddMember => "organisation.add_member",
            AuditAction::OrganisationCreate => "organisation.create",
            AuditAction::OrganisationLogo => "organisation.logo",
            AuditAction::OrganisationMemberRole => "organisation.member_role",
            AuditAction::OrganisationRemoveMember => "organisation.remove_member",
            AuditAction::OrganisationUpdate => "organisation.update",
            AuditAction::PersonRole => "person.role",
            AuditAction::PersonDisable => "person.disable",
            AuditAction::PersonEnable => "person.enable",
            AuditAction::PollClose => "poll.close",
            AuditAction::PollCreate => "poll.create",
            AuditAction::PollFeature => "poll.feature",
            AuditAction::PollUnfeature => "poll.unfeature",
            AuditAction::SurveyCreate => "survey.create",
            AuditAction::SurveyPublish => "survey.publish",
            AuditAction::SurveyUnpublish => "survey.unpublish",
            AuditAction::ThemeDecide => "theme.decide",
            AuditAction::WikiProtect => "wiki.protect",
            AuditAction::WikiUnprotect => "wiki.unprotect",
            AuditAction::WikiValidate => "wiki.validate",
            AuditAction::WikiUnvalidate => "wiki.unvalidate",
        }
    }
}

/// Who did what, to which thing (`kind:id`), and the state before and after.
pub struct AuditRecord<B: Serialize, A: Serialize> {
    pub actor: Option<i32>,
    pub action: AuditAction,
    pub target: String,
    pub before: Option<B>,
    pub after: Option<A>,
}

pub async fn record<B: Serialize, A: Serialize>(
    db: &impl ConnectionTrait,
    entry: AuditRecord<B, A>,
) -> Result<(), AppError> {
    let before = entry.before.map(|b| to_json(&b)).transpose()?;
    let after = entry.after.map(|a| to_json(&a)).transpose()?;
    audit_entry::ActiveModel {
        actor_id: Set(entry.actor),
        action: Set(entry.action.as_str().to_owned()),
        target: Set(entry.target),
        before: Set(before),
        after: Set(after),
        at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// An entry that says who did what to which target, with no state to keep (closing a poll,
/// publishing results).
pub async fn record_action(
    db: &impl ConnectionTrait,
    actor: Option<i32>,
    action: AuditAction,
    target: String,
) -> Result<(), AppError> {
    record(
        db,
        AuditRecord::<(), ()> {
            actor,
            action,
            target,
            before: None,
            after: None,
        },
    )
    .await
}

fn to_json(value: &impl Serialize) -> Result<String, AppError> {
    serde_json::to_string(value).map_err(|err| {
        tracing::error!(error = %err, "audit record");
        AppError::Internal
    })
}

/// The most recent entries, newest first.
pub async fn latest(
    db: &impl ConnectionTrait,
    limit: u64,
) -> Result<Vec<audit_entry::Model>, AppError> {
    Ok(audit_entry::Entity::find()
        .order_by_desc(audit_entry::Column::Id)
        .limit(limit)
        .all(db)
        .await?)
}
