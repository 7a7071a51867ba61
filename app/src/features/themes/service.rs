//! The rules of themes, over the database: members propose, staff approve (the theme gets its
//! forum category), merge into an existing theme or reject with a reason; people follow themes.
use crate::error::Field;
use crate::server::forms::{clean_text, name_with_slug};
use std::collections::{HashMap, HashSet};

use chrono::Utc;
use sea_orm::{
    sea_query::Expr, ActiveEnum, ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait,
    EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait,
};
use serde::Serialize;

use super::types::{
    ProposalStatus, Theme, ThemeEntry, ThemePage, ThemeProposal, ThemesOverview, DESCRIPTION_MAX,
    NAME_MAX, REASON_MAX,
};
use crate::kernel::identity::{Role, Viewer};
use crate::{
    error::{AppError, InvalidReason},
    features::forum::service::{access, categories},
    server::{
        access::Audience,
        audit::{self, AuditAction, AuditRecord},
        entities::{
            category,
            theme::{self, ThemeStatus},
            user, user_theme,
        },
        Db,
    },
};

/// The approved themes, by name.
pub async fn list_approved(db: &impl ConnectionTrait) -> Result<Vec<Theme>, AppError> {
    let rows = theme::Entity::find()
        .filter(theme::Column::Status.eq(ThemeStatus::Approved))
        .order_by_asc(theme::Column::Name)
        .order_by_asc(theme::Column::Id)
        .all(db)
        .await?;
    Ok(rows.into_iter().map(to_theme).collect())
}

/// A member (or expert, or staff) proposes a theme; it waits for staff's decision.
pub async fn propose(
    db: &Db,
    viewer: &Viewer,
    name: &str,
    description: &str,
) -> Result<Theme, AppError> {
    if viewer.role < Role::Member {
        return Err(AppError::Forbidden);
    }
    let txn = db.write().begin().await?;
    let created = insert(&txn, name, description, ThemeStatus::Proposed).await?;
    theme::Entity::update_many()
        .col_expr(theme::Column::ProposedBy, Expr::value(viewer.user_id))
        .filter(theme::Column::Id.eq(created.id))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(created)
}

/// Checks and stores a theme; an approved theme gets its forum category in the same
/// transaction. Bad input changes nothing.
pub async fn insert(
    db: &impl ConnectionTrait,
    name: &str,
    description: &str,
    status: ThemeStatus,
) -> Result<Theme, AppError> {
    let (name, slug) = name_with_slug(Field::Name, name, NAME_MAX)?;
    let description = clean_text(
        Field::Description,
        description,
        DESCRIPTION_MAX,
        false,
        true,
    )?;
    let (name, description) = (name.as_str(), description.as_str());
    let row = theme::ActiveModel {
        slug: Set(slug),
        name: Set(name.to_owned()),
        description: Set(description.to_owned()),
        status: Set(status),
        created_at: Set(Utc::now()),
        ..Default::default()
    };
    let model = match row.insert(db).await {
        Ok(model) => model,
        Err(err) => {
            return match AppError::from(err) {
                AppError::Conflict => Err(AppError::invalid(Field::Name, InvalidReason::Duplicate)),
                other => Err(other),
            }
        }
    };
    if status == ThemeStatus::Approved {
        categories::create_for_theme(db, &model).await?;
    }
    Ok(to_theme(model))
}

/// What staff decide about a proposal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    Approve,
    /// Folded into an existing (approved) theme.
    Merge {
        into: i32,
    },
    Reject {
        reason: String,
    },
}

#[derive(Serialize)]
struct AuditedDecision<'a> {
    status: &'a str,
    reason: Option<&'a str>,
    merged_into: Option<i32>,
}

/// Staff decide about a pending proposal. Audited.
pub async fn decide(
    db: &Db,
    audience: &Audience,
    theme_id: i32,
    decision: Decision,
) -> Result<(), AppError> {
    access::require_team(audience)?;
    let found = theme::Entity::find_by_id(theme_id)
        .filter(theme::Column::Status.eq(ThemeStatus::Proposed))
        .one(db.read())
        .await?
        .ok_or(AppError::NotFound)?;
    let (status, reason, merged_into) = match &decision {
        Decision::Approve => (ThemeStatus::Approved, None, None),
        Decision::Reject { reason } => {
            let reason = reason.trim();
            if reason.is_empty() {
                return Err(AppError::invalid(Field::Reason, InvalidReason::Required));
            }
            if reason.chars().count() > REASON_MAX {
                return Err(AppError::invalid(
                    Field::Reason,
                    InvalidReason::TooLong { max: REASON_MAX },
                ));
            }
            (ThemeStatus::Rejected, Some(reason.to_owned()), None)
        }
        Decision::Merge { into } => {
            let target = theme::Entity::find_by_id(*into)
                .filter(theme::Column::Status.eq(ThemeStatus::Approved))
                .one(db.read())
                .await?
                .ok_or(AppError::invalid(Field::MergeInto, InvalidReason::Unknown))?;
            (ThemeStatus::Merged, None, Some(target.id))
        }
    };
    let viewer_id = audience.viewer().map(|v| v.user_id);
    let txn = db.write().begin().await?;
    let changed = theme::Entity::update_many()
        .col_expr(theme::Column::Status, Expr::value(status.to_value()))
        .col_expr(theme::Column::DecidedBy, Expr::value(viewer_id))
        .col_expr(theme::Column::DecidedAt, Expr::value(Utc::now()))
        .col_expr(theme::Column::DecisionNote, Expr::value(reason.clone()))
        .col_expr(theme::Column::MergedInto, Expr::value(merged_into))
        .filter(theme::Column::Id.eq(found.id))
        .filter(theme::Column::Status.eq(ThemeStatus::Proposed))
        .exec(&txn)
        .await?;
    if changed.rows_affected != 1 {
        return Err(AppError::Conflict);
    }
    if status == ThemeStatus::Approved {
        let approved = theme::Model {
            status,
            ..found.clone()
        };
        categories::create_for_theme(&txn, &approved).await?;
    }
    audit::record(
        &txn,
        AuditRecord {
            actor: viewer_id,
            action: AuditAction::ThemeDecide,
            target: format!("theme:{}", found.id),
            before: Some(AuditedDecision {
                status: "proposed",
                reason: None,
                merged_into: None,
            }),
            after: Some(AuditedDecision {
                status: &status.to_value(),
                reason: reason.as_deref(),
                merged_into,
            }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The themes page: approved themes (with the threads the viewer may see on each and whether
/// they follow it), and proposals (staff: all pending; others: their own).
pub async fn overview(db: &Db, audience: &Audience) -> Result<ThemesOverview, AppError> {
    let themes = list_approved(db.read()).await?;
    let counts: HashMap<i32, u64> = categories::with_counts(db, audience)
        .await?
        .into_iter()
        .filter_map(|c| {
            let slug = c.theme_slug?;
            let id = themes.iter().find(|t| t.slug == slug)?.id;
            Some((id, c.threads))
        })
        .collect();
    let viewer = audience.viewer();
    let following = match viewer {
        Some(v) => followed(db, v.user_id).await?,
        None => HashSet::new(),
    };
    let may_decide = audience.is_team();
    let proposals = match viewer {
        None => Vec::new(),
        Some(v) => {
            let condition = if may_decide {
                Condition::any()
                    .add(theme::Column::Status.eq(ThemeStatus::Proposed))
                    .add(theme::Column::ProposedBy.eq(v.user_id))
            } else {
                Condition::all().add(theme::Column::ProposedBy.eq(v.user_id))
            };
            let rows = theme::Entity::find()
                .filter(condition)
                .filter(theme::Column::ProposedBy.is_not_null())
                .order_by_desc(theme::Column::Id)
                .all(db.read())
                .await?;
            proposals(db, rows, &themes).await?
        }
    };
    Ok(ThemesOverview {
        themes: themes
            .into_iter()
            .map(|t| ThemeEntry {
                threads: counts.get(&t.id).copied().unwrap_or(0),
                following: following.contains(&t.id),
                theme: t,
            })
            .collect(),
        proposals,
        signed_in: viewer.is_some(),
        may_propose: viewer.is_some_and(|v| v.role >= Role::Member),
        may_decide,
    })
}

async fn followed(db: &Db, user_id: i32) -> Result<HashSet<i32>, AppError> {
    Ok(user_theme::Entity::find()
        .filter(user_theme::Column::UserId.eq(user_id))
        .all(db.read())
        .await?
        .into_iter()
        .map(|f| f.theme_id)
        .collect())
}

async fn proposals(
    db: &Db,
    rows: Vec<theme::Model>,
    approved: &[Theme],
) -> Result<Vec<ThemeProposal>, AppError> {
    let names: HashMap<i32, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(rows.iter().filter_map(|r| r.proposed_by)))
        .all(db.read())
        .await?
        .into_iter()
        .map(|u| (u.id, u.display_name))
        .collect();
    Ok(rows
        .into_iter()
        .map(|r| ThemeProposal {
            id: r.id,
            status: match r.status {
                ThemeStatus::Proposed => ProposalStatus::Proposed,
                ThemeStatus::Approved => ProposalStatus::Approved,
                ThemeStatus::Rejected => ProposalStatus::Rejected,
                ThemeStatus::Merged => ProposalStatus::Merged,
            },
            proposed_by: r.proposed_by.and_then(|id| names.get(&id).cloned()),
            proposed_at: r.created_at,
            reason: r.decision_note,
            merged_into: r.merged_into.and_then(|id| {
                approved
                    .iter()
                    .find(|t| t.id == id)
                    .map(|t| (t.name.clone(), t.slug.clone()))
            }),
            name: r.name,
            description: r.description,
        })
        .collect())
}

/// A theme's page: the theme, whether one follows it, and its forum category when visible.
pub async fn theme_page(db: &Db, audience: &Audience, slug: &str) -> Result<ThemePage, AppError> {
    let found = theme::Entity::find()
        .filter(theme::Column::Slug.eq(slug))
        .filter(theme::Column::Status.eq(ThemeStatus::Approved))
        .one(db.read())
        .await?
        .ok_or(AppError::NotFound)?;
    let category = category::Entity::find()
        .filter(category::Column::ThemeId.eq(found.id))
        .filter(crate::server::access::visible(
            category::Column::Scope,
            audience,
        ))
        .one(db.read())
        .await?;
    let following = match audience.viewer() {
        Some(v) => followed(db, v.user_id).await?.contains(&found.id),
        None => false,
    };
    Ok(ThemePage {
        may_post: category
            .as_ref()
            .is_some_and(|c| access::may_post_in(audience, c)),
        category_slug: category.map(|c| c.slug),
        following,
        signed_in: audience.viewer().is_some(),
        theme: to_theme(found),
        list: None,
    })
}

fn to_theme(model: theme::Model) -> Theme {
    Theme {
        id: model.id,
        slug: model.slug,
        name: model.name,
        description: model.description,
        created_at: model.created_at,
    }
}
