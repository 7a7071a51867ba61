//! The shared state of the server, handed to server functions through Leptos context.
use axum::extract::FromRef;
use leptos::prelude::*;

use super::{
    events::EventBus, mail::Mailer, passwords::Passwords, secrets::Secrets, session::SessionPolicy,
    Db,
};
use crate::error::AppError;

#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
    pub passwords: Passwords,
    /// The server's key: sealed second-factor secrets, keyed recovery-code hashes.
    pub secrets: Secrets,
    /// How long sessions last, by role.
    pub sessions: SessionPolicy,
    /// Behind HTTPS: `__Host-` session cookie with `Secure`.
    pub secure_cookies: bool,
    pub mailer: Mailer,
    /// The address people use to reach the site, for links in e-mail (no trailing slash).
    pub public_url: String,
    /// Live events for the server-sent-event streams (shared across instances on PostgreSQL).
    pub events: EventBus,
}

/// The state inside a server function or a page (provided by `leptos_routes_with_context`).
pub fn state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from the Leptos context");
        AppError::Internal
    })
}
