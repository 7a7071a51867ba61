//! What a voter chose, for **named** polls only: anonymous polls never write here.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "poll_choices")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub poll_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub voter: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub option_id: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
