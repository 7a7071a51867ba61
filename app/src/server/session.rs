//! The session cookie and the signed-in person of the current request (put in the request's
//! extensions by the server's session middleware, read here through Leptos context).
use http::request::Parts;
use leptos::prelude::use_context;

use crate::kernel::identity::Viewer;

pub const SESSION_COOKIE: &str = "pratica_session";
/// The name behind HTTPS: `__Host-` makes browsers refuse it without Secure, Path=/ and no Domain.
pub const SECURE_SESSION_COOKIE: &str = "__Host-pratica_session";

/// The session of the current request, once the middleware has checked it.
#[derive(Debug, Clone)]
pub struct CurrentSession {
    pub token: String,
    pub viewer: Viewer,
}

/// The value of one of the site's cookies in a `Cookie` header. Behind HTTPS (`secure`) only its
/// `__Host-` name counts: a plain-named cookie could have been planted by a sibling domain or an
/// insecure page, which a `__Host-` one cannot.
pub fn cookie_value<'a>(
    header: &'a str,
    name: &str,
    secure_name: &str,
    secure: bool,
) -> Option<&'a str> {
    let wanted = if secure { secure_name } else { name };
    header.split(';').find_map(|pair| {
        let (key, value) = pair.split_once('=')?;
        (key.trim() == wanted).then(|| value.trim())
    })
}

/// The session token in a `Cookie` header.
pub fn token_from_cookies(header: &str, secure: bool) -> Option<&str> {
    cookie_value(header, SESSION_COOKIE, SECURE_SESSION_COOKIE, secure)
}

/// A member's session ends this long after sign-in, whatever happens (its cookie's lifetime).
pub const ABSOLUTE_TIMEOUT: chrono::Duration = chrono::Duration::days(30);
/// …and after this long without a request.
pub const IDLE_TIMEOUT: chrono::Duration = chrono::Duration::days(7);

/// How long sessions last: members keep long sessions; staff and admin sessions, which can change
/// the community, end sooner (`PRATICA_STAFF_IDLE_MINUTES`, `PRATICA_STAFF_SESSION_HOURS`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionPolicy {
    pub idle: chrono::Duration,
    pub absolute: chrono::Duration,
    pub team_idle: chrono::Duration,
    pub team_absolute: chrono::Duration,
}

impl Default for SessionPolicy {
    fn default() -> Self {
        SessionPolicy {
            idle: IDLE_TIMEOUT,
            absolute: ABSOLUTE_TIMEOUT,
            team_idle: chrono::Duration::hours(2),
            team_absolute: chrono::Duration::hours(12),
        }
    }
}

impl SessionPolicy {
    /// The idle and absolute limits for a person of this role.
    pub fn limits(
        &self,
        role: crate::kernel::identity::Role,
    ) -> (chrono::Duration, chrono::Duration) {
        if role >= crate::kernel::identity::Role::Staff {
            (self.team_idle, self.team_absolute)
        } else {
            (self.idle, self.absolute)
        }
    }
}

/// A sensitive change (the second factor, recovery codes) needs the password typed again this
/// recently in the same session.
pub const REAUTHENTICATION_LIFETIME: chrono::Duration = chrono::Duration::minutes(5);
/// Time between the password and the second-factor code (the challenge cookie's lifetime).
pub const CHALLENGE_LIFETIME: chrono::Duration = chrono::Duration::minutes(5);

/// A `Set-Cookie` value for one of the site's own cookies: HttpOnly, SameSite=Lax, Path=/; behind
/// HTTPS under its `__Host-` name (browsers then refuse it without Secure, Path=/ and no Domain).
/// An empty value removes the cookie.
pub fn cookie(name: &str, secure_name: &str, value: &str, max_age: i64, secure: bool) -> String {
    let max_age = if value.is_empty() { 0 } else { max_age };
    if secure {
        format!("{secure_name}={value}; Path=/; Max-Age={max_age}; HttpOnly; SameSite=Lax; Secure")
    } else {
        format!("{name}={value}; Path=/; Max-Age={max_age}; HttpOnly; SameSite=Lax")
    }
}

/// `Set-Cookie` value for a new session that lasts at most `lifetime`.
pub fn session_cookie(token: &str, lifetime: chrono::Duration, secure: bool) -> String {
    let max_age = lifetime.num_seconds();
    cookie(
        SESSION_COOKIE,
        SECURE_SESSION_COOKIE,
        token,
        max_age,
        secure,
    )
}

/// `Set-Cookie` value that removes the session cookie.
pub fn clear_session_cookie(secure: bool) -> String {
    cookie(SESSION_COOKIE, SECURE_SESSION_COOKIE, "", 0, secure)
}

/// The link of the invitation just created, kept for the one page that shows it: in a cookie,
/// never in the address (addresses end up in logs, history and `Referer`).
pub const NEW_INVITATION_COOKIE: &str = "pratica_invito";
pub const SECURE_NEW_INVITATION_COOKIE: &str = "__Host-pratica_invito";
/// Long enough to reach the page after the redirect.
pub const NEW_INVITATION_LIFETIME: i64 = 300;

pub const CHALLENGE_COOKIE: &str = "pratica_codice";
pub const SECURE_CHALLENGE_COOKIE: &str = "__Host-pratica_codice";

/// The second-factor challenge token in a `Cookie` header.
pub fn challenge_from_cookies(header: &str, secure: bool) -> Option<&str> {
    cookie_value(header, CHALLENGE_COOKIE, SECURE_CHALLENGE_COOKIE, secure)
}

/// `Set-Cookie` for the challenge between password and code (empty token: remove it).
pub fn challenge_cookie(token: &str, secure: bool) -> String {
    let max_age = CHALLENGE_LIFETIME.num_seconds();
    cookie(
        CHALLENGE_COOKIE,
        SECURE_CHALLENGE_COOKIE,
        token,
        max_age,
        secure,
    )
}

pub fn current_session() -> Option<CurrentSession> {
    use_context::<Parts>()?
        .extensions
        .get::<CurrentSession>()
        .cloned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_token_is_found_among_other_cookies() {
        assert_eq!(
            token_from_cookies("a=1; pratica_session=abc; b=2", false),
            Some("abc")
        );
        assert_eq!(
            token_from_cookies("__Host-pratica_session=xyz", true),
            Some("xyz")
        );
        assert_eq!(token_from_cookies("pratica_lang=en", false), None);
    }

    #[test]
    fn behind_https_only_the_host_prefixed_name_counts() {
        // A plain-named cookie can be planted from a sibling domain or plain HTTP.
        assert_eq!(token_from_cookies("pratica_session=planted", true), None);
        assert_eq!(
            token_from_cookies("pratica_session=planted; __Host-pratica_session=real", true),
            Some("real")
        );
        assert_eq!(token_from_cookies("__Host-pratica_session=x", false), None);
    }

    #[test]
    fn staff_sessions_are_shorter() {
        use crate::kernel::identity::Role;
        let policy = SessionPolicy::default();
        assert_eq!(policy.limits(Role::Member).1, ABSOLUTE_TIMEOUT);
        assert_eq!(
            policy.limits(Role::Staff),
            (chrono::Duration::hours(2), chrono::Duration::hours(12))
        );
        assert_eq!(policy.limits(Role::Admin), policy.limits(Role::Staff));
    }

    #[test]
    fn session_cookies_are_http_only_and_same_site() {
        let plain = session_cookie("t", ABSOLUTE_TIMEOUT, false);
        assert!(plain.contains("HttpOnly") && plain.contains("SameSite=Lax"));
        assert!(!plain.contains("Secure"));
        let secure = session_cookie("t", ABSOLUTE_TIMEOUT, true);
        assert!(secure.starts_with("__Host-") && secure.contains("; Secure"));
    }
}
