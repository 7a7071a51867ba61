//! Server functions of themes.
use leptos::prelude::*;

use super::types::Theme;
use crate::error::AppError;

/// The approved themes; public (themes are the community's public face).
#[server]
pub async fn list_themes() -> Result<Vec<Theme>, AppError> {
    let state = crate::server::state()?;
    super::service::list_approved(state.db.read()).await
}
