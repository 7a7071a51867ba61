//! What must follow a change in one feature elsewhere, in one place. Each hook is called by the
//! feature that made the change, inside the same transaction, so the change and everything that
//! follows it land together or not at all. A new feature that must keep up with groups, threads
//! or categories (the library's shelves, the agenda's calendars, the search index) adds its step
//! here, and the features that make the change do not learn about it.
use sea_orm::{sea_query::Query, ColumnTrait, ConnectionTrait};

use crate::{
    error::AppError,
    features::{forum, polls, wiki},
    server::entities::{category, group, thread},
};

/// A working group was created: its reserved forum category and its wiki space.
pub async fn group_created(
    txn: &impl ConnectionTrait,
    created: &group::Model,
) -> Result<(), AppError> {
    forum::service::categories::create_for_group(txn, created).await?;
    wiki::service::spaces::create_for_group(txn, created).await?;
    Ok(())
}

/// A thread moved to the category `target`: its polls take the category's audience.
pub async fn thread_moved(
    txn: &impl ConnectionTrait,
    thread_id: i32,
    target: &category::Model,
) -> Result<(), AppError> {
    let threads = Query::select()
        .column(thread::Column::Id)
        .from(thread::Entity)
        .and_where(thread::Column::Id.eq(thread_id))
        .to_owned();
    polls::service::follow_threads(txn, threads, target.scope, target.group_id).await
}

/// A category's audience changed: the polls of its threads follow.
pub async fn category_scope_changed(
    txn: &impl ConnectionTrait,
    changed: &category::Model,
) -> Result<(), AppError> {
    let threads = Query::select()
        .column(thread::Column::Id)
        .from(thread::Entity)
        .and_where(thread::Column::CategoryId.eq(changed.id))
        .to_owned();
    polls::service::follow_threads(txn, threads, changed.scope, changed.group_id).await
}
