//! The typed message catalogue: Italian first, English second. A message missing in one language
//! does not compile. Components read `use_messages()`; islands get their strings as props.
pub mod accounts;
mod en;
mod format;
pub mod forum;
pub mod groups;
mod it;
pub mod network;
mod plural;
pub mod polls;
pub mod staff;
pub mod surveys;
mod template;
pub mod themes;
pub mod wiki;

pub use format::{format_date, format_date_time};
pub use plural::{plural, PluralText};
pub use template::Template;

use serde::{Deserialize, Serialize};

/// The cookie that remembers the language a person chose.
pub const LOCALE_COOKIE: &str = "pratica_lang";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash, Serialize, Deserialize)]
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
    // The features' own catalogues.
    /// The forum's strings.
    pub forum: &'static forum::ForumMessages,
    /// The wiki's strings.
    pub wiki: &'static wiki::WikiMessages,
    /// The polls' strings.
    pub polls: &'static polls::PollsMessages,
    /// The surveys' strings.
    pub surveys: &'static surveys::SurveysMessages,
    /// Themes: the list on the home page with its filter, proposals and the themes' own pages.
    pub themes: &'static themes::ThemesMessages,
    /// Accounts: signing in and up, password reset, sessions, invitations, the second factor.
    pub accounts: &'static accounts::AccountsMessages,
    /// The staff console: phase, audit log, outbox, people.
    pub staff: &'static staff::StaffMessages,
    /// Groups: the list, a group’s page, membership and requests.
    pub groups: &'static groups::GroupsMessages,
    /// The network: the directory, organisations, public profiles and photos.
    pub network: &'static network::NetworkMessages,
    // The site and its layout: name, navigation, footer, the home page and the sections to come.
    pub site_name: &'static str,
    pub site_tagline: &'static str,
    /// The pages' meta description (search results show it).
    pub site_description: &'static str,
    pub community_label: &'static str,
    pub skip_to_content: &'static str,
    pub nav_label: &'static str,
    pub nav_home: &'static str,
    pub nav_forum: &'static str,
    pub nav_questions: &'static str,
    pub nav_wiki: &'static str,
    pub nav_groups: &'static str,
    pub nav_agenda: &'static str,
    pub nav_library: &'static str,
    pub nav_network: &'static str,
    pub nav_sign_in: &'static str,
    pub nav_profile: &'static str,
    pub language_label: &'static str,
    pub footer_phase_label: &'static str,
    pub footer_about: &'static str,
    pub phase_closed: &'static str,
    pub phase_extended: &'static str,
    pub phase_open: &'static str,
    pub home_title: &'static str,
    pub home_intro: &'static str,
    pub section_pending: &'static str,
    pub section_wiki: &'static str,
    pub section_agenda: &'static str,
    pub section_library: &'static str,
    pub section_network: &'static str,
    // Shared words of every page and form.
    pub loading: &'static str,
    pub choose: &'static str,
    pub save: &'static str,
    pub back_home: &'static str,
    pub back_to_page: &'static str,
    pub not_found_title: &'static str,
    pub months: [&'static str; 12],
    pub date_time_joiner: &'static str,
    /// Every field's label (`None`: the message needs none).
    pub field_label: fn(crate::kernel::field::Field) -> Option<&'static str>,
    pub role_label: fn(crate::kernel::identity::Role) -> &'static str,
    pub organisation_role_label: fn(crate::kernel::identity::OrganisationRole) -> &'static str,
    // Errors (`AppError::message`): refusals and faults.
    pub error_title: &'static str,
    pub error_not_found: &'static str,
    pub error_forbidden: &'static str,
    pub error_conflict: &'static str,
    pub error_unavailable: &'static str,
    pub error_invalid_credentials: &'static str,
    /// Minutes to wait.
    pub error_rate_limited: fn(u64) -> String,
    pub error_sign_up_closed: &'static str,
    pub error_account_disabled: &'static str,
    pub error_second_factor_required: &'static str,
    pub error_internal: &'static str,
    pub request_cross_site: &'static str,
    pub request_too_large: &'static str,
    pub request_malformed: &'static str,
    // Invalid input (`AppError::Invalid`): what is wrong with a field.
    pub invalid_required: &'static str,
    pub invalid_too_long: fn(usize) -> String,
    pub invalid_too_short: fn(usize) -> String,
    pub invalid_malformed: &'static str,
    pub invalid_duplicate: &'static str,
    pub invalid_expired: &'static str,
    pub invalid_common_password: &'static str,
    pub invalid_mismatch: &'static str,
    pub invalid_wrong_password: &'static str,
    pub invalid_wrong_code: &'static str,
    pub invalid_last_referent: &'static str,
    pub invalid_unknown_account: &'static str,
    pub invalid_self_change: &'static str,
    pub invalid_image_format: &'static str,
    pub invalid_file_too_large: fn(usize) -> String,
    pub invalid_too_many: fn(usize) -> String,
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
