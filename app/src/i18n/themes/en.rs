//! The themes’ strings, in English.
use super::ThemesMessages;

pub static EN: ThemesMessages = ThemesMessages {
    themes_heading: "The community's themes",
    themes_intro: "Themes are proposed by members and approved by staff: they organise \
                   discussions, questions, the wiki and the library.",
    theme_filter_label: "Filter the themes",
    theme_filter_hint: "Type a word: case and accents do not matter.",
    theme_filter_button: "Filter",
    theme_filter_count: |shown, total| format!("Showing {shown} of {total} themes"),
    themes_none_match: |query| format!("No theme matches “{query}”."),
    themes_empty: "There are no themes yet.",
    theme_added_on: |date| format!("Added on {date}"),
    themes_title: "Themes",
    overview_intro: "The themes the community works on. You propose them, staff approve them: \
                   each theme has its own category in the forum.",
    theme_proposed: "Thank you: staff have received the proposal and will decide soon.",
    proposals_heading_staff: "Proposals to review and your own",
    proposals_heading_own: "Your proposals",
    follow_theme: "Follow the theme",
    unfollow_theme: "Stop following",
    proposal_pending: "Waiting",
    proposal_approved: "Approved",
    proposal_rejected: "Not accepted",
    proposal_merged: "Merged into an existing theme",
    proposed_by: |name, date| format!("proposed by {name} on {date}"),
    reason_label: "Reason",
    merged_into: "Merged into the theme",
    approve: "Approve",
    merge_label: "Merge into the theme",
    merge: "Merge",
    reject_reason: "Reason for rejecting (shown to the person who proposed it)",
    reject: "Reject",
    propose_heading: "Propose a theme",
    propose_hint: "A theme is a lasting area of work, not a single question.",
    theme_name: "Name of the theme",
    propose: "Send the proposal",
    theme_threads: "Threads on the theme",
    theme_category_link: "Go to the theme's category in the forum",
    theme_threads_reserved: "The threads on this theme are reserved to members of the \
                             community.",
};
