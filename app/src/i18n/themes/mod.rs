//! Themes: the list on the home page with its filter, proposals and the themes' own pages. A part
//! of the catalogue of its own (`t.themes.…`).
mod en;
mod it;

pub use en::EN;
pub use it::IT;

pub struct ThemesMessages {
    pub themes_heading: &'static str,
    pub themes_intro: &'static str,
    pub theme_filter_label: &'static str,
    pub theme_filter_hint: &'static str,
    pub theme_filter_button: &'static str,
    /// (shown, total)
    pub theme_filter_count: fn(&str, &str) -> String,
    /// (what was typed)
    pub themes_none_match: fn(&str) -> String,
    pub themes_empty: &'static str,
    pub theme_added_on: fn(&str) -> String,
    // The themes’ own pages (`/temi`, `/temi/<slug>`): proposals, following, threads.
    pub themes_title: &'static str,
    pub overview_intro: &'static str,
    pub theme_proposed: &'static str,
    pub proposals_heading_staff: &'static str,
    pub proposals_heading_own: &'static str,
    pub follow_theme: &'static str,
    pub unfollow_theme: &'static str,
    pub proposal_pending: &'static str,
    pub proposal_approved: &'static str,
    pub proposal_rejected: &'static str,
    pub proposal_merged: &'static str,
    /// (name, date)
    pub proposed_by: fn(&str, &str) -> String,
    pub reason_label: &'static str,
    pub merged_into: &'static str,
    pub approve: &'static str,
    pub merge_label: &'static str,
    pub merge: &'static str,
    pub reject_reason: &'static str,
    pub reject: &'static str,
    pub propose_heading: &'static str,
    pub propose_hint: &'static str,
    pub theme_name: &'static str,
    pub propose: &'static str,
    pub theme_threads: &'static str,
    pub theme_category_link: &'static str,
    pub theme_threads_reserved: &'static str,
}
