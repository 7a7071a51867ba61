//! `/lingua?to=en&back=/path`: remembers the chosen language in a cookie and goes back. A plain
//! link, so it works before (and without) the WebAssembly.
use axum::{
    extract::Query,
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};
use serde::Deserialize;

use app::{
    i18n::{Locale, LOCALE_COOKIE},
    kernel::redirect::local_or,
};

#[derive(Debug, Deserialize)]
pub struct LanguageChoice {
    to: Option<String>,
    back: Option<String>,
}

const ONE_YEAR: u32 = 365 * 24 * 60 * 60;

pub async fn switch(Query(choice): Query<LanguageChoice>) -> Response {
    let back = local_or(choice.back.as_deref().unwrap_or("/"), "/");
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
        (HeaderValue::from_str(&cookie), HeaderValue::from_str(back))
    {
        headers.insert(header::SET_COOKIE, cookie);
        headers.insert(header::LOCATION, location);
    }
    (StatusCode::SEE_OTHER, headers).into_response()
}
