//! Reads and changes the community settings.
use sea_orm::{sea_query::OnConflict, ConnectionTrait, EntityTrait, Set};

use super::types::{CommunityStatus, Phase};
use crate::{error::AppError, server::entities::setting};

const PHASE_KEY: &str = "phase";

pub async fn status(db: &impl ConnectionTrait) -> Result<CommunityStatus, AppError> {
    Ok(CommunityStatus {
        phase: phase(db).await?,
    })
}

/// The phase; a community that never set one is closed.
pub async fn phase(db: &impl ConnectionTrait) -> Result<Phase, AppError> {
    let stored = setting::Entity::find_by_id(PHASE_KEY.to_string())
        .one(db)
        .await?;
    Ok(stored
        .and_then(|s| s.value.parse::<u8>().ok())
        .and_then(Phase::from_number)
        .unwrap_or_default())
}

pub async fn set_phase(db: &impl ConnectionTrait, phase: Phase) -> Result<(), AppError> {
    let row = setting::ActiveModel {
        key: Set(PHASE_KEY.into()),
        value: Set(phase.number().to_string()),
    };
    setting::Entity::insert(row)
        .on_conflict(
            OnConflict::column(setting::Column::Key)
                .update_column(setting::Column::Value)
                .to_owned(),
        )
        .exec(db)
        .await?;
    Ok(())
}

/// An admin changes the phase; the change is in the audit log.
pub async fn change_phase(
    db: &crate::server::Db,
    actor: &crate::features::accounts::types::Viewer,
    phase: Phase,
) -> Result<(), AppError> {
    use sea_orm::TransactionTrait;

    use crate::server::audit::{self, AuditRecord};

    if actor.needs_second_factor() {
        return Err(AppError::SecondFactorRequired);
    }
    if !actor.is_admin() {
        return Err(AppError::Forbidden);
    }
    let txn = db.write().begin().await?;
    let before = self::phase(&txn).await?;
    if before == phase {
        return Ok(());
    }
    set_phase(&txn, phase).await?;
    audit::record(
        &txn,
        AuditRecord {
            actor: Some(actor.user_id),
            action: "community.phase",
            target: "community".into(),
            before: Some(before.number()),
            after: Some(phase.number()),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
