//! A `[[link]]` from a page to a path in a space (the target may not exist yet).
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "wiki_links")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub page_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub space_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub path: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
