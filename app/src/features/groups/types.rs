//! Working-group types shared by server and browser.
use serde::{Deserialize, Serialize};

use crate::i18n::Messages;

crate::stored_enum! {
    pub enum GroupKind {
        /// Anyone who is a member of the community may join.
        Open = "open",
        /// One asks to join; the group's admins approve.
        Closed = "closed",
        /// Invisible to non-members; one joins by invitation only.
        Secret = "secret",
    }
}

impl GroupKind {
    pub fn describe(self, t: &Messages) -> &'static str {
        match self {
            GroupKind::Open => t.groups.group_kind_open,
            GroupKind::Closed => t.groups.group_kind_closed,
            GroupKind::Secret => t.groups.group_kind_secret,
        }
    }
}

/// Where the viewer stands with a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Membership {
    Outside,
    Requested,
    Invited,
    Member,
    Admin,
}

crate::stored_enum! {
    /// A member's place in a group.
    pub enum GroupRole {
        Member = "member",
        /// Manages the group: requests, invitations, its category and wiki space.
        Admin = "admin",
    }
}

crate::stored_enum! {
    /// A pending way into a group.
    pub enum GroupRequestKind {
        /// The person asked to join a closed group.
        Request = "request",
        /// The group's admins invited the person.
        Invitation = "invitation",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupSummary {
    pub id: i32,
    pub slug: String,
    pub name: String,
    pub description: String,
    pub kind: GroupKind,
    pub members: u64,
    pub membership: Membership,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupList {
    pub groups: Vec<GroupSummary>,
    /// Staff create groups.
    pub may_create: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupPerson {
    pub user_id: i32,
    pub username: String,
    pub display_name: String,
    /// For members: a group admin. For pending people: invited (else: asked to join).
    pub flag: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupDetails {
    pub group: GroupSummary,
    pub members: Vec<GroupPerson>,
    /// The viewer may approve requests and invite (group admins and staff).
    pub manage: bool,
    /// Pending requests and invitations, for those who manage.
    pub pending: Vec<GroupPerson>,
    /// The viewer's role lets them join groups at all (members, experts, staff).
    pub may_take_part: bool,
}
