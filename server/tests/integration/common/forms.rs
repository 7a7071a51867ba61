//! Browser-like requests for the HTTP tests: plain form posts, cookies and signing in.
#![allow(dead_code)]
use axum::{
    body::Body,
    http::{header, Request},
    Router,
};
use leptos::server_fn::ServerFn;
use tower::ServiceExt;

use super::TOTP_SECRET;
use app::features::accounts::api::{CompleteSignIn, SignIn};

/// A plain HTML form post from the sign-in page, as a browser without WebAssembly sends it.
pub async fn form_post(
    app: &Router,
    path: &str,
    body: &str,
    extra: &[(&str, &str)],
) -> axum::http::Response<Body> {
    let mut request = Request::post(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "text/html,application/xhtml+xml")
        .header(header::HOST, "localhost");
    if !extra
        .iter()
        .any(|(name, _)| name.eq_ignore_ascii_case("referer"))
    {
        request = request.header(header::REFERER, "http://localhost/accedi");
    }
    for (name, value) in extra {
        request = request.header(*name, *value);
    }
    app.clone()
        .oneshot(request.body(Body::from(body.to_owned())).unwrap())
        .await
        .unwrap()
}

pub fn session_cookie(response: &axum::http::Response<Body>) -> Option<String> {
    let value = response.headers().get(header::SET_COOKIE)?.to_str().ok()?;
    let pair = value.split(';').next()?;
    pair.starts_with("pratica_session=")
        .then(|| pair.to_owned())
}

pub fn location_path(response: &axum::http::Response<Body>) -> String {
    let location = response.headers()[header::LOCATION].to_str().unwrap();
    match location.split_once("://") {
        Some((_, rest)) => rest[rest.find('/').unwrap_or(rest.len())..].to_owned(),
        None => location.to_owned(),
    }
}

pub async fn signed_in(app: &Router, login: &str) -> String {
    let body = format!("login={login}&password=password-di-prova&next=%2F");
    let response = form_post(app, SignIn::PATH, &body, &[]).await;
    session_cookie(&response).expect("signed in")
}

pub fn cookie_pair(response: &axum::http::Response<Body>, name: &str) -> Option<String> {
    response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| v.split(';').next())
        .find(|pair| pair.starts_with(&format!("{name}=")))
        .map(str::to_owned)
}

/// Follows a refused form back to its page as a browser does: the address it was sent to, and
/// the page read with the cookie that brings back what was typed (beside `session`, if any).
pub async fn follow_refusal(
    app: &Router,
    response: &axum::http::Response<Body>,
    session: Option<&str>,
) -> (String, String) {
    let back = location_path(response);
    let cookies: Vec<String> = session
        .map(str::to_owned)
        .into_iter()
        .chain(cookie_pair(response, app::server::refused::COOKIE))
        .collect();
    let cookie = cookies.join("; ");
    let (_, _, page) = super::get(app, &back, &[("cookie", &cookie)]).await;
    (back, page)
}

/// The code of the demo's TOTP key now (or, with `later`, of the next step).
pub fn code(later: bool) -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let at = if later { now + 30 } else { now };
    app::features::accounts::service::code_at(TOTP_SECRET, at).unwrap()
}

/// Signs in as a person does in a browser: the password, then the code for staff and admins.
pub async fn signed_in_cookie(app: &Router, login: &str) -> String {
    let response = form_post(
        app,
        SignIn::PATH,
        &format!("login={login}&password=password-di-prova&next=%2F"),
        &[],
    )
    .await;
    if let Some(cookie) = session_cookie(&response) {
        return cookie;
    }
    assert_eq!(location_path(&response), "/accedi/codice");
    let challenge = cookie_pair(&response, "pratica_codice").expect("a challenge cookie");
    for later in [false, true] {
        let response = form_post(
            app,
            CompleteSignIn::PATH,
            &format!("code={}", code(later)),
            &[
                ("cookie", &challenge),
                ("referer", "http://localhost/accedi/codice"),
            ],
        )
        .await;
        if let Some(cookie) = cookie_pair(&response, "pratica_session") {
            return cookie;
        }
    }
    panic!("{login} could not complete the second factor");
}
