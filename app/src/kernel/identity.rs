//! Who is asking: a person's role in the community and in an organisation, and the viewer of a
//! page. Shared by server and browser; every feature and the access rule speak of these.
use serde::{Deserialize, Serialize};

/// What a person may do in the community (DESIGN §1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Role {
    Registered,
    Member,
    Expert,
    Staff,
    Admin,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Registered => "registered",
            Role::Member => "member",
            Role::Expert => "expert",
            Role::Staff => "staff",
            Role::Admin => "admin",
        }
    }

    pub fn parse(text: &str) -> Option<Role> {
        match text {
            "registered" => Some(Role::Registered),
            "member" => Some(Role::Member),
            "expert" => Some(Role::Expert),
            "staff" => Some(Role::Staff),
            "admin" => Some(Role::Admin),
            _ => None,
        }
    }
}

/// A person's place in an organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum OrganisationRole {
    /// Manages the organisation's people and invitations.
    Referent,
    Member,
}

impl OrganisationRole {
    pub fn as_str(self) -> &'static str {
        match self {
            OrganisationRole::Referent => "referent",
            OrganisationRole::Member => "member",
        }
    }

    pub fn parse(text: &str) -> Option<OrganisationRole> {
        match text {
            "referent" => Some(OrganisationRole::Referent),
            "member" => Some(OrganisationRole::Member),
            _ => None,
        }
    }
}

/// The person looking at a page, when signed in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Viewer {
    pub user_id: i32,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    /// The person signs in with a second factor (TOTP).
    pub second_factor: bool,
}

impl Viewer {
    /// Staff and admin powers need the second factor: without it a team account acts as a
    /// member until the person turns it on.
    pub fn is_team(&self) -> bool {
        self.role >= Role::Staff && self.second_factor
    }

    pub fn is_admin(&self) -> bool {
        self.role == Role::Admin && self.second_factor
    }

    /// A team account that still has to turn on the second factor.
    pub fn needs_second_factor(&self) -> bool {
        self.role >= Role::Staff && !self.second_factor
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip_through_their_stored_names() {
        for role in [
            Role::Registered,
            Role::Member,
            Role::Expert,
            Role::Staff,
            Role::Admin,
        ] {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("root"), None);
    }
}
