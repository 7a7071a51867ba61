//! Reads for the staff console. Only staff and admins get anything; anyone else, "not found".
use std::collections::HashMap;

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::types::{AuditLine, OutboxLine, StaffOverview};
use crate::kernel::identity::{Role, Viewer};
use crate::{
    error::AppError,
    features::community::service as community,
    server::{
        audit,
        entities::{outbox, user},
        Db,
    },
};

const AUDIT_LINES: u64 = 100;
const OUTBOX_LINES: u64 = 50;

pub async fn overview(db: &Db, viewer: &Viewer) -> Result<StaffOverview, AppError> {
    if viewer.role < Role::Staff {
        return Err(AppError::NotFound);
    }
    if viewer.needs_second_factor() {
        return Err(AppError::SecondFactorRequired);
    }
    let is_admin = viewer.is_admin();
    let entries = audit::latest(db.read(), AUDIT_LINES).await?;
    let actors: HashMap<i32, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(entries.iter().filter_map(|e| e.actor_id)))
        .all(db.read())
        .await?
        .into_iter()
        .map(|u| (u.id, u.display_name))
        .collect();
    let audit = entries
        .into_iter()
        .map(|e| AuditLine {
            at: e.at,
            actor: e.actor_id.and_then(|id| actors.get(&id).cloned()),
            action: e.action,
            target: e.target,
            before: e.before,
            after: e.after,
        })
        .collect();
    let outbox = if is_admin {
        outbox::Entity::find()
            .order_by_desc(outbox::Column::Id)
            .limit(OUTBOX_LINES)
            .all(db.read())
            .await?
            .into_iter()
            .map(|m| OutboxLine {
                recipient: m.recipient,
                subject: m.subject,
                // Admins see what was sent, not the links that would act as its recipient.
                body: crate::server::mail::with_links_masked(&m.body),
                created_at: m.created_at,
                sent_at: m.sent_at,
                last_error: m.last_error,
            })
            .collect()
    } else {
        Vec::new()
    };
    Ok(StaffOverview {
        phase: community::phase(db.read()).await?,
        is_admin,
        audit,
        outbox,
    })
}
