//! Server functions of working groups (plain form posts that redirect back to the group).
#[cfg(feature = "ssr")]
use crate::error::Field;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use leptos::server_fn::ServerFn;

use super::types::{GroupDetails, GroupList};
use crate::error::AppError;

#[cfg(feature = "ssr")]
fn viewer() -> Option<crate::kernel::identity::Viewer> {
    crate::server::session::current_session().map(|s| s.viewer)
}

#[cfg(feature = "ssr")]
fn signed_in() -> Result<crate::kernel::identity::Viewer, AppError> {
    viewer().ok_or(AppError::Forbidden)
}

#[cfg(feature = "ssr")]
fn back_to(slug: &str) {
    leptos_axum::redirect(&format!("/gruppi/{slug}"));
}

#[server(prefix = "/api", endpoint = "gruppi")]
pub async fn list_groups() -> Result<GroupList, AppError> {
    let state = crate::server::state()?;
    super::service::list_groups(&state.db, viewer().as_ref()).await
}

#[server(prefix = "/api", endpoint = "gruppo")]
pub async fn fetch_group(slug: String) -> Result<GroupDetails, AppError> {
    let state = crate::server::state()?;
    super::service::group_details(&state.db, viewer().as_ref(), &slug).await
}

#[server(prefix = "/api", endpoint = "nuovo-gruppo")]
pub async fn create_group(name: String, description: String, kind: String) -> Result<(), AppError> {
    use super::types::GroupKind;
    use crate::error::InvalidReason;

    let state = crate::server::state()?;
    let viewer = signed_in()?;
    let created = match GroupKind::parse(&kind) {
        Some(group_kind) => {
            super::service::create_group(&state.db, &viewer, &name, &description, group_kind).await
        }
        None => Err(AppError::invalid(Field::Kind, InvalidReason::Malformed)),
    };
    match created {
        Ok(slug) => {
            back_to(&slug);
            Ok(())
        }
        Err(error) => {
            let fields = [
                ("name", name.as_str()),
                ("description", description.as_str()),
                ("kind", kind.as_str()),
            ];
            crate::server::refused::refuse("/gruppi", CreateGroup::PATH, &fields, error).await
        }
    }
}

#[server(prefix = "/api", endpoint = "entra-nel-gruppo")]
pub async fn join_group(slug: String) -> Result<(), AppError> {
    let state = crate::server::state()?;
    super::service::join(&state.db, &signed_in()?, &slug).await?;
    back_to(&slug);
    Ok(())
}

#[server(prefix = "/api", endpoint = "esci-dal-gruppo")]
pub async fn leave_group(slug: String) -> Result<(), AppError> {
    let state = crate::server::state()?;
    let viewer = signed_in()?;
    super::service::leave(&state.db, &viewer, &slug).await?;
    state.events.access_changed(&state.db, viewer.user_id).await;
    back_to(&slug);
    Ok(())
}

#[server(prefix = "/api", endpoint = "richiesta-gruppo")]
pub async fn decide_group_request(
    slug: String,
    user_id: i32,
    decision: String,
) -> Result<(), AppError> {
    let state = crate::server::state()?;
    let approve = decision == "approve";
    super::service::decide_request(&state.db, &signed_in()?, &slug, user_id, approve).await?;
    back_to(&slug);
    Ok(())
}

#[server(prefix = "/api", endpoint = "invita-nel-gruppo")]
pub async fn invite_to_group(slug: String, username: String) -> Result<(), AppError> {
    let state = crate::server::state()?;
    if let Err(error) = super::service::invite(&state.db, &signed_in()?, &slug, &username).await {
        let page = format!("/gruppi/{}", crate::ui::encode_component(&slug));
        let form = InviteToGroup::PATH;
        return crate::server::refused::refuse(&page, form, &[("username", &username)], error)
            .await;
    }
    back_to(&slug);
    Ok(())
}

#[server(prefix = "/api", endpoint = "admin-del-gruppo")]
pub async fn make_group_admin(slug: String, user_id: i32) -> Result<(), AppError> {
    let state = crate::server::state()?;
    super::service::make_admin(&state.db, &signed_in()?, &slug, user_id).await?;
    back_to(&slug);
    Ok(())
}
