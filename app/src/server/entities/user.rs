//! A person with an account.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Stored lower-case: usernames are unique regardless of case.
    #[sea_orm(unique)]
    pub username: String,
    /// Stored lower-case: e-mails are unique regardless of case.
    #[sea_orm(unique)]
    pub email: String,
    pub display_name: String,
    pub role: crate::kernel::identity::Role,
    pub password_hash: String,
    pub created_at: DateTimeUtc,
    pub email_verified_at: Option<DateTimeUtc>,
    /// Base32 TOTP secret: pending while `totp_enabled_at` is empty, in use once it is set.
    pub totp_secret: Option<String>,
    pub totp_enabled_at: Option<DateTimeUtc>,
    pub totp_last_step: Option<i64>,
    pub bio: String,
    pub phone: Option<String>,
    /// Who sees e-mail and phone.
    pub contact_visibility: crate::features::network::types::ContactVisibility,
    pub photo_id: Option<i32>,
    pub disabled_at: Option<DateTimeUtc>,
    /// Signed up on their own and not yet confirmed the address: nobody can sign in to it yet.
    pub pending_since: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::organisation_member::Entity")]
    Memberships,
}

impl Related<super::organisation_member::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Memberships.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
