//! Types of the community settings, shared by server and browser.
use serde::{Deserialize, Serialize};

pub use crate::kernel::phase::{Phase, PhaseRules};

/// What every page shows about the community (the footer).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommunityStatus {
    pub phase: Phase,
}
