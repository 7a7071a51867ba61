//! A forum thread: a discussion or a question, in one category.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "threads")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub category_id: i32,
    /// "discussion" or "question".
    pub kind: crate::features::forum::types::ThreadKind,
    pub title: String,
    pub author_id: Option<i32>,
    pub created_at: DateTimeUtc,
    pub last_activity_at: DateTimeUtc,
    pub last_post_id: Option<i32>,
    /// Visible posts after the first one.
    pub reply_count: i32,
    pub pinned: bool,
    pub locked: bool,
    pub hidden: bool,
    pub deleted_at: Option<DateTimeUtc>,
    pub accepted_post_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
