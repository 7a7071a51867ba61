//! The one access check of queries: `visible(column, viewer, groups)` is the condition every
//! list, search, count and fetch of scoped content adds, so that what a person may not see is
//! never listed, never counted and, fetched by id, not found.
use sea_orm::{ColumnTrait, Condition};

use crate::{features::accounts::types::Viewer, scope::Scope};

pub fn visible<C: ColumnTrait>(
    scope_column: C,
    viewer: Option<&Viewer>,
    groups: &[i32],
) -> Condition {
    match Scope::visible_set(viewer, groups) {
        None => Condition::all(),
        Some(scopes) => Condition::all().add(scope_column.is_in(scopes)),
    }
}
