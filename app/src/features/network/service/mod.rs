//! The rules of the network directory. Who sees what is decided here, once:
//! - organisations: everyone signed in, and visitors when the phase lets them read public content;
//! - people: everyone signed in (disabled accounts are never listed);
//! - a person's e-mail and phone: the person, staff, the referents of the person's
//!   organisations, and whoever the person's contact visibility admits.
mod cards;
pub mod directory;
pub mod images;
pub mod organisations;
pub mod profile;

use crate::error::Field;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::{
    error::{AppError, InvalidReason},
    features::accounts::types::{OrganisationRole, Viewer},
    server::{entities::organisation_member, Db},
};

/// Whether the viewer may see organisations at all.
pub async fn may_see_organisations(db: &Db, viewer: Option<&Viewer>) -> Result<bool, AppError> {
    if viewer.is_some() {
        return Ok(true);
    }
    Ok(crate::server::settings::phase(db.read())
        .await?
        .rules()
        .visitors_read_public)
}

/// The organisations the viewer is a referent of.
pub async fn referent_of(db: &Db, viewer: &Viewer) -> Result<Vec<i32>, AppError> {
    Ok(organisation_member::Entity::find()
        .filter(organisation_member::Column::UserId.eq(viewer.user_id))
        .filter(organisation_member::Column::Role.eq(OrganisationRole::Referent.as_str()))
        .all(db.read())
        .await?
        .into_iter()
        .map(|m| m.organisation_id)
        .collect())
}

/// A text field trimmed and checked: required or not, at most `max` characters, no control
/// characters but new lines (and tabs) where `multiline`.
pub(crate) fn clean_text(
    field: Field,
    value: &str,
    max: usize,
    required: bool,
    multiline: bool,
) -> Result<String, AppError> {
    let value = value.trim();
    if required && value.is_empty() {
        return Err(AppError::invalid(field, InvalidReason::Required));
    }
    if value.chars().count() > max {
        return Err(AppError::invalid(field, InvalidReason::TooLong { max }));
    }
    let allowed = |c: char| !c.is_control() || (multiline && matches!(c, '\n' | '\r' | '\t'));
    if !value.chars().all(allowed) {
        return Err(AppError::invalid(field, InvalidReason::Malformed));
    }
    Ok(value.replace("\r\n", "\n"))
}

/// An optional text field: `None` when left empty.
pub(crate) fn optional_text(
    field: Field,
    value: &str,
    max: usize,
) -> Result<Option<String>, AppError> {
    let value = clean_text(field, value, max, false, false)?;
    Ok((!value.is_empty()).then_some(value))
}
