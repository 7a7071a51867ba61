//! The one access check of queries. An `Audience` is who is looking: the person (or a visitor),
//! the working groups they belong to, and whether the community's phase lets visitors read
//! public content. `visible(column, audience)` is the condition every list, search, count and
//! fetch of scoped content adds, so that what a person may not see is never listed, never
//! counted and, fetched by id, not found.
use sea_orm::{sea_query::Expr, ColumnTrait, Condition};

use crate::{error::AppError, features::accounts::types::Viewer, scope::Scope, server::Db};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Audience {
    viewer: Option<Viewer>,
    groups: Vec<i32>,
    visitors_read_public: bool,
}

impl Audience {
    pub fn new(viewer: Option<Viewer>, groups: Vec<i32>, visitors_read_public: bool) -> Self {
        Audience {
            viewer,
            groups,
            visitors_read_public,
        }
    }

    /// The audience of a request: the person's groups and the phase's rule for visitors.
    pub async fn load(db: &Db, viewer: Option<&Viewer>) -> Result<Audience, AppError> {
        let groups = match viewer {
            Some(v) => crate::features::groups::service::member_group_ids(db, v.user_id).await?,
            None => Vec::new(),
        };
        let visitors_read_public = match viewer {
            Some(_) => true,
            None => {
                crate::features::community::service::phase(db.read())
                    .await?
                    .rules()
                    .visitors_read_public
            }
        };
        Ok(Audience::new(viewer.cloned(), groups, visitors_read_public))
    }

    pub fn viewer(&self) -> Option<&Viewer> {
        self.viewer.as_ref()
    }

    pub fn groups(&self) -> &[i32] {
        &self.groups
    }

    /// Staff and admins with their second factor on: they see everything.
    pub fn is_team(&self) -> bool {
        self.viewer.as_ref().is_some_and(Viewer::is_team)
    }

    /// Whether this audience may see content with `scope`.
    pub fn sees(&self, scope: Scope) -> bool {
        if self.viewer.is_none() && !self.visitors_read_public {
            return false;
        }
        scope.allows(self.viewer.as_ref(), &self.groups)
    }
}

/// The query condition: rows whose scope column holds a scope the audience may see.
pub fn visible<C: ColumnTrait>(scope_column: C, audience: &Audience) -> Condition {
    if audience.viewer.is_none() && !audience.visitors_read_public {
        // Matches nothing, on every backend (an empty condition would match everything).
        return Condition::all().add(Expr::cust("1 = 0"));
    }
    match Scope::visible_set(audience.viewer.as_ref(), &audience.groups) {
        None => Condition::all(),
        Some(scopes) => Condition::all().add(scope_column.is_in(scopes)),
    }
}
