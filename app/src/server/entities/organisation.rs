//! A member organisation: public administration, third-sector body, university, company…
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "organisations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub name: String,
    pub kind: crate::features::network::types::OrganisationKind,
    pub region: String,
    pub city: String,
    pub created_at: DateTimeUtc,
    pub ipa_code: Option<String>,
    pub tax_code: Option<String>,
    pub website: Option<String>,
    pub description: String,
    pub logo_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::organisation_member::Entity")]
    Members,
}

impl Related<super::organisation_member::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Members.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
