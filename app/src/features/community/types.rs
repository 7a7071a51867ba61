//! Types of the community settings, shared by server and browser.
use serde::{Deserialize, Serialize};

use crate::i18n::Messages;

/// The community phase, an admin setting that decides who can join and what visitors see.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Phase {
    /// Only members of funded organisations and staff, by invitation.
    #[default]
    Closed,
    /// Also experts, universities, research centres and other bodies.
    Extended,
    /// Public sign-up; public categories readable by anyone.
    Open,
}

impl Phase {
    pub fn number(self) -> u8 {
        match self {
            Phase::Closed => 1,
            Phase::Extended => 2,
            Phase::Open => 3,
        }
    }

    pub fn from_number(n: u8) -> Option<Phase> {
        match n {
            1 => Some(Phase::Closed),
            2 => Some(Phase::Extended),
            3 => Some(Phase::Open),
            _ => None,
        }
    }

    pub fn describe(self, t: &Messages) -> &'static str {
        match self {
            Phase::Closed => t.phase_closed,
            Phase::Extended => t.phase_extended,
            Phase::Open => t.phase_open,
        }
    }
}

/// What every page shows about the community (the footer).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommunityStatus {
    pub phase: Phase,
}
