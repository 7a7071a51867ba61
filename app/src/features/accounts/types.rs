//! Account types shared by server and browser.
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

/// The person looking at a page, when signed in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Viewer {
    pub user_id: i32,
    pub username: String,
    pub display_name: String,
    pub role: Role,
}

/// One of a person's open sessions, as their security page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionInfo {
    /// The stored id (a hash of the token, useless to sign in with).
    pub id: String,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub last_seen_at: chrono::DateTime<chrono::Utc>,
    pub ip: String,
    pub user_agent: String,
    /// The session of the request that asked.
    pub current: bool,
}

/// Where to go after signing in: only a path on this site, else the home page.
pub fn safe_next(next: &str) -> &str {
    let local = next.starts_with('/')
        && !next.starts_with("//")
        && !next.starts_with("/\\")
        && !next.chars().any(char::is_control);
    if local {
        next
    } else {
        "/"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_are_followed_after_sign_in() {
        assert_eq!(safe_next("/wiki?x=1"), "/wiki?x=1");
        assert_eq!(safe_next("https://evil.example"), "/");
        assert_eq!(safe_next("//evil.example"), "/");
        assert_eq!(safe_next("/\\evil.example"), "/");
        assert_eq!(safe_next(""), "/");
    }

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
