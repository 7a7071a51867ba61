//! The one access check of queries. An `Audience` is who is looking: the person (or a visitor),
//! the working groups they belong to, and whether the community's phase lets visitors read
//! public content. `visible(column, audience)` is the condition every list, search, count and
//! fetch of scoped content adds, so that what a person may not see is never listed, never
//! counted and, fetched by id, not found.
use sea_orm::{sea_query::Expr, ColumnTrait, Condition};

use sea_orm::{EntityTrait, QueryFilter};

use crate::{
    error::AppError,
    kernel::identity::Viewer,
    scope::Scope,
    server::{entities::group_member, settings, Db},
};

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
            Some(v) => group_member::Entity::find()
                .filter(group_member::Column::UserId.eq(v.user_id))
                .all(db.read())
                .await?
                .into_iter()
                .map(|m| m.group_id)
                .collect(),
            None => Vec::new(),
        };
        let visitors_read_public = match viewer {
            Some(_) => true,
            None => {
                settings::phase(db.read())
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

/// Staff powers, the one check every staff-only action makes. Whoever is not on the team gets
/// "not found" (a staff page or action is not there for them, DESIGN §1); a team account that
/// has not turned on its second factor is told to.
pub fn require_team(audience: &Audience) -> Result<&Viewer, AppError> {
    require_team_viewer(audience.viewer())
}

/// `require_team` for code that has the viewer without an audience.
pub fn require_team_viewer(viewer: Option<&Viewer>) -> Result<&Viewer, AppError> {
    match viewer {
        Some(v) if v.is_team() => Ok(v),
        Some(v) if v.needs_second_factor() => Err(AppError::SecondFactorRequired),
        _ => Err(AppError::NotFound),
    }
}

/// A signed-in person; visitors are refused.
pub fn signed_in(audience: &Audience) -> Result<&Viewer, AppError> {
    audience.viewer().ok_or(AppError::Forbidden)
}
