//! What the staff console shows.
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::kernel::phase::Phase;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditLine {
    pub at: DateTime<Utc>,
    pub actor: Option<String>,
    pub action: String,
    pub target: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxLine {
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffOverview {
    pub phase: Phase,
    /// Only admins change the phase and read the outbox (it holds people's links).
    pub is_admin: bool,
    pub audit: Vec<AuditLine>,
    pub outbox: Vec<OutboxLine>,
}

/// One person as the console lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonLine {
    pub user_id: i32,
    pub username: String,
    pub display_name: String,
    pub email: String,
    pub role: crate::kernel::identity::Role,
    pub organisations: Vec<String>,
    pub second_factor: bool,
    pub disabled: bool,
    /// The viewer themselves: no role change, no disabling.
    pub is_self: bool,
    pub created_at: DateTime<Utc>,
}

/// The people section of the console.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeopleConsole {
    pub people: Vec<PersonLine>,
    pub is_admin: bool,
}
