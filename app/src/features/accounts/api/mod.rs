//! Server functions of accounts. They work as plain HTML form posts (no WebAssembly needed): on
//! success they redirect; a refused form goes back to its page with the error and what was typed
//! (`server::refused`), never the passwords.
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use leptos::server_fn::ServerFn;

use crate::error::AppError;

mod invitations;
mod joining;
pub use invitations::*;
pub use joining::*;

/// Signs in with username or e-mail and password, sets the session cookie and goes to `next`.
#[server(prefix = "/api", endpoint = "accedi")]
pub async fn sign_in(login: String, password: String, next: String) -> Result<(), AppError> {
    use super::service;
    use crate::kernel::redirect::local_or;
    use crate::server::{session, state};
    use http::{header, HeaderValue};
    use leptos_axum::ResponseOptions;

    let state = state()?;
    let parts = use_context::<http::request::Parts>().ok_or(AppError::Internal)?;
    let response = use_context::<ResponseOptions>().ok_or(AppError::Internal)?;
    let ip = client_ip();
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
        next: local_or(&next, "/"),
    };
    let outcome = match service::sign_in(&state.db, &state.passwords, &state.sessions, request)
        .await
    {
        Ok(outcome) => outcome,
        Err(err) => {
            // Back to the form (which answers 429 itself when throttled); other clients get
            // the error with its status (server's `server_fn_error_status`).
            let page = format!("/accedi?next={}", crate::ui::encode_component(&next));
            return crate::server::refused::refuse(&page, SignIn::PATH, &[("login", &login)], err)
                .await;
        }
    };
    match outcome {
        service::SignInOutcome::Signed {
            token, lifetime, ..
        } => {
            let cookie = session::session_cookie(&token, lifetime, state.secure_cookies);
            let cookie = HeaderValue::from_str(&cookie).map_err(|_| AppError::Internal)?;
            response.insert_header(header::SET_COOKIE, cookie);
            leptos_axum::redirect(local_or(&next, "/"));
        }
        service::SignInOutcome::SecondFactor { challenge } => {
            let cookie = session::challenge_cookie(&challenge, state.secure_cookies);
            let cookie = HeaderValue::from_str(&cookie).map_err(|_| AppError::Internal)?;
            response.insert_header(header::SET_COOKIE, cookie);
            leptos_axum::redirect("/accedi/codice");
        }
    }
    Ok(())
}

/// The second step of signing in: the code from the authenticator app or a recovery code.
#[server(prefix = "/api", endpoint = "codice")]
pub async fn complete_sign_in(code: String) -> Result<(), AppError> {
    use super::service;
    use crate::kernel::redirect::local_or;
    use crate::server::{session, state};
    use http::{header, HeaderValue};
    use leptos_axum::ResponseOptions;

    let state = state()?;
    let parts = use_context::<http::request::Parts>().ok_or(AppError::Internal)?;
    let response = use_context::<ResponseOptions>().ok_or(AppError::Internal)?;
    let challenge = parts
        .headers
        .get(header::COOKIE)
        .and_then(|v| v.to_str().ok())
        .and_then(|h| session::challenge_from_cookies(h, state.secure_cookies))
        .unwrap_or("")
        .to_owned();
    let user_agent = parts
        .headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let signed = service::complete_sign_in(
        &state.db,
        &state.secrets,
        &state.sessions,
        &challenge,
        &code,
        &client_ip(),
        user_agent,
    )
    .await?;
    for cookie in [
        session::session_cookie(&signed.token, signed.lifetime, state.secure_cookies),
        session::challenge_cookie("", state.secure_cookies),
    ] {
        let cookie = HeaderValue::from_str(&cookie).map_err(|_| AppError::Internal)?;
        response.append_header(header::SET_COOKIE, cookie);
    }
    leptos_axum::redirect(local_or(&signed.next, "/"));
    Ok(())
}

/// The signed-in person's second-factor state.
#[server(prefix = "/api", endpoint = "stato-due-fattori")]
pub async fn second_factor_status() -> Result<super::types::SecondFactorStatus, AppError> {
    let (state, current) = signed_in()?;
    super::service::second_factor_status(&state.db, current.viewer.user_id, &current.token).await
}

/// The password typed again in this session, which opens the second-factor settings for a few
/// minutes.
#[server(prefix = "/api", endpoint = "conferma-password")]
pub async fn confirm_password(current: String) -> Result<(), AppError> {
    let (state, session) = signed_in()?;
    super::service::reauthenticate(
        &state.db,
        &state.passwords,
        session.viewer.user_id,
        &session.token,
        &current,
    )
    .await?;
    leptos_axum::redirect(SECOND_FACTOR_PAGE);
    Ok(())
}

/// A pending secret (and recovery codes) for turning the second factor on.
#[server(prefix = "/api", endpoint = "inizia-due-fattori")]
pub async fn start_enrolment() -> Result<super::types::Enrolment, AppError> {
    let (state, current) = signed_in()?;
    super::service::start_enrolment(
        &state.db,
        &state.secrets,
        current.viewer.user_id,
        &current.token,
    )
    .await
}

/// New recovery codes to show, working once confirmed with a code.
#[server(prefix = "/api", endpoint = "prepara-codici")]
pub async fn prepare_recovery_codes() -> Result<Vec<String>, AppError> {
    let (state, current) = signed_in()?;
    super::service::prepare_recovery_codes(
        &state.db,
        &state.secrets,
        current.viewer.user_id,
        &current.token,
    )
    .await
}

/// Turns the second factor on with a first code from the app.
#[server(prefix = "/api", endpoint = "attiva-due-fattori")]
pub async fn confirm_enrolment(code: String) -> Result<(), AppError> {
    let (state, current) = signed_in()?;
    super::service::confirm_enrolment(
        &state.db,
        &state.secrets,
        current.viewer.user_id,
        &current.token,
        &code,
    )
    .await?;
    state
        .events
        .access_changed(&state.db, current.viewer.user_id)
        .await;
    leptos_axum::redirect("/profilo/due-fattori?attivata=1");
    Ok(())
}

/// Makes the recovery codes on the page the working ones.
#[server(prefix = "/api", endpoint = "nuovi-codici")]
pub async fn regenerate_recovery_codes(code: String) -> Result<(), AppError> {
    let (state, current) = signed_in()?;
    super::service::regenerate_recovery_codes(
        &state.db,
        &state.secrets,
        current.viewer.user_id,
        &current.token,
        &code,
    )
    .await?;
    leptos_axum::redirect("/profilo/due-fattori?codici=1");
    Ok(())
}

/// Turns the second factor off (not for staff and admins).
#[server(prefix = "/api", endpoint = "disattiva-due-fattori")]
pub async fn disable_second_factor(current: String) -> Result<(), AppError> {
    let (state, session) = signed_in()?;
    super::service::disable_second_factor(
        &state.db,
        &state.passwords,
        session.viewer.user_id,
        &current,
    )
    .await?;
    leptos_axum::redirect("/profilo/due-fattori?disattivata=1");
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
        state
            .events
            .access_changed(&state.db, current.viewer.user_id)
            .await;
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
    let ip = client_ip();
    let url = &state.public_url;
    if let Err(error) =
        super::service::request_password_reset(&state.db, &email, &ip, url, use_locale()).await
    {
        let page = "/accedi/password-dimenticata";
        let form = RequestPasswordReset::PATH;
        return crate::server::refused::refuse(page, form, &[("email", &email)], error).await;
    }
    deliver_mail_soon(&state);
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
    state
        .events
        .access_changed(&state.db, current.viewer.user_id)
        .await;
    leptos_axum::redirect(SECURITY_DONE);
    Ok(())
}

/// Ends every session of the signed-in person but this one.
#[server(prefix = "/api", endpoint = "chiudi-altre-sessioni")]
pub async fn revoke_other_sessions() -> Result<(), AppError> {
    let (state, current) = signed_in()?;
    super::service::revoke_other_sessions(&state.db, current.viewer.user_id, &current.token)
        .await?;
    state
        .events
        .access_changed(&state.db, current.viewer.user_id)
        .await;
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
    state
        .events
        .access_changed(&state.db, session.viewer.user_id)
        .await;
    leptos_axum::redirect("/profilo/sicurezza?cambiata=1");
    Ok(())
}

/// The signed-in person's open sessions.
#[server(prefix = "/api", endpoint = "mie-sessioni")]
pub async fn my_sessions() -> Result<Vec<super::types::SessionInfo>, AppError> {
    let (state, current) = signed_in()?;
    super::service::list_sessions(&state.db, current.viewer.user_id, &current.token).await
}

/// Sends queued mail now (in the background) when SMTP is configured; the retry loop catches
/// whatever fails.
#[cfg(feature = "ssr")]
fn deliver_mail_soon(state: &crate::server::AppState) {
    if state.mailer.delivers() {
        let (db, mailer) = (state.db.clone(), state.mailer.clone());
        tokio::spawn(async move {
            if let Err(err) = crate::server::mail::deliver_pending(&db, &mailer, 20).await {
                tracing::warn!(error = %err, "mail delivery");
            }
        });
    }
}

#[cfg(feature = "ssr")]
const SECURITY_DONE: &str = "/profilo/sicurezza?chiuse=1";
#[cfg(feature = "ssr")]
const SECOND_FACTOR_PAGE: &str = "/profilo/due-fattori";

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
use crate::server::request::client_ip;
