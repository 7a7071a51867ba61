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
    let token = match created.await {
        Ok(token) => token,
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
    leptos_axum::redirect(&format!("/inviti?nuovo={token}"));
    Ok(())
}

/// Revokes a pending invitation.
#[server(prefix = "/api", endpoint = "revoca-invito")]
pub async fn revoke_invitation(id: i32) -> Result<(), AppError> {
    let (state, current) = signed_in()?;
    crate::features::accounts::service::revoke_invitation(&state.db, &current.viewer, id).await?;
    leptos_axum::redirect("/inviti");
    Ok(())
}
