//! The page an endpoint outside the Leptos routes (a download, a form post) answers with when it
//! refuses: the error's status and its message in the person's language, with a way back. It
//! is short and self-contained: no script, no style the page's policy would have to allow.
use axum::{
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};

use app::{
    error::AppError, i18n::Locale, kernel::redirect::safe_local_path, ui::escape_html as escape,
};

/// `back`: a page of this site to offer as the way back (else the home page).
pub fn error_page(error: &AppError, locale: Locale, back: Option<&str>) -> Response {
    let t = locale.messages();
    let title = match error {
        AppError::NotFound => t.not_found_title,
        _ => t.error_title,
    };
    let (href, label) = match back.and_then(safe_local_path) {
        Some(path) => (path, t.back_to_page),
        None => ("/", t.back_home),
    };
    let body = format!(
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title} · {site}</title></head><body><main><h1>{title}</h1><p>{message}</p>\
         <p><a href=\"{href}\">{label}</a></p></main></body></html>",
        lang = locale.code(),
        title = escape(title),
        site = escape(t.site_name),
        message = escape(&error.message(t)),
        href = escape(href),
        label = escape(label),
    );
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = (status, body).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    response
}
