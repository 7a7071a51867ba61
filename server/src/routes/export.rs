//! CSV downloads (a survey's responses, a poll's results): the person's audience and language,
//! the service's file as an attachment, or the error as a page in their language.
use std::future::Future;

use axum::{
    http::{header, HeaderMap, HeaderValue},
    response::{IntoResponse, Response},
    Extension,
};

use app::{
    error::AppError,
    i18n::Locale,
    server::{access::Audience, session::CurrentSession, AppState},
};

use super::error_page::error_page;

/// `export` makes the file's name and bytes for this audience, in this language. `back`: the
/// page to offer after a refusal other than "not found".
pub async fn csv_download<F, Fut>(
    state: &AppState,
    session: Option<Extension<CurrentSession>>,
    headers: &HeaderMap,
    back: &str,
    export: F,
) -> Response
where
    F: FnOnce(Audience, Locale) -> Fut,
    Fut: Future<Output = Result<(String, Vec<u8>), AppError>>,
{
    let viewer = session.map(|Extension(s)| s.viewer);
    let locale = Locale::of_request(headers);
    let exported = match Audience::load(&state.db, viewer.as_ref()).await {
        Ok(audience) => export(audience, locale).await,
        Err(error) => Err(error),
    };
    match exported {
        Ok((name, bytes)) => csv_response(&name, bytes),
        Err(error @ AppError::NotFound) => error_page(&error, locale, None),
        Err(error) => error_page(&error, locale, Some(back)),
    }
}

/// A CSV file: `text/csv` in UTF-8, as an attachment, never cached.
fn csv_response(name: &str, bytes: Vec<u8>) -> Response {
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}
