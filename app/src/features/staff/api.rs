//! Server functions of the staff console.
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
        .ok_or(AppError::invalid("phase", InvalidReason::Malformed))?;
    service::change_phase(&state.db, &current.viewer, phase).await?;
    leptos_axum::redirect("/staff?fase=1");
    Ok(())
}
