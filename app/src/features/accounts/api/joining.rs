//! Server functions of joining: what the sign-up page offers, signing up, and confirming the
//! e-mail address.
#[cfg(feature = "ssr")]
use super::{client_ip, deliver_mail_soon, signed_in};
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use leptos::server_fn::ServerFn;

/// What the sign-up page may offer: public sign-up (phase 3) and/or the link's invitation.
#[server(prefix = "/api", endpoint = "contesto-registrazione")]
pub async fn sign_up_context(
    invitation: String,
) -> Result<crate::features::accounts::types::SignUpContext, AppError> {
    let state = crate::server::state()?;
    crate::features::accounts::service::sign_up_context(&state.db, &invitation).await
}

/// Creates an account (with an invitation, or on one's own in phase 3), signs the person in and
/// shows their new profile.
#[server(prefix = "/api", endpoint = "registrati")]
pub async fn sign_up(
    invitation: String,
    display_name: String,
    username: String,
    email: String,
    password: String,
    confirmation: String,
) -> Result<(), AppError> {
    use crate::i18n::use_locale;

    let state = crate::server::state()?;
    let request = crate::features::accounts::service::SignUpRequest {
        invitation: &invitation,
        display_name: &display_name,
        username: &username,
        email: &email,
        password: &password,
        confirmation: &confirmation,
        ip: &client_ip(),
    };
    let signed_up = match crate::features::accounts::service::sign_up(
        &state.db,
        &state.passwords,
        request,
        &state.public_url,
        use_locale(),
    )
    .await
    {
        Ok(id) => id,
        Err(error) => {
            let fields = [
                ("invito", invitation.as_str()),
                ("display_name", display_name.as_str()),
                ("username", username.as_str()),
                ("email", email.as_str()),
            ];
            return crate::server::refused::refuse("/registrati", SignUp::PATH, &fields, error)
                .await;
        }
    };
    deliver_mail_soon(&state);
    match signed_up {
        crate::features::accounts::service::SignedUp::Account(id) => welcome(&state, id).await,
        crate::features::accounts::service::SignedUp::CheckMail => {
            leptos_axum::redirect("/registrati?inviata=1");
            Ok(())
        }
    }
}

/// A new account, ready: a session for it (this browser's cookie) and its profile's welcome.
#[cfg(feature = "ssr")]
async fn welcome(state: &crate::server::AppState, user_id: i32) -> Result<(), AppError> {
    use http::{header, HeaderValue};

    let parts = use_context::<http::request::Parts>().ok_or(AppError::Internal)?;
    let user_agent = parts
        .headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let (token, lifetime) = crate::features::accounts::service::open_session(
        &state.db,
        &state.sessions,
        user_id,
        &client_ip(),
        user_agent,
        false,
    )
    .await?;
    let cookie = crate::server::session::session_cookie(&token, lifetime, state.secure_cookies);
    let cookie = HeaderValue::from_str(&cookie).map_err(|_| AppError::Internal)?;
    use_context::<leptos_axum::ResponseOptions>()
        .ok_or(AppError::Internal)?
        .insert_header(header::SET_COOKIE, cookie);
    leptos_axum::redirect("/profilo?benvenuto=1");
    Ok(())
}

/// The signed-in person's own account.
#[server(prefix = "/api", endpoint = "mio-account")]
pub async fn own_account() -> Result<crate::features::accounts::types::OwnAccount, AppError> {
    let (state, current) = signed_in()?;
    crate::features::accounts::service::own_account(&state.db, current.viewer.user_id).await
}

/// Mails a new verification link to the signed-in person.
#[server(prefix = "/api", endpoint = "invia-verifica")]
pub async fn resend_verification() -> Result<(), AppError> {
    let (state, current) = signed_in()?;
    crate::features::accounts::service::resend_verification(
        &state.db,
        current.viewer.user_id,
        &state.public_url,
        crate::i18n::use_locale(),
    )
    .await?;
    deliver_mail_soon(&state);
    leptos_axum::redirect("/profilo?inviata=1");
    Ok(())
}

/// Confirms an e-mail address with the mailed link's token.
#[server(prefix = "/api", endpoint = "verifica-email")]
pub async fn verify_email(token: String) -> Result<(), AppError> {
    let state = crate::server::state()?;
    let Some(user_id) = crate::features::accounts::service::verify_email(&state.db, &token).await?
    else {
        leptos_axum::redirect("/verifica-email?fatto=1");
        return Ok(());
    };
    // A new account, active now: signed in, as an invited one is at once.
    welcome(&state, user_id).await
}
