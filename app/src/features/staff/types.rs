//! What the staff console shows.
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::features::community::types::Phase;

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
