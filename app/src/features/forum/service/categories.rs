//! Categories: the general one (made by the migration), one per approved theme and one per
//! working group (made here, in the transaction that creates the theme or group), each with its
//! scope; counts of the threads each viewer may see; staff change a category's scope.
use crate::error::Field;
use std::collections::HashMap;

use sea_orm::{
    sea_query::{Expr, ExprTrait},
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, Set,
    TransactionTrait,
};
use serde::Serialize;

use super::{access, now};
use crate::{
    error::{AppError, InvalidReason},
    features::forum::types::CategoryInfo,
    scope::Scope,
    server::{
        access::Audience,
        audit::{self, AuditAction, AuditRecord},
        entities::{category, group, theme, thread},
        Db,
    },
};

/// Themes' categories start readable by members, experts and staff; staff open them further.
const THEME_SCOPE: Scope = Scope::Members;

/// The category of an approved theme (same slug as the theme, or with its id when taken).
pub async fn create_for_theme(
    db: &impl ConnectionTrait,
    theme: &theme::Model,
) -> Result<category::Model, AppError> {
    let slug = free_slug(db, &theme.slug, theme.id).await?;
    Ok(category::ActiveModel {
        slug: Set(slug),
        name: Set(theme.name.clone()),
        description: Set(theme.description.clone()),
        scope: Set(THEME_SCOPE),
        theme_id: Set(Some(theme.id)),
        position: Set(theme.id),
        created_at: Set(now()),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

/// A working group's own category: scope `group:<id>` (its members and staff).
pub async fn create_for_group(
    db: &impl ConnectionTrait,
    group: &group::Model,
) -> Result<category::Model, AppError> {
    let slug = free_slug(db, &format!("gruppo-{}", group.slug), group.id).await?;
    Ok(category::ActiveModel {
        slug: Set(slug),
        name: Set(group.name.clone()),
        description: Set(group.description.clone()),
        scope: Set(Scope::Group(group.id)),
        group_id: Set(Some(group.id)),
        position: Set(1000 + group.id),
        created_at: Set(now()),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

async fn free_slug(db: &impl ConnectionTrait, wanted: &str, id: i32) -> Result<String, AppError> {
    let taken = category::Entity::find()
        .filter(category::Column::Slug.eq(wanted))
        .one(db)
        .await?
        .is_some();
    Ok(if taken {
        format!("{wanted}-{id}")
    } else {
        wanted.to_owned()
    })
}

/// The visible categories with the number of threads the audience may see in each: the kept
/// count, plus for staff the hidden threads (few, through their index). A handful of queries,
/// whatever the number of categories and threads.
pub async fn with_counts(db: &Db, audience: &Audience) -> Result<Vec<CategoryInfo>, AppError> {
    let categories = access::categories(db, audience).await?;
    let hidden = hidden_counts(db, audience, categories.iter().map(|c| c.id).collect()).await?;
    let links = owners(db, &categories).await?;
    Ok(categories
        .into_iter()
        .map(|c| {
            let threads = visible_count(&c, &hidden);
            info(c, threads, &links)
        })
        .collect())
}

fn visible_count(c: &category::Model, hidden: &HashMap<i32, i64>) -> u64 {
    let total = i64::from(c.thread_count) + hidden.get(&c.id).copied().unwrap_or(0);
    u64::try_from(total).unwrap_or(0)
}

/// Hidden (not deleted) threads per category, which only staff see and count.
async fn hidden_counts(
    db: &Db,
    audience: &Audience,
    ids: Vec<i32>,
) -> Result<HashMap<i32, i64>, AppError> {
    if !audience.is_team() || ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(thread::Entity::find()
        .select_only()
        .column(thread::Column::CategoryId)
        .column_as(thread::Column::Id.count(), "n")
        .filter(thread::Column::Hidden.eq(true))
        .filter(thread::Column::DeletedAt.is_null())
        .filter(thread::Column::CategoryId.is_in(ids))
        .group_by(thread::Column::CategoryId)
        .into_tuple::<(i32, i64)>()
        .all(db.read())
        .await?
        .into_iter()
        .collect())
}

/// Changes a category's kept count of visible threads (inside the caller's transaction).
pub async fn adjust(
    db: &impl ConnectionTrait,
    category_id: i32,
    delta: i32,
) -> Result<(), AppError> {
    category::Entity::update_many()
        .col_expr(
            category::Column::ThreadCount,
            Expr::col(category::Column::ThreadCount).add(delta),
        )
        .filter(category::Column::Id.eq(category_id))
        .exec(db)
        .await?;
    Ok(())
}

/// Recomputes every category's kept count from the threads (after bulk loads; a repair).
pub async fn recount(db: &Db) -> Result<(), AppError> {
    db.write()
        .execute_unprepared(
            "UPDATE categories SET thread_count = (SELECT COUNT(*) FROM threads \
             WHERE threads.category_id = categories.id AND threads.hidden = FALSE \
             AND threads.deleted_at IS NULL)",
        )
        .await?;
    Ok(())
}

/// The slugs of the themes and groups categories belong to.
pub struct Owners {
    themes: HashMap<i32, String>,
    groups: HashMap<i32, String>,
}

pub async fn owners(db: &Db, categories: &[category::Model]) -> Result<Owners, AppError> {
    let theme_ids: Vec<i32> = categories.iter().filter_map(|c| c.theme_id).collect();
    let group_ids: Vec<i32> = categories.iter().filter_map(|c| c.group_id).collect();
    let themes = if theme_ids.is_empty() {
        HashMap::new()
    } else {
        theme::Entity::find()
            .filter(theme::Column::Id.is_in(theme_ids))
            .all(db.read())
            .await?
            .into_iter()
            .map(|t| (t.id, t.slug))
            .collect()
    };
    let groups = if group_ids.is_empty() {
        HashMap::new()
    } else {
        group::Entity::find()
            .filter(group::Column::Id.is_in(group_ids))
            .all(db.read())
            .await?
            .into_iter()
            .map(|g| (g.id, g.slug))
            .collect()
    };
    Ok(Owners { themes, groups })
}

pub fn info(c: category::Model, threads: u64, owners: &Owners) -> CategoryInfo {
    CategoryInfo {
        scope: c.scope,
        theme_slug: c.theme_id.and_then(|id| owners.themes.get(&id).cloned()),
        group_slug: c.group_id.and_then(|id| owners.groups.get(&id).cloned()),
        id: c.id,
        slug: c.slug,
        name: c.name,
        description: c.description,
        threads,
    }
}

/// A category's info with its count of visible threads.
pub async fn one(
    db: &Db,
    audience: &Audience,
    category: category::Model,
) -> Result<CategoryInfo, AppError> {
    let hidden = hidden_counts(db, audience, vec![category.id]).await?;
    let threads = visible_count(&category, &hidden);
    let owners = owners(db, std::slice::from_ref(&category)).await?;
    Ok(info(category, threads, &owners))
}

/// A category's info without counting its threads (a thread's page names its category).
pub async fn info_of(db: &Db, category: category::Model) -> Result<CategoryInfo, AppError> {
    let owners = owners(db, std::slice::from_ref(&category)).await?;
    Ok(info(category, 0, &owners))
}

#[derive(Serialize)]
struct AuditedScope<'a> {
    scope: &'a str,
}

/// Staff open or close a category (not a working group's: its scope is the group).
pub async fn set_scope(
    db: &Db,
    audience: &Audience,
    category_id: i32,
    scope: &str,
) -> Result<String, AppError> {
    access::require_team(audience)?;
    let found = access::find_category_by_id(db, audience, category_id).await?;
    let scope = Scope::from_db(scope)
        .filter(|s| !matches!(s, Scope::Group(_)))
        .ok_or(AppError::invalid(Field::Scope, InvalidReason::Malformed))?;
    if found.group_id.is_some() {
        return Err(AppError::invalid(Field::Scope, InvalidReason::Malformed));
    }
    let txn = db.write().begin().await?;
    category::Entity::update_many()
        .col_expr(category::Column::Scope, Expr::value(scope.to_db()))
        .filter(category::Column::Id.eq(found.id))
        .exec(&txn)
        .await?;
    let changed = category::Model {
        scope,
        ..found.clone()
    };
    crate::lifecycle::category_scope_changed(&txn, &changed).await?;
    audit::record(
        &txn,
        AuditRecord {
            actor: audience.viewer().map(|v| v.user_id),
            action: AuditAction::ForumCategoryScope,
            target: format!("category:{}", found.id),
            before: Some(AuditedScope {
                scope: &found.scope.to_db(),
            }),
            after: Some(AuditedScope {
                scope: &scope.to_db(),
            }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(found.slug)
}
