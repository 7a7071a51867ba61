//! Server functions of invitations: who may invite whom, the list, a new invitation (mailed),
//! and revoking one.
#[cfg(feature = "ssr")]
use super::{deliver_mail_soon, signed_in};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::error::Field;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use leptos::server_fn::ServerFn;

#[server(prefix = "/api", endpoint = "opzioni-inviti")]
pub async fn invitation_options(
) -> Result<crate::features::accounts::types::InvitationOptions, AppError> {
    let (state, current) = signed_in()?;
    crate::features::accounts::service::invitation_options(&state.db, &current.viewer).await
}

/// The invitations the signed-in person manages.
#[server(prefix = "/api", endpoint = "elenco-inviti")]
pub async fn list_invitations(
) -> Result<Vec<crate::features::accounts::types::InvitationInfo>, AppError> {
    let (state, current) = signed_in()?;
    crate::features::accounts::service::list_invitations(&state.db, &current.viewer).await
}

/// Creates an invitation and shows its link once.
#[server(prefix = "/api", endpoint = "nuovo-invito")]
pub async fn create_invitation(
    email: String,
    role: String,
    organisation: String,
    #[server(default)] referent: Option<String>,
    days: String,
) -> Result<(), AppError> {
    use crate::error::InvalidReason;
    use crate::features::accounts::types::{OrganisationRole, Role};

    let (state, current) = signed_in()?;
    let created = async {
        let role =
            Role::parse(&role).ok_or(AppError::invalid(Field::Role, InvalidReason::Malformed))?;
        let organisation_id =
            match organisation.trim() {
                "" => None,
                id => Some(id.parse::<i32>().map_err(|_| {
                    AppError::invalid(Field::Organisation, InvalidReason::Malformed)
                })?),
            };
        let days = days
            .trim()
            .parse::<u32>()
            .map_err(|_| AppError::invalid(Field::Days, InvalidReason::Malformed))?;
        let new = crate::features::accounts::service::NewInvitation {
            email: &email,
            role,
            organisation_id,
            organisation_role: if referent.is_some() {
                OrganisationRole::Referent
            } else {
                OrganisationRole::Member
            },
            days,
        };
        crate::features::accounts::service::create_invitation(
            &state.db,
            &current.viewer,
            new,
            &state.public_url,
            crate::i18n::use_locale(),
        )
        .await
    };
    let created = match created.await {
        Ok(created) => created,
        Err(error) => {
            let fields = [
                ("email", email.as_str()),
                ("role", role.as_str()),
                ("organisation", organisation.as_str()),
                ("referent", referent.as_deref().unwrap_or("")),
                ("days", days.as_str()),
            ];
            return crate::server::refused::refuse(
                "/inviti",
                CreateInvitation::PATH,
                &fields,
                error,
            )
            .await;
        }
    };
    deliver_mail_soon(&state);
    if let Some(token) = &created.link {
        set_new_invitation_cookie(token, state.secure_cookies)?;
    }
    leptos_axum::redirect("/inviti?nuovo=1");
    Ok(())
}

/// Keeps the new invitation's token in a short-lived cookie (empty: removes it).
#[cfg(feature = "ssr")]
fn set_new_invitation_cookie(token: &str, secure: bool) -> Result<(), AppError> {
    use crate::server::session::{
        cookie, NEW_INVITATION_COOKIE, NEW_INVITATION_LIFETIME, SECURE_NEW_INVITATION_COOKIE,
    };
    let value = cookie(
        NEW_INVITATION_COOKIE,
        SECURE_NEW_INVITATION_COOKIE,
        token,
        NEW_INVITATION_LIFETIME,
        secure,
    );
    let value = http::HeaderValue::from_str(&value).map_err(|_| AppError::Internal)?;
    use_context::<leptos_axum::ResponseOptions>()
        .ok_or(AppError::Internal)?
        .append_header(http::header::SET_COOKIE, value);
    Ok(())
}

/// The link of the invitation this person just created, shown once: read from its cookie, which
/// is then removed.
#[server(prefix = "/api", endpoint = "nuovo-invito-link")]
pub async fn take_new_invitation_link() -> Result<Option<String>, AppError> {
    use crate::server::session::{
        cookie_value, NEW_INVITATION_COOKIE, SECURE_NEW_INVITATION_COOKIE,
    };
    let (state, _) = signed_in()?;
    let parts = use_context::<http::request::Parts>().ok_or(AppError::Internal)?;
    let token = parts
        .headers
        .get(http::header::COOKIE)
        .and_then(|v| v.to_str().ok())
        .and_then(|h| {
            cookie_value(
                h,
                NEW_INVITATION_COOKIE,
                SECURE_NEW_INVITATION_COOKIE,
                state.secure_cookies,
            )
        })
        .filter(|t| t.len() == 64 && t.bytes().all(|b| b.is_ascii_hexdigit()))
        .map(str::to_owned);
    if token.is_some() {
        set_new_invitation_cookie("", state.secure_cookies)?;
    }
    Ok(token.map(|token| format!("/registrati?invito={token}")))
}

/// Revokes a pending invitation.
#[server(prefix = "/api", endpoint = "revoca-invito")]
pub async fn revoke_invitation(id: i32) -> Result<(), AppError> {
    let (state, current) = signed_in()?;
    crate::features::accounts::service::revoke_invitation(&state.db, &current.viewer, id).await?;
    leptos_axum::redirect("/inviti");
    Ok(())
}
