//! A survey: a questionnaire for an audience (scope), open between two times.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "surveys")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub title: String,
    pub description: String,
    pub scope: crate::scope::Scope,
    pub anonymous: bool,
    /// Respondents see the results.
    pub publish_results: bool,
    pub opens_at: DateTimeUtc,
    pub closes_at: DateTimeUtc,
    /// Submitted responses.
    pub responses: i32,
    pub created_by: Option<i32>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
