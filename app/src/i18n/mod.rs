//! The typed message catalogue: Italian first, English second. A message missing in one language
//! does not compile. Components read `use_messages()`; islands get their strings as props.
mod en;
mod format;
pub mod forum;
mod it;
mod plural;
pub mod polls;
pub mod surveys;
mod template;
pub mod wiki;

pub use format::{format_date, format_date_time};
pub use plural::{plural, PluralText};
pub use template::Template;

use serde::{Deserialize, Serialize};

/// The cookie that remembers the language a person chose.
pub const LOCALE_COOKIE: &str = "pratica_lang";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Locale {
    #[default]
    It,
    En,
}

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::It, Locale::En];

    pub fn code(self) -> &'static str {
        match self {
            Locale::It => "it",
            Locale::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Locale> {
        match code.trim().to_ascii_lowercase().as_str() {
            "it" => Some(Locale::It),
            "en" => Some(Locale::En),
            _ => None,
        }
    }

    /// The language's own name, as shown in the language switch.
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::It => "Italiano",
            Locale::En => "English",
        }
    }

    pub fn messages(self) -> &'static Messages {
        match self {
            Locale::It => &it::IT,
            Locale::En => &en::EN,
        }
    }

    /// [`Locale::negotiate`] on a request's headers.
    #[cfg(feature = "ssr")]
    pub fn of_request(headers: &http::HeaderMap) -> Locale {
        let header =
            |name: http::header::HeaderName| headers.get(name).and_then(|v| v.to_str().ok());
        Locale::negotiate(
            header(http::header::COOKIE),
            header(http::header::ACCEPT_LANGUAGE),
        )
    }

    /// The language of a request: the cookie first, then the browser's preferences
    /// (`Accept-Language`, honouring q-values), else Italian.
    pub fn negotiate(cookie_header: Option<&str>, accept_language: Option<&str>) -> Locale {
        if let Some(locale) = cookie_header.and_then(cookie_locale) {
            return locale;
        }
        accept_language
            .and_then(accept_language_locale)
            .unwrap_or_default()
    }
}

fn cookie_locale(header: &str) -> Option<Locale> {
    header.split(';').find_map(|pair| {
        let (name, value) = pair.split_once('=')?;
        (name.trim() == LOCALE_COOKIE)
            .then(|| Locale::from_code(value))
            .flatten()
    })
}

fn accept_language_locale(header: &str) -> Option<Locale> {
    let mut best: Option<(f32, Locale)> = None;
    for item in header.split(',') {
        let mut parts = item.split(';');
        let tag = parts.next().unwrap_or("").trim();
        let primary = tag.split('-').next().unwrap_or("");
        let Some(locale) = Locale::from_code(primary) else {
            continue;
        };
        let quality = parts
            .find_map(|p| p.trim().strip_prefix("q="))
            .and_then(|q| q.trim().parse::<f32>().ok())
            .unwrap_or(1.0);
        if quality > 0.0 && best.is_none_or(|(q, _)| quality > q) {
            best = Some((quality, locale));
        }
    }
    best.map(|(_, locale)| locale)
}

/// The locale of the page being rendered (provided by the shell).
pub fn use_locale() -> Locale {
    leptos::prelude::use_context::<Locale>().unwrap_or_default()
}

/// The messages of the page being rendered.
pub fn use_messages() -> &'static Messages {
    use_locale().messages()
}

/// Folds text for matching: lower case, Italian and other Latin accents removed, so that
/// "perche" finds "perché" and "citta" finds "Città".
pub fn fold(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => 'a',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ò' | 'ó' | 'ô' | 'ö' | 'õ' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            'ñ' => 'n',
            '’' | '`' => '\'',
            other => other,
        })
        .collect()
}

/// Every string of the interface, in one language.
pub struct Messages {
    /// The forum's and the themes' strings.
    pub forum: &'static forum::ForumMessages,
    /// The wiki's strings.
    pub wiki: &'static wiki::WikiMessages,
    /// The polls' strings.
    pub polls: &'static polls::PollsMessages,
    /// The surveys' strings.
    pub surveys: &'static surveys::SurveysMessages,
    pub site_name: &'static str,
    pub site_tagline: &'static str,
    pub community_label: &'static str,
    pub skip_to_content: &'static str,
    pub nav_label: &'static str,
    pub nav_home: &'static str,
    pub nav_forum: &'static str,
    pub nav_questions: &'static str,
    pub nav_wiki: &'static str,
    pub nav_agenda: &'static str,
    pub nav_library: &'static str,
    pub nav_network: &'static str,
    pub nav_sign_in: &'static str,
    pub language_label: &'static str,
    pub footer_phase_label: &'static str,
    pub phase_closed: &'static str,
    pub phase_extended: &'static str,
    pub phase_open: &'static str,
    pub footer_about: &'static str,
    pub home_title: &'static str,
    pub home_intro: &'static str,
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
    pub section_pending: &'static str,
    pub section_wiki: &'static str,
    pub section_agenda: &'static str,
    pub section_library: &'static str,
    pub section_network: &'static str,
    pub not_found_title: &'static str,
    pub back_home: &'static str,
    pub back_to_page: &'static str,
    pub error_title: &'static str,
    pub error_not_found: &'static str,
    pub error_forbidden: &'static str,
    pub error_conflict: &'static str,
    pub error_unavailable: &'static str,
    pub error_invalid_credentials: &'static str,
    /// Minutes to wait.
    pub error_rate_limited: fn(u64) -> String,
    pub sign_in_title: &'static str,
    pub sign_in_intro: &'static str,
    pub sign_in_login: &'static str,
    pub sign_in_password: &'static str,
    pub sign_in_submit: &'static str,
    pub sign_in_already: fn(&str) -> String,
    pub signed_in_as: &'static str,
    pub sign_out: &'static str,
    pub request_cross_site: &'static str,
    pub forgot_link: &'static str,
    pub forgot_title: &'static str,
    pub forgot_intro: &'static str,
    pub forgot_email: &'static str,
    pub forgot_submit: &'static str,
    pub forgot_sent: &'static str,
    pub reset_title: &'static str,
    pub reset_intro: &'static str,
    pub reset_password: &'static str,
    pub reset_password_hint: &'static str,
    pub reset_confirmation: &'static str,
    pub reset_submit: &'static str,
    pub reset_done: &'static str,
    pub mail_reset_subject: &'static str,
    /// (display name, link)
    pub mail_reset_body: fn(&str, &str) -> String,
    pub error_internal: &'static str,
    pub invalid_required: &'static str,
    pub invalid_too_long: fn(usize) -> String,
    pub invalid_too_short: fn(usize) -> String,
    pub invalid_common_password: &'static str,
    pub invalid_mismatch: &'static str,
    pub invalid_expired: &'static str,
    pub invalid_wrong_password: &'static str,
    pub security_title: &'static str,
    pub sessions_heading: &'static str,
    pub sessions_intro: &'static str,
    pub session_this: &'static str,
    pub session_started: &'static str,
    pub session_last_seen: &'static str,
    pub session_from: &'static str,
    pub session_revoke: &'static str,
    pub sessions_revoke_others: &'static str,
    pub sessions_revoked: &'static str,
    pub password_heading: &'static str,
    pub password_current: &'static str,
    pub password_changed: &'static str,
    pub invalid_malformed: &'static str,
    pub invalid_duplicate: &'static str,
    pub loading: &'static str,
    pub months: [&'static str; 12],
    pub date_time_joiner: &'static str,
    pub error_sign_up_closed: &'static str,
    /// Every field's label (`None`: the message needs none).
    pub field_label: fn(crate::kernel::field::Field) -> Option<&'static str>,
    pub role_label: fn(crate::kernel::identity::Role) -> &'static str,
    pub organisation_role_label: fn(crate::kernel::identity::OrganisationRole) -> &'static str,
    pub sign_up_link: &'static str,
    pub sign_up_by_invitation: &'static str,
    pub sign_up_title: &'static str,
    pub sign_up_intro: &'static str,
    pub sign_up_invited: fn(&str, &str, Option<&str>) -> String,
    pub sign_up_invitation_invalid: &'static str,
    pub sign_up_display_name: &'static str,
    pub sign_up_display_name_hint: &'static str,
    pub sign_up_username: &'static str,
    pub sign_up_username_hint: &'static str,
    pub sign_up_email: &'static str,
    pub sign_up_email_hint_invited: &'static str,
    pub sign_up_submit: &'static str,
    pub profile_title: &'static str,
    pub profile_welcome: &'static str,
    pub profile_username: &'static str,
    pub profile_email: &'static str,
    pub profile_role: &'static str,
    pub profile_organisations: &'static str,
    pub profile_no_organisations: &'static str,
    pub profile_member_since: &'static str,
    pub profile_email_verified: &'static str,
    pub profile_email_unverified: &'static str,
    pub profile_resend: &'static str,
    pub profile_resent: &'static str,
    pub profile_verified: &'static str,
    pub profile_security_link: &'static str,
    pub verify_title: &'static str,
    pub verify_intro: &'static str,
    pub verify_submit: &'static str,
    pub mail_verify_subject: &'static str,
    pub mail_verify_body: fn(&str, &str) -> String,
    pub mail_invitation_subject: &'static str,
    pub mail_invitation_body: fn(&str, Option<&str>, &str) -> String,
    pub invitations_title: &'static str,
    pub invitations_intro: &'static str,
    pub invitations_new_heading: &'static str,
    pub invitations_email: &'static str,
    pub invitations_email_hint: &'static str,
    pub invitations_role: &'static str,
    pub invitations_organisation: &'static str,
    pub invitations_no_organisation: &'static str,
    pub invitations_as_referent: &'static str,
    pub invitations_days: &'static str,
    pub invitations_submit: &'static str,
    pub invitations_created: &'static str,
    pub invitations_list_heading: &'static str,
    pub invitations_none: &'static str,
    pub invitations_col_for: &'static str,
    pub invitations_col_status: &'static str,
    pub invitations_col_by: &'static str,
    pub invitations_col_expires: &'static str,
    pub invitations_anyone: &'static str,
    pub invitations_revoke: &'static str,
    pub invitation_status_label:
        fn(crate::features::accounts::types::InvitationStatus) -> &'static str,
    pub nav_profile: &'static str,
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
    pub invalid_wrong_code: &'static str,
    pub code_title: &'static str,
    pub code_intro: &'static str,
    pub code_label: &'static str,
    pub code_submit: &'static str,
    pub code_expired: &'static str,
    pub second_factor_title: &'static str,
    pub second_factor_link: &'static str,
    pub second_factor_required_banner: &'static str,
    pub second_factor_required_action: &'static str,
    pub second_factor_on: &'static str,
    pub second_factor_codes_left: fn(u64) -> String,
    pub second_factor_enabled: &'static str,
    pub second_factor_disabled: &'static str,
    pub second_factor_codes_replaced: &'static str,
    pub second_factor_intro: &'static str,
    pub second_factor_step_scan: &'static str,
    pub second_factor_qr_alt: &'static str,
    pub second_factor_step_codes: &'static str,
    pub second_factor_step_confirm: &'static str,
    pub second_factor_confirm: &'static str,
    pub second_factor_new_codes_heading: &'static str,
    pub second_factor_new_codes_intro: &'static str,
    pub second_factor_new_codes_submit: &'static str,
    pub second_factor_disable_heading: &'static str,
    pub second_factor_disable_submit: &'static str,
    pub second_factor_required_note: &'static str,
    pub error_second_factor_required: &'static str,
    pub nav_groups: &'static str,
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
    pub network_themes_label: &'static str,
    pub network_people_count: fn(u64) -> String,
    pub network_contact_private: &'static str,
    pub network_people_heading: fn(usize) -> String,
    pub network_organisations_heading: fn(usize) -> String,
    pub network_none: &'static str,
    pub network_search: &'static str,
    pub network_kind: &'static str,
    pub network_region: &'static str,
    pub network_theme: &'static str,
    pub network_any: &'static str,
    pub network_filter: &'static str,
    pub network_clear: &'static str,
    pub network_truncated: &'static str,
    pub organisation_new_heading: &'static str,
    pub organisation_saved: &'static str,
    pub organisation_name: &'static str,
    pub organisation_city: &'static str,
    pub organisation_ipa_code: &'static str,
    pub organisation_tax_code: &'static str,
    pub organisation_tax_code_hint: &'static str,
    pub organisation_website: &'static str,
    pub organisation_description: &'static str,
    pub organisation_themes: &'static str,
    pub organisation_create: &'static str,
    pub organisation_make_member: &'static str,
    pub organisation_make_referent: &'static str,
    pub organisation_remove_person: &'static str,
    pub organisation_manage_heading: &'static str,
    pub organisation_invite_link: &'static str,
    pub organisation_edit_heading: &'static str,
    pub organisation_logo_heading: &'static str,
    pub organisation_add_heading: &'static str,
    pub organisation_add_username: &'static str,
    pub organisation_add: &'static str,
    pub image_file_label: &'static str,
    pub image_hint: &'static str,
    pub image_upload: &'static str,
    pub image_remove: &'static str,
    pub choose: &'static str,
    pub save: &'static str,
    pub organisation_kind_label:
        fn(crate::features::network::types::OrganisationKind) -> &'static str,
    pub contact_visibility_label:
        fn(crate::features::network::types::ContactVisibility) -> &'static str,
    pub profile_public_heading: &'static str,
    pub profile_public_intro: &'static str,
    pub profile_bio: &'static str,
    pub profile_bio_hint: &'static str,
    pub profile_phone: &'static str,
    pub profile_contact_visibility: &'static str,
    pub profile_followed_themes: &'static str,
    pub profile_photo_heading: &'static str,
    pub profile_photo_alt: &'static str,
    pub profile_saved: &'static str,
    pub profile_photo_saved: &'static str,
    pub error_account_disabled: &'static str,
    pub invalid_last_referent: &'static str,
    pub invalid_unknown_account: &'static str,
    pub invalid_image_format: &'static str,
    pub invalid_file_too_large: fn(usize) -> String,
    pub invalid_self_change: &'static str,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookie_choice_wins_over_browser_preference() {
        let locale = Locale::negotiate(Some("a=b; pratica_lang=en"), Some("it-IT,it;q=0.9"));
        assert_eq!(locale, Locale::En);
    }

    #[test]
    fn browser_preference_is_followed_by_quality() {
        assert_eq!(
            Locale::negotiate(None, Some("de-DE,en;q=0.8,it;q=0.5")),
            Locale::En
        );
        assert_eq!(
            Locale::negotiate(None, Some("en;q=0.4,it-IT;q=0.9")),
            Locale::It
        );
    }

    #[test]
    fn unknown_or_missing_preferences_fall_back_to_italian() {
        assert_eq!(Locale::negotiate(None, None), Locale::It);
        assert_eq!(
            Locale::negotiate(Some("pratica_lang=fr"), Some("fr-FR")),
            Locale::It
        );
        assert_eq!(Locale::negotiate(None, Some("en;q=0")), Locale::It);
    }

    #[test]
    fn folding_ignores_case_and_accents() {
        assert_eq!(fold("Perché la Città"), "perche la citta");
        assert!(fold("Finanza d’impatto").contains(&fold("FINANZA D'IMPATTO")));
    }
}
