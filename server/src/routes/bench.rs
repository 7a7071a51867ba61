//! `POST /_bench/themes` (only with `PRATICA_BENCH=1`): proposes a theme through the real
//! service, answering 201 only after the commit. The durability benchmark kills the server
//! during a burst of these and checks that every acknowledged one survived.
use axum::{extract::State, http::StatusCode, Form};
use serde::Deserialize;

use app::{
    features::themes::service,
    server::{entities::theme::ThemeStatus, AppState},
};

#[derive(Debug, Deserialize)]
pub struct Proposal {
    name: String,
    #[serde(default)]
    description: String,
}

pub async fn propose_theme(
    State(state): State<AppState>,
    Form(proposal): Form<Proposal>,
) -> (StatusCode, String) {
    let proposed = service::insert(
        state.db.write(),
        &proposal.name,
        &proposal.description,
        ThemeStatus::Proposed,
    );
    match proposed.await {
        Ok(theme) => (StatusCode::CREATED, theme.id.to_string()),
        Err(err) => (
            StatusCode::from_u16(err.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            err.to_string(),
        ),
    }
}
