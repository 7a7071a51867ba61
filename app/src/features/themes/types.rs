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
