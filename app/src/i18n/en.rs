//! English: the second language of the interface.
use super::Messages;

pub static EN: Messages = Messages {
    site_name: "Pratica",
    site_tagline: "Community of practice for social innovation and co-design",
    community_label: "Community of practice",
    skip_to_content: "Skip to main content",
    nav_label: "Main navigation",
    nav_home: "Home",
    nav_forum: "Forum",
    nav_questions: "Questions",
    nav_wiki: "Wiki",
    nav_agenda: "Events",
    nav_library: "Library",
    nav_network: "Network",
    nav_sign_in: "Sign in",
    language_label: "Language",
    footer_phase_label: "Community phase",
    phase_closed: "1 · closed: members of the member organisations and staff, by invitation",
    phase_extended: "2 · extended: also experts, universities, research centres and other bodies",
    phase_open: "3 · open: public sign-up and public categories",
    footer_about: "Pratica is free software for communities of practice.",
    home_title: "Welcome to the community of practice",
    home_intro: "Public administrations, third-sector organisations, universities and experts \
                 who co-design social services: here we discuss, ask each other questions, \
                 write down together what we learn and meet at seminars.",
    themes_heading: "The community's themes",
    themes_intro: "Themes are proposed by members and approved by staff: they organise \
                   discussions, questions, the wiki and the library.",
    theme_filter_label: "Filter the themes",
    theme_filter_hint: "Type a word: case and accents do not matter.",
    theme_filter_button: "Filter",
    theme_filter_count: "Showing {shown} of {total} themes",
    themes_none_match: "No theme matches “{query}”.",
    themes_empty: "There are no themes yet.",
    theme_added_on: |date| format!("Added on {date}"),
    section_pending: "This section is being prepared and will be available in a coming \
                      version of Pratica.",
    section_forum: "The community's discussions, organised by theme.",
    section_questions: "Questions and answers between professionals, with expert answers and \
                        the archive of solved questions.",
    section_wiki: "The community's shared knowledge, written and reviewed together.",
    section_agenda: "Seminars, webinars, group meetings and external events.",
    section_library: "Regulations, acts, public notices, methods and slides reserved to members.",
    section_network: "The member organisations and the people of the network, with their themes.",
    not_found_title: "Page not found",
    back_home: "Back to the home page",
    error_title: "Something went wrong",
    error_not_found: "The page you are looking for does not exist or is not visible to you.",
    error_forbidden: "You are not allowed to do this.",
    error_conflict: "Someone else changed this in the meantime, or the value is already taken. \
                     Reload the page and try again.",
    error_unavailable: "The server cannot be reached. Check your connection and try again.",
    error_invalid_credentials: "Wrong username, e-mail or password.",
    error_rate_limited: |minutes| {
        format!("Too many sign-in attempts. Try again in {minutes} minutes.")
    },
    sign_in_title: "Sign in",
    sign_in_intro: "Sign in with your username (or e-mail address) and password.",
    sign_in_login: "Username or e-mail",
    sign_in_password: "Password",
    sign_in_submit: "Sign in",
    sign_in_already: |name| format!("You are already signed in as {name}."),
    signed_in_as: "Signed in as",
    sign_out: "Sign out",
    request_cross_site: "Request refused: it comes from another site.",
    forgot_link: "Forgot your password?",
    forgot_title: "Forgotten password",
    forgot_intro: "Type your account's e-mail address: we will send you a link to choose a new \
                   password, valid for one hour.",
    forgot_email: "E-mail address",
    forgot_submit: "Send the link",
    forgot_sent: "If the address belongs to an account, we have sent it a link to reset the \
                  password. Check your mail (and the spam folder).",
    reset_title: "New password",
    reset_intro: "Choose your new password. You will be signed out on every device.",
    reset_password: "New password",
    reset_password_hint: "At least 8 characters. A phrase of several words is easy to remember \
                          and hard to guess.",
    reset_confirmation: "Repeat the new password",
    reset_submit: "Save the password",
    reset_done: "Password changed: you can now sign in with the new one.",
    mail_reset_subject: "Pratica: reset your password",
    mail_reset_body: |name, link| {
        format!(
            "Hello {name},\n\nsomeone (hopefully you) asked to reset the password of your \
             Pratica account. To choose a new one, open this link within an hour:\n\n{link}\n\n\
             If it was not you, ignore this message: your password stays as it was.\n"
        )
    },
    error_internal: "Something went wrong on our side. Please try again in a moment.",
    invalid_required: "This field is required.",
    invalid_too_long: |max| format!("The text is too long: {max} characters at most."),
    invalid_too_short: |min| format!("Too short: at least {min} characters."),
    invalid_common_password: "This password is among the most used ones or contains your name: \
                              choose a more personal one. A phrase of several words is fine.",
    invalid_mismatch: "The two passwords do not match.",
    invalid_expired: "The link is not valid, has expired or was already used. Ask for a new one.",
    invalid_malformed: "The value is not valid.",
    invalid_duplicate: "This value is already taken.",
    loading: "Loading…",
    months: [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    date_time_joiner: ", ",
};
