//! `/lingua?to=en&back=/path`: remembers the chosen language in a cookie and goes back. A plain
//! link, so it works before (and without) the WebAssembly.
use axum::{
    extract::Query,
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};
use serde::Deserialize;

use app::i18n::{Locale, LOCALE_COOKIE};

#[derive(Debug, Deserialize)]
pub struct LanguageChoice {
    to: Option<String>,
    back: Option<String>,
}

const ONE_YEAR: u32 = 365 * 24 * 60 * 60;

pub async fn switch(Query(choice): Query<LanguageChoice>) -> Response {
    let back = choice
        .back
        .filter(|b| is_local_path(b))
        .unwrap_or_else(|| "/".into());
    let Some(locale) = choice.to.as_deref().and_then(Locale::from_code) else {
        return (
            StatusCode::BAD_REQUEST,
            "lingua non disponibile / unknown language",
        )
            .into_response();
    };
    let mut headers = HeaderMap::new();
    let cookie = format!(
        "{LOCALE_COOKIE}={}; Path=/; Max-Age={ONE_YEAR}; SameSite=Lax",
        locale.code()
    );
    if let (Ok(cookie), Ok(location)) =
        (HeaderValue::from_str(&cookie), HeaderValue::from_str(&back))
    {
        headers.insert(header::SET_COOKIE, cookie);
        headers.insert(header::LOCATION, location);
    }
    (StatusCode::SEE_OTHER, headers).into_response()
}

/// Only paths on this site: no scheme, no host, no `//` or `/\` tricks.
fn is_local_path(path: &str) -> bool {
    path.starts_with('/')
        && !path.starts_with("//")
        && !path.starts_with("/\\")
        && !path.chars().any(|c| c.is_control())
}

#[cfg(test)]
mod tests {
    use super::is_local_path;

    #[test]
    fn only_local_return_paths_are_followed() {
        assert!(is_local_path("/"));
        assert!(is_local_path("/wiki?q=a"));
        assert!(!is_local_path("https://example.org/"));
        assert!(!is_local_path("//example.org"));
        assert!(!is_local_path("/\\example.org"));
        assert!(!is_local_path("/a\r\nSet-Cookie: x"));
    }
}
