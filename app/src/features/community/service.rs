//! Reads and changes the community settings.
use sea_orm::ConnectionTrait;

use super::types::{CommunityStatus, Phase};
use crate::error::AppError;
pub use crate::server::settings::{phase, set_phase};

pub async fn status(db: &impl ConnectionTrait) -> Result<CommunityStatus, AppError> {
    Ok(CommunityStatus {
        phase: phase(db).await?,
    })
}

/// An admin changes the phase; the change is in the audit log.
pub async fn change_phase(
    db: &crate::server::Db,
    actor: &crate::kernel::identity::Viewer,
    phase: Phase,
) -> Result<(), AppError> {
    use sea_orm::TransactionTrait;

    use crate::server::audit::{self, AuditAction, AuditRecord};

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
            action: AuditAction::CommunityPhase,
            target: "community".into(),
            before: Some(before.number()),
            after: Some(phase.number()),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
