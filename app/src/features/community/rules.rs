//! What each community phase allows, in one table (DESIGN §1). Sign-up, invitations and what
//! visitors see all ask here instead of comparing phases themselves.
use super::types::Phase;
use crate::features::accounts::types::Role;

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
