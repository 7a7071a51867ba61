//! Per-request context of every rendered page: the language, a CSP nonce and the security
//! headers that depend on it.
use http::{
    header::{CACHE_CONTROL, CONTENT_SECURITY_POLICY},
    request::Parts,
    HeaderValue,
};
use leptos::{
    nonce::{provide_nonce, use_nonce},
    prelude::*,
};
use leptos_axum::ResponseOptions;

use crate::i18n::Locale;

/// Runs before every page render (given to `leptos_routes_with_context` and the 404 handler).
pub fn provide_page_context() {
    provide_context(request_locale());
    provide_nonce();
    let Some(response) = use_context::<ResponseOptions>() else {
        return;
    };
    if let Some(nonce) = use_nonce() {
        if let Ok(value) = HeaderValue::from_str(&content_security_policy(&nonce)) {
            response.insert_header(CONTENT_SECURITY_POLICY, value);
        }
    }
    // Pages will carry personal data; never let a shared cache keep them.
    response.insert_header(CACHE_CONTROL, HeaderValue::from_static("private, no-cache"));
}

/// The policy for HTML pages: scripts only from this site or carrying this response's nonce.
pub fn content_security_policy(nonce: &str) -> String {
    // `cargo leptos watch` reloads the page through a WebSocket on another port.
    let dev_socket = if std::env::var("LEPTOS_WATCH").is_ok() {
        " ws:"
    } else {
        ""
    };
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; font-src 'self'; \
         connect-src 'self'{dev_socket}; object-src 'none'; base-uri 'self'; \
         form-action 'self'; frame-ancestors 'none'"
    )
}

/// The language of the current request: the `pratica_lang` cookie, then `Accept-Language`.
fn request_locale() -> Locale {
    let Some(parts) = use_context::<Parts>() else {
        return Locale::default();
    };
    let header = |name| {
        parts
            .headers
            .get(name)
            .and_then(|v: &HeaderValue| v.to_str().ok())
    };
    Locale::negotiate(
        header(http::header::COOKIE),
        header(http::header::ACCEPT_LANGUAGE),
    )
}
