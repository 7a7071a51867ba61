//! A post of a thread: its Markdown source and the sanitised HTML shown.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "posts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub thread_id: i32,
    pub author_id: Option<i32>,
    #[sea_orm(column_type = "Text")]
    pub source: String,
    #[sea_orm(column_type = "Text")]
    pub html: String,
    pub created_at: DateTimeUtc,
    pub edited_at: Option<DateTimeUtc>,
    pub edited_by: Option<i32>,
    pub edit_count: i32,
    pub deleted_at: Option<DateTimeUtc>,
    pub deleted_by: Option<i32>,
    pub hidden: bool,
    pub score: i32,
    pub useful_count: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
