//! Request middleware: who is signed in, refusing cross-site writes, and the page policy.
use axum::{
    extract::{Request, State},
    http::{header, HeaderValue, Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};

use app::{
    error::AppError,
    features::accounts::service,
    i18n::Locale,
    server::{
        refused,
        request::{ClientIp, TrustedProxies},
        security::{content_security_policy, PageNonce},
        session::{cookie_value, token_from_cookies, CurrentSession},
        AppState,
    },
};

/// Looks up the session named by the cookie and puts it in the request's extensions, where
/// pages and server functions find it (`app::server::session::current_session`); the same for
/// what was typed into a refused form (`app::ui::typed`).
pub async fn load_session(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path();
    let is_asset = path.starts_with("/pkg/") || path.starts_with("/fonts/") || path == "/healthz";
    let token = request
        .headers()
        .get(header::COOKIE)
        .and_then(|v| v.to_str().ok())
        .and_then(|h| token_from_cookies(h, state.secure_cookies))
        .map(str::to_owned);
    if let (false, Some(token)) = (is_asset, token) {
        match service::viewer_for_token(&state.db, &state.sessions, &token).await {
            Ok(Some(viewer)) => {
                request
                    .extensions_mut()
                    .insert(CurrentSession { token, viewer });
            }
            Ok(None) => {}
            Err(err) => tracing::warn!(error = %err, "session lookup failed"),
        }
    }
    // A page that a refused form came back to (`?__err=`) shows what was typed.
    let came_back = request
        .uri()
        .query()
        .is_some_and(|q| q.split('&').any(|pair| pair.starts_with("__err=")));
    let refused_token = request
        .headers()
        .get(header::COOKIE)
        .and_then(|v| v.to_str().ok())
        .and_then(|h| {
            cookie_value(
                h,
                refused::COOKIE,
                refused::SECURE_COOKIE,
                state.secure_cookies,
            )
        })
        .map(str::to_owned);
    if let (true, true, Some(token)) = (request.method() == Method::GET, came_back, refused_token) {
        match refused::load(&state.db, &token).await {
            Ok(Some(form)) => {
                request.extensions_mut().insert(form);
            }
            Ok(None) => {}
            Err(err) => tracing::warn!(error = %err, "refused form lookup failed"),
        }
    }
    next.run(request).await
}

/// Decides once who is asking: the connection's address, or behind a trusted reverse proxy the
/// address it forwarded (`app::server::request::TrustedProxies`), kept for throttles and audit.
pub async fn client_address(
    State(proxies): State<TrustedProxies>,
    mut request: Request,
    next: Next,
) -> Response {
    let peer = request
        .extensions()
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|info| info.0.ip());
    if let Some(peer) = peer {
        let forwarded = request
            .headers()
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok());
        let client = proxies.client_address(peer, forwarded);
        request.extensions_mut().insert(ClientIp(client));
    }
    next.run(request).await
}

/// What a form may send, sized to the form (issue 14): a wiki page's text, a survey's answers, a
/// forum post and its draft, or a short form. Text is URL-encoded, so a character may take up to
/// nine bytes. Uploads have their own limit on their routes.
pub fn body_limit(path: &str) -> usize {
    const KIB: usize = 1024;
    match path {
        "/api/wiki-salva" | "/api/wiki-crea" | "/api/wiki-anteprima" | "/api/wiki-salva-qui" => {
            4 * 1024 * KIB
        }
        "/api/bozza"
        | "/api/rispondi"
        | "/api/nuova-discussione"
        | "/api/modifica"
        | "/api/anteprima" => 512 * KIB,
        _ if path.starts_with("/questionari/") && path.ends_with("/risposte") => 2 * 1024 * KIB,
        "/profilo/foto" => usize::MAX,
        _ if path.starts_with("/rete/organizzazioni/") && path.ends_with("/logo") => usize::MAX,
        _ => 64 * KIB,
    }
}

/// Bounds what a request may carry before anything reads it: a body larger than its route takes
/// ([`body_limit`]) is refused with 413, by its declared length at once or while reading it (so
/// an oversized request costs no more than the limit); a NUL character in the address or in a
/// form's text is refused with 400 — never legitimate, and PostgreSQL refuses it in text, which
/// would otherwise be a fault deep in a query.
pub async fn bound_input(request: Request, next: Next) -> Response {
    let locale = Locale::of_request(request.headers());
    let address = request.uri().path_and_query().map_or("", |p| p.as_str());
    if contains_nul(address.as_bytes()) {
        return refusal(StatusCode::BAD_REQUEST, locale.messages().request_malformed);
    }
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) {
        return next.run(request).await;
    }
    let limit = body_limit(request.uri().path());
    if limit == usize::MAX {
        return next.run(request).await;
    }
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    let too_large = || {
        refusal(
            StatusCode::PAYLOAD_TOO_LARGE,
            locale.messages().request_too_large,
        )
    };
    if declared.is_some_and(|length| length > limit) {
        return too_large();
    }
    let (parts, body) = request.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, limit).await else {
        return too_large();
    };
    let form = parts.headers.get(header::CONTENT_TYPE).is_some_and(|v| {
        v.as_bytes()
            .starts_with(b"application/x-www-form-urlencoded")
    });
    if bytes.contains(&0) || (form && contains_nul(&bytes)) || json_nul(&bytes) {
        return refusal(StatusCode::BAD_REQUEST, locale.messages().request_malformed);
    }
    next.run(Request::from_parts(parts, axum::body::Body::from(bytes)))
        .await
}

/// `%00`, the URL encoding of NUL, in any case.
fn contains_nul(text: &[u8]) -> bool {
    text.windows(3)
        .any(|w| w[0] == b'%' && w[1] == b'0' && w[2] == b'0')
}

/// `\u0000` in JSON: a backslash that is not itself escaped, then `u0000`.
fn json_nul(text: &[u8]) -> bool {
    text.windows(6).enumerate().any(|(i, w)| {
        w == b"\\u0000" && text[..i].iter().rev().take_while(|b| **b == b'\\').count() % 2 == 0
    })
}

fn refusal(status: StatusCode, message: &str) -> Response {
    let mut response = (status, message.to_string()).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    response
}

/// Every state-changing request must come from this site: `Sec-Fetch-Site` (sent by current
/// browsers) must say same-origin, or else `Origin` must match `Host`. Requests carrying
/// neither (not from a browser) pass: they cannot ride on a person's cookies.
pub async fn same_origin_writes(request: Request, next: Next) -> Response {
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) {
        return next.run(request).await;
    }
    let headers = request.headers();
    let text = |name| {
        headers
            .get(name)
            .and_then(|v: &HeaderValue| v.to_str().ok())
    };
    let allowed = match (text("sec-fetch-site"), text(header::ORIGIN.as_str())) {
        (Some(site), _) => matches!(site, "same-origin" | "none"),
        (None, Some(origin)) => {
            let host = text(header::HOST.as_str()).unwrap_or("");
            origin
                .split_once("://")
                .is_some_and(|(_, authority)| !host.is_empty() && authority == host)
        }
        (None, None) => true,
    };
    if allowed {
        return next.run(request).await;
    }
    let locale = Locale::of_request(headers);
    let mut response = (
        StatusCode::FORBIDDEN,
        locale.messages().request_cross_site.to_string(),
    )
        .into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    response
}

/// The largest error a server function sends (a localised message and a field name).
const ERROR_BODY_MAX: usize = 64 * 1024;

/// A refused server-function call answers with its error's status — 401, 403, 404, 409, 422, 429
/// with `Retry-After`, 503 — so monitoring tells a typo or an attack from a fault; only faults
/// stay 500. (server_fn sends every error as a 500 marked with the `serverfnerror` header; the
/// body is the `AppError`.) Plain form posts are redirects and are not touched.
pub async fn server_fn_error_status(request: Request, next: Next) -> Response {
    use leptos::server_fn::error::{FromServerFnError, SERVER_FN_ERROR_HEADER};

    let response = next.run(request).await;
    if response.status() != StatusCode::INTERNAL_SERVER_ERROR
        || !response.headers().contains_key(SERVER_FN_ERROR_HEADER)
    {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, ERROR_BODY_MAX).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let error = <AppError as FromServerFnError>::de(bytes.clone());
    parts.status =
        StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    if let AppError::RateLimited { retry_after_secs } = error {
        parts
            .headers
            .insert(header::RETRY_AFTER, HeaderValue::from(retry_after_secs));
    }
    Response::from_parts(parts, axum::body::Body::from(bytes))
}

/// Gives every request a CSP nonce (pages put it on their scripts) and, on every HTML answer,
/// writes the page policy with that nonce and forbids shared caches (pages carry personal
/// data). Other answers keep the strict policy set by the router.
pub async fn page_security(mut request: Request, next: Next) -> Response {
    let nonce = PageNonce::generate();
    request.extensions_mut().insert(nonce.clone());
    let mut response = next.run(request).await;
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if is_html {
        let headers = response.headers_mut();
        if let Ok(policy) = HeaderValue::from_str(&content_security_policy(&nonce.0)) {
            headers.insert(header::CONTENT_SECURITY_POLICY, policy);
        }
        headers
            .entry(header::CACHE_CONTROL)
            .or_insert(HeaderValue::from_static("private, no-cache"));
    }
    response
}

#[cfg(test)]
mod nul_tests {
    use super::{contains_nul, json_nul};

    #[test]
    fn nul_is_found_in_urls_and_json_but_not_in_escaped_text() {
        assert!(contains_nul(b"/temi/%00x") && !contains_nul(b"q=%2500"));
        assert!(json_nul(br#"{"a":"x\u0000"}"#));
        // The text `\u0000` typed by a person arrives with its backslash escaped.
        assert!(!json_nul(br#"{"a":"x\\u0000"}"#));
    }
}
