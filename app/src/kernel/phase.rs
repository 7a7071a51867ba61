//! The community's phase (closed, extended, open) and what each phase allows, in one table
//! (DESIGN §1). Sign-up, invitations and what visitors see all ask here instead of comparing
//! phases themselves.
use serde::{Deserialize, Serialize};

use crate::{i18n::Messages, kernel::identity::Role};

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

/// The rules of one phase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhaseRules {
    /// Anyone may create an account (as `registered`) without an invitation.
    pub public_sign_up: bool,
    /// Roles an invitation may carry in this phase (staff and admin invitations are always
    /// possible: the team that runs the community is not part of the opening).
    pub invitable: &'static [Role],
    /// Visitors who are not signed in may read content whose scope is `public`.
    pub visitors_read_public: bool,
}

const CLOSED: PhaseRules = PhaseRules {
    public_sign_up: false,
    invitable: &[Role::Member, Role::Staff, Role::Admin],
    visitors_read_public: false,
};

const EXTENDED: PhaseRules = PhaseRules {
    public_sign_up: false,
    invitable: &[Role::Member, Role::Expert, Role::Staff, Role::Admin],
    visitors_read_public: false,
};

const OPEN: PhaseRules = PhaseRules {
    public_sign_up: true,
    invitable: &[Role::Member, Role::Expert, Role::Staff, Role::Admin],
    visitors_read_public: true,
};

impl Phase {
    pub fn rules(self) -> &'static PhaseRules {
        match self {
            Phase::Closed => &CLOSED,
            Phase::Extended => &EXTENDED,
            Phase::Open => &OPEN,
        }
    }
}

impl PhaseRules {
    pub fn may_invite_as(&self, role: Role) -> bool {
        self.invitable.contains(&role)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_phase_opens_the_community_a_little_more() {
        use Role::*;
        let table = [
            // phase, public sign-up, expert invitations, visitors read public content
            (Phase::Closed, false, false, false),
            (Phase::Extended, false, true, false),
            (Phase::Open, true, true, true),
        ];
        for (phase, sign_up, experts, visitors) in table {
            let rules = phase.rules();
            assert_eq!(rules.public_sign_up, sign_up, "{phase:?}");
            assert_eq!(rules.may_invite_as(Expert), experts, "{phase:?}");
            assert_eq!(rules.visitors_read_public, visitors, "{phase:?}");
            assert!(rules.may_invite_as(Member) && rules.may_invite_as(Staff));
            assert!(
                !rules.may_invite_as(Registered),
                "nobody is invited as registered"
            );
        }
    }
}
