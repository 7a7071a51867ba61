//! Who is asking: a person's role in the community and in an organisation, and the viewer of a
//! page. Shared by server and browser; every feature and the access rule speak of these.
use serde::{Deserialize, Serialize};

crate::stored_enum! {
    /// What a person may do in the community (DESIGN §1), lowest first.
    #[derive(PartialOrd, Ord)]
    pub enum Role {
        Registered = "registered",
        Member = "member",
        Expert = "expert",
        Staff = "staff",
        Admin = "admin",
    }
}

crate::stored_enum! {
    /// A person's place in an organisation.
    #[derive(PartialOrd, Ord)]
    pub enum OrganisationRole {
        /// Manages the organisation's people and invitations.
        Referent = "referent",
        Member = "member",
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
