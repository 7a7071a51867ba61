//! Server functions of the staff console.
#[cfg(feature = "ssr")]
use crate::error::Field;
use leptos::prelude::*;

use super::types::StaffOverview;
use crate::error::AppError;

/// Everything the console shows (404 for anyone but staff and admins).
#[server(prefix = "/api", endpoint = "console")]
pub async fn console_overview() -> Result<StaffOverview, AppError> {
    let state = crate::server::state()?;
    let current = crate::server::session::current_session().ok_or(AppError::NotFound)?;
    super::service::overview(&state.db, &current.viewer).await
}

/// An admin changes the community's phase (1, 2 or 3).
#[server(prefix = "/api", endpoint = "fase")]
pub async fn change_phase(phase: String) -> Result<(), AppError> {
    use crate::{
        error::InvalidReason,
        features::community::{service, types::Phase},
    };

    let state = crate::server::state()?;
    let current = crate::server::session::current_session().ok_or(AppError::NotFound)?;
    let phase = phase
        .trim()
        .parse::<u8>()
        .ok()
        .and_then(Phase::from_number)
        .ok_or(AppError::invalid(Field::Phase, InvalidReason::Malformed))?;
    service::change_phase(&state.db, &current.viewer, phase).await?;
    state.events.everyones_access_changed(&state.db).await;
    leptos_axum::redirect("/staff?fase=1");
    Ok(())
}

/// The people section: a search over names, usernames and e-mails.
#[server(prefix = "/api", endpoint = "console-persone")]
pub async fn console_people(
    #[server(default)] q: String,
) -> Result<super::types::PeopleConsole, AppError> {
    let state = crate::server::state()?;
    let current = crate::server::session::current_session().ok_or(AppError::NotFound)?;
    let people = super::people::search_people(&state.db, &current.viewer, &q).await?;
    Ok(super::types::PeopleConsole {
        people,
        is_admin: current.viewer.is_admin(),
    })
}

#[cfg(feature = "ssr")]
fn back_to_people(q: &str) {
    let mut url = String::from("/staff/persone?fatto=1");
    if !q.trim().is_empty() {
        url.push_str("&q=");
        url.push_str(&urlencoding(q.trim()));
    }
    leptos_axum::redirect(&url);
}

/// Percent-encodes a query value.
#[cfg(feature = "ssr")]
fn urlencoding(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[server(prefix = "/api", endpoint = "ruolo-persona")]
pub async fn change_person_role(
    user_id: i32,
    role: String,
    #[server(default)] q: String,
) -> Result<(), AppError> {
    use crate::{error::InvalidReason, kernel::identity::Role};

    let state = crate::server::state()?;
    let current = crate::server::session::current_session().ok_or(AppError::NotFound)?;
    let role =
        Role::parse(&role).ok_or(AppError::invalid(Field::Role, InvalidReason::Malformed))?;
    super::people::change_role(&state.db, &current.viewer, user_id, role).await?;
    state.events.access_changed(&state.db, user_id).await;
    back_to_people(&q);
    Ok(())
}

/// `disabled=1` disables the account (ending its sessions), `disabled=0` enables it again.
#[server(prefix = "/api", endpoint = "stato-persona")]
pub async fn set_person_disabled(
    user_id: i32,
    disabled: String,
    #[server(default)] q: String,
) -> Result<(), AppError> {
    let state = crate::server::state()?;
    let current = crate::server::session::current_session().ok_or(AppError::NotFound)?;
    super::people::set_disabled(&state.db, &current.viewer, user_id, disabled == "1").await?;
    state.events.access_changed(&state.db, user_id).await;
    back_to_people(&q);
    Ok(())
}
