//! A theme of the community: proposed by members, then approved, merged into another theme or
//! rejected by staff (with a reason).
use sea_orm::entity::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
pub enum ThemeStatus {
    #[sea_orm(string_value = "proposed")]
    Proposed,
    #[sea_orm(string_value = "approved")]
    Approved,
    #[sea_orm(string_value = "rejected")]
    Rejected,
    #[sea_orm(string_value = "merged")]
    Merged,
}

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "themes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub slug: String,
    pub name: String,
    pub description: String,
    pub status: ThemeStatus,
    pub created_at: DateTimeUtc,
    pub proposed_by: Option<i32>,
    pub decided_by: Option<i32>,
    pub decided_at: Option<DateTimeUtc>,
    /// Why a proposal was rejected (shown to the person who proposed it).
    pub decision_note: Option<String>,
    /// The theme a merged proposal was folded into.
    pub merged_into: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
