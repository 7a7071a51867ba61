//! One saved version of a wiki page.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "wiki_revisions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub page_id: i32,
    /// 1, 2, 3… per page (unique with the page).
    pub number: i32,
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub source: String,
    pub summary: String,
    pub author_id: Option<i32>,
    pub size: i32,
    pub size_delta: i32,
    /// `restore:<number>` or `post:<id>` when the text was not typed here.
    pub origin: Option<String>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
