//! Server functions of themes: the list, a theme's page, proposals and staff's decisions,
//! following.
#[cfg(feature = "ssr")]
use crate::error::Field;
use leptos::prelude::*;

use super::types::{Theme, ThemePage, ThemesOverview};
use crate::error::AppError;

#[cfg(feature = "ssr")]
async fn audience() -> Result<(crate::server::AppState, crate::server::access::Audience), AppError>
{
    let state = crate::server::state()?;
    let viewer = crate::server::session::current_session().map(|s| s.viewer);
    let audience = crate::server::access::Audience::load(&state.db, viewer.as_ref()).await?;
    Ok((state, audience))
}

/// The approved themes; public (themes are the community's public face).
#[server(prefix = "/api", endpoint = "temi-approvati")]
pub async fn list_themes() -> Result<Vec<Theme>, AppError> {
    let state = crate::server::state()?;
    super::service::list_approved(state.db.read()).await
}

#[server(prefix = "/api", endpoint = "temi")]
pub async fn fetch_themes() -> Result<ThemesOverview, AppError> {
    let (state, audience) = audience().await?;
    super::service::overview(&state.db, &audience).await
}

/// A theme's page with one page of its threads (`after`: the list's cursor).
#[server(prefix = "/api", endpoint = "tema")]
pub async fn fetch_theme(slug: String, after: String) -> Result<ThemePage, AppError> {
    use crate::features::forum::{
        service::lists,
        types::{ListQuery, ListView},
    };
    let (state, audience) = audience().await?;
    let mut page = super::service::theme_page(&state.db, &audience, &slug).await?;
    if let Some(category) = &page.category_slug {
        let query = ListQuery {
            view: Some(ListView::Category(category.clone())),
            after: (!after.trim().is_empty()).then(|| after.trim().to_owned()),
            ..Default::default()
        };
        page.list = Some(lists::list(&state.db, &audience, &query).await?);
    }
    Ok(page)
}

#[server(prefix = "/api", endpoint = "proponi-tema")]
pub async fn propose_theme(name: String, description: String) -> Result<(), AppError> {
    let (state, audience) = audience().await?;
    let viewer = audience.viewer().ok_or(AppError::Forbidden)?;
    if let Err(error) = super::service::propose(&state.db, viewer, &name, &description).await {
        use leptos::server_fn::ServerFn;
        let fields = [
            ("name", name.as_str()),
            ("description", description.as_str()),
        ];
        return crate::server::refused::refuse("/temi", ProposeTheme::PATH, &fields, error).await;
    }
    leptos_axum::redirect("/temi?proposto=1");
    Ok(())
}

#[server(prefix = "/api", endpoint = "decidi-tema")]
pub async fn decide_theme(
    theme_id: i32,
    decision: String,
    reason: Option<String>,
    merge_into: Option<i32>,
) -> Result<(), AppError> {
    use super::service::Decision;
    use crate::error::InvalidReason;
    let (state, audience) = audience().await?;
    let decision = match decision.as_str() {
        "approve" => Decision::Approve,
        "reject" => Decision::Reject {
            reason: reason.unwrap_or_default(),
        },
        "merge" => Decision::Merge {
            into: merge_into.ok_or(AppError::invalid(Field::MergeInto, InvalidReason::Required))?,
        },
        _ => return Err(AppError::invalid(Field::Decision, InvalidReason::Malformed)),
    };
    super::service::decide(&state.db, &audience, theme_id, decision).await?;
    leptos_axum::redirect("/temi");
    Ok(())
}

#[server(prefix = "/api", endpoint = "segui-tema")]
pub async fn follow_theme(theme_id: i32, on: bool, back: String) -> Result<(), AppError> {
    let (state, audience) = audience().await?;
    crate::features::forum::service::subscriptions::follow_theme(
        &state.db, &audience, theme_id, on,
    )
    .await?;
    crate::server::request::redirect_local(&back, "/temi");
    Ok(())
}
