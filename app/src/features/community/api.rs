//! Server functions of the community settings.
use leptos::prelude::*;

use super::types::CommunityStatus;
use crate::error::AppError;

/// The phase and other facts every page shows; public.
#[server(prefix = "/api", endpoint = "stato-comunita")]
pub async fn get_community_status() -> Result<CommunityStatus, AppError> {
    let state = crate::server::state()?;
    super::service::status(state.db.read()).await
}
