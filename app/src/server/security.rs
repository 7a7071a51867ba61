//! Per-request context of every rendered page: the language, the CSP nonce and the audience
//! its server functions share (`request::PageAudience`).
//!
//! The nonce is made by the server's `page_security` middleware before the request reaches
//! Leptos and kept in the request's extensions; the same middleware writes the page's
//! `Content-Security-Policy` with it on every HTML response. The header therefore never
//! depends on how Leptos streams or finishes a response.
use std::sync::Arc;

use http::request::Parts;
use leptos::{
    nonce::{provide_nonce, Nonce},
    prelude::*,
};

use crate::i18n::Locale;

/// The CSP nonce of one request, in the request's extensions.
#[derive(Clone, Debug)]
pub struct PageNonce(pub Arc<str>);

impl PageNonce {
    /// 128 random bits, URL-safe base64.
    pub fn generate() -> Self {
        PageNonce(Nonce::new().as_inner().clone())
    }
}

/// Runs before every page render (given to `leptos_routes_with_context` and the 404 handler).
pub fn provide_page_context() {
    provide_context(request_locale());
    provide_context(super::request::PageAudience::default());
    match use_context::<Parts>().and_then(|parts| parts.extensions.get::<PageNonce>().cloned()) {
        Some(PageNonce(nonce)) => provide_context(Nonce::from_value(nonce)),
        // Rendering outside the server's middleware (route listing): any nonce will do.
        None => provide_nonce(),
    }
}

/// The policy for HTML pages: scripts and styles only from this site or carrying this response's
/// nonce (the page's own stylesheet is inlined with it).
pub fn content_security_policy(nonce: &str) -> String {
    // `cargo leptos watch` reloads the page through a WebSocket on another port.
    let dev_socket = if std::env::var("LEPTOS_WATCH").is_ok() {
        " ws:"
    } else {
        ""
    };
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self' 'nonce-{nonce}'; img-src 'self' data:; font-src 'self'; \
         connect-src 'self'{dev_socket}; object-src 'none'; base-uri 'self'; \
         form-action 'self'; frame-ancestors 'none'"
    )
}

/// The language of the current request: the `pratica_lang` cookie, then `Accept-Language`.
fn request_locale() -> Locale {
    use_context::<Parts>()
        .map(|parts| Locale::of_request(&parts.headers))
        .unwrap_or_default()
}
