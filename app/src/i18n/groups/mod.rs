//! Groups: the list, a group’s page, membership and requests. A part of the catalogue of its own
//! (`t.groups.…`).
mod en;
mod it;

pub use en::EN;
pub use it::IT;

pub struct GroupsMessages {
    pub groups_title: &'static str,
    pub groups_intro: &'static str,
    pub groups_none: &'static str,
    pub group_kind_open: &'static str,
    pub group_kind_closed: &'static str,
    pub group_kind_secret: &'static str,
    pub group_member_count: fn(u64) -> String,
    pub group_requested: &'static str,
    pub group_invited: &'static str,
    pub group_member: &'static str,
    pub group_admin: &'static str,
    pub group_join: &'static str,
    pub group_request: &'static str,
    pub group_accept: &'static str,
    pub group_withdraw: &'static str,
    pub group_leave: &'static str,
    pub group_make_admin: &'static str,
    pub group_manage_heading: &'static str,
    pub group_requests_heading: &'static str,
    pub group_approve: &'static str,
    pub group_reject: &'static str,
    pub group_invited_person: fn(&str) -> String,
    pub group_invite_label: &'static str,
    pub group_invite: &'static str,
    pub group_new_heading: &'static str,
    pub group_name: &'static str,
    pub group_description: &'static str,
    pub group_kind: &'static str,
    pub group_create: &'static str,
}
