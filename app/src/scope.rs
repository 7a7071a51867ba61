//! Scopes: who may see a piece of content (DESIGN §1). Every forum category, thread, wiki space,
//! document, event, poll and survey has exactly one. The rule lives here, once; the server turns
//! it into the query condition every list, search, count and fetch uses
//! (`server::access::visible`), and what a person may not see is a 404.
use serde::{Deserialize, Serialize};

use crate::kernel::identity::{Role, Viewer};

/// Stored as text (`public`, `group:3`…, see `to_db`); on the server an entity's scope column
/// has this type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::DeriveValueType))]
#[cfg_attr(feature = "ssr", sea_orm(value_type = "String"))]
pub enum Scope {
    /// Anyone, signed in or not.
    Public,
    /// Anyone signed in.
    Registered,
    /// Members, experts and staff.
    Members,
    /// That working group's members, and staff.
    Group(i32),
    /// Staff and admins only.
    Staff,
}

impl Scope {
    /// How the scope is stored: `public`, `registered`, `members`, `group:<id>`, `staff`.
    pub fn to_db(self) -> String {
        match self {
            Scope::Public => "public".into(),
            Scope::Registered => "registered".into(),
            Scope::Members => "members".into(),
            Scope::Group(id) => format!("group:{id}"),
            Scope::Staff => "staff".into(),
        }
    }

    pub fn from_db(text: &str) -> Option<Scope> {
        match text {
            "public" => Some(Scope::Public),
            "registered" => Some(Scope::Registered),
            "members" => Some(Scope::Members),
            "staff" => Some(Scope::Staff),
            _ => text
                .strip_prefix("group:")
                .and_then(|id| id.parse().ok())
                .filter(|id: &i32| *id > 0)
                .map(Scope::Group),
        }
    }

    /// Whether `viewer` (None: a visitor) who belongs to the working groups `groups` may see
    /// content with this scope.
    /// Staff and admins see everything once their second factor is on; until then they see what
    /// a member sees.
    pub fn allows(self, viewer: Option<&Viewer>, groups: &[i32]) -> bool {
        if viewer.is_some_and(Viewer::is_team) {
            return true;
        }
        let role = viewer.map(|v| v.role);
        match self {
            Scope::Public => true,
            Scope::Registered => role.is_some(),
            Scope::Members => role.is_some_and(|r| r >= Role::Member),
            Scope::Group(id) => role.is_some() && groups.contains(&id),
            Scope::Staff => false,
        }
    }

    /// The stored scopes a viewer may see, or `None` when they may see everything (staff).
    pub fn visible_set(viewer: Option<&Viewer>, groups: &[i32]) -> Option<Vec<String>> {
        if viewer.is_some_and(Viewer::is_team) {
            return None;
        }
        let fixed = [
            Scope::Public,
            Scope::Registered,
            Scope::Members,
            Scope::Staff,
        ];
        let group_scopes = groups.iter().map(|id| Scope::Group(*id));
        Some(
            fixed
                .into_iter()
                .chain(group_scopes)
                .filter(|scope| scope.allows(viewer, groups))
                .map(Scope::to_db)
                .collect(),
        )
    }
}

impl std::fmt::Display for Scope {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.to_db())
    }
}

/// A stored scope that is none of the known forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnknownScope;

impl std::fmt::Display for UnknownScope {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("unknown scope")
    }
}

impl std::error::Error for UnknownScope {}

impl std::str::FromStr for Scope {
    type Err = UnknownScope;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Scope::from_db(text).ok_or(UnknownScope)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_round_trip_through_their_stored_form() {
        for scope in [
            Scope::Public,
            Scope::Registered,
            Scope::Members,
            Scope::Group(7),
            Scope::Staff,
        ] {
            assert_eq!(Scope::from_db(&scope.to_db()), Some(scope));
        }
        for bad in [
            "", "group:", "group:x", "group:-1", "group:0", "Public", "members ",
        ] {
            assert_eq!(Scope::from_db(bad), None, "{bad:?}");
        }
    }
}
