//! Who has voted in a poll: a person (`user:<id>`) or an organisation (`org:<id>`, cast by its
//! referent). One row per voter, by the primary key. For anonymous polls `voted_at` is empty.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "poll_voters")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub poll_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub voter: String,
    pub user_id: i32,
    pub organisation_id: Option<i32>,
    pub voted_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
