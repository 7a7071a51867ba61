//! An invitation link: single use, with an expiry, a role and optionally an organisation.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "invitations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// SHA-256 of the link's token.
    #[sea_orm(unique)]
    pub token_hash: String,
    /// When set, only this (lower-case) address may use the invitation.
    pub email: Option<String>,
    pub role: crate::kernel::identity::Role,
    pub organisation_id: Option<i32>,
    pub organisation_role: Option<crate::kernel::identity::OrganisationRole>,
    pub created_by: i32,
    pub created_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
    pub used_at: Option<DateTimeUtc>,
    pub used_by: Option<i32>,
    pub revoked_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
