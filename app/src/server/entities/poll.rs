//! A poll: the question, its scope and where it sits, its rules and its number of voters.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "polls")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub question: String,
    pub scope: crate::scope::Scope,
    pub group_id: Option<i32>,
    pub thread_id: Option<i32>,
    pub multiple: bool,
    pub max_choices: i32,
    pub opens_at: DateTimeUtc,
    pub closes_at: DateTimeUtc,
    /// `always`, `voted`, `closed` or `staff`.
    pub results: crate::features::polls::types::ResultsShown,
    pub anonymous: bool,
    pub per_organisation: bool,
    pub featured: bool,
    pub voters: i32,
    /// One more with every vote: the order of live updates.
    pub revision: i64,
    pub created_by: Option<i32>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
