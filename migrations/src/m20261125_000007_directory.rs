//! The network directory ("Rete"): organisations as full records (codes, website, description,
//! logo, themes), profiles (bio, phone, photo, followed themes, who may see contact details),
//! disabled accounts, and the images that photos and logos are.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Images::Table)
                    .col(pk_auto(Images::Id))
                    // Checked from the file's first bytes: image/png, image/jpeg or image/webp.
                    .col(string_len(Images::ContentType, 32))
                    .col(blob(Images::Bytes))
                    .col(integer_null(Images::UploadedBy))
                    .col(timestamp_with_time_zone(Images::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_images_uploaded_by")
                            .from(Images::Table, Images::UploadedBy)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;

        // SQLite adds one column per ALTER TABLE.
        let organisation_columns = [
            ColumnDef::new(Organisations::IpaCode)
                .string_len(16)
                .null()
                .to_owned(),
            ColumnDef::new(Organisations::TaxCode)
                .string_len(16)
                .null()
                .to_owned(),
            ColumnDef::new(Organisations::Website)
                .string_len(300)
                .null()
                .to_owned(),
            ColumnDef::new(Organisations::Description)
                .text()
                .not_null()
                .default("")
                .to_owned(),
            ColumnDef::new(Organisations::LogoId)
                .integer()
                .null()
                .to_owned(),
        ];
        for column in organisation_columns {
            manager
                .alter_table(
                    Table::alter()
                        .table(Organisations::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        let user_columns = [
            ColumnDef::new(Users::Bio)
                .text()
                .not_null()
                .default("")
                .to_owned(),
            ColumnDef::new(Users::Phone)
                .string_len(40)
                .null()
                .to_owned(),
            // Who sees e-mail and phone: "team" (staff and one's referents only), "members"
            // (also members and experts) or "registered" (everyone signed in).
            ColumnDef::new(Users::ContactVisibility)
                .string_len(16)
                .not_null()
                .default("members")
                .to_owned(),
            ColumnDef::new(Users::PhotoId).integer().null().to_owned(),
            // A disabled person cannot sign in and is not listed; their content stays.
            ColumnDef::new(Users::DisabledAt)
                .timestamp_with_time_zone()
                .null()
                .to_owned(),
        ];
        for column in user_columns {
            manager
                .alter_table(
                    Table::alter()
                        .table(Users::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }

        // Themes a person follows, and themes an organisation works on.
        for (table, owner, owner_table, name) in [
            (
                UserThemes::Table.into_iden(),
                UserThemes::UserId.into_iden(),
                Users::Table.into_iden(),
                "user_themes",
            ),
            (
                OrganisationThemes::Table.into_iden(),
                OrganisationThemes::OrganisationId.into_iden(),
                Organisations::Table.into_iden(),
                "organisation_themes",
            ),
        ] {
            manager
                .create_table(
                    Table::create()
                        .table(table.clone())
                        .col(ColumnDef::new(owner.clone()).integer().not_null())
                        .col(integer(UserThemes::ThemeId))
                        .primary_key(Index::create().col(owner.clone()).col(UserThemes::ThemeId))
                        .foreign_key(
                            ForeignKey::create()
                                .name(format!("fk_{name}_owner"))
                                .from(table.clone(), owner.clone())
                                .to(owner_table, Alias::new("id"))
                                .on_delete(ForeignKeyAction::Cascade),
                        )
                        .foreign_key(
                            ForeignKey::create()
                                .name(format!("fk_{name}_theme"))
                                .from(table.clone(), UserThemes::ThemeId)
                                .to(Themes::Table, Themes::Id)
                                .on_delete(ForeignKeyAction::Cascade),
                        )
                        .to_owned(),
                )
                .await?;
            manager
                .create_index(
                    Index::create()
                        .name(format!("idx_{name}_theme"))
                        .table(table)
                        .col(UserThemes::ThemeId)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            OrganisationThemes::Table.into_iden(),
            UserThemes::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        for column in [
            Users::DisabledAt,
            Users::PhotoId,
            Users::ContactVisibility,
            Users::Phone,
            Users::Bio,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Users::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        for column in [
            Organisations::LogoId,
            Organisations::Description,
            Organisations::Website,
            Organisations::TaxCode,
            Organisations::IpaCode,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Organisations::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .drop_table(Table::drop().table(Images::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Images {
    Table,
    Id,
    ContentType,
    Bytes,
    UploadedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Organisations {
    Table,
    IpaCode,
    TaxCode,
    Website,
    Description,
    LogoId,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    Bio,
    Phone,
    ContactVisibility,
    PhotoId,
    DisabledAt,
}

#[derive(DeriveIden)]
enum Themes {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum UserThemes {
    Table,
    UserId,
    ThemeId,
}

#[derive(DeriveIden)]
enum OrganisationThemes {
    Table,
    OrganisationId,
}
