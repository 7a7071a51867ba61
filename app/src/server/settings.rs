//! The community-wide settings kept in the `setting` table: today the phase, which the access
//! rule needs for every request (so it lives here, not in the community feature).
use sea_orm::{sea_query::OnConflict, ConnectionTrait, EntityTrait, Set};

use crate::{error::AppError, kernel::phase::Phase, server::entities::setting};

const PHASE_KEY: &str = "phase";

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
