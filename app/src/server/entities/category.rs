//! A forum category: the general one, one per theme, one per working group. Its scope decides
//! who sees it and everything in it.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "categories")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub slug: String,
    pub name: String,
    pub description: String,
    /// `public`, `registered`, `members`, `group:<id>` or `staff`.
    pub scope: crate::scope::Scope,
    pub theme_id: Option<i32>,
    pub group_id: Option<i32>,
    pub position: i32,
    /// Threads in it that are neither hidden nor deleted (kept by the forum's services).
    pub thread_count: i32,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
