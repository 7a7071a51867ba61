//! The audit log: every action of staff, admins and referents that changes someone else's
//! situation is written here, in the same transaction as the change itself, with the state
//! before and after as JSON.
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, QueryOrder, QuerySelect, Set};
use serde::Serialize;

use crate::{error::AppError, server::entities::audit_entry};

/// Who did what, to which thing (`kind:id`), and the state before and after.
pub struct AuditRecord<'a, B: Serialize, A: Serialize> {
    pub actor: Option<i32>,
    pub action: &'a str,
    pub target: String,
    pub before: Option<B>,
    pub after: Option<A>,
}

pub async fn record<B: Serialize, A: Serialize>(
    db: &impl ConnectionTrait,
    entry: AuditRecord<'_, B, A>,
) -> Result<(), AppError> {
    let before = entry.before.map(|b| to_json(&b)).transpose()?;
    let after = entry.after.map(|a| to_json(&a)).transpose()?;
    audit_entry::ActiveModel {
        actor_id: Set(entry.actor),
        action: Set(entry.action.to_owned()),
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
