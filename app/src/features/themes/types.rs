//! Theme types shared by server and browser.
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

pub const NAME_MAX: usize = 120;
pub const DESCRIPTION_MAX: usize = 2000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Theme {
    pub id: i32,
    pub slug: String,
    pub name: String,
    pub description: String,
    pub created_at: DateTime<Utc>,
}

pub const REASON_MAX: usize = 1000;

/// Where a proposed theme stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ProposalStatus {
    Proposed,
    Approved,
    Rejected,
    Merged,
}

/// A theme as the themes page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThemeEntry {
    pub theme: Theme,
    /// Threads on it the viewer may see.
    pub threads: u64,
    pub following: bool,
}

/// A proposal, with staff's decision once there is one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThemeProposal {
    pub id: i32,
    pub name: String,
    pub description: String,
    pub status: ProposalStatus,
    pub proposed_by: Option<String>,
    pub proposed_at: DateTime<Utc>,
    pub reason: Option<String>,
    /// The theme it was merged into (name, slug).
    pub merged_into: Option<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThemesOverview {
    pub themes: Vec<ThemeEntry>,
    /// Staff: every pending proposal; others: their own proposals.
    pub proposals: Vec<ThemeProposal>,
    pub signed_in: bool,
    pub may_propose: bool,
    pub may_decide: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThemePage {
    pub theme: Theme,
    pub following: bool,
    pub signed_in: bool,
    /// The theme's forum category, when the viewer may see it.
    pub category_slug: Option<String>,
    pub may_post: bool,
    /// The threads on the theme (one page), when the viewer may see its category.
    pub list: Option<crate::features::forum::types::ThreadList>,
}
