//! What a person typed into a form that was refused, kept for ten minutes so the form's page can
//! show it again (`app::server::forms::refuse`). Never in the address: the browser holds only a
//! random token in a cookie; the row is found by the token's SHA-256.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(RefusedForms::Table)
                    .col(string_len(RefusedForms::Id, 64).primary_key())
                    // The server function's address: the form the values belong to.
                    .col(string_len(RefusedForms::Form, 120))
                    // The fields as a JSON array of [name, value] pairs.
                    .col(text(RefusedForms::Fields))
                    .col(timestamp_with_time_zone(RefusedForms::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_refused_forms_created")
                    .table(RefusedForms::Table)
                    .col(RefusedForms::CreatedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(RefusedForms::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum RefusedForms {
    Table,
    Id,
    Form,
    Fields,
    CreatedAt,
}
