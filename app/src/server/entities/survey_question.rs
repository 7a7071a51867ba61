//! A question of a survey; `kind` is `single`, `multiple`, `scale5`, `scale10`, `short` or
//! `long`; `options` (single and multiple) one per line.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "survey_questions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub survey_id: i32,
    pub section_id: i32,
    pub position: i32,
    pub kind: crate::features::surveys::types::QuestionKind,
    pub prompt: String,
    pub required: bool,
    pub options: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
