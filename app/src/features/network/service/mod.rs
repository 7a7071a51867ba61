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

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::{
    error::AppError,
    kernel::identity::{OrganisationRole, Viewer},
    server::{entities::organisation_member, Db},
};

/// Whether the viewer may see organisations at all.
pub async fn may_see_organisations(db: &Db, viewer: Option<&Viewer>) -> Result<bool, AppError> {
    crate::server::people::may_see_people(db, viewer).await
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

pub(crate) use crate::server::forms::{clean_text, optional_text};
