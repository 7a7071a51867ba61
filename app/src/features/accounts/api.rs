//! Server functions of accounts. They work as plain HTML form posts (no WebAssembly needed): on
//! success they redirect, on error Leptos sends the browser back to the form with the error.
use leptos::prelude::*;

use crate::error::AppError;

/// Signs in with username or e-mail and password, sets the session cookie and goes to `next`.
#[server(prefix = "/api", endpoint = "accedi")]
pub async fn sign_in(login: String, password: String, next: String) -> Result<(), AppError> {
    use super::{service, types::safe_next};
    use crate::server::{session, state};
    use http::{header, HeaderValue};
    use leptos_axum::ResponseOptions;

    let state = state()?;
    let parts = use_context::<http::request::Parts>().ok_or(AppError::Internal)?;
    let response = use_context::<ResponseOptions>().ok_or(AppError::Internal)?;
    let ip = client_ip(&parts);
    let user_agent = parts
        .headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let request = service::SignInRequest {
        login: &login,
        password: &password,
        ip: &ip,
        user_agent,
    };
    let (token, _viewer) = match service::sign_in(&state.db, &state.passwords, request).await {
        Ok(opened) => opened,
        Err(err) => {
            if let AppError::RateLimited { retry_after_secs } = &err {
                if let Ok(value) = HeaderValue::from_str(&retry_after_secs.to_string()) {
                    response.insert_header(header::RETRY_AFTER, value);
                }
                // A plain form post is redirected back to the form, which answers 429 itself.
                if !accepts_html(&parts) {
                    response.set_status(http::StatusCode::TOO_MANY_REQUESTS);
                }
            }
            return Err(err);
        }
    };
    let cookie = session::session_cookie(&token, state.secure_cookies);
    let cookie = HeaderValue::from_str(&cookie).map_err(|_| AppError::Internal)?;
    response.insert_header(header::SET_COOKIE, cookie);
    leptos_axum::redirect(safe_next(&next));
    Ok(())
}

/// Ends the current session and goes to the home page.
#[server(prefix = "/api", endpoint = "esci")]
pub async fn sign_out() -> Result<(), AppError> {
    use crate::server::{session, state};
    use http::{header, HeaderValue};
    use leptos_axum::ResponseOptions;

    let state = state()?;
    if let Some(current) = session::current_session() {
        super::service::sign_out(&state.db, &current.token).await?;
    }
    let response = use_context::<ResponseOptions>().ok_or(AppError::Internal)?;
    let cookie = HeaderValue::from_str(&session::clear_session_cookie(state.secure_cookies))
        .map_err(|_| AppError::Internal)?;
    response.insert_header(header::SET_COOKIE, cookie);
    leptos_axum::redirect("/");
    Ok(())
}

/// Mails a password-reset link if the address has an account; always answers the same.
#[server(prefix = "/api", endpoint = "password-dimenticata")]
pub async fn request_password_reset(email: String) -> Result<(), AppError> {
    use crate::{i18n::use_locale, server::state};

    let state = state()?;
    super::service::request_password_reset(&state.db, &email, &state.public_url, use_locale())
        .await?;
    if state.mailer.delivers() {
        let (db, mailer) = (state.db.clone(), state.mailer.clone());
        tokio::spawn(async move {
            if let Err(err) = crate::server::mail::deliver_pending(&db, &mailer, 20).await {
                tracing::warn!(error = %err, "mail delivery");
            }
        });
    }
    leptos_axum::redirect("/accedi/password-dimenticata?inviata=1");
    Ok(())
}

/// Sets a new password from a reset link, then sends the person to sign in.
#[server(prefix = "/api", endpoint = "nuova-password")]
pub async fn reset_password(
    token: String,
    password: String,
    confirmation: String,
) -> Result<(), AppError> {
    let state = crate::server::state()?;
    super::service::reset_password(
        &state.db,
        &state.passwords,
        &token,
        &password,
        &confirmation,
    )
    .await?;
    leptos_axum::redirect("/accedi?reimpostata=1");
    Ok(())
}

/// Ends one of the signed-in person's sessions.
#[server(prefix = "/api", endpoint = "chiudi-sessione")]
pub async fn revoke_session(id: String) -> Result<(), AppError> {
    let (state, current) = signed_in()?;
    super::service::revoke_session(&state.db, current.viewer.user_id, &id).await?;
    leptos_axum::redirect(SECURITY_DONE);
    Ok(())
}

/// Ends every session of the signed-in person but this one.
#[server(prefix = "/api", endpoint = "chiudi-altre-sessioni")]
pub async fn revoke_other_sessions() -> Result<(), AppError> {
    let (state, current) = signed_in()?;
    super::service::revoke_other_sessions(&state.db, current.viewer.user_id, &current.token)
        .await?;
    leptos_axum::redirect(SECURITY_DONE);
    Ok(())
}

/// Changes the signed-in person's password (asking the current one) and ends their other
/// sessions.
#[server(prefix = "/api", endpoint = "cambia-password")]
pub async fn change_password(
    current: String,
    password: String,
    confirmation: String,
) -> Result<(), AppError> {
    let (state, session) = signed_in()?;
    super::service::change_password(
        &state.db,
        &state.passwords,
        session.viewer.user_id,
        &session.token,
        &current,
        &password,
        &confirmation,
    )
    .await?;
    leptos_axum::redirect("/profilo/sicurezza?cambiata=1");
    Ok(())
}

/// The signed-in person's open sessions.
#[server(prefix = "/api", endpoint = "mie-sessioni")]
pub async fn my_sessions() -> Result<Vec<super::types::SessionInfo>, AppError> {
    let (state, current) = signed_in()?;
    super::service::list_sessions(&state.db, current.viewer.user_id, &current.token).await
}

#[cfg(feature = "ssr")]
const SECURITY_DONE: &str = "/profilo/sicurezza?chiuse=1";

/// The state and the session of a signed-in request; anyone else is refused.
#[cfg(feature = "ssr")]
fn signed_in() -> Result<
    (
        crate::server::AppState,
        crate::server::session::CurrentSession,
    ),
    AppError,
> {
    let state = crate::server::state()?;
    let session = crate::server::session::current_session().ok_or(AppError::Forbidden)?;
    Ok((state, session))
}

#[cfg(feature = "ssr")]
fn accepts_html(parts: &http::request::Parts) -> bool {
    parts
        .headers
        .get(http::header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"))
}

/// The peer address of the connection. (Behind a reverse proxy this is the proxy; trusting
/// `X-Forwarded-For` from a configured proxy comes with the deployment work.)
#[cfg(feature = "ssr")]
fn client_ip(parts: &http::request::Parts) -> String {
    parts
        .extensions
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|info| info.0.ip().to_string())
        .unwrap_or_else(|| "unknown".into())
}
