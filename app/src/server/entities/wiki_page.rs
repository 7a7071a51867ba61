//! A wiki page with its current text and rendered HTML (the history lives in `wiki_revisions`).
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "wiki_pages")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub space_id: i32,
    /// Lower-case slugs joined by `/`, e.g. `coprogettazione/avvisi`.
    pub path: String,
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub source: String,
    #[sea_orm(column_type = "Text")]
    pub html: String,
    /// The number of the current revision.
    pub revision_number: i32,
    pub size: i32,
    /// Only staff edit a protected page.
    pub protected: bool,
    pub validated_by: Option<i32>,
    pub validated_at: Option<DateTimeUtc>,
    pub review_at: Option<DateTimeUtc>,
    pub updated_by: Option<i32>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
