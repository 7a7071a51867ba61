//! The staff console: phase, audit log, outbox, people. A part of the catalogue of its own
//! (`t.staff.…`).
mod en;
mod it;

pub use en::EN;
pub use it::IT;

pub struct StaffMessages {
    pub staff_title: &'static str,
    pub staff_phase_heading: &'static str,
    pub staff_phase_intro: &'static str,
    pub staff_phase_submit: &'static str,
    pub staff_phase_changed: &'static str,
    pub staff_phase_admin_only: &'static str,
    pub staff_invitations_link: &'static str,
    pub staff_audit_heading: &'static str,
    pub staff_audit_when: &'static str,
    pub staff_audit_who: &'static str,
    pub staff_audit_what: &'static str,
    pub staff_audit_target: &'static str,
    pub staff_audit_change: &'static str,
    pub staff_audit_empty: &'static str,
    pub staff_outbox_heading: &'static str,
    pub staff_outbox_intro: &'static str,
    pub staff_outbox_to: &'static str,
    pub staff_outbox_subject: &'static str,
    pub staff_outbox_sent: &'static str,
    pub staff_outbox_waiting: &'static str,
    pub staff_outbox_empty: &'static str,
    pub staff_people_title: &'static str,
    pub staff_people_search: &'static str,
    pub staff_people_caption: &'static str,
    pub staff_people_person: &'static str,
    pub staff_people_organisations: &'static str,
    pub staff_people_role: &'static str,
    pub staff_people_account: &'static str,
    pub staff_people_change_role: &'static str,
    pub staff_people_disabled: &'static str,
    pub staff_people_active: &'static str,
    pub staff_people_enable: &'static str,
    pub staff_people_disable: &'static str,
    pub staff_people_second_factor: &'static str,
    pub staff_people_since: fn(&str) -> String,
    pub staff_sections: &'static str,
    pub staff_organisations_link: &'static str,
    pub staff_groups_link: &'static str,
}
