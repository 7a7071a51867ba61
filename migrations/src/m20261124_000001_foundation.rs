//! The foundation: community settings, themes, organisations, people and their memberships.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Settings::Table)
                    .col(string_len(Settings::Key, 64).primary_key())
                    .col(text(Settings::Value))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Themes::Table)
                    .col(pk_auto(Themes::Id))
                    .col(string_len_uniq(Themes::Slug, 120))
                    .col(string_len(Themes::Name, 120))
                    .col(text(Themes::Description))
                    .col(string_len(Themes::Status, 16))
                    .col(timestamp_with_time_zone(Themes::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_themes_status_name")
                    .table(Themes::Table)
                    .col(Themes::Status)
                    .col(Themes::Name)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Organisations::Table)
                    .col(pk_auto(Organisations::Id))
                    .col(string_len_uniq(Organisations::Name, 200))
                    .col(string_len(Organisations::Kind, 24))
                    .col(string_len(Organisations::Region, 64))
                    .col(string_len(Organisations::City, 120))
                    .col(timestamp_with_time_zone(Organisations::CreatedAt))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Users::Table)
                    .col(pk_auto(Users::Id))
                    .col(string_len_uniq(Users::Username, 64))
                    .col(string_len_uniq(Users::Email, 254))
                    .col(string_len(Users::DisplayName, 120))
                    .col(string_len(Users::Role, 16))
                    .col(text(Users::PasswordHash))
                    .col(timestamp_with_time_zone(Users::CreatedAt))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(OrganisationMembers::Table)
                    .col(integer(OrganisationMembers::OrganisationId))
                    .col(integer(OrganisationMembers::UserId))
                    .col(string_len(OrganisationMembers::Role, 16))
                    .primary_key(
                        Index::create()
                            .col(OrganisationMembers::OrganisationId)
                            .col(OrganisationMembers::UserId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_org_members_org")
                            .from(
                                OrganisationMembers::Table,
                                OrganisationMembers::OrganisationId,
                            )
                            .to(Organisations::Table, Organisations::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_org_members_user")
                            .from(OrganisationMembers::Table, OrganisationMembers::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_org_members_user")
                    .table(OrganisationMembers::Table)
                    .col(OrganisationMembers::UserId)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            OrganisationMembers::Table.into_iden(),
            Users::Table.into_iden(),
            Organisations::Table.into_iden(),
            Themes::Table.into_iden(),
            Settings::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Settings {
    Table,
    Key,
    Value,
}

#[derive(DeriveIden)]
enum Themes {
    Table,
    Id,
    Slug,
    Name,
    Description,
    Status,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Organisations {
    Table,
    Id,
    Name,
    Kind,
    Region,
    City,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    Username,
    Email,
    DisplayName,
    Role,
    PasswordHash,
    CreatedAt,
}

#[derive(DeriveIden)]
enum OrganisationMembers {
    Table,
    OrganisationId,
    UserId,
    Role,
}
