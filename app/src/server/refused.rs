//! One way back for a refused form, with what was typed.
//!
//! A browser's plain form post (a page without WebAssembly) that a server function refuses goes
//! back to the form's page with the error in the address (`__err`, shown by `ui::FormError`),
//! and what the person typed is kept on the server for ten minutes under a random token in a
//! cookie: never in the address, where it would stay in logs and history. The page's fields read
//! it back with `ui::typed`. Passwords are never kept. Other clients (the WebAssembly, scripts)
//! get the error itself.
use chrono::Duration;
use http::{header, request::Parts, HeaderValue};
use leptos::{prelude::use_context, server_fn::error::ServerFnUrlError};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, Set};

use crate::{
    error::AppError,
    server::{
        clock::now,
        entities::refused_form,
        session::cookie,
        tokens::{new_token, token_hash},
        Db,
    },
};

pub const COOKIE: &str = "pratica_modulo";
pub const SECURE_COOKIE: &str = "__Host-pratica_modulo";
/// How long what was typed is kept.
pub const LIFETIME: Duration = Duration::minutes(10);
/// At most this many characters of one field are kept (the longest text any form takes, twice).
const VALUE_MAX: usize = 40_000;
/// At most this many fields.
const FIELDS_MAX: usize = 64;

/// What was typed into a refused form: put in the request's extensions by the server's
/// middleware when the cookie comes back, read by `ui::typed`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefusedForm {
    /// The server function's address: the form the values belong to.
    pub form: String,
    pub fields: Vec<(String, String)>,
}

/// Sends a browser's refused plain form post back to `page` with `error` and `fields` (what was
/// typed, passwords left out); `form` is the server function's address (`<F as ServerFn>::PATH`).
/// Answers `Ok` once the redirect is set, or the error itself for other clients.
pub async fn refuse(
    page: &str,
    form: &str,
    fields: &[(&str, &str)],
    error: AppError,
) -> Result<(), AppError> {
    let Some(parts) = use_context::<Parts>() else {
        return Err(error);
    };
    if !crate::server::forms::accepts_html(&parts) {
        return Err(error);
    }
    let base = format!("http://pratica.invalid{page}");
    let Ok(url) = ServerFnUrlError::new(form, error.clone()).to_url(&base) else {
        return Err(error);
    };
    if let Ok(state) = crate::server::state() {
        if !fields.is_empty() {
            match keep(&state.db, form, fields).await {
                Ok(token) => set_cookie(&token, state.secure_cookies),
                // The error still goes back; only what was typed is lost.
                Err(err) => tracing::warn!(error = %err, "keeping a refused form"),
            }
        }
    }
    let path = crate::kernel::redirect::local_or(url.path(), "/");
    leptos_axum::redirect(&format!("{path}?{}", url.query().unwrap_or_default()));
    Ok(())
}

/// [`refuse`] for a form shown on several pages: back to the page it was posted from (its
/// `Referer`, when on this site), else to `fallback`.
pub async fn refuse_back(
    fallback: &str,
    form: &str,
    fields: &[(&str, &str)],
    error: AppError,
) -> Result<(), AppError> {
    let page = use_context::<Parts>()
        .and_then(|parts| crate::server::request::referer(&parts).map(str::to_owned))
        .unwrap_or_else(|| fallback.to_owned());
    refuse(&page, form, fields, error).await
}

/// Stores what was typed; the token for the cookie.
pub async fn keep(db: &Db, form: &str, fields: &[(&str, &str)]) -> Result<String, AppError> {
    let fields: Vec<(&str, String)> = fields
        .iter()
        .take(FIELDS_MAX)
        .map(|(name, value)| (*name, value.chars().take(VALUE_MAX).collect()))
        .collect();
    let json = serde_json::to_string(&fields).map_err(|_| AppError::Internal)?;
    let token = new_token();
    refused_form::Entity::insert(refused_form::ActiveModel {
        id: Set(token_hash(&token)),
        form: Set(form.chars().take(120).collect()),
        fields: Set(json),
        created_at: Set(now()),
    })
    .exec_without_returning(db.write())
    .await?;
    Ok(token)
}

fn set_cookie(token: &str, secure: bool) {
    let value = cookie(COOKIE, SECURE_COOKIE, token, LIFETIME.num_seconds(), secure);
    if let (Some(response), Ok(value)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        HeaderValue::from_str(&value),
    ) {
        response.append_header(header::SET_COOKIE, value);
    }
}

/// The refused form kept under the cookie's token, if it is still fresh.
pub async fn load(db: &Db, token: &str) -> Result<Option<RefusedForm>, AppError> {
    let Some(row) = refused_form::Entity::find_by_id(token_hash(token))
        .filter(refused_form::Column::CreatedAt.gt(now() - LIFETIME))
        .one(db.read())
        .await?
    else {
        return Ok(None);
    };
    let fields = serde_json::from_str(&row.fields).unwrap_or_default();
    Ok(Some(RefusedForm {
        form: row.form,
        fields,
    }))
}

/// Deletes what was kept longer than [`LIFETIME`] (an hourly chore); how many.
pub async fn forget_expired(db: &Db) -> Result<u64, AppError> {
    let deleted = refused_form::Entity::delete_many()
        .filter(refused_form::Column::CreatedAt.lte(now() - LIFETIME))
        .exec(db.write())
        .await?;
    Ok(deleted.rows_affected)
}
